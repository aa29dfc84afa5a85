import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Feature, Polygon } from 'geojson';
import { assignTownTints } from './town-tints.ts';

const square = (x: number, y: number): Feature<Polygon, { code: string }> => ({
  type: 'Feature',
  properties: { code: `${x},${y}` },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});

test('neighbouring towns never share a tint', () => {
  // a 4 × 4 chessboard of towns: each touches up to eight others, corners included
  const towns = [];
  for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) towns.push(square(x, y));
  const tinted = assignTownTints({ type: 'FeatureCollection', features: towns }, 7).features;
  for (const a of tinted) {
    for (const b of tinted) {
      if (a === b) continue;
      const [ax, ay] = a.properties.code.split(',').map(Number);
      const [bx, by] = b.properties.code.split(',').map(Number);
      const sharesEdge = Math.abs(ax! - bx!) + Math.abs(ay! - by!) === 1;
      if (sharesEdge) assert.notEqual(a.properties.tint, b.properties.tint, `${a.properties.code} and ${b.properties.code}`);
    }
  }
});

test('tints stay within the palette and properties are kept', () => {
  const tinted = assignTownTints({ type: 'FeatureCollection', features: [square(0, 0), square(5, 5)] }, 3).features;
  for (const town of tinted) {
    assert.ok(town.properties.tint >= 0 && town.properties.tint < 3);
    assert.ok(town.properties.code);
  }
});
