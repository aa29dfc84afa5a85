import assert from 'node:assert/strict';
import { test } from 'node:test';
import jsQRModule from 'jsqr';
import { qrRaster } from './card-qr.ts';

// jsqr is CommonJS typed as an ES module: at run time its default import is the function itself
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

test('the raster decodes to the text, fits the box and has whole-pixel modules', () => {
  const url = 'https://grid.example.cn/map?component=3205060101000001';
  const { pixels, size } = qrRaster(url, 240);
  assert.ok(size <= 240 && size > 200, `size ${size}`);
  // version 4 is 33 modules, plus a quiet zone of 2 on each side: 37 × 6 px
  assert.equal(size, 37 * 6);
  assert.ok(pixels.every((value) => value === 0 || value === 255));
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < pixels.length; i += 1) rgba.set([pixels[i]!, pixels[i]!, pixels[i]!, 255], i * 4);
  assert.equal(jsQR(rgba, size, size)?.data, url);
});

test('a longer URL needs more modules and still fits', () => {
  const url = `https://grid.example.cn/${'civicgrid/'.repeat(8)}map?component=3205060101000001`;
  const { size } = qrRaster(url, 240);
  assert.ok(size <= 240);
  assert.notEqual(size % 37, 0);
});
