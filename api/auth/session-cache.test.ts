import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal } from './principal.ts';
import { SessionCache } from './session-cache.ts';

const principal = (sessionId: number): Principal => ({ sessionId, userId: 1, username: 'u', role: 'dispatcher', departmentId: null });

test('keeps a principal for the TTL, forgets it on sign-out, and stays within its size', () => {
  const cache = new SessionCache(5_000, 2);
  cache.set('a', principal(1), 1_000);
  assert.equal(cache.get('a', 5_999)?.sessionId, 1);
  assert.equal(cache.get('a', 6_000), undefined, 'expired');
  cache.set('a', principal(1), 10_000);
  cache.set('b', principal(2), 10_000);
  cache.forgetSession(1);
  assert.equal(cache.get('a', 10_001), undefined);
  assert.equal(cache.get('b', 10_001)?.sessionId, 2);
  cache.set('c', principal(3), 10_000);
  cache.set('d', principal(4), 10_000);
  assert.equal(cache.get('b', 10_001), undefined, 'the oldest made room');
});
