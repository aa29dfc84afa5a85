import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { tileBounds, tileExtent } from './tile-address.ts';
import { TileLayers } from './tile-encoder.ts';

const tile = { z: 14, x: 13703, y: 6710 };
const { west, south, east, north } = tileBounds(tile);
const lonAt = (f: number) => west + (east - west) * f;
const latAt = (f: number) => north - (north - south) * f;

const schema = { components: ['code', 'open_case', 'n'], grids: ['code'] };

function decode(bytes: Uint8Array) {
  return new VectorTile(new PbfReader(bytes));
}

test('an empty tile encodes to nothing', () => {
  assert.equal(new TileLayers(tile, schema).encode(), null);
});

test('points, lines and polygons round-trip through MVT with ids and properties', () => {
  const layers = new TileLayers(tile, schema);
  layers.addPoint('components', lonAt(0.5), latAt(0.25), ['3205060101000001', true, 3], 42);
  layers.addGeometry('components', { type: 'LineString', coordinates: [[lonAt(0.1), latAt(0.1)], [lonAt(0.9), latAt(0.9)]] }, ['line'], 43);
  layers.addGeometry(
    'grids',
    {
      type: 'Polygon',
      coordinates: [
        [[lonAt(0), latAt(1)], [lonAt(1), latAt(1)], [lonAt(1), latAt(0)], [lonAt(0), latAt(0)], [lonAt(0), latAt(1)]],
        [[lonAt(0.4), latAt(0.6)], [lonAt(0.4), latAt(0.4)], [lonAt(0.6), latAt(0.4)], [lonAt(0.6), latAt(0.6)], [lonAt(0.4), latAt(0.6)]],
      ],
    },
    ['g'],
  );
  const decoded = decode(layers.encode()!);
  assert.deepEqual(Object.keys(decoded.layers).sort(), ['components', 'grids']);
  const components = decoded.layers.components!;
  assert.equal(components.length, 2);
  assert.equal(components.extent, tileExtent);
  const point = components.feature(0);
  assert.equal(point.id, 42);
  assert.deepEqual({ ...point.properties }, { code: '3205060101000001', open_case: true, n: 3 });
  assert.deepEqual(point.loadGeometry()[0]!.map((p) => [p.x, p.y]), [[2048, 1024]]);
  const line = components.feature(1);
  assert.equal(line.type, 2);
  assert.deepEqual(line.loadGeometry()[0]!.map((p) => [p.x, p.y]), [[410, 410], [3686, 3686]]);
  const polygon = decoded.layers.grids!.feature(0);
  assert.equal(polygon.type, 3);
  // the hole stays a hole: one polygon with two rings, and back in degrees it matches
  const geojson = polygon.toGeoJSON(tile.x, tile.y, tile.z);
  assert.equal(geojson.geometry.type, 'Polygon');
  assert.equal((geojson.geometry as { coordinates: unknown[] }).coordinates.length, 2);
});

test('rings and lines that collapse at this zoom are dropped, and with them a polygon whose outer ring collapsed', () => {
  const layers = new TileLayers(tile, schema);
  const tiny = 1e-7;
  layers.addGeometry('components', { type: 'Polygon', coordinates: [[[lonAt(0.5), latAt(0.5)], [lonAt(0.5) + tiny, latAt(0.5)], [lonAt(0.5), latAt(0.5) + tiny], [lonAt(0.5), latAt(0.5)]]] }, []);
  layers.addGeometry('components', { type: 'LineString', coordinates: [[lonAt(0.5), latAt(0.5)], [lonAt(0.5) + tiny, latAt(0.5)]] }, []);
  layers.addGeometry('components', { type: 'GeometryCollection', geometries: [] }, []);
  assert.equal(layers.size, 0);
  assert.equal(layers.encode(), null);
});
