/**
 * HTTP end to end: a survey zip carrying its photos (a Chinese folder, names in another case and
 * with backslashes) → validate → commit → the component's photo served as WebP without EXIF.
 * A corrupt photo, a decompression bomb and a missing photo refuse their rows with the rule; a photo
 * taken 100 m away is flagged in the report; who may fetch a photo.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import yazl from 'yazl';
import { setPhotoStoreRoot } from '../../api/photos/photo-store.ts';
import { CGCS2000_GK_CM_120E_ESRI_WKT, cgcs2000GkCm120e } from '../../etl/demo/cgcs2000-gk-cm120e.ts';
import type { DbfValue } from '../../etl/demo/dbf-writer.ts';
import { PointShapefileWriter } from '../../etl/demo/shapefile-writer.ts';
import { DEMO_SURVEY_FIELDS } from '../../etl/demo/survey-row-generator.ts';
import { bombPng, cameraJpeg, truncatedJpeg } from '../support/photo-fixtures.ts';
import { SurveyBatchClient, surveyLayer } from '../support/survey-batch-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let app: TestApp;
let client: SurveyBatchClient;
let work: string;
let tokens: Record<'contractor' | 'dispatcher' | 'inspector' | 'owner' | 'admin', string>;
/** Where the survey's rows stand (lon, lat): inside base grids of the district. */
let spots: [number, number][];

/** Degrees of latitude in 100 m. */
const hundredMetres = 100 / 111_195;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-photos-survey-'));
  setPhotoStoreRoot(path.join(work, 'photos'));
  db = await openTestDatabase();
  app = await startTestApp(db);
  tokens = {
    contractor: await app.signIn('photo-survey-co', 'contractor'),
    dispatcher: await app.signIn('photo-dispatcher', 'dispatcher', 'command-centre'),
    inspector: await app.signIn('photo-inspector', 'inspector', 'command-centre'),
    owner: await app.signIn('photo-owner', 'owner', 'water-supply'),
    admin: await app.signIn('photo-admin', 'admin'),
  };
  client = new SurveyBatchClient(app, db, { contractor: tokens.contractor }, work);
  const { rows } = await db.knex.raw(`select ST_X(p) as lon, ST_Y(p) as lat from (select ST_PointOnSurface(geom) as p from grids where level = 4 order by id limit 6) s`);
  spots = rows.map((r: { lon: number; lat: number }) => [r.lon, r.lat]);
});
after(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A GBK survey of street lamps at `spots`, each row naming the photo given (or none), zipped with `images` under 吴中区部件普查/. */
async function surveyZip(photoFields: string[], images: Record<string, Buffer>): Promise<Buffer> {
  const dir = path.join(work, `survey-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const writer = await PointShapefileWriter.create(path.join(dir, surveyLayer), { fields: DEMO_SURVEY_FIELDS, prj: CGCS2000_GK_CM_120E_ESRI_WKT, encoding: 'gbk', languageDriver: 0x4d, updated: new Date(2024, 3, 1) });
  for (const [i, photo] of photoFields.entries()) {
    const [x, y] = cgcs2000GkCm120e.forward(spots[i]!);
    const values: DbfValue[] = ['', '路灯', `照片测试路灯${i + 1}`, '完好', '', '', '20240310', photo, ''];
    writer.add(x!, y!, values);
  }
  await writer.close();
  const zip = new yazl.ZipFile();
  for (const name of fs.readdirSync(dir).sort()) zip.addBuffer(fs.readFileSync(path.join(dir, name)), `吴中区部件普查/${name}`);
  for (const [name, data] of Object.entries(images)) zip.addBuffer(data, `吴中区部件普查/${name}`);
  zip.end();
  return buffer(zip.outputStream);
}

describe('a survey zip with photos', () => {
  let batch: any;
  let lampPhoto: string;

  test('validates: good photos kept, a corrupt one, a bomb and a missing one refuse their rows, one 100 m away is flagged', async () => {
    const [lon, lat] = spots[0]!;
    const [farLon, farLat] = spots[1]!;
    const zip = await surveyZip(
      ['Photos\\路灯一号.JPG', 'photos/远处.jpg', 'photos/坏图.jpg', 'photos/炸弹.png', 'photos/不存在.jpg', ''],
      {
        'photos/路灯一号.jpg': await cameraJpeg({ width: 2000, height: 1000, gps: { lon: lon + 0.00003, lat } }),
        'photos/远处.jpg': await cameraJpeg({ seed: 2, gps: { lon: farLon, lat: farLat + hundredMetres } }),
        'photos/坏图.jpg': await truncatedJpeg(),
        'photos/炸弹.png': bombPng(),
      },
    );
    batch = await client.uploadAndSettle([{ name: '带照片的调查.zip', data: zip }]);
    assert.equal(batch.state, 'validated', batch.error ?? '');
    assert.deepEqual([batch.counts.read, batch.counts.accepted, batch.counts.rejected], [6, 3, 3]);
    const rejects = await db.knex('survey_rejects').where({ batch_id: batch.id }).orderBy('row_number').select('row_number', 'rule', 'message');
    assert.deepEqual(rejects.map((r) => [r.row_number, r.rule]), [[3, 'photo.invalid'], [4, 'photo.too_large'], [5, 'photo.missing']]);
    assert.match(rejects[0].message, /坏图\.jpg/);
    assert.match(rejects[1].message, /40000 × 40000/);
    const far = batch.report.warningsByRule['photo.far_from_component'];
    assert.equal(far.count, 1);
    assert.equal(far.examples[0].row, 2);
    assert.match(far.examples[0].message, /taken 10\d m from the component/);
    // the photo 3 m from its lamp is not flagged
    assert.ok(!far.examples.some((e: { row: number }) => e.row === 1));
  });

  test('commit: the component points at its photo, and the photo is recorded with its GPS', async () => {
    const committed = await app.request('POST', `/api/survey-batches/${batch.id}/commit`, { token: tokens.contractor });
    assert.equal(committed.status, 200, JSON.stringify(committed.body));
    const components = await db.knex('components').where({ survey_batch_id: batch.id }).orderByRaw(`attributes->>'name'`).select('code', 'photo', 'attributes');
    assert.equal(components.length, 3);
    const [first, second, sixth] = components;
    assert.match(first.photo, /^[0-9a-f]{64}$/);
    assert.equal(first.attributes.photo, 'Photos\\路灯一号.JPG', 'the field as the contractor wrote it is kept');
    assert.match(second.photo, /^[0-9a-f]{64}$/);
    assert.equal(sixth.photo, null);
    lampPhoto = first.photo;
    const row = await db.knex('photos').where({ hash: lampPhoto }).first();
    assert.deepEqual([row.width, row.height, row.original_name], [1000, 2000, '吴中区部件普查/photos/路灯一号.jpg']);
    assert.ok(Math.abs(row.lat - spots[0]![1]) < 1e-5, `${row.lat}`);
  });

  test("the component's thumbnail: WebP, 256 px on its long side, upright, no EXIF, cached as immutable", async () => {
    const response = await fetch(`${app.url}/api/photos/${lampPhoto}?size=thumb`, { headers: { authorization: `Bearer ${tokens.dispatcher}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/webp');
    assert.match(response.headers.get('cache-control') ?? '', /max-age=31536000.*immutable/);
    const bytes = Buffer.from(await response.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 128, 256]);
    assert.equal(meta.exif, undefined);
    assert.equal(await exifr.parse(bytes, { gps: true }).catch(() => undefined), undefined);
    assert.ok(!bytes.includes(Buffer.from('civicgrid-test')), 'the camera make is gone');

    const display = await fetch(`${app.url}/api/photos/${lampPhoto}`, { headers: { authorization: `Bearer ${tokens.owner}` } });
    assert.equal(display.status, 200);
    const displayMeta = await sharp(Buffer.from(await display.arrayBuffer())).metadata();
    assert.deepEqual([displayMeta.width, displayMeta.height], [640, 1280]);

    const again = await fetch(`${app.url}/api/photos/${lampPhoto}?size=thumb`, { headers: { authorization: `Bearer ${tokens.inspector}`, 'if-none-match': response.headers.get('etag')! } });
    assert.equal(again.status, 304);
  });

  test('401 without signing in, 403 for a contractor, 404 for an unknown or malformed hash', async () => {
    assert.equal((await app.request('GET', `/api/photos/${lampPhoto}`)).status, 401);
    assert.equal((await app.request('GET', `/api/photos/${lampPhoto}`, { token: tokens.contractor })).status, 403);
    assert.equal((await app.request('GET', `/api/photos/${'0'.repeat(64)}`, { token: tokens.admin })).status, 404);
    assert.equal((await app.request('GET', '/api/photos/not-a-hash', { token: tokens.admin })).status, 400);
    assert.equal((await app.request('GET', `/api/photos/${lampPhoto}?size=huge`, { token: tokens.admin })).status, 400);
  });

  test('an upload without images keeps the photo field as text and says so', async () => {
    spots = spots.slice(2);
    const zip = await surveyZip(['photos/elsewhere.jpg'], {});
    const settled = await client.uploadAndSettle([{ name: '无照片.zip', data: zip }]);
    assert.equal(settled.state, 'validated', settled.error ?? '');
    assert.equal(settled.counts.accepted, 1);
    assert.ok(settled.report.warnings.some((w: string) => /1 rows name a photo/.test(w)), JSON.stringify(settled.report.warnings));
  });
});
