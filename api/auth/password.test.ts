import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password.ts';

test('a hashed password verifies, a wrong one does not', async () => {
  const stored = await hashPassword('井盖-manhole-2026');
  assert.match(stored, /^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
  assert.equal(await verifyPassword('井盖-manhole-2026', stored), true);
  assert.equal(await verifyPassword('井盖-manhole-2027', stored), false);
  assert.equal(await verifyPassword('', stored), false);
});

test('each hash has its own salt', async () => {
  assert.notEqual(await hashPassword('same'), await hashPassword('same'));
});

test('a malformed stored hash never verifies', async () => {
  assert.equal(await verifyPassword('x', 'plain-text'), false);
  assert.equal(await verifyPassword('x', 'bcrypt$1$2$3$abc$def'), false);
});
