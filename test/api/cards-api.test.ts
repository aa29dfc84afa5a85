/**
 * HTTP end to end: component ID cards (部件身份证) — one card as a PNG (size, density, the QR code's
 * URL, the photo from the photo store, ETag and 304), A4 sheets as PDF for codes or a grid, who may
 * print them, and the 400/404 answers.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import jsQRModule from 'jsqr';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { pino } from 'pino';
import { createApp } from '../../api/app.ts';
import { BatchProgressHub } from '../../api/survey-batches/batch-progress.ts';
import { imageInfo, rgbaPixels } from '../../api/cards/card-renderer.ts';
import { photoBox } from '../../api/cards/card-layout.ts';
import { readPng } from '../../api/cards/png-image.ts';
import { setPhotoStoreRoot, storePhoto } from '../../api/photos/photo-store.ts';
import { seedComponents } from '../support/component-seed.ts';
import { cameraJpeg } from '../support/photo-fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

// jsqr is CommonJS typed as an ES module: at run time its default import is the function itself
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

let db: TestDatabase;
let app: TestApp;
let work: string;
const tokens: Record<string, string> = {};
/** A few component codes, in code order. */
let codes: string[];
/** A base grid with a handful of components, and how many. */
let smallGrid: { code: string; count: number };

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-cards-api-'));
  setPhotoStoreRoot(path.join(work, 'photos'));
  db = await openTestDatabase();
  // more than a sheet run may print, so the whole district is refused
  await seedComponents(db.knex, 2050);
  app = await startTestApp(db);
  for (const [role, department] of [['admin'], ['dispatcher', 'command-centre'], ['inspector'], ['owner', 'water-supply'], ['contractor']] as const) {
    tokens[role] = await app.signIn(`cards-${role}`, role, department);
  }
  codes = await db.knex('components').orderBy('code').limit(12).pluck('code');
  smallGrid = (
    await db.knex.raw(
      `select g.code, count(*)::int as count from components c join grids g on g.id = c.grid_id
       group by g.code having count(*) between 3 and 9 order by count(*) desc, g.code limit 1`,
    )
  ).rows[0];
});
after(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A binary GET or POST (the test app's helper reads bodies as text). */
async function fetchBinary(method: string, url: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function qrText(png: Buffer): Promise<string | undefined> {
  const { data, width, height } = await rgbaPixels(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height)?.data;
}

describe('GET /api/components/:code/card.png', () => {
  test('every reader gets a 1011 × 638 PNG at 300 dpi whose QR code opens the component at this origin', async () => {
    const code = codes[0]!;
    for (const role of ['admin', 'dispatcher', 'inspector', 'owner']) {
      const response = await fetchBinary('GET', `${app.url}/api/components/${code}/card.png`, { token: tokens[role] });
      assert.equal(response.status, 200, role);
      assert.equal(response.headers.get('content-type'), 'image/png');
      if (role !== 'admin') continue;
      assert.deepEqual(await imageInfo(response.bytes), { width: 1011, height: 638, density: 300, format: 'png', channels: 3 });
      assert.equal(await qrText(response.bytes), `${app.url}/map?component=${code}`);
    }
  });

  test('ETag follows the component version: 304 while unchanged, a new card after a change', async () => {
    const code = codes[1]!;
    const url = `${app.url}/api/components/${code}/card.png`;
    const first = await fetchBinary('GET', url, { token: tokens.dispatcher });
    const etag = first.headers.get('etag')!;
    assert.match(etag, new RegExp(`^"card-${code}-v\\d+-`));
    assert.match(first.headers.get('cache-control')!, /private/);
    const again = await fetchBinary('GET', url, { token: tokens.dispatcher, headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.bytes.length, 0);

    await db.knex('components').where({ code }).increment('version', 1);
    const changed = await fetchBinary('GET', url, { token: tokens.dispatcher, headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
  });

  test("the component's photo thumbnail is on the card, upright", async () => {
    const code = codes[2]!;
    // stored sideways with EXIF orientation 6: upright, red is on top and blue below
    const photo = await storePhoto(await cameraJpeg({ width: 400, height: 200, orientation: 6, seed: 42 }));
    await db.knex('components').where({ code }).update({ photo: photo.hash });
    const response = await fetchBinary('GET', `${app.url}/api/components/${code}/card.png`, { token: tokens.inspector });
    assert.equal(response.status, 200);
    const { data, width } = await rgbaPixels(response.bytes);
    const at = (x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)];
    const [r1, , b1] = at(photoBox.left + 128, photoBox.top + 20);
    const [r2, , b2] = at(photoBox.left + 128, photoBox.top + photoBox.height - 20);
    assert.ok(r1! > 150 && b1! < 100, `top of the photo is red: ${at(photoBox.left + 128, photoBox.top + 20)}`);
    assert.ok(b2! > 150 && r2! < 100, `bottom of the photo is blue: ${at(photoBox.left + 128, photoBox.top + photoBox.height - 20)}`);
  });

  test('CIVICGRID_PUBLIC_URL, when set, is what the QR code opens', async () => {
    const publicApp = createApp({
      knex: db.knex,
      backend: db.backend,
      logger: pino({ level: 'silent' }),
      surveys: { uploadsDir: work, uploadLimitBytes: 1024, hub: new BatchProgressHub() },
      cards: { publicUrl: 'https://grid.wuzhong.example.cn' },
    });
    const server = publicApp.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const response = await fetchBinary('GET', `http://127.0.0.1:${port}/api/components/${codes[0]}/card.png`, { token: tokens.admin });
      assert.equal(response.status, 200);
      assert.equal(await qrText(response.bytes), `https://grid.wuzhong.example.cn/map?component=${codes[0]}`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('404 for an unknown code, 400 for a malformed one, 401 signed out, 403 for contractors', async () => {
    const unknown = await app.request('GET', '/api/components/3205069999999999/card.png', { token: tokens.admin });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'not_found');
    const malformed = await app.request('GET', '/api/components/12345/card.png', { token: tokens.admin });
    assert.equal(malformed.status, 400);
    assert.equal((await app.request('GET', `/api/components/${codes[0]}/card.png`)).status, 401);
    const contractor = await app.request('GET', `/api/components/${codes[0]}/card.png`, { token: tokens.contractor });
    assert.equal(contractor.status, 403);
  });
});

/** The image XObjects of every page, in page order. */
function sheetImages(document: PDFDocument): PDFRawStream[][] {
  return document.getPages().map((page) => {
    const xObjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    return xObjects.values().map((ref) => document.context.lookup(ref) as PDFRawStream);
  });
}

describe('POST /api/components/cards', () => {
  test('12 codes make two A4 pages holding the same cards as card.png, in the order asked', async () => {
    const asked = [...codes].reverse();
    const response = await fetchBinary('POST', `${app.url}/api/components/cards`, { token: tokens.owner, body: { codes: [...asked, asked[0]] } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.match(response.headers.get('content-disposition')!, /attachment; filename="civicgrid-cards-12-components\.pdf"/);
    assert.equal(response.headers.get('x-card-count'), '12');
    const pdf = await PDFDocument.load(response.bytes);
    assert.equal(pdf.getPageCount(), 2);
    for (const page of pdf.getPages()) assert.deepEqual([page.getWidth().toFixed(2), page.getHeight().toFixed(2)], ['595.28', '841.89']);
    const images = sheetImages(pdf);
    assert.deepEqual(images.map((page) => page.length), [10, 2]);
    // the first card on the sheet is the first code asked, byte for byte what card.png serves
    const single = await fetchBinary('GET', `${app.url}/api/components/${asked[0]}/card.png`, { token: tokens.owner });
    assert.ok(Buffer.from(images[0]![0]!.getContents()).equals(readPng(single.bytes).data));
  });

  test('a whole grid prints every component in it', async () => {
    const response = await fetchBinary('POST', `${app.url}/api/components/cards`, { token: tokens.dispatcher, body: { grid: smallGrid.code } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-card-count'), String(smallGrid.count));
    const pdf = await PDFDocument.load(response.bytes);
    assert.equal(pdf.getPageCount(), Math.ceil(smallGrid.count / 10));
    assert.equal(sheetImages(pdf).flat().length, smallGrid.count);
  });

  test('400 for neither, both, an empty list, too many codes or too big a grid', async () => {
    const post = (body: unknown) => app.request('POST', '/api/components/cards', { token: tokens.admin, body });
    for (const body of [{}, { codes, grid: smallGrid.code }]) {
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match(response.body.error.message, /either codes .* or grid/);
    }
    assert.equal((await post({ codes: [] })).status, 400);
    const tooMany = await post({ codes: Array.from({ length: 2001 }, (_, i) => `3205060101${String(i).padStart(6, '0')}`) });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.error.message, /at most 2000 codes/);
    const district = await post({ grid: '320506' });
    assert.equal(district.status, 400);
    assert.match(district.body.error.message, /holds \d+ components; one sheet run prints at most 2000/);
    assert.ok(district.body.error.details.count > 2000);
  });

  test('404 for unknown codes (listed) or an unknown grid', async () => {
    const unknown = await app.request('POST', '/api/components/cards', { token: tokens.admin, body: { codes: [codes[0], '3205069999999999'] } });
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body.error.details.unknown, ['3205069999999999']);
    const grid = await app.request('POST', '/api/components/cards', { token: tokens.admin, body: { grid: '320506999' } });
    assert.equal(grid.status, 404);
  });

  test('one sheet run at a time: a second one meanwhile gets 429', async () => {
    const post = () => fetchBinary('POST', `${app.url}/api/components/cards`, { token: tokens.admin, body: { codes } });
    const statuses = (await Promise.all([post(), post()])).map((response) => response.status).sort();
    assert.deepEqual(statuses, [200, 429]);
    // and the gate opens again afterwards
    assert.equal((await post()).status, 200);
  });

  test('401 signed out, 403 for contractors; both paths are in the OpenAPI document', async () => {
    assert.equal((await app.request('POST', '/api/components/cards', { body: { codes } })).status, 401);
    assert.equal((await app.request('POST', '/api/components/cards', { token: tokens.contractor, body: { codes } })).status, 403);
    const openapi = await app.request('GET', '/api/openapi.json');
    assert.ok(openapi.body.paths['/api/components/{code}/card.png'].get);
    assert.ok(openapi.body.paths['/api/components/cards'].post);
  });
});
