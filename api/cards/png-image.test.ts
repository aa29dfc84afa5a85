import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { isPassThroughPng, readPng } from './png-image.ts';

test('an RGB PNG splits into its header and IDAT data: PNG-predicted scanlines, ready for a PDF', async () => {
  const png = await sharp({ create: { width: 37, height: 11, channels: 3, background: '#336699' } }).png().toBuffer();
  const image = readPng(png);
  assert.deepEqual({ ...image, data: undefined }, { width: 37, height: 11, bitDepth: 8, colorType: 2, interlaced: false, data: undefined });
  assert.ok(isPassThroughPng(image));
  const scanlines = zlib.inflateSync(image.data);
  // one filter byte, then three bytes a pixel, per row
  assert.equal(scanlines.length, 11 * (1 + 37 * 3));
  for (let row = 0; row < 11; row += 1) assert.ok(scanlines[row * (1 + 37 * 3)]! <= 4);
});

test('RGBA and interlaced PNGs cannot pass through; other bytes are not PNGs', async () => {
  const rgba = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#33669980' } }).png().toBuffer();
  assert.equal(isPassThroughPng(readPng(rgba)), false);
  const interlaced = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png({ progressive: true }).toBuffer();
  assert.equal(isPassThroughPng(readPng(interlaced)), false);
  assert.throws(() => readPng(Buffer.from('GIF89a not a png at all, long enough to read')), /not a PNG/);
});
