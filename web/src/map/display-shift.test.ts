import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureCollection, Polygon } from 'geojson';
import { boundsToDisplay, displayShift, noShift } from './display-shift.ts';

const wuzhong: [number, number] = [120.62, 31.26];

test('WGS84 is no shift: the same points and objects back', () => {
  assert.equal(displayShift('wgs84'), noShift);
  assert.equal(noShift.toDisplay(wuzhong), wuzhong);
  const collection: FeatureCollection = { type: 'FeatureCollection', features: [] };
  assert.equal(noShift.geojson(collection), collection);
});

test('GCJ-02 moves a Wuzhong point a few hundred metres, and back to within a centimetre', () => {
  const shift = displayShift('gcj02');
  const [lon, lat] = shift.toDisplay(wuzhong);
  const metres = Math.hypot((lon - wuzhong[0]) * 111_320 * Math.cos((wuzhong[1] * Math.PI) / 180), (lat - wuzhong[1]) * 110_574);
  assert.ok(metres > 300 && metres < 800, `${metres} m`);
  const [backLon, backLat] = shift.fromDisplay([lon, lat]);
  assert.ok(Math.abs(backLon - wuzhong[0]) < 1e-7 && Math.abs(backLat - wuzhong[1]) < 1e-7);
});

test('GeoJSON is shifted in a copy: the WGS84 original stays as it was', () => {
  const shift = displayShift('gcj02');
  const ring = [[120.6, 31.2], [120.7, 31.2], [120.7, 31.3], [120.6, 31.2]];
  const original: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { level: 2 }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
  const before = structuredClone(original);
  const shifted = shift.geojson(original);
  assert.deepEqual(original, before);
  assert.deepEqual(shifted.features[0]!.geometry.coordinates[0]![1], shift.toDisplay([120.7, 31.2]));
  assert.deepEqual(shifted.features[0]!.properties, { level: 2 });
  assert.deepEqual(boundsToDisplay(shift, [120.6, 31.2, 120.7, 31.3]), [...shift.toDisplay([120.6, 31.2]), ...shift.toDisplay([120.7, 31.3])]);
});
