/**
 * /tiles end to end: TileJSON, tiles decoded with @mapbox/vector-tile and checked against the
 * database, aggregates that add up, ETag/304, gzip, bad addresses, and a tile that is never stale
 * after each kind of write (an import, an ownership change, a case).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { gcoord } from '../../etl/reproject/gcoord.ts';
import { PbfReader } from 'pbf';
import { tileBounds, tileBuffer, tileContaining } from '../../api/tiles/tile-address.ts';
import { TileService } from '../../api/tiles/tile.service.ts';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let app: TestApp;
let token: string;

before(async () => {
  db = await openTestDatabase();
  await seedComponents(db.knex, 1500);
  app = await startTestApp(db);
  token = await app.signIn('dispatcher1', 'dispatcher');
});
after(async () => {
  await app?.close();
  await db?.close();
});

interface Fetched {
  status: number;
  headers: Headers;
  tile: VectorTile | null;
}

async function getTile(path: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const response = await fetch(app.url + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, tile: response.status === 200 ? new VectorTile(new PbfReader(bytes)) : null };
}

const tileOf = tileContaining;

function features(layer: VectorTileLayer | undefined) {
  const out = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) out.push(layer!.feature(i));
  return out;
}

async function someComponent() {
  const row = await db.knex('components').select('id', 'code', 'class_code', 'ownership_status', db.knex.raw('ST_X(point) as lon, ST_Y(point) as lat')).orderBy('id').first();
  return row as { id: string; code: string; class_code: string; ownership_status: string; lon: number; lat: number };
}

test('TileJSON describes the tileset and is for signed-in map users only', async () => {
  const anonymous = await fetch(`${app.url}/tiles/components.json`);
  assert.equal(anonymous.status, 401);
  const contractor = await app.signIn('contractor1', 'contractor');
  assert.equal((await app.request('GET', '/tiles/components.json', { token: contractor })).status, 403);

  const response = await app.request('GET', '/tiles/components.json', { token });
  assert.equal(response.status, 200);
  const tilejson = response.body;
  assert.equal(tilejson.tilejson, '3.0.0');
  assert.equal(tilejson.tiles[0], `${app.url}/tiles/components/{z}/{x}/{y}.mvt`);
  assert.deepEqual(tilejson.vector_layers.map((l: { id: string }) => l.id), ['components', 'component_aggregates', 'cases', 'grids', 'grid_labels']);
  const [west, south, east, north] = tilejson.bounds;
  assert.ok(west > 120 && east < 121 && south > 30.8 && north < 31.5, `Wuzhong's bounds: ${tilejson.bounds}`);
  const aggregateFields = Object.keys(tilejson.vector_layers[1].fields);
  assert.ok(aggregateFields.includes('m01') && aggregateFields.includes('total'), aggregateFields.join());
});

test('a z14 tile holds exactly the components in its buffered extent, with their properties and ids', async () => {
  const component = await someComponent();
  const address = tileOf(component.lon, component.lat, 14);
  const { status, tile } = await getTile(`/tiles/components/${address.z}/${address.x}/${address.y}.mvt`);
  assert.equal(status, 200);
  const decoded = features(tile!.layers.components);
  const b = tileBounds(address, tileBuffer);
  const expected: { code: string; department: string | null }[] = await db
    .knex('components as c')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .whereRaw('c.point && ST_MakeEnvelope(?, ?, ?, ?, 4326)', [b.west, b.south, b.east, b.north])
    .select('c.code', 'd.code as department');
  assert.equal(decoded.length, expected.length);
  assert.deepEqual(decoded.map((f) => [f.properties.code, f.properties.department]).sort(), expected.map((row) => [row.code, row.department ?? '']).sort());
  assert.ok(expected.some((row) => row.department), 'owned components among them');
  const feature = decoded.find((f) => f.properties.code === component.code)!;
  assert.equal(feature.id, Number(component.id));
  assert.equal(feature.properties.class, component.class_code);
  assert.equal(feature.properties.major, component.class_code.slice(0, 2));
  assert.equal(feature.properties.ownership, component.ownership_status);
  assert.equal(feature.properties.open_case, false);
  assert.equal(feature.type, 1);
  // back to degrees, within a tile unit (about 2.4 m at z14)
  const point = feature.toGeoJSON(address.x, address.y, address.z).geometry as { coordinates: number[] };
  assert.ok(Math.abs(point.coordinates[0]! - component.lon) < 3e-5 && Math.abs(point.coordinates[1]! - component.lat) < 3e-5);
  assert.equal(tile!.layers.component_aggregates, undefined, 'no aggregates where points are drawn');
  assert.ok(features(tile!.layers.grids).some((f) => f.properties.level === 4), 'base grid boundaries');
});

test('a GCJ-02 tile (?datum=gcj02) holds exactly the components whose shifted position falls in it, at that position', async () => {
  const component = await someComponent();
  const [gcjLon, gcjLat] = gcoord.transform([component.lon, component.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const address = tileOf(gcjLon, gcjLat, 14);
  const path = `/tiles/components/${address.z}/${address.x}/${address.y}.mvt`;
  const { status, tile, headers } = await getTile(`${path}?datum=gcj02`);
  assert.equal(status, 200);
  const b = tileBounds(address, tileBuffer);
  const all: { code: string; lon: number; lat: number }[] = await db.knex('components').select('code', db.knex.raw('ST_X(point) as lon, ST_Y(point) as lat'));
  const expected = new Map<string, [number, number]>();
  for (const row of all) {
    const [lon, lat] = gcoord.transform([row.lon, row.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    if (lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north) expected.set(row.code, [lon, lat]);
  }
  const decoded = features(tile!.layers.components);
  assert.ok(expected.size > 0);
  assert.deepEqual(decoded.map((f) => f.properties.code).sort(), [...expected.keys()].sort());
  for (const feature of decoded) {
    const [lon, lat] = (feature.toGeoJSON(address.x, address.y, address.z).geometry as { coordinates: number[] }).coordinates as [number, number];
    const [x, y] = expected.get(String(feature.properties.code))!;
    assert.ok(Math.abs(lon - x) < 3e-5 && Math.abs(lat - y) < 3e-5, `${feature.properties.code} at ${lon},${lat}, expected ${x},${y}`);
  }
  // the shift is hundreds of metres in Wuzhong: the same address in WGS84 draws the component elsewhere, or not at all
  const wgs84 = await getTile(path);
  const there = features(wgs84.tile?.layers.components).find((f) => f.properties.code === component.code);
  if (there) {
    const [lon] = (there.toGeoJSON(address.x, address.y, address.z).geometry as { coordinates: number[] }).coordinates as [number, number];
    assert.ok(Math.abs(lon - gcjLon) > 0.002, 'the WGS84 tile is not shifted');
  }
  assert.notEqual(headers.get('etag'), wgs84.headers.get('etag'), 'each datum has its own ETag');
  assert.ok(features(tile!.layers.grids).length > 0, 'grid boundaries, shifted alike');

  const bad = await fetch(`${app.url}${path}?datum=bd09`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(await bad.json()), /datum/);
});

test('at z13 components come without code and department, to keep dense tiles small', async () => {
  const component = await someComponent();
  const address = tileOf(component.lon, component.lat, 13);
  const { tile } = await getTile(`/tiles/components/13/${address.x}/${address.y}.mvt`);
  const feature = features(tile!.layers.components).find((f) => f.id === Number(component.id))!;
  assert.deepEqual(Object.keys(feature.properties).sort(), ['class', 'major', 'open_case', 'ownership']);
  assert.equal(feature.properties.class, component.class_code);
});

test('low zooms carry grid aggregates that add up to the inventory, per major class', async () => {
  const { tile } = await getTile('/tiles/components/0/0/0.mvt');
  assert.equal(tile!.layers.components, undefined);
  const towns = features(tile!.layers.component_aggregates);
  assert.equal(towns.length, 14);
  assert.ok(towns.every((f) => f.properties.level === 2));
  const total = towns.reduce((sum, f) => sum + Number(f.properties.total), 0);
  assert.equal(total, 1500);
  const byMajor = await db.knex('components').select(db.knex.raw('substr(class_code, 1, 2) as major')).count('* as n').groupBy('major');
  for (const { major, n } of byMajor as { major: string; n: string }[]) {
    assert.equal(towns.reduce((sum, f) => sum + Number(f.properties[`m${major}`] ?? 0), 0), Number(n), `major class ${major}`);
  }

  const component = await someComponent();
  const z11 = tileOf(component.lon, component.lat, 11);
  const communities = features((await getTile(`/tiles/components/11/${z11.x}/${z11.y}.mvt`)).tile!.layers.component_aggregates);
  assert.ok(communities.length > 0 && communities.every((f) => f.properties.level === 3));
  const z12 = tileOf(component.lon, component.lat, 12);
  const baseGrids = features((await getTile(`/tiles/components/12/${z12.x}/${z12.y}.mvt`)).tile!.layers.component_aggregates);
  assert.ok(baseGrids.length > 0 && baseGrids.every((f) => f.properties.level === 4));
  // the component's own base grid counts it
  const grid = await db.knex('components as c').join('grids as g', 'g.id', 'c.grid_id').where('c.code', component.code).first('g.code');
  const own = baseGrids.find((f) => f.properties.code === grid.code);
  assert.ok(own && Number(own.properties.total) >= 1);
});

test('gzip when accepted, ETag revalidation answers 304, and bad or empty addresses get 400 and 204', async () => {
  const component = await someComponent();
  const { x, y } = tileOf(component.lon, component.lat, 15);
  const path = `/tiles/components/15/${x}/${y}.mvt`;
  const raw = await fetch(app.url + path, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } });
  assert.equal(raw.headers.get('content-encoding'), null);
  assert.equal(raw.headers.get('content-type'), 'application/vnd.mapbox-vector-tile');
  const rawBytes = Buffer.from(await raw.arrayBuffer());
  const zipped = await getTile(path, { 'accept-encoding': 'gzip' });
  assert.equal(zipped.headers.get('content-encoding'), 'gzip');
  assert.equal(zipped.tile!.layers.components!.length, new VectorTile(new PbfReader(rawBytes)).layers.components!.length);

  const etag = zipped.headers.get('etag')!;
  assert.match(etag, /^"\d+-15-\d+-\d+"$/);
  const again = await fetch(app.url + path, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag } });
  assert.equal(again.status, 304);

  for (const bad of ['/tiles/components/abc/0/0.mvt', '/tiles/components/1/2/0.mvt', '/tiles/components/23/0/0.mvt', '/tiles/components/3/-1/0.mvt']) {
    const response = await app.request('GET', bad, { token });
    assert.equal(response.status, 400, bad);
    assert.equal(response.body.error.code, 'bad_request');
    assert.match(response.body.error.message, /^tile /);
  }
  const ocean = await getTile('/tiles/components/14/0/0.mvt');
  assert.equal(ocean.status, 204);
});

test('a tile not built yet is one statement: requests at once share it, its ETag names the version its features are of, and a write shows', async () => {
  const service = new TileService(db.knex);
  const row = (await db.knex('components').select('id', 'code', db.knex.raw('ST_X(point) as lon, ST_Y(point) as lat')).orderBy('id', 'desc').first()) as { id: string; code: string; lon: number; lat: number };
  const address = tileOf(row.lon, row.lat, 16);
  const ownershipOf = (tile: { raw: Buffer | null }) => features(new VectorTile(new PbfReader(tile.raw!)).layers.components).find((f) => f.properties.code === row.code)?.properties.ownership;

  const [first, second] = await Promise.all([service.latest(address), service.latest(address)]);
  assert.equal(first.raw, second.raw, 'one build for both');
  const version = await service.version();
  assert.equal(first.version, version);
  assert.equal(first.etag, service.etag(version, address));
  assert.equal(ownershipOf(first), 'pending');

  const [status] = await db.knex('components').where({ id: row.id }).update({ ownership_status: 'disputed', version: db.knex.raw('version + 1') }, ['ownership_status']);
  assert.equal(status.ownership_status, 'disputed');
  const later = await service.latest(address);
  assert.ok(later.version > version, 'the kept tile was of an older version');
  assert.equal(ownershipOf(later), 'disputed');
  await db.knex('components').where({ id: row.id }).update({ ownership_status: 'pending' });
});

test('a tile service warmed at start-up builds its first low-zoom tile without counting the inventory', async () => {
  const component = await someComponent();
  const address = tileOf(component.lon, component.lat, 10);
  const countingQueries = async (service: TileService) => {
    const counted: string[] = [];
    const listen = (query: { sql: string }) => {
      if (/count\(\*\)::int as count/.test(query.sql)) counted.push(query.sql);
    };
    db.knex.on('query', listen);
    try {
      await service.tile(address, await service.version());
    } finally {
      db.knex.removeListener('query', listen);
    }
    return counted.length;
  };
  assert.equal(await countingQueries(new TileService(db.knex)), 1, 'cold: the aggregates are counted for the first tile');
  const warmed = new TileService(db.knex);
  await warmed.warm();
  assert.equal(await countingQueries(warmed), 0, 'warmed: already counted');
});

test('a tile is never stale: an import, an ownership change and a case each show at once', async () => {
  const component = await someComponent();
  const address = tileOf(component.lon, component.lat, 14);
  const path = `/tiles/components/14/${address.x}/${address.y}.mvt`;
  const first = await getTile(path);
  const etag = first.headers.get('etag')!;
  const find = (fetched: Fetched) => features(fetched.tile!.layers.components).find((f) => f.properties.code === component.code)!;

  // ownership change
  await db.knex('components').where({ id: component.id }).update({ ownership_status: 'confirmed', version: db.knex.raw('version + 1') });
  const revalidated = await fetch(app.url + path, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag } });
  assert.equal(revalidated.status, 200, 'the old ETag no longer matches');
  const afterOwnership = await getTile(path);
  assert.equal(find(afterOwnership).properties.ownership, 'confirmed');

  // a case on the component
  const [grid] = await db.knex('components').where({ id: component.id }).pluck('grid_id');
  await db.knex('cases').insert({
    number: '320506-20261128-9001',
    source: 'dispatcher',
    component_id: component.id,
    location: db.knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [component.lon, component.lat]),
    grid_id: grid,
    case_class: 'B',
    deadlines: JSON.stringify({ verify: '2000-01-01T00:00:00Z' }),
  });
  const afterCase = await getTile(path);
  assert.equal(find(afterCase).properties.open_case, true);
  const cases = features(afterCase.tile!.layers.cases);
  assert.equal(cases.length, 1);
  assert.equal(cases[0]!.properties.number, '320506-20261128-9001');
  assert.equal(cases[0]!.properties.state, 'reported');
  assert.equal(cases[0]!.properties.case_class, 'B');
  assert.equal(cases[0]!.properties.department, '', 'not dispatched yet');
  assert.equal(cases[0]!.properties.overdue, true, 'its verify deadline is long past');
  // z12 shows cases but no single component: the components part of the statement is skipped
  const z12Cases = tileOf(component.lon, component.lat, 12);
  const z12Tile = (await getTile(`/tiles/components/12/${z12Cases.x}/${z12Cases.y}.mvt`)).tile!;
  assert.equal(z12Tile.layers.components, undefined);
  assert.equal(features(z12Tile.layers.cases).length, 1);
  const z12 = tileOf(component.lon, component.lat, 12);
  const aggregates = features((await getTile(`/tiles/components/12/${z12.x}/${z12.y}.mvt`)).tile!.layers.component_aggregates);
  assert.equal(aggregates.reduce((sum, f) => sum + Number(f.properties.open_cases), 0), 1);

  // new components (as an import commits them): a copy of the component 30 m east, under a new serial
  const before = (await getTile('/tiles/components/0/0/0.mvt')).tile!;
  const sum = (tile: VectorTile) => features(tile.layers.component_aggregates).reduce((total, f) => total + Number(f.properties.total), 0);
  assert.equal(sum(before), 1500);
  await db.knex.raw(
    `insert into components (code, class_code, geom, point, attributes, grid_id, department_id, ownership_status)
     select substr(code, 1, 10) || '999999', class_code, ST_Translate(geom, 0.0003, 0), ST_Translate(point, 0.0003, 0), attributes, grid_id, department_id, 'pending'
     from components where id = ?`,
    [component.id],
  );
  const towns = (await getTile('/tiles/components/0/0/0.mvt')).tile!;
  assert.equal(sum(towns), 1501);
  const codes = features((await getTile(path)).tile!.layers.components).map((f) => f.properties.code);
  assert.ok(codes.includes(`${component.code.slice(0, 10)}999999`), 'the new component is in its tile');
});
