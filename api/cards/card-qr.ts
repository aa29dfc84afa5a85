/**
 * The card's QR code: the `qrcode` package encodes the URL into modules, drawn here as a greyscale
 * raster whose modules are a whole number of pixels, so each prints sharp at 300 dpi. The raster
 * goes straight into the card's composite: the package's own PNG writer (pure JavaScript) cost
 * about 90 ms a card, more than drawing the rest of the card.
 */
import QRCode from 'qrcode';

/** Quiet zone in modules; the card's white around the box adds to it. */
const margin = 2;

/** A square single-channel raster: 0 black, 255 white. */
export interface QrRaster {
  pixels: Buffer;
  /** width = height, in pixels */
  size: number;
}

/**
 * A QR code for `text` as large as fits `box` pixels with whole-pixel modules, with a quiet zone.
 *
 * @example
 * const { pixels, size } = qrRaster('https://civicgrid.example/map?component=3205060101000001', 240);
 */
export function qrRaster(text: string, box: number): QrRaster {
  // error correction M survives a scuffed card and keeps a 60-character URL at version 4 (33 modules)
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size + 2 * margin;
  const scale = Math.max(1, Math.floor(box / count));
  const size = count * scale;
  const pixels = Buffer.alloc(size * size, 255);
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (!modules.get(row, column)) continue;
      const top = (row + margin) * scale;
      const left = (column + margin) * scale;
      for (let y = top; y < top + scale; y += 1) pixels.fill(0, y * size + left, y * size + left + scale);
    }
  }
  return { pixels, size };
}
