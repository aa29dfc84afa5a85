import assert from 'node:assert/strict';
import { test } from 'node:test';
import { homeFor, pagesFor } from './navigation.ts';

test('each role lands where its work is and sees only the pages it can use', () => {
  assert.equal(homeFor('dispatcher'), '/map');
  assert.equal(homeFor('owner'), '/department');
  assert.equal(homeFor('contractor'), '/surveys');
  assert.deepEqual(pagesFor('contractor').map((p) => p.id), ['surveys']);
  assert.deepEqual(pagesFor('inspector').map((p) => p.id), ['map', 'cases']);
  assert.ok(!pagesFor('owner').some((p) => p.id === 'surveys'));
});
