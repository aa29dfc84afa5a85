/**
 * The card's pixels: size and density, the QR code decoding to the component's URL, the photo in
 * its box, a reference image compared within a tolerance (UPDATE=1 rewrites it), and Chinese
 * drawn with a CJK font rather than hex boxes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { rootDir } from '../config.ts';
import { photoBox, type CardContent } from './card-layout.ts';
import { checkCjkFont, imageInfo, renderCard, rgbaPixels } from './card-renderer.ts';

// jsqr is CommonJS typed as an ES module: at run time its default import is the function itself
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

const referenceFile = path.join(rootDir, 'test', 'fixtures', 'cards', 'reference-card.png');
/**
 * Mean absolute difference per channel (0–255) a card may have from the reference. The same
 * fonts and libraries draw it bit for bit (0); a changed survey date alone is about 0.16, a card
 * without the CJK font about 15.
 */
const tolerance = 0.1;

const content: CardContent = {
  code: '3205060101000001',
  url: 'https://grid.example.cn/map?component=3205060101000001',
  className: { zh: '上水井盖', en: 'Water supply manhole cover' },
  department: { zh: '苏州市吴中供水有限公司', en: 'Suzhou Wuzhong Water Supply Co., Ltd.' },
  gridPath: ['长桥街道', '长桥街道第01社区', '长桥街道第01社区01网格'],
  gridCode: '32050600100101',
  surveyDate: '2024-06-02',
  district: { zh: '吴中区', en: 'Wuzhong District' },
};

let card: Buffer;
let work: string;
before(async () => {
  card = await renderCard(content);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-cards-'));
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Mean absolute difference per channel of two same-size images. */
async function meanDifference(a: Buffer, b: Buffer): Promise<number> {
  const [pa, pb] = await Promise.all([rgbaPixels(a), rgbaPixels(b)]);
  assert.deepEqual([pa.width, pa.height], [pb.width, pb.height]);
  let sum = 0;
  for (let i = 0; i < pa.data.length; i += 1) if (i % 4 !== 3) sum += Math.abs(pa.data[i]! - pb.data[i]!);
  return sum / ((pa.data.length / 4) * 3);
}

test('a card is 85.6 × 54 mm at 300 dpi: a 1011 × 638 RGB PNG tagged 300 dpi', async () => {
  assert.deepEqual(await imageInfo(card), { width: 1011, height: 638, density: 300, format: 'png', channels: 3 });
});

test('its QR code decodes to exactly the component URL', async () => {
  const { data, width, height } = await rgbaPixels(card);
  const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height);
  assert.equal(qr?.data, content.url);
});

test('the card matches the reference image within the tolerance', async () => {
  if (process.env.UPDATE === '1') {
    fs.mkdirSync(path.dirname(referenceFile), { recursive: true });
    fs.writeFileSync(referenceFile, card);
  }
  assert.ok(fs.existsSync(referenceFile), `no reference card at ${referenceFile}: run once with UPDATE=1 and look at it`);
  const difference = await meanDifference(card, fs.readFileSync(referenceFile));
  assert.ok(difference <= tolerance, `mean difference ${difference.toFixed(3)} > ${tolerance}: a font or layout change? Look at the card, then UPDATE=1`);
});

test('the tolerance catches a small text change: another survey date fails it', async () => {
  const other = await renderCard({ ...content, surveyDate: '2023-11-19' });
  const difference = await meanDifference(other, fs.readFileSync(referenceFile));
  assert.ok(difference > tolerance, `a different date differs by only ${difference.toFixed(3)}`);
});

test('a photo thumbnail fills the photo box; without one the placeholder is drawn', async () => {
  const red = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#d02020' } }).webp().toBuffer();
  const withPhoto = await rgbaPixels(await renderCard(content, { thumbnail: red }));
  const without = await rgbaPixels(card);
  const at = (image: { data: Buffer; width: number }, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)];
  // corners and centre of the box: cover-fitted, so the whole box is the photo
  for (const [x, y] of [[photoBox.left + 3, photoBox.top + 3], [photoBox.left + photoBox.width - 4, photoBox.top + photoBox.height - 4], [photoBox.left + 128, photoBox.top + 128]] as const) {
    const [r, g, b] = at(withPhoto, x, y);
    assert.ok(r! > 180 && g! < 60 && b! < 60, `photo pixel at ${x},${y} is ${[r, g, b]}`);
  }
  assert.deepEqual(at(without, photoBox.left + 3, photoBox.top + 3), [0xee, 0xf1, 0xf4]);
});

test('an unreadable thumbnail prints the placeholder instead of failing the card', async () => {
  const broken = await renderCard(content, { thumbnail: Buffer.from('not an image') });
  assert.equal(await meanDifference(broken, card), 0);
});

test('fontconfig has a CJK font here: 井 is drawn as a glyph, not a hex box', async () => {
  const status = await checkCjkFont();
  assert.ok(status.ok, `井 has the ink box of a missing glyph: ${JSON.stringify(status)}; apt-get install fonts-noto-cjk`);
});

test('without a CJK font the check fails, a warning is logged, and the card differs measurably', async () => {
  // a fontconfig that knows no fonts at all, in a child process (fontconfig reads it once per process)
  const fontDir = path.join(work, 'no-fonts');
  fs.mkdirSync(fontDir);
  const fontsConf = path.join(work, 'fonts.conf');
  fs.writeFileSync(fontsConf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>${fontDir}</dir><cachedir>${path.join(work, 'fc-cache')}</cachedir></fontconfig>`);
  const out = path.join(work, 'card-without-cjk.png');
  const renderer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'card-renderer.ts');
  const script = `
    import fs from 'node:fs';
    import { pino } from 'pino';
    const { ensureCjkFont, renderCard } = await import(${JSON.stringify(renderer)});
    const status = await ensureCjkFont(pino({ base: null }));
    fs.writeFileSync(${JSON.stringify(out)}, await renderCard(${JSON.stringify(content)}));
    console.log(JSON.stringify({ status }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: rootDir,
    env: { ...process.env, FONTCONFIG_FILE: fontsConf },
  });
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.at(-1).status.ok, false);
  const warning = lines.find((line) => line.level === 40);
  assert.match(warning?.msg ?? '', /no font with Chinese glyphs.*apt-get install fonts-noto-cjk/);
  const difference = await meanDifference(fs.readFileSync(out), card);
  assert.ok(difference > 50 * tolerance, `a card without the CJK font differs by only ${difference.toFixed(3)}`);
});
