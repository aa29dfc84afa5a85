/**
 * Pixels for ID cards: the one module that uses sharp for cards. It rasterises the layout's SVG
 * (librsvg, text through fontconfig), composites the photo thumbnail and the QR code, and writes
 * an RGB PNG tagged 300 dpi. It also checks once that fontconfig can draw Chinese.
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { Logger } from 'pino';
import { cardDpi, cardFontFamily, cardHeight, cardWidth, layoutCard, type CardContent } from './card-layout.ts';
import { qrRaster } from './card-qr.ts';

/**
 * A card as a PNG (1011 × 638, RGB, 300 dpi).
 *
 * @example
 * const png = await renderCard(content, { thumbnail });
 */
export async function renderCard(content: CardContent, options: { thumbnail?: Buffer } = {}): Promise<Buffer> {
  const thumbnail = options.thumbnail ? await fitThumbnail(options.thumbnail, content.code) : undefined;
  const layout = layoutCard(content, { hasPhoto: thumbnail !== undefined });
  const qr = qrRaster(content.url, layout.qr.width);
  const overlays: OverlayOptions[] = [
    { input: Buffer.from(layout.text), density: 72 },
    {
      input: qr.pixels,
      raw: { width: qr.size, height: qr.size, channels: 1 },
      left: layout.qr.left + Math.floor((layout.qr.width - qr.size) / 2),
      top: layout.qr.top + Math.floor((layout.qr.height - qr.size) / 2),
    },
  ];
  if (thumbnail) overlays.push({ input: thumbnail, left: layout.photo.left, top: layout.photo.top });
  return sharp(await background(layout.background), { raw: { width: cardWidth, height: cardHeight, channels: 3 } })
    .composite(overlays)
    .removeAlpha()
    .withDensity(cardDpi)
    // no filtering, zlib level 6: a quarter of the time adaptive filtering takes, and smaller here
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}

/** Backgrounds drawn so far, as raw RGB, by layout key (a district with and without photo: two). */
const backgrounds = new Map<string, Promise<Buffer>>();

function background({ key, svg }: { key: string; svg: string }): Promise<Buffer> {
  let raster = backgrounds.get(key);
  if (!raster) {
    if (backgrounds.size >= 16) backgrounds.clear();
    raster = sharp(Buffer.from(svg), { density: 72 }).removeAlpha().raw().toBuffer();
    // a failed draw is not kept
    raster.catch(() => backgrounds.delete(key));
    backgrounds.set(key, raster);
  }
  return raster;
}

/** The thumbnail covering the photo box; an unreadable one is left out (with the placeholder) rather than failing the card. */
async function fitThumbnail(input: Buffer, code: string): Promise<Buffer | undefined> {
  try {
    return await sharp(input, { limitInputPixels: 4096 * 4096 }).rotate().resize(256, 256, { fit: 'cover' }).flatten({ background: '#ffffff' }).png().toBuffer();
  } catch (error) {
    cardLogger?.warn({ err: error, code }, 'card: the photo thumbnail could not be read; printing the placeholder');
    return undefined;
  }
}

/** The pixels of a PNG (or any image sharp reads) as RGBA, for tests and the QR check. */
export async function rgbaPixels(image: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Width, height and density of an image. */
export async function imageInfo(image: Buffer): Promise<{ width: number; height: number; density: number | undefined; format: string | undefined; channels: number }> {
  const meta = await sharp(image).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0, density: meta.density, format: meta.format, channels: meta.channels ?? 0 };
}

export interface CjkFontStatus {
  ok: boolean;
  /** ink box of 井 and of a code point no font has (U+0378), in pixels at 100 px */
  glyph: { width: number; height: number };
  missing: { width: number; height: number };
}

/**
 * Whether fontconfig finds a font with Chinese glyphs for the card's family. Without one, Pango
 * draws each character as a hex box, and every 4-digit hex box has the same ink box — so 井 drawn
 * like U+0378 (unassigned) means no CJK font.
 */
export async function checkCjkFont(): Promise<CjkFontStatus> {
  const [glyph, missing] = await Promise.all([inkBox('井'), inkBox('\u0378')]);
  const ok = glyph.width !== missing.width || glyph.height !== missing.height;
  return { ok, glyph, missing };
}

async function inkBox(char: string): Promise<{ width: number; height: number }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="160"><rect width="200" height="160" fill="#fff"/><text x="20" y="120" font-family="${cardFontFamily}" font-size="100">${char}</text></svg>`;
  const { info } = await sharp(Buffer.from(svg)).trim({ threshold: 10 }).toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height };
}

let cardLogger: Logger | undefined;
let fontCheck: Promise<CjkFontStatus> | undefined;

/**
 * Checks the CJK font once per process and logs a clear warning when it is missing; later calls
 * return the first answer. Called when the card routes are built.
 */
export function ensureCjkFont(logger: Logger): Promise<CjkFontStatus> {
  cardLogger = logger;
  fontCheck ??= checkCjkFont().then(
    (status) => {
      if (!status.ok) {
        logger.warn(
          `ID cards: fontconfig has no font with Chinese glyphs for '${cardFontFamily}'; cards will print boxes instead of 中文. ` +
            'Install one: apt-get install fonts-noto-cjk (see README, "Component ID cards").',
        );
      }
      return status;
    },
    (error) => {
      logger.warn({ err: error }, 'ID cards: could not check the CJK font');
      return { ok: false, glyph: { width: 0, height: 0 }, missing: { width: 0, height: 0 } };
    },
  );
  return fontCheck;
}

/** Card size in pixels (for callers that should not import the layout). */
export const cardPixels = { width: cardWidth, height: cardHeight, dpi: cardDpi };
