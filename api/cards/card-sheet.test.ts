import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import zlib from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { renderCard } from './card-renderer.ts';
import { a4, cardPoints, cardPosition, CardSheetBuilder, cardsPerSheet } from './card-sheet.ts';
import { readPng } from './png-image.ts';

let cards: Buffer[];
before(async () => {
  // distinct colours, so each card's image stream is its own
  cards = await Promise.all(
    Array.from({ length: 13 }, (_, i) => sharp({ create: { width: 1011, height: 638, channels: 3, background: { r: i * 19, g: 80, b: 200 - i * 11 } } }).png().toBuffer()),
  );
});

/** The image XObjects a page draws, in the order they were added. */
function pageImages(document: PDFDocument, index: number): PDFRawStream[] {
  const resources = document.getPage(index).node.Resources()!;
  const xObjects = resources.lookup(PDFName.of('XObject'), PDFDict);
  return xObjects.values().map((ref) => document.context.lookup(ref) as PDFRawStream);
}

test('13 cards make two A4 pages of 10 and 3, each card image stored as its PNG data', async () => {
  const sheet = await CardSheetBuilder.create('test run');
  for (const card of cards) sheet.add(card);
  assert.equal(sheet.cards, 13);
  const loaded = await PDFDocument.load(await sheet.save());
  assert.equal(loaded.getPageCount(), 2);
  for (const page of loaded.getPages()) {
    assert.ok(Math.abs(page.getWidth() - 595.28) < 0.01 && Math.abs(page.getHeight() - 841.89) < 0.01, `A4 is 595.28 × 841.89 pt, not ${page.getWidth()} × ${page.getHeight()}`);
  }
  const images = [...pageImages(loaded, 0), ...pageImages(loaded, 1)];
  assert.deepEqual([pageImages(loaded, 0).length, pageImages(loaded, 1).length], [10, 3]);
  images.forEach((image, i) => {
    assert.equal(image.dict.lookup(PDFName.of('Subtype')), PDFName.of('Image'));
    assert.equal(image.dict.lookup(PDFName.of('Width'), PDFNumber).asNumber(), 1011);
    assert.equal(image.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber(), 638);
    assert.ok(Buffer.from(image.getContents()).equals(readPng(cards[i]!).data), `card ${i} is embedded byte for byte`);
  });
});

test('cards sit at true size, 2 × 5 edge to edge, centred on the page', () => {
  assert.ok(Math.abs(cardPoints.width - 242.65) < 0.01 && Math.abs(cardPoints.height - 153.07) < 0.01);
  const positions = Array.from({ length: cardsPerSheet }, (_, i) => cardPosition(i));
  const xs = [...new Set(positions.map((p) => p.x.toFixed(3)))];
  const ys = [...new Set(positions.map((p) => p.y.toFixed(3)))];
  assert.equal(xs.length, 2);
  assert.equal(ys.length, 5);
  const left = Math.min(...positions.map((p) => p.x));
  const right = Math.max(...positions.map((p) => p.x)) + cardPoints.width;
  const bottom = Math.min(...positions.map((p) => p.y));
  const top = Math.max(...positions.map((p) => p.y)) + cardPoints.height;
  assert.ok(Math.abs(left - (a4.width - right)) < 1e-6 && Math.abs(bottom - (a4.height - top)) < 1e-6, 'centred');
  // margins leave room for the 2 mm gap and 5 mm crop marks
  assert.ok(bottom > 7 * (72 / 25.4) && left > 7 * (72 / 25.4));
  // the first card is top left, the second beside it, the eleventh starts a new page at the top left
  assert.ok(positions[0]!.x < positions[1]!.x && positions[0]!.y === positions[1]!.y && positions[2]!.y < positions[0]!.y);
  assert.deepEqual(cardPosition(10), cardPosition(0));
});

test('a card that is not an 8-bit RGB PNG is refused', async () => {
  const sheet = await CardSheetBuilder.create('bad');
  const rgba = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#ffffff80' } }).png().toBuffer();
  assert.throws(() => sheet.add(rgba), /8-bit RGB PNG/);
});

/**
 * What a PDF reader does with /FlateDecode and /DecodeParms << /Predictor 15 /Colors 3 >>: inflate,
 * then undo each row's PNG filter (None, Sub, Up, Average, Paeth). Written out here so the test
 * does not trust the code it checks.
 */
function decodePredicted(data: Uint8Array, width: number, height: number): Buffer {
  const rows = zlib.inflateSync(data);
  const stride = width * 3;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = rows[y * (stride + 1)]!;
    for (let x = 0; x < stride; x += 1) {
      const raw = rows[y * (stride + 1) + 1 + x]!;
      const a = x >= 3 ? out[y * stride + x - 3]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 3 && y > 0 ? out[(y - 1) * stride + x - 3]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[y * stride + x] = (raw + predictor) & 0xff;
    }
  }
  return out;
}

test("a PDF reader decoding a card's image stream gets the card's exact pixels", async () => {
  // a real card, with whatever row filters sharp wrote
  const card = await renderCard({
    code: '3205060101000001',
    url: 'https://grid.example.cn/map?component=3205060101000001',
    className: { zh: '上水井盖', en: 'Water supply manhole cover' },
    department: null,
    gridPath: [],
    gridCode: null,
    surveyDate: null,
    district: { zh: '吴中区', en: 'Wuzhong District' },
  });
  const sheet = await CardSheetBuilder.create('pixels');
  sheet.add(card);
  const loaded = await PDFDocument.load(await sheet.save());
  const [image] = pageImages(loaded, 0);
  const pixels = decodePredicted(image!.getContents(), 1011, 638);
  const expected = await sharp(card).raw().toBuffer();
  assert.equal(pixels.length, expected.length);
  assert.ok(pixels.equals(expected));
});
