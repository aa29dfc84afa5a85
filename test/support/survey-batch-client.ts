/**
 * The survey-batch API as the HTTP tests drive it: upload a contractor's files, wait for
 * validation, follow its progress events, commit — and read the inventory back to prove what
 * changed and what did not. Also the surveys those tests upload.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CGCS2000_GK_CM_120E_ESRI_WKT } from '../../etl/demo/cgcs2000-gk-cm120e.ts';
import { writeDemoSurvey } from '../../etl/demo/demo-survey.ts';
import type { DbfValue } from '../../etl/demo/dbf-writer.ts';
import { PointShapefileWriter } from '../../etl/demo/shapefile-writer.ts';
import { DEMO_SURVEY_FIELDS } from '../../etl/demo/survey-row-generator.ts';
import { zipFolder } from './survey-zip.ts';
import type { TestApp, TestResponse } from './test-app.ts';
import type { TestDatabase } from './test-database.ts';

/** The layer (file name without extension) of every survey these tests write. */
export const surveyLayer = '部件调查';

/** The upload limit the survey-batch tests start the app with: small, so a 413 needs only 2 MiB. */
export const surveyUploadLimitBytes = 2 * 1024 * 1024;

/** Progress phases after which a batch's event stream ends. */
export const terminalPhases = new Set(['done', 'failed', 'committed']);

/** One file of an upload, as the multipart form carries it. */
export interface UploadFile {
  name: string;
  data: Buffer;
}

/** One server-sent event of /api/survey-batches/:id/events. */
export interface BatchProgressEvent {
  batchId: number;
  phase: string;
  rowsDone: number;
  rowsTotal: number;
  message?: string;
}

/** The components table in brief: how many, and a digest that changes when any one of them does. */
export interface InventoryDigest {
  count: number;
  digest: string;
}

/** Where `writeDemoSurveyUpload` puts the demo survey, under the work dir. */
const demoSurveyFolder = 'survey';

/**
 * Writes the 300-row demo survey (seed 5, GBK, CGCS2000 GK CM120E) into `<work>/survey` and zips
 * it inside a 吴中区部件普查/ folder, as a contractor would send it.
 *
 * @example
 * const survey = await writeDemoSurveyUpload(work);
 * await client.upload([{ name: '吴中区部件普查.zip', data: survey.zip }]);
 */
export async function writeDemoSurveyUpload(work: string): Promise<{ dir: string; zip: Buffer }> {
  const dir = path.join(work, demoSurveyFolder);
  await writeDemoSurvey({ count: 300, outDir: dir, seed: 5 });
  return { dir, zip: await zipFolder(dir, '吴中区部件普查') };
}

/** A multipart upload body: the text fields, then each file under the field `files`. */
export function uploadForm(files: readonly UploadFile[], fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append('files', new Blob([new Uint8Array(file.data)]), file.name);
  return body;
}

/** The files of `dir`, sorted by name, ready to upload loose. */
export function filesOf(dir: string): UploadFile[] {
  return fs.readdirSync(dir).sort().map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) }));
}

/**
 * Drives /api/survey-batches for one test file: uploads as the contractor unless told otherwise,
 * polls and follows validation, and reads the database behind the app.
 *
 * @example
 * const client = new SurveyBatchClient(app, db, { contractor }, work);
 * const batch = await client.uploadAndSettle(filesOf(survey.dir));
 * assert.equal(batch.state, 'validated');
 */
export class SurveyBatchClient {
  /**
   * @param app the app under test
   * @param db the database the app runs on, read directly for counts and the inventory
   * @param tokens bearer tokens; the contractor's is the default for uploads and reads
   * @param work the test file's scratch folder, holding the demo survey from `writeDemoSurveyUpload`
   */
  constructor(
    readonly app: TestApp,
    readonly db: TestDatabase,
    readonly tokens: { contractor: string },
    readonly work: string,
  ) {}

  /** POST /api/survey-batches with the files and form fields; the response as it comes. */
  upload(files: readonly UploadFile[], token = this.tokens.contractor, fields: Record<string, string> = {}): Promise<TestResponse> {
    return this.app.request('POST', '/api/survey-batches', { form: uploadForm(files, fields), token });
  }

  /** Polls the batch until validation has finished (any state but uploaded). */
  async settled(id: number, token = this.tokens.contractor): Promise<any> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { status, body } = await this.app.request('GET', `/api/survey-batches/${id}`, { token });
      assert.equal(status, 200, JSON.stringify(body));
      if (body.state !== 'uploaded') return body;
      assert.ok(Date.now() < deadline, `batch ${id} still uploaded after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Uploads and waits for the outcome of validation. */
  async uploadAndSettle(files: readonly UploadFile[], fields: Record<string, string> = {}): Promise<any> {
    const response = await this.upload(files, this.tokens.contractor, fields);
    assert.equal(response.status, 202, JSON.stringify(response.body));
    return this.settled(response.body.id);
  }

  /** Uploads, expects the batch to validate, and commits it; the committed batch. */
  async uploadAndCommit(files: readonly UploadFile[]): Promise<any> {
    const batch = await this.uploadAndSettle(files);
    assert.equal(batch.state, 'validated', batch.error ?? '');
    const committed = await this.app.request('POST', `/api/survey-batches/${batch.id}/commit`, { token: this.tokens.contractor });
    assert.equal(committed.status, 200, JSON.stringify(committed.body));
    return committed.body;
  }

  /**
   * Follows /events to the end of the stream: the server-sent events' `data:` lines parsed as
   * JSON. The server is expected to close the stream after the terminal event.
   */
  async followEvents(id: number, token = this.tokens.contractor): Promise<BatchProgressEvent[]> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const response = await fetch(`${this.app.url}/api/survey-batches/${id}/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const events: BatchProgressEvent[] = [];
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim());
          if (data.length > 0) events.push(JSON.parse(data.join('\n')) as BatchProgressEvent);
        }
      }
      return events;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The number of components and a digest of every one of them (code, class, geometry, attributes, grid, owner, version). */
  async inventory(): Promise<InventoryDigest> {
    const { rows } = await this.db.knex.raw(`
      select count(*)::int as count,
             coalesce(md5(string_agg(
               concat_ws('|', code, class_code, ST_AsText(geom), attributes::text, grid_id, department_id, ownership_status, survey_batch_id, version),
               ',' order by code)), '') as digest
      from components`);
    return rows[0];
  }

  /** The number of rows of `table` matching `where`. */
  async countWhere(table: string, where: Record<string, unknown>): Promise<number> {
    return Number((await this.db.knex(table).where(where).count({ n: '*' }))[0]!.n);
  }

  /** Points (GK CM120E metres) of the demo survey's first rows: positions inside the district. */
  demoPoints(count: number): [number, number][] {
    const shp = fs.readFileSync(path.join(this.work, demoSurveyFolder, `${surveyLayer}.shp`));
    // point records: 8-byte header + type (4) + x (8) + y (8), after the 100-byte file header
    return Array.from({ length: count }, (_, i) => [shp.readDoubleLE(100 + i * 28 + 12), shp.readDoubleLE(100 + i * 28 + 20)]);
  }

  /** A small GBK CGCS2000 survey with the given rows (类型 and position; other columns filled in). */
  async writeSurvey(dir: string, rows: { type: string; at: [number, number] }[]): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    const writer = await PointShapefileWriter.create(path.join(dir, surveyLayer), {
      fields: DEMO_SURVEY_FIELDS,
      prj: CGCS2000_GK_CM_120E_ESRI_WKT,
      encoding: 'gbk',
      languageDriver: 0x4d,
      updated: new Date(2024, 3, 1),
    });
    for (const [i, row] of rows.entries()) {
      const values: DbfValue[] = ['', row.type, `测试${row.type}${i + 1}`, '完好', '', '', '20240310', '', ''];
      writer.add(row.at[0], row.at[1], values);
    }
    await writer.close();
  }
}
