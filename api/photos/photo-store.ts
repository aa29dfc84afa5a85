/**
 * The media store (照片库): the one module that touches image bytes (sharp, exifr). An uploaded image
 * is checked (a real JPEG/PNG/WebP within byte and pixel limits), auto-rotated by its EXIF
 * orientation, stripped of every metadata block, and kept content-addressed under the data dir:
 *
 *   <dataDir>/photos/ab/<sha256>.webp        display size, long side ≤ 1280 px
 *   <dataDir>/photos/ab/<sha256>-thumb.webp  thumbnail, long side ≤ 256 px
 *
 * The hash is the sha256 of the bytes as uploaded, so the same photo sent twice is stored once.
 * EXIF GPS and capture time are read before stripping and returned for the caller to record.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { loadConfig } from '../config.ts';

/** The two renditions every photo is kept in. */
export type PhotoSize = 'thumb' | 'display';
export const PHOTO_SIZES: readonly PhotoSize[] = ['thumb', 'display'];

/** Long side of each rendition, in pixels. */
export const PHOTO_EDGE: Record<PhotoSize, number> = { thumb: 256, display: 1280 };

/** Caps on an input image. */
export interface PhotoLimits {
  /** Largest accepted file. */
  maxBytes: number;
  /** Largest accepted width × height (sharp's limitInputPixels): a decompression bomb stops here. */
  maxPixels: number;
}

/** 20 MiB and 50 megapixels: more than any phone camera, far less than a bomb unpacks to. */
export const DEFAULT_PHOTO_LIMITS: PhotoLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 50_000_000 };

/** Why an image was refused; `rule` doubles as the survey reject rule. */
export class PhotoError extends Error {
  override name = 'PhotoError';
  constructor(
    readonly rule: 'photo.invalid' | 'photo.too_large',
    message: string,
  ) {
    super(message);
  }
}

/** What storing a photo learnt about it. */
export interface StoredPhoto {
  /** sha256 of the uploaded bytes, hex. */
  hash: string;
  /** Size of the uploaded file. */
  bytes: number;
  /** Dimensions of the upright original (after EXIF rotation). */
  width: number;
  height: number;
  /** EXIF DateTimeOriginal (or CreateDate), when present. */
  takenAt: Date | null;
  /** EXIF GPS position (WGS84), when present. */
  lon: number | null;
  lat: number | null;
}

const hashPattern = /^[0-9a-f]{64}$/;
const acceptedFormats = new Set(['jpeg', 'png', 'webp']);
let root: string | undefined;

/** The folder photos live in: `<dataDir>/photos` unless set otherwise. */
export function photoStoreRoot(): string {
  root ??= path.join(loadConfig().dataDir, 'photos');
  return root;
}

/** Points the store at another folder (tests, benches, a second data dir). */
export function setPhotoStoreRoot(dir: string): void {
  root = path.resolve(dir);
}

/** Whether a string can be a photo hash (64 lower-case hex digits). */
export function isPhotoHash(value: string): boolean {
  return hashPattern.test(value);
}

/**
 * Where a rendition of a photo is on disk (it may not exist).
 *
 * @example
 * photoPath('ab12…', 'thumb') // '<dataDir>/photos/ab/ab12…-thumb.webp'
 */
export function photoPath(hash: string, size: PhotoSize): string {
  if (!isPhotoHash(hash)) throw new Error(`not a photo hash: ${hash}`);
  return path.join(photoStoreRoot(), hash.slice(0, 2), size === 'thumb' ? `${hash}-thumb.webp` : `${hash}.webp`);
}

/** Where a photo's ~256 px WebP thumbnail is on disk (for the ID card and lists). */
export function photoThumbnailPath(hash: string): string {
  return photoPath(hash, 'thumb');
}

/** The WebP bytes of a stored rendition, or undefined when there is none. */
export async function readPhoto(hash: string, size: PhotoSize = 'display'): Promise<Buffer | undefined> {
  if (!isPhotoHash(hash)) return undefined;
  try {
    return await fs.promises.readFile(photoPath(hash, size));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Checks, reads EXIF from, renders and stores one image. Rendering is skipped when both renditions
 * already exist (content-addressed: same bytes, same files).
 *
 * @throws PhotoError 'photo.too_large' (bytes or pixels over the limits) | 'photo.invalid' (not a JPEG/PNG/WebP, or corrupt)
 * @example
 * const photo = await storePhoto(fs.readFileSync('井盖-0001.jpg'));
 * photo.hash // 'e3b0c442…'; readPhoto(photo.hash, 'thumb') → WebP bytes
 */
export async function storePhoto(input: Buffer, limits: PhotoLimits = DEFAULT_PHOTO_LIMITS): Promise<StoredPhoto> {
  if (input.length > limits.maxBytes) {
    throw new PhotoError('photo.too_large', `the image is ${formatBytes(input.length)}; photos are limited to ${formatBytes(limits.maxBytes)}`);
  }
  const hash = createHash('sha256').update(input).digest('hex');
  const options = { limitInputPixels: limits.maxPixels, failOn: 'error' as const };
  let metadata: Metadata;
  try {
    // the header only: dimensions are judged below, where a bomb gets its own rule
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new PhotoError('photo.invalid', `not a readable image: ${shortReason(error)}`);
  }
  if (!metadata.format || !acceptedFormats.has(metadata.format)) {
    throw new PhotoError('photo.invalid', `a ${metadata.format ?? 'unknown'} file is not a photo: send JPEG, PNG or WebP`);
  }
  const { width = 0, height = 0 } = metadata;
  // the header is enough to refuse a bomb: nothing is decoded yet
  if (width * height > limits.maxPixels) {
    throw new PhotoError('photo.too_large', `the image is ${width} × ${height} px (${(width * height / 1e6).toFixed(0)} MP); photos are limited to ${(limits.maxPixels / 1e6).toFixed(0)} MP`);
  }
  const upright = (metadata.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
  const exif = await readExif(input);

  if (!PHOTO_SIZES.every((size) => fs.existsSync(photoPath(hash, size)))) {
    try {
      // rotate() with no angle applies the EXIF orientation; output carries no metadata unless asked
      const base = sharp(input, options).rotate();
      const [thumb, display] = await Promise.all(PHOTO_SIZES.map((size) => render(base.clone(), size)));
      await writeAtomically(photoPath(hash, 'display'), display!);
      await writeAtomically(photoPath(hash, 'thumb'), thumb!);
    } catch (error) {
      if (/pixel limit/i.test(shortReason(error))) throw new PhotoError('photo.too_large', `the image decodes to more than ${(limits.maxPixels / 1e6).toFixed(0)} MP`);
      throw new PhotoError('photo.invalid', `the image could not be decoded: ${shortReason(error)}`);
    }
  }
  return { hash, bytes: input.length, ...upright, ...exif };
}

function render(image: Sharp, size: PhotoSize): Promise<Buffer> {
  const edge = PHOTO_EDGE[size];
  return image
    .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
    // effort 2 halves the display encode (the bulk of an ingest) for a few per cent more bytes
    .webp(size === 'thumb' ? { quality: 70 } : { quality: 80, effort: 2 })
    .toBuffer();
}

/** GPS and capture time from EXIF; a photo without (or with broken) EXIF has neither. */
async function readExif(input: Buffer): Promise<Pick<StoredPhoto, 'takenAt' | 'lon' | 'lat'>> {
  try {
    const tags = await exifr.parse(input, { gps: true, tiff: true, exif: true, xmp: false, icc: false, iptc: false });
    const lon = finiteOrNull(tags?.longitude);
    const lat = finiteOrNull(tags?.latitude);
    const when = tags?.DateTimeOriginal ?? tags?.CreateDate;
    return {
      takenAt: when instanceof Date && !Number.isNaN(when.getTime()) ? when : null,
      lon: lon !== null && lat !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? lon : null,
      lat: lon !== null && lat !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? lat : null,
    };
  } catch {
    return { takenAt: null, lon: null, lat: null };
  }
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

// a rename is atomic: a reader sees the whole file or none, and concurrent writers agree on the bytes
async function writeAtomically(file: string, data: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  await fs.promises.writeFile(temp, data);
  await fs.promises.rename(temp, file);
}

function shortReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
