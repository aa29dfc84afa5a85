/**
 * The Dashboard end to end: cases are walked through the six-step loop over HTTP with the demo
 * accounts (report → verify → file → dispatch → dispose → close), one is left with the owner; the
 * dashboard's bars, trend, score table and choropleth then show what /api/assessment and
 * /api/cases give.
 *
 *   npm test -- browser/dashboard
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './civicgrid-server.ts';
import { chromiumMissing, isLocalUrl, launchChromium, openRecordedPage, type PageRecord } from './headless-chromium.ts';
import { demoPassword, signInAs } from './sign-in.ts';
import { presetPeriod, shanghaiToday } from '../../web/src/pages/dashboard/assessment-period.ts';

const screenshotDir = path.join(process.env.CIVICGRID_SCREENSHOT_DIR ?? os.tmpdir(), 'civicgrid-screenshots');

let server: RunningServer;
let browser: Browser;
let page: Page;
let record: PageRecord;

/** A small bearer-token client for the seeding, as the demo accounts. */
class Api {
  private readonly tokens = new Map<string, string>();

  async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const body = await this.call('POST', '/api/auth/login', undefined, { username, password: demoPassword(server, username) });
    this.tokens.set(username, body.token);
    return body.token;
  }

  async as(username: string, method: string, url: string, body?: unknown): Promise<any> {
    return this.call(method, url, await this.token(username), body);
  }

  private async call(method: string, url: string, token: string | undefined, body?: unknown): Promise<any> {
    const response = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${url}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

const api = new Api();

/** Reports a case on the component as the inspector and walks it through `steps`. */
async function walkCase(code: string, classCode: string, steps: [string, string, Record<string, unknown>?][]): Promise<any> {
  const [problem] = await api.as('inspector', 'GET', `/api/problem-types?class=${classCode}`);
  assert.ok(problem, `a problem type for ${classCode}`);
  let body = await api.as('inspector', 'POST', '/api/cases', { component_code: code, problem_type: problem.code, note: 'dashboard test' });
  for (const [who, action, extra] of steps) body = await api.as(who, 'POST', `/api/cases/${body.id}/transitions`, { action, version: body.version, ...extra });
  return body;
}

const toClose: [string, string, Record<string, unknown>?][] = [
  ['inspector', 'verify'],
  ['inspector', 'file'],
  ['dispatcher', 'dispatch'],
  ['water', 'dispose', { note: 'repaired' }],
  ['inspector', 'close'],
];

describe('dashboard', { timeout: 400_000, skip: chromiumMissing }, () => {
  before(async () => {
    fs.mkdirSync(screenshotDir, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    ({ page, record } = await openRecordedPage(browser, { width: 1280, height: 1400 }));

    const components = await api.as('dispatcher', 'GET', '/api/components?department=water-supply&limit=20');
    const [a, b, c, d] = components.features.map((f: { properties: { code: string; class_code: string } }) => f.properties);
    assert.ok(d, 'four water-supply components in the demo data');
    await walkCase(a.code, a.class_code, toClose);
    await walkCase(b.code, b.class_code, toClose);
    // one returned for rework, disposed again and closed; one left with the owner
    await walkCase(c.code, c.class_code, [...toClose.slice(0, 4), ['inspector', 'return', { note: 'not fixed' }], ['water', 'dispose', { note: 'fixed now' }], ['inspector', 'close']]);
    const open = await walkCase(d.code, d.class_code, toClose.slice(0, 3));
    assert.equal(open.state, 'dispatched');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the bars and the score table show what /api/assessment gives', async () => {
    await signInAs(page, server, 'dispatcher', '/dashboard');
    await page.locator('[data-testid="dashboard"][data-loading="false"]').waitFor({ timeout: 30_000 });
    const report = await api.as('dispatcher', 'GET', '/api/assessment?by=department');
    assert.ok(report.groups.length > 0, 'the seeded cases are assessed');
    const water = report.groups.find((g: { group: { code: string } }) => g.group.code === 'water-supply');
    assert.ok(water, JSON.stringify(report.groups.map((g: { group: { code: string } }) => g.group.code)));
    assert.ok(water.received >= 4 && water.disposals >= 4, JSON.stringify(water));

    const bars = page.getByTestId('assessment-chart').getByTestId('assessment-bar');
    await bars.first().waitFor();
    assert.equal(await bars.count(), report.groups.length);
    for (const group of report.groups) {
      const bar = page.locator(`[data-testid="assessment-bar"][data-code="${group.group.code}"]`);
      assert.equal(await bar.getAttribute('data-rate'), group.on_time_rate === null ? '' : String(group.on_time_rate), group.group.code);
      assert.equal(Number(await bar.getAttribute('data-disposals')), group.disposals);
    }

    const rows = page.getByTestId('assessment-table').getByTestId('assessment-row');
    assert.deepEqual(await rows.evaluateAll((list) => list.map((row) => (row as HTMLElement).dataset.code)), report.groups.map((g: { group: { code: string } }) => g.group.code), 'best score first');
    const cell = (code: string, column: string) => page.locator(`[data-testid="assessment-row"][data-code="${code}"] [data-column="${column}"]`);
    for (const column of ['received', 'disposals', 'disposed_on_time', 'returns', 'closed', 'score']) {
      assert.equal(await cell('water-supply', column).getAttribute('data-value'), water[column] === null ? '' : String(water[column]), column);
    }
    assert.equal(Number(await cell('water-supply', 'returns').innerText()), water.returns);
    assert.ok(water.returns >= 1, 'the return for rework is counted');
  });

  test('the weekly trend adds up to the period', async () => {
    const weeks = page.getByTestId('assessment-trend').getByTestId('trend-week');
    await weeks.first().waitFor({ timeout: 30_000 });
    assert.equal(await weeks.count(), 8);
    const last = weeks.last();
    const from = (await last.getAttribute('data-from'))!;
    const today = shanghaiToday();
    const week = await api.as('dispatcher', 'GET', `/api/assessment?by=department&from=${from}&to=${today}`);
    const received = week.groups.reduce((n: number, g: { received: number }) => n + g.received, 0);
    assert.equal(Number(await last.getAttribute('data-received')), received);
    assert.ok(received >= 4, 'this week holds the seeded cases');
  });

  test('the choropleth colours the grids by open cases', async () => {
    const map = page.locator('[data-testid="grid-choropleth"][data-map-ready="true"]');
    await map.waitFor({ timeout: 90_000 });
    const open = await api.as('dispatcher', 'GET', '/api/cases?state=reported,verified,filed,dispatched,disposed,returned&limit=500');
    assert.equal(Number(await map.getAttribute('data-total')), open.items.filter((c: { grid: unknown }) => c.grid).length);
    assert.ok(Number(await map.getAttribute('data-total')) >= 1, 'the dispatched case is open');
    const top = page.getByTestId('choropleth-top').locator('li').first();
    assert.ok(Number(await top.getAttribute('data-count')) >= 1);
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-dashboard.png'), fullPage: true });

    await page.getByTestId('choropleth-level').selectOption('4');
    await page.locator('[data-testid="grid-choropleth"][data-level="4"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
    const baseGrid = await page.getByTestId('choropleth-top').locator('li').first().getAttribute('data-code');
    assert.match(baseGrid ?? '', /^\d{14}$/, 'counted per base grid');
    await page.getByTestId('choropleth-level').selectOption('3');
  });

  test('the period picker and the English switch', async () => {
    await page.getByTestId('period-lastMonth').click();
    const { from, to } = presetPeriod('lastMonth', shanghaiToday());
    await page.locator(`[data-testid="period-range"][data-from="${from}"][data-to="${to}"]`).waitFor();
    const lastMonth = await api.as('dispatcher', 'GET', `/api/assessment?by=department&from=${from}&to=${to}`);
    await page.locator('[data-testid="dashboard"][data-loading="false"]').waitFor();
    if (lastMonth.groups.length === 0) await page.getByTestId('assessment-empty').waitFor();
    else assert.equal(await page.getByTestId('assessment-bar').count(), lastMonth.groups.length);

    await page.getByTestId('period-thisMonth').click();
    await page.getByTestId('locale-en').click();
    await page.getByText('Composite score').waitFor();
    assert.match(await page.getByTestId('dashboard').innerText(), /On-time disposal rate/);
    await page.getByTestId('locale-zh').click();
  });

  test('an owner sees its own department only; nothing left the machine, no console error', async () => {
    const { page: ownerPage, record: ownerRecord } = await openRecordedPage(browser);
    try {
      await signInAs(ownerPage, server, 'water', '/dashboard');
      await ownerPage.locator('[data-testid="dashboard"][data-loading="false"]').waitFor({ timeout: 30_000 });
      const codes = await ownerPage.getByTestId('assessment-bar').evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).dataset.code));
      assert.deepEqual(codes, ['water-supply']);
      for (const pageRecord of [record, ownerRecord]) {
        assert.deepEqual(pageRecord.requests.filter((url) => !isLocalUrl(url)), [], 'requests that left the machine');
        assert.deepEqual(pageRecord.consoleErrors, [], 'console errors');
      }
    } finally {
      await ownerPage.context().close();
    }
  });
});
