/**
 * Images for the photo tests and bench, made on the spot with sharp: a JPEG whose pixels are stored
 * sideways with EXIF orientation 6 and a GPS position, a corrupt JPEG, and a PNG decompression bomb.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Exif } from 'sharp';

/** Degrees, minutes and seconds as EXIF rationals ('31/1 15/1 3000/100'). */
function rationals(degrees: number): string {
  const d = Math.floor(degrees);
  const m = Math.floor((degrees - d) * 60);
  const s = Math.round(((degrees - d) * 60 - m) * 60 * 10000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

export interface JpegOptions {
  /** Stored (sensor) size; the left half red, the right half blue. Default 400 × 200. */
  width?: number;
  height?: number;
  /** EXIF orientation; default 6 (rotate 90° clockwise to view: red ends on top). */
  orientation?: number;
  /** EXIF GPS position, WGS84. */
  gps?: { lon: number; lat: number };
  /** EXIF DateTimeOriginal, 'YYYY:MM:DD HH:MM:SS'. */
  takenAt?: string;
  /** Varies the bytes (and so the hash) of otherwise equal photos. */
  seed?: number;
}

/**
 * A camera-like JPEG with EXIF orientation, GPS and capture time.
 *
 * @example
 * const jpeg = await cameraJpeg({ gps: { lon: 120.6, lat: 31.26 } });
 */
export async function cameraJpeg(options: JpegOptions = {}): Promise<Buffer> {
  const { width = 400, height = 200, orientation = 6, gps, takenAt = '2024:03:04 10:11:12', seed = 0 } = options;
  const half = Math.floor(width / 2);
  const exif: Exif = { IFD0: { Make: 'civicgrid-test', Software: `seed ${seed}` }, IFD2: { DateTimeOriginal: takenAt } };
  if (gps) {
    exif.IFD3 = {
      GPSLatitudeRef: gps.lat >= 0 ? 'N' : 'S',
      GPSLatitude: rationals(Math.abs(gps.lat)),
      GPSLongitudeRef: gps.lon >= 0 ? 'E' : 'W',
      GPSLongitude: rationals(Math.abs(gps.lon)),
    };
  }
  return sharp({ create: { width, height, channels: 3, background: { r: 220, g: 20, b: 20 } } })
    .composite([{ input: { create: { width: width - half, height, channels: 3, background: { r: 20, g: 20, b: 220 } } }, left: half, top: 0 }])
    .withMetadata({ orientation })
    .withExifMerge(exif)
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The first half of a real JPEG: a file that starts like a photo and breaks off. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await cameraJpeg({ orientation: 1, seed: 99 });
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/**
 * A PNG whose header declares `side` × `side` grey pixels (1.6 gigapixels by default) over a few
 * hundred bytes of deflated zeros: what a decompression bomb looks like before it is opened.
 */
export function bombPng(side = 40_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  const rows = deflateSync(Buffer.alloc((side + 1) * 64), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}
