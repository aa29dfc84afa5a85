import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import vtpbf from 'vt-pbf';
import { seededRandom } from '../../scripts/grids/seeded-random.ts';
import { GeometryType, MvtLayer, encodeMvt, type TagValue } from './mvt-writer.ts';

const propertyNames = ['code', 'class', 'n', 'open_case', 'x'];

interface Feature {
  id: number | undefined;
  type: GeometryType;
  parts: number[][];
  tags: Record<string, TagValue | null>;
}

function randomFeatures(next: () => number, count: number): Feature[] {
  const coordinate = () => Math.floor(next() * 4300) - 100; // a little outside the tile too
  const values: (TagValue | null)[] = ['井盖', 'lamp', '', 0, 7, 300000, -5, 2.5, -0.125, true, false, null, 2 ** 40];
  const features: Feature[] = [];
  for (let i = 0; i < count; i++) {
    const type = (1 + Math.floor(next() * 3)) as GeometryType;
    const parts: number[][] = [];
    const partCount = 1 + Math.floor(next() * 3);
    for (let p = 0; p < partCount; p++) {
      if (type === GeometryType.Point) {
        parts.push([coordinate(), coordinate()]);
        continue;
      }
      const part: number[] = [];
      const vertices = 2 + Math.floor(next() * 6);
      for (let v = 0; v < vertices; v++) part.push(coordinate(), coordinate());
      if (type === GeometryType.Polygon) part.push(part[0]!, part[1]!);
      parts.push(part);
    }
    // vt-pbf writes an empty tag list where pbf leaves the field out (same meaning, two bytes
    // more): every feature has a code so that the bytes can be compared too
    const tags: Record<string, TagValue | null> = { code: String(Math.floor(next() * 50)) };
    for (const key of propertyNames.slice(1)) if (next() < 0.7) tags[key] = values[Math.floor(next() * values.length)]!;
    const id = next() < 0.8 ? Math.floor(next() * 2 ** 40) : undefined;
    // a multipoint is one part holding every point
    features.push({ id, type, parts: type === GeometryType.Point ? [parts.flat()] : parts, tags });
  }
  return features;
}

/** The same features through vt-pbf, which takes geojson-vt's tile format. */
function viaVtPbf(layers: Record<string, Feature[]>): Uint8Array {
  const input: Record<string, { features: unknown[] }> = {};
  for (const [name, features] of Object.entries(layers)) {
    input[name] = {
      features: features.map(({ id, type, parts, tags }) => {
        const pairs = (part: number[]) => part.flatMap((_, i) => (i % 2 ? [] : [[part[i]!, part[i + 1]!]]));
        return { id, type, tags, geometry: type === GeometryType.Point ? pairs(parts[0]!) : parts.map(pairs) };
      }),
    };
  }
  return vtpbf.fromGeojsonVt(input as never, { version: 2, extent: 4096 });
}

function viaMvtWriter(layers: Record<string, Feature[]>): Uint8Array {
  return encodeMvt(
    Object.entries(layers).map(([name, features]) => {
      const layer = new MvtLayer(name, 4096, propertyNames);
      for (const feature of features) layer.add(feature.type, feature.parts, propertyNames.map((key) => feature.tags[key]), feature.id);
      return layer;
    }),
  );
}

function decoded(bytes: Uint8Array) {
  const tile = new VectorTile(new PbfReader(bytes));
  return Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => {
      const features = [];
      for (let i = 0; i < layer.length; i++) {
        const feature = layer.feature(i);
        features.push({ id: feature.id, type: feature.type, properties: { ...feature.properties }, geometry: feature.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y])) });
      }
      return [name, { version: layer.version, extent: layer.extent, features }];
    }),
  );
}

test('random layers decode to the same features, properties and geometry as vt-pbf writes, byte for byte', () => {
  for (const seed of [1, 2, 3, 42, 2026]) {
    const next = seededRandom(seed);
    const layers = { components: randomFeatures(next, 200), grids: randomFeatures(next, 20), cases: randomFeatures(next, 5) };
    const ours = viaMvtWriter(layers);
    const theirs = viaVtPbf(layers);
    assert.deepEqual(decoded(ours), decoded(theirs), `seed ${seed}`);
    assert.deepEqual(Buffer.from(ours), Buffer.from(theirs), `seed ${seed}`);
  }
});

test('geometry commands: a point, a line and a closed ring as the MVT 2.1 specification spells them', () => {
  const layer = new MvtLayer('t', 4096, []);
  layer.add(GeometryType.Point, [[25, 17]], []);
  layer.add(GeometryType.LineString, [[2, 2, 2, 10, 10, 10]], []);
  layer.add(GeometryType.Polygon, [[3, 6, 8, 12, 20, 34, 3, 6]], []);
  const tile = new VectorTile(new PbfReader(encodeMvt([layer])));
  const geometry = (i: number) => tile.layers.t!.feature(i).loadGeometry().map((ring) => ring.map((p) => [p.x, p.y]));
  assert.deepEqual(geometry(0), [[[25, 17]]]);
  assert.deepEqual(geometry(1), [[[2, 2], [2, 10], [10, 10]]]);
  // the decoder closes the ring again from the ClosePath command
  assert.deepEqual(geometry(2), [[[3, 6], [8, 12], [20, 34], [3, 6]]]);
});

test('layers without features are left out; null and undefined properties are not written', () => {
  const empty = new MvtLayer('empty', 4096, ['a']);
  const layer = new MvtLayer('one', 4096, ['a', 'b', 'c']);
  layer.add(GeometryType.Point, [[1, 2]], [null, undefined, 'x'], 9);
  const tile = new VectorTile(new PbfReader(encodeMvt([empty, layer])));
  assert.deepEqual(Object.keys(tile.layers), ['one']);
  assert.deepEqual({ ...tile.layers.one!.feature(0).properties }, { c: 'x' });
  assert.equal(tile.layers.one!.feature(0).id, 9);
});
