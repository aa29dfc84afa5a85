import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickRadiusMetres, metresPerPixel } from './click-tolerance.ts';

test('a pixel at z0 on the equator is 1/512 of the earth', () => {
  assert.ok(Math.abs(metresPerPixel(0, 0) - 78_271.5) < 1);
});

test('each zoom level halves the ground a pixel covers', () => {
  assert.ok(Math.abs(metresPerPixel(16, 31) / metresPerPixel(17, 31) - 2) < 1e-9);
});

test('the click radius stays within what the nearby endpoint accepts', () => {
  assert.equal(clickRadiusMetres(5, 31), 500);
  assert.equal(clickRadiusMetres(24, 31, 1), 0.5);
  const r = clickRadiusMetres(17, 31.2, 8);
  assert.ok(r > 3.5 && r < 4.5, String(r));
});
