import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeClassMismatch, codeMalformed } from './code-rules.ts';
import { point, recordOf, testContext } from './test-support.ts';

const run = (rule: typeof codeMalformed, code: string | null, classCode: string | null = '0118', columns?: Record<string, string>) =>
  rule.check!({ record: recordOf(point(), { code }), classCode, context: { ...testContext, columns } });

test('code.malformed: a present ObjID must be 16 digits of this district, a class and a serial', () => {
  assert.equal(run(codeMalformed, null), null);
  assert.equal(run(codeMalformed, '0'), null); // a numeric column's blank
  assert.equal(run(codeMalformed, '3205060118000001'), null);
  assert.equal(
    run(codeMalformed, '12'),
    "ObjID '12' is not a 16-digit component code (320506 + 4-digit class + 6-digit serial); leave it blank for a component new to the census",
  );
  assert.equal(run(codeMalformed, '320506011800001'), "ObjID '320506011800001' is not a 16-digit component code (320506 + 4-digit class + 6-digit serial); leave it blank for a component new to the census");
  assert.equal(run(codeMalformed, '3205080101000001'), "ObjID '3205080101000001' starts with 320508, not 吴中区's division code 320506");
  assert.equal(run(codeMalformed, '3205069901000001'), "ObjID '3205069901000001': 9901 (digits 7–10) is not a component class");
  assert.equal(run(codeMalformed, '3205060118000000'), "ObjID '3205060118000000': serial 000000 is not used (serials start at 000001)");
});

test('messages name the contractor\'s column', () => {
  assert.match(run(codeMalformed, 'A-17', '0118', { code: '部件标识码' })!, /^部件标识码 'A-17' is not/);
});

test('code.class_mismatch: the class digits must be the row\'s class', () => {
  assert.equal(run(codeClassMismatch, '3205060118000001', '0118'), null);
  assert.equal(
    run(codeClassMismatch, '3205060103000017', '0118'),
    "ObjID '3205060103000017' is the code of a 雨水井盖 (0103), but the row is a 路灯 (0118): correct the type or the code",
  );
  assert.equal(run(codeClassMismatch, '3205060103000017', null), null);
  assert.equal(run(codeClassMismatch, 'bad', '0118'), null); // malformed codes are code.malformed's
});
