import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { bombPng, cameraJpeg, truncatedJpeg } from '../../test/support/photo-fixtures.ts';
import { PhotoError, photoPath, photoThumbnailPath, readPhoto, setPhotoStoreRoot, storePhoto } from './photo-store.ts';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-photo-store-'));
  setPhotoStoreRoot(dir);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('storePhoto', () => {
  test('a sideways camera JPEG is stored upright as WebP, with its GPS and time read and its metadata gone', async () => {
    const jpeg = await cameraJpeg({ width: 2000, height: 1000, gps: { lon: 120.6, lat: 31.258333 } });
    const photo = await storePhoto(jpeg);
    assert.match(photo.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual([photo.width, photo.height], [1000, 2000]);
    assert.ok(Math.abs(photo.lon! - 120.6) < 1e-6 && Math.abs(photo.lat! - 31.258333) < 1e-6, `${photo.lon}, ${photo.lat}`);
    assert.equal(photo.takenAt?.getUTCFullYear(), 2024);

    const display = await readPhoto(photo.hash, 'display');
    const thumb = await readPhoto(photo.hash, 'thumb');
    const displayMeta = await sharp(display).metadata();
    const thumbMeta = await sharp(thumb).metadata();
    assert.equal(displayMeta.format, 'webp');
    assert.deepEqual([displayMeta.width, displayMeta.height], [640, 1280]);
    assert.deepEqual([thumbMeta.width, thumbMeta.height], [128, 256]);
    // upright: the red left half of the sensor image is now on top, the blue right half below
    const { data, info } = await sharp(display).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    assert.ok(pixel(320, 100)[0]! > 150 && pixel(320, 100)[2]! < 100, `top ${pixel(320, 100)}`);
    assert.ok(pixel(320, 1180)[2]! > 150 && pixel(320, 1180)[0]! < 100, `bottom ${pixel(320, 1180)}`);
    // nothing of the camera's metadata survives
    for (const bytes of [display!, thumb!]) {
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.exif, undefined);
      assert.equal(meta.orientation, undefined);
      assert.equal(await exifr.parse(bytes, { gps: true }).catch(() => undefined), undefined);
    }
    assert.equal(photoThumbnailPath(photo.hash), path.join(dir, photo.hash.slice(0, 2), `${photo.hash}-thumb.webp`));
  });

  test('the same bytes are stored once, under the same hash', async () => {
    const jpeg = await cameraJpeg({ seed: 7 });
    const first = await storePhoto(jpeg);
    const before = fs.statSync(photoPath(first.hash, 'display')).mtimeMs;
    const second = await storePhoto(Buffer.from(jpeg));
    assert.equal(second.hash, first.hash);
    assert.equal(fs.statSync(photoPath(first.hash, 'display')).mtimeMs, before);
  });

  test('a photo without EXIF has no position or time', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#888' } }).png().toBuffer();
    const photo = await storePhoto(png);
    assert.deepEqual([photo.width, photo.height, photo.lon, photo.lat, photo.takenAt], [30, 20, null, null, null]);
  });

  test('refuses a corrupt JPEG, a text file, a bomb and a file over the byte limit, with the rule', async () => {
    const refused = async (input: Buffer, rule: string, limits?: { maxBytes: number; maxPixels: number }) => {
      await assert.rejects(storePhoto(input, limits), (error: unknown) => {
        assert.ok(error instanceof PhotoError, String(error));
        assert.equal(error.rule, rule, error.message);
        return true;
      });
    };
    await refused(await truncatedJpeg(), 'photo.invalid');
    await refused(Buffer.from('not an image at all'), 'photo.invalid');
    await refused(bombPng(), 'photo.too_large');
    await refused(await cameraJpeg({ seed: 3 }), 'photo.too_large', { maxBytes: 1000, maxPixels: 50_000_000 });
    await refused(await cameraJpeg({ seed: 4 }), 'photo.too_large', { maxBytes: 1e7, maxPixels: 1000 });
    // nothing was stored for any of them
    const stored = fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.webp'));
    assert.equal(stored.length, 3 * 2);
  });
});
