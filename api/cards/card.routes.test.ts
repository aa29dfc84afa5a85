import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesEtag } from './card.routes.ts';

test('If-None-Match matches the ETag weakly, in a list, or as *', () => {
  const etag = '"card-3205060101000001-v3-abc"';
  assert.ok(matchesEtag(etag, etag));
  assert.ok(matchesEtag(`W/${etag}`, etag));
  assert.ok(matchesEtag(`"other", ${etag}`, etag));
  assert.ok(matchesEtag('*', etag));
  assert.ok(!matchesEtag(undefined, etag));
  assert.ok(!matchesEtag('"card-3205060101000001-v2-abc"', etag));
});
