/** Keyset cursors: round trips, refusal of anything the server did not make, and page cutting. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HttpError } from '../http/errors.ts';
import { cutPage, decodeCursor, encodeCursor } from './page-cursor.ts';

describe('page cursor', () => {
  test('decodes what it encodes; no cursor starts at 0', () => {
    for (const id of [0, 1, 4021, 680_000, Number.MAX_SAFE_INTEGER]) assert.equal(decodeCursor(encodeCursor(id)), id);
    assert.equal(decodeCursor(undefined), 0);
  });

  test('is opaque: not the bare id', () => {
    assert.notEqual(encodeCursor(42), '42');
    assert.match(encodeCursor(42), /^[\w-]+$/);
  });

  test('refuses cursors it did not make with a 400', () => {
    const bad = ['42', '', 'abc', Buffer.from('k1:-3').toString('base64url'), Buffer.from('k1:1.5').toString('base64url'), Buffer.from('k2:7').toString('base64url'), 'a/b+c='];
    for (const cursor of bad) {
      assert.throws(() => decodeCursor(cursor), (error: unknown) => error instanceof HttpError && error.status === 400, cursor);
    }
  });

  test('cutPage keeps limit rows and gives next only when an extra row came', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: (i + 1) * 10 }));
    assert.deepEqual(cutPage(rows(3), 3), { rows: rows(3), next: null });
    assert.deepEqual(cutPage(rows(2), 3), { rows: rows(2), next: null });
    const full = cutPage(rows(4), 3);
    assert.deepEqual(full.rows, rows(3));
    assert.equal(decodeCursor(full.next!), 30);
  });
});
