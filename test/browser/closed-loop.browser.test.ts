/**
 * The story end to end on one fresh server, every step through the web UI: a contractor
 * uploads a survey with a bad row, sees the reject and commits; the owner 'lighting' confirms the new
 * street lamp; a dispatcher opens the map at the lamp (`/map#18/lat/lng`), clicks it and opens a case
 * that is routed to street lighting; an inspector verifies and files it; the dispatcher dispatches it;
 * the owner disposes it; an inspector closes it; the dashboard counts the disposal.
 *
 * The shared fixture shapefiles all lie outside the district, so the survey is written here with the
 * demo writer (GBK, CGCS2000 3-degree Gauss-Krüger CM 120E), as a contractor's tool would write it.
 *
 *   npm test -- browser/closed-loop
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pointOnFeature from '@turf/point-on-feature';
import type { Browser, Page } from 'playwright-core';
import { CGCS2000_GK_CM_120E_ESRI_WKT, cgcs2000GkCm120e } from '../../etl/demo/cgcs2000-gk-cm120e.ts';
import type { DbfValue } from '../../etl/demo/dbf-writer.ts';
import { PointShapefileWriter } from '../../etl/demo/shapefile-writer.ts';
import { DEMO_SURVEY_FIELDS } from '../../etl/demo/survey-row-generator.ts';
import { startServer, type RunningServer } from './civicgrid-server.ts';
import { chromiumMissing, isLocalUrl, launchChromium, openRecordedPage, type PageRecord } from './headless-chromium.ts';
import { clickAt, waitForIdle } from './map-driver.ts';
import { waitForMapReady } from './map-ready.ts';
import { DemoApi, signInAs } from './sign-in.ts';

const screenshotDir = path.join(os.tmpdir(), 'civicgrid-screenshots');

let server: RunningServer;
let browser: Browser;
let work: string;
let demo: DemoApi;
const records: PageRecord[] = [];

async function openPage(username: string, url: string): Promise<Page> {
  const { page, record } = await openRecordedPage(browser);
  records.push(record);
  await signInAs(page, server, username, url);
  return page;
}

/** A GBK CGCS2000 survey of a street lamp at `at` and a row of a class that does not exist. */
async function writeSurvey(dir: string, at: [number, number]): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const writer = await PointShapefileWriter.create(path.join(dir, '闭环调查'), {
    fields: DEMO_SURVEY_FIELDS,
    prj: CGCS2000_GK_CM_120E_ESRI_WKT,
    encoding: 'gbk',
    languageDriver: 0x4d,
    updated: new Date(2024, 3, 1),
  });
  const row = (type: string, name: string): DbfValue[] => ['', type, name, '完好', '', '', '20240310', '', ''];
  writer.add(at[0], at[1], row('路灯', '闭环测试路灯'));
  writer.add(at[0] + 30, at[1] + 30, row('飞碟降落点', '不存在的类别'));
  await writer.close();
  return fs.readdirSync(dir).map((name) => path.join(dir, name));
}

async function openCase(page: Page, queue: string, number: string): Promise<void> {
  await page.getByTestId(`case-queue-tab-${queue}`).click();
  await page.getByTestId(`case-queue-${queue}`).locator(`[data-testid="case-row"][data-case-number="${number}"]`).click();
  await page.locator(`[data-testid="case-detail"][data-case-number="${number}"]`).waitFor();
}

async function transition(page: Page, action: string, state: string, note?: string): Promise<void> {
  await page.getByTestId(`transition-${action}`).click();
  if (note) await page.getByTestId('transition-note').fill(note);
  await page.getByTestId('transition-submit').click();
  await page.locator(`[data-testid="case-detail"][data-state="${state}"]`).waitFor({ timeout: 15_000 });
}

describe('the closed loop (六步闭环) through the web UI', { timeout: 600_000, skip: chromiumMissing }, () => {
  /** where the surveyed lamp stands (WGS84) */
  let lamp: { lon: number; lat: number; code?: string };
  let caseNumber: string;

  before(async () => {
    fs.mkdirSync(screenshotDir, { recursive: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-closed-loop-'));
    server = await startServer();
    demo = new DemoApi(server);
    browser = await launchChromium();
    for (const user of ['dispatcher', 'lighting']) await demo.signIn(user);
    const grids = (await (await fetch(`${server.baseUrl}/api/grids?level=4`)).json()) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon>;
    const [lon, lat] = pointOnFeature(grids.features[Math.floor(grids.features.length / 3)]!).geometry.coordinates as [number, number];
    lamp = { lon, lat };
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('a contractor uploads a survey, sees the reject and commits', async () => {
    const files = await writeSurvey(path.join(work, 'survey'), cgcs2000GkCm120e.forward([lamp.lon, lamp.lat]) as [number, number]);
    const page = await openPage('contractor', '/surveys');
    await page.getByTestId('upload-input').setInputFiles(files);
    await page.getByTestId('upload-submit').click();
    const report = page.locator('[data-testid="batch-report"][data-state="validated"]');
    await report.waitFor({ timeout: 90_000 });
    await page.getByTestId('reject-row').first().waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('reject-table').innerText(), /飞碟降落点|class\.unknown/);
    await page.getByTestId('commit-batch').click();
    await page.locator('[data-testid="batch-outcome"][data-outcome="committed"]').waitFor({ timeout: 60_000 });

    const nearby = await demo.call('dispatcher', 'GET', `/api/components/nearby?lon=${lamp.lon}&lat=${lamp.lat}&radius=3`);
    const found = nearby.features.find((f: any) => f.properties.class_code === '0118');
    assert.ok(found, `the committed lamp near ${lamp.lon},${lamp.lat}: ${JSON.stringify(nearby.features.map((f: any) => f.properties.code))}`);
    lamp.code = found.properties.code;
    assert.equal(found.properties.department_code, 'street-lighting');
    assert.equal(found.properties.ownership_status, 'pending');
    await page.context().close();
  });

  test("the owner 'lighting' confirms the new lamp", async () => {
    const page = await openPage('lighting', '/department');
    await page.getByTestId('pending-filter').fill(lamp.code!);
    const row = page.locator(`[data-testid="pending-row"][data-code="${lamp.code}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.locator('input[type="checkbox"]').check();
    await page.getByTestId('confirm-selected').click();
    await page.getByTestId('ownership-done').waitFor();
    assert.equal((await demo.call('lighting', 'GET', `/api/components/${lamp.code}`)).ownership_status, 'confirmed');
    await page.context().close();
  });

  test('a dispatcher clicks the lamp on the map, opens a case and sees it routed to the owner', async () => {
    const page = await openPage('dispatcher', `/map#18/${lamp.lat.toFixed(7)}/${lamp.lon.toFixed(7)}`);
    await waitForMapReady(page);
    await waitForIdle(page);
    await clickAt(page, lamp.lon, lamp.lat);
    // a neighbour within the click tolerance brings a pick-list first
    const card = page.locator(`[data-testid="component-card"][data-code="${lamp.code}"]`);
    const pick = page.locator(`[data-testid="pick-item"][data-code="${lamp.code}"]`);
    await card.or(pick).first().waitFor({ timeout: 15_000 });
    if (await pick.count()) await pick.click();
    await card.waitFor();
    await card.getByTestId('open-case').click();
    await page.getByTestId('case-form').waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="case-problem-type"]') as HTMLSelectElement | null)?.value !== '');
    await page.getByTestId('case-submit').click();
    const routed = page.getByTestId('case-routed');
    await routed.waitFor({ timeout: 15_000 });
    assert.equal(await routed.getAttribute('data-department'), 'street-lighting', 'routed to the owner');
    const { items } = await demo.call('dispatcher', 'GET', '/api/cases?state=reported');
    caseNumber = items.find((c: any) => c.component?.code === lamp.code).number;
    assert.ok(caseNumber);
    await page.context().close();
  });

  test('an inspector verifies and files it; the dispatcher dispatches it to the suggested owner', async () => {
    const inspector = await openPage('inspector', '/cases');
    await openCase(inspector, 'reported', caseNumber);
    await transition(inspector, 'verify', 'verified', '现场核实：路灯不亮');
    await transition(inspector, 'file', 'filed');
    await inspector.context().close();

    const dispatcher = await openPage('dispatcher', '/cases?queue=filed');
    await openCase(dispatcher, 'filed', caseNumber);
    await dispatcher.getByTestId('transition-dispatch').click();
    assert.equal(await dispatcher.getByTestId('transition-department').inputValue(), 'street-lighting');
    await dispatcher.getByTestId('transition-submit').click();
    await dispatcher.locator('[data-testid="case-detail"][data-state="dispatched"]').waitFor();
    await dispatcher.context().close();
  });

  test('the owner disposes it from My department', async () => {
    const page = await openPage('lighting', '/department');
    const item = page.locator(`[data-testid="department-case"][data-case-number="${caseNumber}"]`);
    await item.waitFor({ timeout: 30_000 });
    await item.getByTestId('dispose-note').fill('已更换光源 light source replaced');
    await item.getByTestId('dispose-submit').click();
    await page.getByTestId('dispose-done').waitFor();
    await page.context().close();
  });

  test('an inspector checks and closes it', async () => {
    const page = await openPage('inspector', '/cases?queue=disposed');
    await openCase(page, 'disposed', caseNumber);
    await transition(page, 'close', 'evaluated', '核查合格');
    const actions = await page.getByTestId('case-event').evaluateAll((items) => items.map((item) => item.getAttribute('data-action')));
    assert.deepEqual(actions, ['report', 'verify', 'file', 'dispatch', 'dispose', 'close', 'evaluate']);
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-closed-loop-case.png') });
    await page.context().close();
  });

  test('the dashboard shows the disposal', async () => {
    const page = await openPage('dispatcher', '/dashboard');
    await page.locator('[data-testid="dashboard"][data-loading="false"]').waitFor({ timeout: 30_000 });
    const bar = page.locator('[data-testid="assessment-bar"][data-code="street-lighting"]');
    await bar.waitFor({ timeout: 15_000 });
    assert.ok(Number(await bar.getAttribute('data-disposals')) >= 1, 'street lighting has a disposal this month');
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-closed-loop-dashboard.png') });
    await page.context().close();
  });

  test('made no request off this machine and logged no console error', () => {
    for (const record of records) {
      assert.deepEqual(record.requests.filter((url) => !isLocalUrl(url)), []);
      assert.deepEqual(record.consoleErrors, []);
    }
  });
});
