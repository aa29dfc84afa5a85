/**
 * The Cases page and the loop through it, in a real browser on the demo data: an inspector verifies
 * and files a street-lamp case, a dispatcher dispatches it (the suggested department preselected,
 * another one asking for a reason) and overrides another case with a reason, the owner 'lighting'
 * disposes from My department, an inspector closes; a stale transition shows the server's 409.
 *
 *   npm test -- browser/cases
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './civicgrid-server.ts';
import { chromiumMissing, isLocalUrl, launchChromium, openRecordedPage, type PageRecord } from './headless-chromium.ts';
import { DemoApi, signInAs } from './sign-in.ts';

const screenshotDir = path.join(os.tmpdir(), 'civicgrid-screenshots');

let server: RunningServer;
let browser: Browser;
let demo: DemoApi;
const records: PageRecord[] = [];

/** A component of a class and department with no case yet (each call takes the next one). */
const taken = new Set<string>();
async function freeComponent(classCode: string, department: string): Promise<string> {
  const page = await demo.call('dispatcher', 'GET', `/api/components?class=${classCode}&department=${department}&limit=50`);
  const code = page.features.map((f: any) => f.properties.code).find((c: string) => !taken.has(c));
  assert.ok(code, `no free ${classCode} of ${department}`);
  taken.add(code);
  return code;
}

async function report(classCode: string, department: string, note: string): Promise<any> {
  const [problem] = await demo.call('inspector', 'GET', `/api/problem-types?class=${classCode}`);
  return demo.call('inspector', 'POST', '/api/cases', { component_code: await freeComponent(classCode, department), problem_type: problem.code, note });
}

async function openPage(username: string, url: string): Promise<Page> {
  const { page, record } = await openRecordedPage(browser);
  records.push(record);
  await signInAs(page, server, username, url);
  return page;
}

/** Picks a case in its queue and waits for its detail. */
async function openCase(page: Page, queue: string, number: string): Promise<void> {
  await page.getByTestId(`case-queue-tab-${queue}`).click();
  await page.getByTestId(`case-queue-${queue}`).locator(`[data-testid="case-row"][data-case-number="${number}"]`).click();
  await page.locator(`[data-testid="case-detail"][data-case-number="${number}"]`).waitFor();
}

async function transition(page: Page, action: string, note?: string): Promise<void> {
  await page.getByTestId(`transition-${action}`).click();
  if (note) await page.getByTestId('transition-note').fill(note);
  await page.getByTestId('transition-submit').click();
}

function caseState(page: Page, state: string) {
  return page.locator(`[data-testid="case-detail"][data-state="${state}"]`).waitFor({ timeout: 15_000 });
}

describe('the Cases page', { timeout: 300_000, skip: chromiumMissing }, () => {
  let lamp: any;
  let manhole: any;

  before(async () => {
    fs.mkdirSync(screenshotDir, { recursive: true });
    server = await startServer();
    demo = new DemoApi(server);
    browser = await launchChromium();
    for (const user of ['inspector', 'dispatcher', 'lighting']) await demo.signIn(user);
    lamp = await report('0118', 'street-lighting', '灯不亮 lamp out');
    manhole = await report('0101', 'water-supply', '井盖破损 broken cover');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an inspector sees the queue with a live countdown, verifies and files', async () => {
    const page = await openPage('inspector', '/cases');
    const row = page.getByTestId('case-queue-reported').locator(`[data-testid="case-row"][data-case-number="${lamp.number}"]`);
    // names and the grid path arrive with the reference data
    await row.filter({ hasText: ' › ' }).filter({ hasText: '不亮' }).waitFor();
    assert.equal(await row.getAttribute('data-overdue'), 'false');
    assert.match(await row.innerText(), /B|A|C/);
    assert.match(await row.innerText(), / › /, 'the place is a grid path');
    assert.match(await row.innerText(), /路灯管理所/, 'the department');
    const first = await row.getByTestId('case-deadline').innerText();
    await page.waitForTimeout(1_300);
    assert.notEqual(await row.getByTestId('case-deadline').innerText(), first, 'the deadline counts down');
    assert.match(first, /剩余/);

    await openCase(page, 'reported', lamp.number);
    assert.deepEqual(await page.locator('[data-testid="case-detail"] [data-testid^="transition-"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid'))), [
      'transition-verify',
      'transition-not_file',
    ]);
    await transition(page, 'verify', '现场核实属实');
    await caseState(page, 'verified');
    await transition(page, 'file');
    await caseState(page, 'filed');
    const events = page.getByTestId('case-event');
    assert.deepEqual(await events.evaluateAll((items) => items.map((item) => item.getAttribute('data-action'))), ['report', 'verify', 'file']);
    assert.match(await events.nth(1).innerText(), /inspector/);
    assert.match(await events.nth(1).innerText(), /已上报 → 已核实/);
    assert.match(await events.nth(1).innerText(), /现场核实属实/);
    await page.context().close();
  });

  test('a dispatcher dispatches: suggested department preselected, another needs a reason', async () => {
    // the manhole case goes to filed through the api
    for (const action of ['verify', 'file']) {
      const current = await demo.call('inspector', 'GET', `/api/cases/${manhole.id}`);
      await demo.call('inspector', 'POST', `/api/cases/${manhole.id}/transitions`, { action, version: current.version });
    }
    const page = await openPage('dispatcher', '/cases?queue=filed');
    await openCase(page, 'filed', lamp.number);
    await page.getByTestId('transition-dispatch').click();
    const select = page.getByTestId('transition-department');
    assert.equal(await select.inputValue(), 'street-lighting', 'the suggested department is preselected');
    assert.equal(await page.getByTestId('transition-reason').count(), 0, 'no reason asked for the suggestion');
    await select.selectOption('urban-management');
    await page.getByTestId('transition-reason').waitFor();
    assert.equal(await page.getByTestId('transition-submit').isDisabled(), true, 'another department needs a reason');
    await select.selectOption('street-lighting');
    await page.getByTestId('transition-note').fill('请路灯所处理');
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-cases.png') });
    await page.getByTestId('transition-submit').click();
    await caseState(page, 'dispatched');
    assert.equal(await page.getByTestId('case-department').getAttribute('data-department'), 'street-lighting');

    // the override: the manhole goes to urban management, with the reason on record
    await openCase(page, 'filed', manhole.number);
    await page.getByTestId('transition-dispatch').click();
    assert.equal(await page.getByTestId('transition-department').inputValue(), 'water-supply');
    await page.getByTestId('transition-department').selectOption('urban-management');
    await page.getByTestId('transition-reason').fill('井盖位于城管养护的广场内 the square is kept by urban management');
    await page.getByTestId('transition-submit').click();
    await caseState(page, 'dispatched');
    assert.equal(await page.getByTestId('case-department').getAttribute('data-department'), 'urban-management');
    assert.match(await page.getByTestId('case-event').last().innerText(), /城管养护/);
    const stored = await demo.call('dispatcher', 'GET', `/api/cases/${manhole.id}`);
    assert.match(String(stored.events.at(-1).details.override_reason), /urban management/);
    // it now waits in the dispose queue that the centre watches
    await page.getByTestId('case-queue-tab-dispatched').click();
    await page.getByTestId('case-queue-dispatched').locator(`[data-case-number="${lamp.number}"]`).waitFor();
    await page.context().close();
  });

  test("the owner 'lighting' disposes from My department", async () => {
    const page = await openPage('lighting', '/department');
    const item = page.getByTestId('department-cases').locator(`[data-testid="department-case"][data-case-number="${lamp.number}"]`);
    await item.waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('department-cases').locator(`[data-case-number="${manhole.number}"]`).count(), 0, "another department's case is not listed");
    await item.getByTestId('dispose-note').fill('已更换灯泡 bulb replaced');
    await item.getByTestId('dispose-submit').click();
    await page.getByTestId('dispose-done').waitFor();
    await item.waitFor({ state: 'detached' });
    const stored = await demo.call('lighting', 'GET', `/api/cases/${lamp.id}`);
    assert.equal(stored.state, 'disposed');
    await page.context().close();
  });

  test('an inspector checks and closes; the case leaves the queues', async () => {
    const page = await openPage('inspector', '/cases?queue=disposed');
    await openCase(page, 'disposed', lamp.number);
    assert.match(await page.getByTestId('case-event').last().innerText(), /bulb replaced/);
    await transition(page, 'close', '核查合格');
    await caseState(page, 'evaluated');
    assert.equal(await page.getByTestId('case-event').last().getAttribute('data-action'), 'evaluate');
    await page.getByTestId('case-queue-disposed').locator(`[data-case-number="${lamp.number}"]`).waitFor({ state: 'detached' });
    await page.context().close();
  });

  test("a stale transition shows the server's 409, what is allowed now, and reloads the case", async () => {
    const stale = await report('0118', 'street-lighting', '灯杆倾斜 pole leaning');
    const page = await openPage('inspector', '/cases');
    await openCase(page, 'reported', stale.number);
    // someone else verifies it meanwhile
    await demo.call('inspector', 'POST', `/api/cases/${stale.id}/transitions`, { action: 'verify', version: stale.version });
    await transition(page, 'verify');
    const error = page.getByTestId('transition-error');
    await error.waitFor();
    assert.match(await error.innerText(), /已被他人更新/);
    assert.match(await error.innerText(), /version/, "the server's message");
    await caseState(page, 'verified');
    assert.match(await error.innerText(), /当前允许的操作：.*立案/);
    assert.equal(await page.getByTestId('transition-file').count(), 1, 'the reloaded case offers what is allowed now');

    await page.getByTestId('locale-en').click();
    await page.getByTestId('case-queue-tab-reported').filter({ hasText: 'To verify' }).waitFor();
    assert.match(await page.getByTestId('case-detail').innerText(), /Case log/);
    assert.match(await page.getByTestId('case-detail').innerText(), /Reported → Verified/);
    assert.match(await page.getByTestId('transition-error').innerText(), /changed by someone else/);
    await page.context().close();
  });

  test('made no request off this machine and logged no console error', () => {
    for (const record of records) {
      assert.deepEqual(record.requests.filter((url) => !isLocalUrl(url)), []);
      // the browser logs the 409 the stale transition provoked on purpose
      assert.deepEqual(record.consoleErrors.filter((message) => !/status of 409/.test(message)), []);
    }
  });
});
