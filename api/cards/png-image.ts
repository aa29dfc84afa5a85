/**
 * Reads a PNG's header and compressed pixel data without decoding it. An 8-bit RGB, non-interlaced
 * PNG's IDAT stream is exactly what a PDF image with FlateDecode and PNG predictors holds, so a
 * card goes into the sheet PDF byte for byte — no inflate, no re-deflate.
 */

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's header and its concatenated IDAT data (a zlib stream of filtered scanlines). */
export interface PngImage {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA */
  colorType: number;
  interlaced: boolean;
  data: Buffer;
}

/**
 * Splits a PNG into its header fields and IDAT data.
 *
 * @throws Error when the bytes are not a PNG
 * @example
 * const { width, height, data } = readPng(png); // data → /FlateDecode /DecodeParms << /Predictor 15 … >>
 */
export function readPng(png: Buffer): PngImage {
  if (png.length < 33 || !png.subarray(0, 8).equals(signature)) throw new Error('not a PNG');
  let offset = 8;
  let header: Omit<PngImage, 'data'> | undefined;
  const parts: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8]!, colorType: body[9]!, interlaced: body[12] === 1 };
    } else if (type === 'IDAT') {
      parts.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  if (!header || parts.length === 0) throw new Error('a PNG without IHDR or IDAT');
  return { ...header, data: Buffer.concat(parts) };
}

/** Whether the IDAT data can go into a PDF as it is: 8-bit RGB, not interlaced. */
export function isPassThroughPng(image: PngImage): boolean {
  return image.bitDepth === 8 && image.colorType === 2 && !image.interlaced;
}
