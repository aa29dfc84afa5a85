/**
 * HTTP end to end: photos on a case — sent as multipart with the report (采集上报) and with the
 * disposal feedback (处置反馈), listed on the case's events, served to those who may see the case
 * and to no one else. JSON requests keep working; a corrupt image refuses the request.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { setPhotoStoreRoot } from '../../api/photos/photo-store.ts';
import { seedComponents } from '../support/component-seed.ts';
import { cameraJpeg, truncatedJpeg } from '../support/photo-fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { CaseClient } from './case-client.ts';

let db: TestDatabase;
let app: TestApp;
let cases: CaseClient;
let work: string;
let inspector: string;
let dispatcher: string;
let lampOwner: string;
let waterOwner: string;
let contractor: string;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-photos-cases-'));
  setPhotoStoreRoot(work);
  db = await openTestDatabase();
  await seedComponents(db.knex, 300);
  app = await startTestApp(db);
  cases = new CaseClient(app, db);
  inspector = await app.signIn('photo-insp', 'inspector', 'command-centre');
  dispatcher = await app.signIn('photo-disp', 'dispatcher', 'command-centre');
  lampOwner = await app.signIn('photo-lamp-owner', 'owner', 'street-lighting');
  waterOwner = await app.signIn('photo-water-owner', 'owner', 'water-supply');
  contractor = await app.signIn('photo-contractor', 'contractor');
});
after(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A multipart form: the JSON body in `payload`, or as fields, and the photos. */
function photoForm(body: Record<string, unknown>, photos: { name: string; data: Buffer }[], asFields = false): FormData {
  const form = new FormData();
  if (asFields) for (const [key, value] of Object.entries(body)) form.append(key, String(value));
  else form.append('payload', JSON.stringify(body));
  for (const photo of photos) form.append('photos', new Blob([new Uint8Array(photo.data)], { type: 'image/jpeg' }), photo.name);
  return form;
}

const photoStatus = async (hash: string, token?: string) => (await app.request('GET', `/api/photos/${hash}?size=thumb`, { token })).status;

describe('case photos', () => {
  let caseId: number;
  let reportPhoto: string;
  let disposalPhoto: string;

  test('a report with two photos (multipart, fields as form fields): the report event lists them', async () => {
    const lamp = await cases.component({ classCode: '0118', department: 'street-lighting' });
    const problem = await cases.problemType('0118');
    const response = await app.request('POST', '/api/cases', {
      token: inspector,
      form: photoForm({ component_code: lamp.code, problem_type: problem.code, note: '灯杆倾斜 leaning pole' }, [
        { name: '现场1.jpg', data: await cameraJpeg({ seed: 11, gps: { lon: lamp.lon, lat: lamp.lat } }) },
        { name: '现场2.jpg', data: await cameraJpeg({ seed: 12 }) },
      ], true),
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    caseId = response.body.id;
    const [report] = response.body.events;
    assert.equal(report.action, 'report');
    assert.equal(report.photos.length, 2);
    assert.ok(report.photos.every((h: string) => /^[0-9a-f]{64}$/.test(h)));
    reportPhoto = report.photos[0];
    const row = await db.knex('photos').where({ hash: reportPhoto }).first();
    assert.equal(row.original_name, '现场1.jpg');
    assert.ok(Math.abs(row.lon - lamp.lon) < 1e-5);
    const audit = await db.knex('audit_log').where({ entity: 'case', entity_id: String(caseId), action: 'report' }).first();
    assert.deepEqual(audit.details.photos, report.photos);
  });

  test('JSON still works; disposal feedback carries a photo (payload form); the case shows both steps’ photos', async () => {
    await cases.must(inspector, caseId, 'verify');
    await cases.must(inspector, caseId, 'file');
    await cases.must(dispatcher, caseId, 'dispatch');
    const version = (await db.knex('cases').where({ id: caseId }).first('version')).version;
    const response = await app.request('POST', `/api/cases/${caseId}/transitions`, {
      token: lampOwner,
      form: photoForm({ action: 'dispose', version, note: '已扶正 fixed' }, [{ name: '处置后.jpg', data: await cameraJpeg({ seed: 13, orientation: 1 }) }]),
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const dispose = response.body.events.find((e: { action: string }) => e.action === 'dispose');
    assert.equal(dispose.photos.length, 1);
    disposalPhoto = dispose.photos[0];
    assert.deepEqual(response.body.events.filter((e: { action: string }) => ['verify', 'file', 'dispatch'].includes(e.action)).map((e: { photos: string[] }) => e.photos), [[], [], []]);
    const thumb = await fetch(`${app.url}/api/photos/${disposalPhoto}?size=thumb`, { headers: { authorization: `Bearer ${dispatcher}` } });
    assert.equal(thumb.status, 200);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], ['webp', 256, 128, undefined]);
  });

  test('who may fetch a case photo: those who see the case; another department and contractors may not', async () => {
    for (const token of [inspector, dispatcher, lampOwner]) assert.equal(await photoStatus(reportPhoto, token), 200);
    assert.equal(await photoStatus(disposalPhoto, waterOwner), 404, "another department's case does not exist for it");
    assert.equal(await photoStatus(disposalPhoto, contractor), 403);
    assert.equal(await photoStatus(disposalPhoto), 401);
  });

  test('a corrupt image refuses the report (400, naming the file) and opens no case', async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const problem = await cases.problemType('0118');
    const before = Number((await db.knex('cases').count({ n: '*' }))[0]!.n);
    const response = await app.request('POST', '/api/cases', {
      token: inspector,
      form: photoForm({ component_code: lamp.code, problem_type: problem.code }, [{ name: '坏的.jpg', data: await truncatedJpeg() }]),
    });
    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.equal(response.body.error.code, 'photo_invalid');
    assert.match(response.body.error.message, /坏的\.jpg/);
    assert.equal(Number((await db.knex('cases').count({ n: '*' }))[0]!.n), before);
  });

  test('a form whose fields fail validation is refused before any photo is stored', async () => {
    const stored = () => fs.readdirSync(work, { recursive: true }).length;
    const before = stored();
    const response = await app.request('POST', '/api/cases', {
      token: inspector,
      form: photoForm({ problem_type: 'x' }, [{ name: 'a.jpg', data: await cameraJpeg({ seed: 14 }) }]),
    });
    assert.equal(response.status, 400);
    assert.equal(stored(), before);
  });
});
