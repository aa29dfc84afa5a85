import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { apiTypesFile, generateApiTypes } from './api-types.ts';

test('the web client types match the OpenAPI document (run npm run api:types after changing a schema)', async () => {
  const generated = await generateApiTypes();
  assert.ok(generated.includes('"/api/components/{code}"'), 'the component card path is typed');
  assert.equal(fs.readFileSync(apiTypesFile, 'utf8'), generated);
});
