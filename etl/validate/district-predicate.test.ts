import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Polygon } from 'geojson';
import { bboxPredicate, polygonPredicate } from './district-predicate.ts';

const square: Polygon = { type: 'Polygon', coordinates: [[[120, 31], [120.1, 31], [120.1, 31.1], [120, 31.1], [120, 31]]] };

test('bboxPredicate includes its edges', () => {
  const inside = bboxPredicate([120, 31, 120.1, 31.1]);
  assert.equal(inside(120, 31), true);
  assert.equal(inside(120.05, 31.05), true);
  assert.equal(inside(120.2, 31.05), false);
});

test('polygonPredicate accepts positions within the tolerance of the outline', () => {
  const strict = polygonPredicate(square);
  const lenient = polygonPredicate(square, 50);
  const east30m = 120.1 + 30 / (111_320 * Math.cos((31.05 * Math.PI) / 180));
  const east80m = 120.1 + 80 / (111_320 * Math.cos((31.05 * Math.PI) / 180));
  assert.equal(strict(120.05, 31.05), true);
  assert.equal(strict(east30m, 31.05), false);
  assert.equal(lenient(east30m, 31.05), true);
  assert.equal(lenient(east80m, 31.05), false);
  assert.equal(lenient(0, 0), false);
});

test('the outline test agrees with turf on the Wuzhong outline, holes and distances included', async () => {
  const { booleanPointInPolygon, pointToPolygonDistance } = await import('@turf/turf');
  const { readReferenceData } = await import('../../data/reference-data.ts');
  const outline = readReferenceData().grids.find((g) => g.properties.level === 1)!.geometry as Polygon;
  const strict = polygonPredicate(outline);
  const lenient = polygonPredicate(outline, 200);
  let state = 7;
  const next = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  for (let i = 0; i < 2_000; i++) {
    const p = [120.15 + next() * 0.85, 30.98 + next() * 0.4] as [number, number];
    assert.equal(strict(p[0], p[1]), booleanPointInPolygon(p, outline), `${p}`);
    if (i % 20 === 0 && !strict(p[0], p[1])) {
      const metres = pointToPolygonDistance(p, outline, { units: 'meters' });
      if (Math.abs(metres - 200) > 2) assert.equal(lenient(p[0], p[1]), metres <= 200, `${p}: ${metres} m`);
    }
  }
  const holed: Polygon = { type: 'Polygon', coordinates: [square.coordinates[0]!, [[120.04, 31.04], [120.06, 31.04], [120.06, 31.06], [120.04, 31.06], [120.04, 31.04]]] };
  assert.equal(polygonPredicate(holed)(120.05, 31.05), false);
  assert.equal(polygonPredicate(holed)(120.02, 31.05), true);
});
