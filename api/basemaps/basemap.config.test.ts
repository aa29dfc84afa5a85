import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';
import { basemapOrigins, defaultBasemaps, parseBasemaps } from './basemap.config.ts';

const local = { id: 'local', name_zh: '本地底图', name_en: 'Local', datum: 'gcj02', tiles: ['http://127.0.0.1:9000/t/{z}/{x}/{y}.png'], attribution: '© test' };

test('CIVICGRID_BASEMAPS is parsed, with defaults for maxzoom and tile size', () => {
  const [basemap] = parseBasemaps(JSON.stringify([local]));
  assert.deepEqual(basemap, { ...local, maxzoom: 18, tile_size: 256 });
  assert.deepEqual(parseBasemaps('[]'), []);
});

test('a bad CIVICGRID_BASEMAPS is refused with what is wrong and where', () => {
  assert.throws(() => parseBasemaps('[{'), /not JSON/);
  assert.throws(() => parseBasemaps(JSON.stringify([{ ...local, tiles: ['http://x.cn/tiles.png'] }])), /0\.tiles\.0: must hold \{z\}, \{x\} and \{y\}/);
  assert.throws(() => parseBasemaps(JSON.stringify([{ ...local, tiles: ['javascript:alert(1)//{z}{x}{y}'] }])), /0\.tiles\.0/);
  assert.throws(() => parseBasemaps(JSON.stringify([{ ...local, datum: 'bd09' }])), /0\.datum/);
  assert.throws(() => parseBasemaps(JSON.stringify([local, local])), /ids must differ/);
  assert.throws(
    () => loadConfig({ CIVICGRID_BASEMAPS: '{"id": 1}' }),
    (error: unknown) => error instanceof ConfigError && /CIVICGRID_BASEMAPS: list: .*expected array/.test(error.message),
  );
});

test('unset, the defaults are offered: Tianditu only with its key', () => {
  assert.deepEqual(
    loadConfig({}).basemaps.map((b) => [b.id, b.datum]),
    [
      ['osm', 'wgs84'],
      ['autonavi', 'gcj02'],
    ],
  );
  const withKey = loadConfig({ CIVICGRID_TIANDITU_KEY: 'abcdef0123456789' }).basemaps;
  assert.equal(withKey[0]!.id, 'tianditu');
  assert.ok(withKey[0]!.tiles[0]!.endsWith('tk=abcdef0123456789') && withKey[0]!.labels!.length === 8);
  assert.deepEqual(loadConfig({ CIVICGRID_BASEMAPS: '[]' }).basemaps, []);
});

test("the Content-Security-Policy's extra origins are the tile hosts, each once", () => {
  assert.deepEqual(basemapOrigins(defaultBasemaps()), ['https://tile.openstreetmap.org', ...[1, 2, 3, 4].map((n) => `https://webrd0${n}.is.autonavi.com`)]);
  assert.deepEqual(basemapOrigins(parseBasemaps(JSON.stringify([local]))), ['http://127.0.0.1:9000']);
});
