/**
 * Opaque keyset cursors: the page after a row is `id > last id` in id order, which stays correct
 * while rows are added or changed between pages and costs the same on page 1 and page 7,000. The
 * cursor is base64url text, so clients treat it as a token and never build one.
 *
 * @example
 * decodeCursor(encodeCursor(4021)) // → 4021
 */
import { badRequest } from '../http/errors.ts';

const prefix = 'k1:';

/** The cursor that continues after the row with this id. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`${prefix}${lastId}`, 'utf8').toString('base64url');
}

/** The id a cursor continues after; 0 without a cursor; a 400 for anything not made by encodeCursor. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const text = /^[\w-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const id = text.startsWith(prefix) ? Number(text.slice(prefix.length)) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 0 || !/^\d+$/.test(text.slice(prefix.length))) {
    throw badRequest('cursor is not one this server gave: pass the `next` value of the previous page unchanged');
  }
  return id;
}

/**
 * Cuts a page from rows fetched with `limit + 1`: the extra row only says that more follow, so the
 * last page has no `next` and a client never fetches an empty page.
 */
export function cutPage<T extends { id: number }>(rows: readonly T[], limit: number): { rows: T[]; next: string | null } {
  if (rows.length <= limit) return { rows: [...rows], next: null };
  const page = rows.slice(0, limit);
  return { rows: page, next: encodeCursor(page[page.length - 1]!.id) };
}
