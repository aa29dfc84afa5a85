/**
 * Photos: how many survey photos per second the media store turns into thumbnails. A folder of
 * 1,000 camera-like JPEGs (EXIF orientation 6 and GPS, 1600 × 1200 by default) is generated once
 * into the temp dir, then:
 *
 *   baseline  sharp alone: decode → 256 px WebP thumbnail, nothing else (the floor)
 *   store     storePhoto: hash, EXIF GPS/time, auto-rotate, 1280 px display + 256 px thumbnail
 *             WebP, both written content-addressed — the whole ingest of one photo
 *   store ×2  the same with two photos in flight (the machine has 2 cores)
 *
 *   npm run bench -- photos [--count 1000] [--width 1600] [--height 1200]
 *
 * Last run (2026-11-28, 2 cores shared with other test runs, load average ≈ 12; sharp 0.35.5,
 * libvips 8.18.7; 1000 photos of 1600 × 1200): baseline 23.4 photos/s; store one at a time 2.0/s
 * (0.09 × baseline), two in flight 6.3/s (0.27 ×); 2.9 KiB stored per (flat-coloured) photo. The
 * 1280 px WebP encode is most of an ingest: effort 2 measured 233 ms against 486 ms at the default 4.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { setPhotoStoreRoot, storePhoto } from '../api/photos/photo-store.ts';
import { cameraJpeg } from '../test/support/photo-fixtures.ts';

/** Generates (once) and returns the folder of `count` JPEGs. */
async function photoFolder(count: number, width: number, height: number): Promise<string[]> {
  const dir = path.join(os.tmpdir(), 'civicgrid-bench-photos', `${count}-${width}x${height}`);
  const files = Array.from({ length: count }, (_, i) => path.join(dir, `照片${String(i + 1).padStart(4, '0')}.jpg`));
  if (files.every((f) => fs.existsSync(f))) return files;
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  for (const [i, file] of files.entries()) {
    fs.writeFileSync(file, await cameraJpeg({ width, height, seed: i, gps: { lon: 120.6 + i * 1e-5, lat: 31.26 } }));
  }
  console.log(`generated ${count} photos of ${width} × ${height} in ${((Date.now() - started) / 1000).toFixed(1)} s into ${dir}`);
  return files;
}

/** Runs `work` over every file with `inFlight` at a time; photos per second. */
async function rate(files: string[], inFlight: number, work: (file: string) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < files.length) await work(files[next++]!);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return files.length / seconds;
}

export async function run(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(3), options: { count: { type: 'string' }, width: { type: 'string' }, height: { type: 'string' } }, strict: false });
  const count = Number(values.count ?? 1000);
  const [width, height] = [Number(values.width ?? 1600), Number(values.height ?? 1200)];
  const files = await photoFolder(count, width, height);
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-bench-photo-store-'));
  setPhotoStoreRoot(store);
  try {
    const baseline = await rate(files, 1, (file) => sharp(file).resize(256, 256, { fit: 'inside' }).webp({ quality: 70 }).toBuffer());
    const single = await rate(files, 1, async (file) => storePhoto(await fs.promises.readFile(file)));
    fs.rmSync(store, { recursive: true, force: true });
    const double = await rate(files, 2, async (file) => storePhoto(await fs.promises.readFile(file)));
    const bytes = fs.readdirSync(store, { recursive: true }).reduce((sum, f) => sum + (String(f).endsWith('.webp') ? fs.statSync(path.join(store, String(f))).size : 0), 0);
    console.log(`${count} photos of ${width} × ${height}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${os.cpus().length} cores`);
    console.log(`  baseline  sharp thumbnail only        ${baseline.toFixed(1)} photos/s`);
    console.log(`  store     full ingest, one at a time  ${single.toFixed(1)} photos/s (${(single / baseline).toFixed(2)} × baseline)`);
    console.log(`  store ×2  full ingest, two in flight  ${double.toFixed(1)} photos/s (${(double / baseline).toFixed(2)} × baseline)`);
    console.log(`  stored    ${(bytes / count / 1024).toFixed(1)} KiB per photo (display + thumbnail)`);
  } finally {
    fs.rmSync(store, { recursive: true, force: true });
  }
}
