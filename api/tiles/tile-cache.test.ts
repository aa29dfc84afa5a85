import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TileCache } from './tile-cache.ts';

const tile = (bytes: number) => ({ raw: Buffer.alloc(bytes), gzip: null });

test('keeps tiles of the current version and forgets older versions', () => {
  const cache = new TileCache(10_000);
  cache.set(1, 'a', tile(10));
  assert.ok(cache.get(1, 'a'));
  assert.equal(cache.get(2, 'a'), undefined, 'asked with a newer version');
  cache.set(2, 'b', tile(10));
  assert.equal(cache.get(1, 'a'), undefined);
  assert.equal(cache.size, 1);
  cache.set(1, 'c', tile(10));
  assert.equal(cache.get(2, 'c'), undefined, 'a tile built from an older version is not kept');
});

test('evicts the least recently used tiles beyond the budget', () => {
  const cache = new TileCache(3 * (64 + 100));
  for (const key of ['a', 'b', 'c']) cache.set(1, key, tile(100));
  cache.get(1, 'a');
  cache.set(1, 'd', tile(100));
  assert.ok(cache.get(1, 'a'));
  assert.equal(cache.get(1, 'b'), undefined);
  assert.ok(cache.get(1, 'c') && cache.get(1, 'd'));
  assert.ok(cache.byteSize <= 3 * 164);
  cache.set(1, 'huge', tile(10_000));
  assert.equal(cache.get(1, 'huge'), undefined, 'a tile larger than the budget is not kept');
  assert.equal(cache.size, 3);
});

test('empty tiles are kept too', () => {
  const cache = new TileCache(1000);
  cache.set(5, 'empty', { raw: null, gzip: null });
  assert.deepEqual(cache.get(5, 'empty'), { raw: null, gzip: null });
});
