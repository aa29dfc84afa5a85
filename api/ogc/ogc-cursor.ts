/**
 * The paging token behind `next` links: keyset paging on the table's id, so a page costs the same
 * at the millionth feature as at the first and a write between pages never repeats or skips a
 * feature that was already there. Opaque to clients (base64url), so the encoding may change.
 */

const prefix = 'after:';

/** The token for "the features after this id". */
export function encodeCursor(afterId: string | number): string {
  return Buffer.from(`${prefix}${afterId}`).toString('base64url');
}

/** The id a token points after, or undefined when the token is not one of ours. */
export function decodeCursor(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^after:(0|[1-9]\d{0,17})$/.exec(text);
  return match?.[1];
}
