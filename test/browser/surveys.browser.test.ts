/**
 * The Surveys page end to end: a contractor uploads a zip holding a small survey with bad rows and
 * a shared fixture layer that lies outside the district, follows the progress, reads the report and
 * the rejects filtered by rule, downloads the CSV and commits; another batch is discarded; a file
 * that is no shapefile and a refused form field show the server's own words.
 *
 *   npm test -- browser/surveys
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pointOnFeature from '@turf/point-on-feature';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { CGCS2000_GK_CM_120E_ESRI_WKT, cgcs2000GkCm120e } from '../../etl/demo/cgcs2000-gk-cm120e.ts';
import type { DbfValue } from '../../etl/demo/dbf-writer.ts';
import { PointShapefileWriter } from '../../etl/demo/shapefile-writer.ts';
import { DEMO_SURVEY_FIELDS } from '../../etl/demo/survey-row-generator.ts';
import { zipFolder } from '../support/survey-zip.ts';
import { repoRoot, startServer, type RunningServer } from './civicgrid-server.ts';
import { chromiumMissing, isLocalUrl, launchChromium, openRecordedPage, type PageRecord } from './headless-chromium.ts';
import { signInAs } from './sign-in.ts';

const screenshotDir = path.join(process.env.CIVICGRID_SCREENSHOT_DIR ?? os.tmpdir(), 'civicgrid-screenshots');
const sharedFixtures = path.resolve(repoRoot, '../shared/fixtures/shapefiles');

let server: RunningServer;
let browser: Browser;
let page: Page;
let record: PageRecord;
let work: string;

/** Points (GK CM120E metres) inside `count` base grids spread over the district. */
async function districtPoints(target: Page, count: number): Promise<[number, number][]> {
  const response = await target.request.get(`${server.baseUrl}/api/grids?level=4`);
  assert.equal(response.status(), 200);
  const grids = (await response.json()) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon>;
  const step = Math.floor(grids.features.length / count);
  return Array.from({ length: count }, (_, i) => {
    const [lon, lat] = pointOnFeature(grids.features[i * step]!).geometry.coordinates as [number, number];
    return cgcs2000GkCm120e.forward([lon, lat]) as [number, number];
  });
}

/** A GBK CGCS2000 survey of the given rows in `dir`, as a contractor's tool writes it. */
async function writeSurvey(dir: string, rows: { type: string; at: [number, number] }[]): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const writer = await PointShapefileWriter.create(path.join(dir, '部件调查'), {
    fields: DEMO_SURVEY_FIELDS,
    prj: CGCS2000_GK_CM_120E_ESRI_WKT,
    encoding: 'gbk',
    languageDriver: 0x4d,
    updated: new Date(2024, 3, 1),
  });
  for (const [i, row] of rows.entries()) {
    const values: DbfValue[] = ['', row.type, `界面测试${row.type}${i + 1}`, '完好', '', '', '20240310', '', ''];
    writer.add(row.at[0], row.at[1], values);
  }
  await writer.close();
}

/** Copies a set of ../shared/fixtures/shapefiles into `dir`. */
function copyFixture(set: string, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const names = fs.readdirSync(path.join(sharedFixtures, set)).filter((name) => /\.(shp|shx|dbf|prj|cpg)$/i.test(name));
  for (const name of names) fs.copyFileSync(path.join(sharedFixtures, set, name), path.join(dir, name));
  return names.map((name) => path.join(dir, name));
}

async function uploadFiles(target: Page, files: string[], name?: string): Promise<void> {
  await target.getByTestId('upload-input').setInputFiles(files);
  if (name) await target.getByTestId('upload-name').fill(name);
  await target.getByTestId('upload-submit').click();
}

/** The batch the report shows, once validation has finished. */
async function settledReport(target: Page): Promise<{ id: number; state: string }> {
  const report = target.locator('[data-testid="batch-report"][data-batch-id]');
  await report.waitFor({ timeout: 60_000 });
  return { id: Number(await report.getAttribute('data-batch-id')), state: (await report.getAttribute('data-state')) ?? '' };
}

async function apiJson(target: Page, url: string): Promise<any> {
  const response = await target.request.get(`${server.baseUrl}${url}`);
  assert.equal(response.status(), 200, await response.text());
  return response.json();
}

describe('surveys page', { timeout: 400_000, skip: chromiumMissing }, () => {
  let surveyZip: string;

  before(async () => {
    fs.mkdirSync(screenshotDir, { recursive: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-surveys-browser-'));
    server = await startServer();
    browser = await launchChromium();
    ({ page, record } = await openRecordedPage(browser));
    await signInAs(page, server, 'contractor', '/surveys');

    const [a, b, c, d] = await districtPoints(page, 4);
    const outside = cgcs2000GkCm120e.forward([119.3, 32.4]) as [number, number];
    const dir = path.join(work, 'survey');
    await writeSurvey(dir, [
      { type: '路灯', at: a! },
      { type: '飞碟降落点', at: b! }, // row 2: no such class
      { type: '消防栓', at: c! },
      { type: '路灯', at: outside }, // row 4: north of the Yangtze
      { type: '路灯', at: a! }, // row 5: the same lamp as row 1
      { type: '垃圾桶', at: d! },
    ]);
    // a second layer from the shared fixtures: nine WGS84 points near (1°E, 2°N), far from Wuzhong
    copyFixture('mbostock_shapefile__points', dir);
    surveyZip = path.join(work, '界面测试调查.zip');
    fs.writeFileSync(surveyZip, await zipFolder(dir, '界面测试调查'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('a contractor uploads, follows the progress and reads the report', async () => {
    await page.getByTestId('page-surveys').waitFor();
    await uploadFiles(page, [surveyZip], '界面测试批次');
    const progress = page.getByTestId('upload-progress');
    await progress.waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="upload-progress"][data-phase="done"]').waitFor({ timeout: 60_000 });
    assert.ok(Number(await progress.getAttribute('data-total')) > 0, 'rows total from the events');

    const batch = await settledReport(page);
    assert.equal(batch.state, 'validated');
    const served = await apiJson(page, `/api/survey-batches/${batch.id}`);
    const figures = page.getByTestId('report-figures');
    for (const key of ['read', 'accepted', 'rejected']) {
      const shown = await figures.locator(`[data-figure="${key}"] dd`).innerText();
      assert.equal(Number(shown.replace(/,/g, '')), served.counts[key], key);
    }
    assert.ok(served.counts.rejected >= 3, JSON.stringify(served.counts));
    assert.match(await page.getByTestId('counts-by-class').innerText(), /路灯/);

    // the map shows the batch: the rejects that have a position, over every accepted row (the view
    // is fitted to the batch, so all of them are in it), drawn blue for new
    await page.locator('[data-testid="batch-map"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
    assert.ok(Number(await page.getByTestId('batch-map').getAttribute('data-rejects-shown')) > 0);
    const staged = page.getByTestId('staged-shown');
    await page.waitForFunction((n) => document.querySelector('[data-testid="staged-shown"]')?.getAttribute('data-total') === String(n), served.counts.accepted);
    assert.equal(await staged.getAttribute('data-shown'), String(served.counts.accepted));
    const mapShot = await page.getByTestId('batch-map').screenshot({ path: path.join(screenshotDir, 'civicgrid-batch-map.png') });
    const { data, info } = await sharp(mapShot).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let blue = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 80 && data[i + 1]! > 70 && data[i + 1]! < 130 && data[i + 2]! > 200) blue++;
    assert.ok(blue > 20, `accepted rows drawn (${blue} blue pixels)`);
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-surveys.png'), fullPage: true });
  });

  test('the reject table filters by rule; the CSV downloads', async () => {
    const table = page.getByTestId('reject-table');
    const rows = table.getByTestId('reject-row');
    const served = await apiJson(page, `/api/survey-batches/${(await settledReport(page)).id}`);
    const byRule = served.report.rejectsByRule as Record<string, number>;
    // a row can break several rules: the table has one line per row and rule
    const total = Object.values(byRule).reduce((sum, n) => sum + n, 0);
    assert.ok(total >= served.counts.rejected);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="reject-row"]').length === n, total);

    await page.getByTestId('reject-rule-filter').selectOption('class.unknown');
    await page.waitForFunction((n) => {
      const shown = [...document.querySelectorAll<HTMLElement>('[data-testid="reject-row"]')];
      return shown.length === n && shown.every((row) => row.dataset.rule === 'class.unknown');
    }, byRule['class.unknown']);
    assert.match(await rows.first().innerText(), /飞碟降落点|class\.unknown/);

    await page.getByTestId('reject-rule-filter').selectOption('');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="reject-row"]').length === n, total);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    assert.match(lines[0]!, /layer,row,source_id,rule,message/);
    assert.equal(lines.length - 1, total, 'one CSV line per reject');
    assert.match(download.suggestedFilename(), /rejects\.csv$/);
  });

  test('commits the batch and sees it committed', async () => {
    const { id } = await settledReport(page);
    await page.getByTestId('commit-batch').click();
    const outcome = page.locator('[data-testid="batch-outcome"][data-outcome="committed"]');
    await outcome.waitFor({ timeout: 60_000 });
    const served = await apiJson(page, `/api/survey-batches/${id}`);
    assert.equal(served.state, 'committed');
    assert.match(await outcome.innerText(), new RegExp(`${served.counts.new}`));
    await page.locator(`[data-testid="batch-row"][data-batch-id="${id}"][data-state="committed"]`).waitFor();
    assert.equal(await page.getByTestId('commit-batch').count(), 0, 'no commit button on a committed batch');
  });

  test('discards another batch', async () => {
    const dir = path.join(work, 'discard');
    const [e] = await districtPoints(page, 1);
    await writeSurvey(dir, [{ type: '消防栓', at: [e![0] + 7, e![1] - 3] }]);
    await uploadFiles(page, fs.readdirSync(dir).map((name) => path.join(dir, name)));
    await page.locator('[data-testid="upload-progress"][data-phase="done"]').waitFor({ timeout: 60_000 });
    const { id, state } = await settledReport(page);
    assert.equal(state, 'validated');
    await page.getByTestId('discard-batch').click();
    await page.locator('[data-testid="batch-outcome"][data-outcome="discarded"]').waitFor({ timeout: 30_000 });
    assert.equal((await apiJson(page, `/api/survey-batches/${id}`)).state, 'discarded');
    await page.locator(`[data-testid="batch-row"][data-batch-id="${id}"][data-state="discarded"]`).waitFor();
  });

  test('a file that is no shapefile, and a refused form field, show the server\'s words', async () => {
    const badDir = path.join(work, 'bad');
    await uploadFiles(page, copyFixture('calvinmetcalf_shapefile-js__bad', badDir));
    await page.locator('[data-testid="upload-progress"][data-phase="failed"]').waitFor({ timeout: 60_000 });
    const { id, state } = await settledReport(page);
    assert.equal(state, 'failed');
    const served = await apiJson(page, `/api/survey-batches/${id}`);
    assert.ok(served.error, 'the server gives a reason');
    assert.ok((await page.getByTestId('batch-error').innerText()).includes(served.error), 'the reason as the server words it');

    // refused before a batch exists: 400 with the field's rule
    await page.getByTestId('upload-input').setInputFiles([surveyZip]);
    await page.getByLabel(/坐标系/).fill('4549');
    await page.getByTestId('upload-submit').click();
    const error = page.getByTestId('upload-error');
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.innerText(), /invalid form field srs: write it as EPSG:n/);
  });

  test('a dispatcher sees every batch and its report, without commit or discard', async () => {
    const { page: dispatcherPage, record: dispatcherRecord } = await openRecordedPage(browser);
    try {
      await signInAs(dispatcherPage, server, 'dispatcher', '/surveys');
      const served = await (await dispatcherPage.request.get(`${server.baseUrl}/api/survey-batches`)).json();
      await dispatcherPage.getByTestId('batch-row').first().waitFor();
      assert.equal(await dispatcherPage.getByTestId('batch-row').count(), served.length);
      assert.equal(await dispatcherPage.getByTestId('upload-input').count(), 0, 'dispatchers do not upload');
      const committed = served.find((batch: { state: string; name: string }) => batch.state === 'committed' && batch.name === '界面测试批次');
      await dispatcherPage.locator(`[data-testid="batch-row"][data-batch-id="${committed.id}"] button`).click();
      await dispatcherPage.locator(`[data-testid="batch-report"][data-batch-id="${committed.id}"][data-state="committed"]`).waitFor();
      await dispatcherPage.getByTestId('reject-row').first().waitFor();
      assert.equal(await dispatcherPage.getByTestId('commit-batch').count(), 0);
      assert.equal(await dispatcherPage.getByTestId('discard-batch').count(), 0);
      assert.deepEqual(dispatcherRecord.consoleErrors, []);
    } finally {
      await dispatcherPage.context().close();
    }
  });

  test('English switch covers the page; made no request off this machine and logged no console error', async () => {
    await page.getByTestId('locale-en').click();
    await page.getByText('Survey batches').waitFor();
    assert.match(await page.getByTestId('page-surveys').innerText(), /Upload a survey/);
    await page.getByTestId('locale-zh').click();
    const remote = record.requests.filter((url) => !isLocalUrl(url));
    assert.deepEqual(remote, [], 'requests that left the machine');
    // the refused upload is an expected 400: the browser reports the failed request as a console error
    const errors = record.consoleErrors.filter((text) => !/status of 400/.test(text));
    assert.deepEqual(errors, [], 'console errors');
  });
});
