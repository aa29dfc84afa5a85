/** The versioned memo: kept within a version, dropped when the version moves, bounded in size. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VersionedCache } from './versioned-cache.ts';

test('computes once per key and version', async () => {
  const cache = new VersionedCache<number>();
  let calls = 0;
  const compute = async () => ++calls;
  assert.equal(await cache.get(1, 'a', compute), 1);
  assert.equal(await cache.get(1, 'a', compute), 1);
  assert.equal(await cache.get(1, 'b', compute), 2);
  assert.equal(await cache.get(2, 'a', compute), 3, 'a new version computes again');
  assert.equal(await cache.get(2, 'a', compute), 3);
});

test('a value computed for an older version is returned but not kept', async () => {
  const cache = new VersionedCache<string>();
  let release!: () => void;
  const slow = cache.get(1, 'a', () => new Promise((resolve) => (release = () => resolve('old'))));
  assert.equal(await cache.get(2, 'a', async () => 'new'), 'new');
  release();
  assert.equal(await slow, 'old');
  assert.equal(await cache.get(2, 'a', async () => 'again'), 'new');
});

test('holds at most maxEntries, dropping the oldest', async () => {
  const cache = new VersionedCache<string>(2);
  await cache.get(1, 'a', async () => 'a1');
  await cache.get(1, 'b', async () => 'b1');
  await cache.get(1, 'c', async () => 'c1');
  assert.equal(await cache.get(1, 'a', async () => 'a2'), 'a2', 'a was evicted');
  assert.equal(await cache.get(1, 'c', async () => 'c2'), 'c1', 'c was kept');
});
