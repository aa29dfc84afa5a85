import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metresBetween } from './photo-distance.ts';

test('metresBetween: 0.001° of latitude is about 111 m, of longitude at 31°N about 95 m', () => {
  assert.equal(metresBetween([120.6, 31.26], [120.6, 31.26]), 0);
  assert.ok(Math.abs(metresBetween([120.6, 31.26], [120.6, 31.261]) - 111.2) < 0.5);
  assert.ok(Math.abs(metresBetween([120.6, 31.26], [120.601, 31.26]) - 95.0) < 0.5);
});
