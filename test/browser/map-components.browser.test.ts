/**
 * Components on the map, end to end (issue 6): a dispatcher opens the map at a demo component,
 * clicks it, reads its card, opens a repair case and sees where it was routed, reports again and
 * joins that case; a click between two close components offers a pick-list; a class filter hides
 * the class; a code search and a `?component=` link open the card; a box selects components.
 * Nothing leaves the machine, nothing is logged as an error. Screenshot: civicgrid-map-components.png.
 *
 *   npm test -- browser/map-components
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './civicgrid-server.ts';
import { chromiumMissing, launchChromium, openRecordedPage, type PageRecord } from './headless-chromium.ts';
import { assertStayedLocal, clickAt, dragBoxAround, findCandidates, jumpTo, readPointComponents, waitForIdle, type DemoComponent } from './map-driver.ts';
import { waitForMapReady } from './map-ready.ts';
import { signInAs } from './sign-in.ts';

const screenshotDir = process.env.CIVICGRID_SCREENSHOT_DIR ?? os.tmpdir();

let server: RunningServer;
let browser: Browser;
let page: Page;
let record: PageRecord;
/** A point component with no other component within 40 m. */
let lone: DemoComponent;
/** The two point components closest to each other. */
let pair: { a: DemoComponent; b: DemoComponent; metres: number };

describe('components on the map', { timeout: 600_000, skip: chromiumMissing }, () => {
  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    ({ page, record } = await openRecordedPage(browser));
    await signInAs(page, server, 'dispatcher', '/map');
    await waitForMapReady(page);
    ({ lone, pair } = findCandidates(await readPointComponents(page)));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a #17/lat/lng link at a component draws it; a click opens its card', async () => {
    const { page: linked, record: linkedRecord } = await openRecordedPage(browser);
    try {
      await signInAs(linked, server, 'dispatcher', `/map#17/${lone.lat.toFixed(7)}/${lone.lon.toFixed(7)}`);
      await waitForMapReady(linked);
      await waitForIdle(linked);
      const drawn = await linked.evaluate(
        (code) => window.__civicgrid!.map.queryRenderedFeatures({ layers: ['components-symbol'] }).some((f) => f.properties['code'] === code),
        lone.code,
      );
      assert.ok(drawn, `component ${lone.code} is drawn from the tiles`);
      await clickAt(linked, lone.lon, lone.lat);
      const card = linked.getByTestId('component-card');
      await card.getByTestId('card-code').waitFor({ timeout: 15_000 });
      assert.equal(await card.getByTestId('card-code').innerText(), lone.code);
      assertStayedLocal(linkedRecord);
    } finally {
      await linked.context().close();
    }
  });

  test('opens a repair case from the card and sees it routed; a second report joins it', async () => {
    await jumpTo(page, 17, lone.lon, lone.lat);
    await clickAt(page, lone.lon, lone.lat);
    const card = page.getByTestId('component-card');
    await card.getByTestId('card-code').waitFor({ timeout: 15_000 });
    assert.equal(await card.getByTestId('card-code').innerText(), lone.code);
    const owner = await page.evaluate(async (code) => ((await (await fetch(`/api/components/${code}`)).json()) as { department: { code: string } | null }).department?.code ?? null, lone.code);

    await card.getByTestId('open-case').click();
    const form = page.getByTestId('case-form');
    await form.waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="case-problem-type"]') as HTMLSelectElement | null)?.value !== '');
    await form.getByTestId('case-note').fill('井盖破损 — browser test');
    await form.getByTestId('case-submit').click();
    const routed = page.getByTestId('case-routed');
    await routed.waitFor({ timeout: 15_000 });
    assert.equal(await routed.getAttribute('data-joined'), 'false');
    const department = await routed.getAttribute('data-department');
    assert.ok(department, 'routed to a department');
    if (owner) assert.equal(department, owner, "routed to the component's owner");
    assert.match(await routed.getByTestId('case-routed-deadline').innerText(), /\d{2}/);
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-map-components.png') });

    await routed.getByRole('button').click();
    await card.getByTestId('join-case').click();
    await page.getByTestId('case-submit').click();
    await page.locator('[data-testid="case-routed"][data-joined="true"]').waitFor({ timeout: 15_000 });
  });

  test('a click between two close components offers a pick-list', async () => {
    const metresPerPixel = (zoom: number) => (40_075_016.686 * Math.cos((pair.a.lat * Math.PI) / 180)) / (512 * 2 ** zoom);
    // the deepest zoom at which the click tolerance (10 px) still reaches both from their midpoint
    let zoom = 19;
    while (zoom > 13 && 10 * metresPerPixel(zoom) < pair.metres / 2 + 0.5) zoom -= 0.5;
    const lon = (pair.a.lon + pair.b.lon) / 2;
    const lat = (pair.a.lat + pair.b.lat) / 2;
    await page.getByTestId('panel-close').click();
    await jumpTo(page, zoom, lon, lat);
    await clickAt(page, lon, lat);
    const list = page.getByTestId('pick-list');
    await list.waitFor({ timeout: 15_000 });
    const codes = await list.getByTestId('pick-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-code')));
    assert.ok(codes.includes(pair.a.code) && codes.includes(pair.b.code), `pick-list ${codes.join(', ')} holds ${pair.a.code} and ${pair.b.code}`);
    await list.getByTestId('pick-item').first().click();
    await page.getByTestId('component-card').getByTestId('card-code').waitFor();
  });

  test('a class filter hides that class', async () => {
    await jumpTo(page, 17, lone.lon, lone.lat);
    const drawnOfClass = () =>
      page.evaluate((major) => window.__civicgrid!.map.queryRenderedFeatures({ layers: ['components-symbol'] }).filter((f) => f.properties['major'] === major).length, lone.major);
    assert.ok((await drawnOfClass()) > 0, 'the class is drawn before filtering');
    await page.getByTestId('filters-toggle').click();
    await page.getByTestId(`filter-major-${lone.major}`).uncheck();
    await waitForIdle(page);
    await page.waitForFunction(
      (major) => window.__civicgrid!.map.queryRenderedFeatures({ layers: ['components-symbol'] }).every((f) => f.properties['major'] !== major),
      lone.major,
    );
    await page.getByTestId('filter-clear').click();
    await waitForIdle(page);
    assert.ok((await drawnOfClass()) > 0, 'the class is back after clearing');
    await page.getByTestId('filters-toggle').click();
  });

  test('searching a code flies to the component and opens its card', async () => {
    await jumpTo(page, 12, lone.lon + 0.05, lone.lat);
    await page.getByTestId('map-search').fill(pair.b.code);
    await page.getByTestId('map-search-submit').click();
    await page.locator(`[data-testid="component-card"][data-code="${pair.b.code}"] [data-testid="card-code"]`).waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => window.__civicgrid!.map.getZoom() > 16.9, null, { timeout: 10_000 });
  });

  test('a box drawn with the toolbar selects the components inside it', async () => {
    await page.getByTestId('panel-close').click();
    await jumpTo(page, 17, lone.lon, lone.lat);
    await dragBoxAround(page, lone.lon, lone.lat);
    const list = page.getByTestId('selection-list');
    await list.waitFor({ timeout: 15_000 });
    const codes = await list.getByTestId('selection-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-code')));
    const view = await page.evaluate(() => ({ centre: window.__civicgrid!.map.getCenter().toArray(), zoom: window.__civicgrid!.map.getZoom() }));
    assert.ok(codes.includes(lone.code), `selection [${codes.join(', ')}] holds ${lone.code} at ${lone.lon},${lone.lat}; map at ${JSON.stringify(view)}`);
    assert.equal(await page.getByTestId('select-box').getAttribute('aria-pressed'), 'false', 'the tool ends with the drag');
    // the click the browser sends after the drag does not replace the selection with a card
    await page.waitForTimeout(1000);
    assert.equal(await page.getByTestId('selection-list').count(), 1);
  });

  test('with "open cases only" a box selects only the components that have an unfinished case', async () => {
    // the case opened on `lone` above is the only one in this database
    const selectedAround = async () => {
      await page.getByTestId('panel-close').click();
      await dragBoxAround(page, lone.lon, lone.lat);
      const list = page.getByTestId('selection-list');
      await list.waitFor({ timeout: 15_000 });
      return list.getByTestId('selection-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-code')));
    };
    // a 60-pixel box at z13 is over a kilometre across: `lone` has neighbours in it
    await jumpTo(page, 13, lone.lon, lone.lat);
    const all = await selectedAround();
    assert.ok(all.length > 1 && all.includes(lone.code), `the box holds ${lone.code} and others: ${all.join(', ')}`);
    await page.getByTestId('filters-toggle').click();
    await page.getByTestId('filter-open-cases').check();
    await page.getByTestId('filters-toggle').click();
    assert.deepEqual(await selectedAround(), [lone.code]);
    await page.getByTestId('filters-toggle').click();
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('filters-toggle').click();
  });

  test('an admin selects components with a box and moves them to another owner department', async () => {
    const { page: adminPage, record: adminRecord } = await openRecordedPage(browser);
    try {
      await signInAs(adminPage, server, 'admin', `/map#17/${lone.lat.toFixed(7)}/${lone.lon.toFixed(7)}`);
      await waitForMapReady(adminPage);
      await dragBoxAround(adminPage, lone.lon, lone.lat);
      await adminPage.getByTestId('selection-list').waitFor({ timeout: 15_000 });
      const codes = await adminPage.getByTestId('selection-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-code')!));
      assert.ok(codes.includes(lone.code));

      await adminPage.getByTestId('bulk-reassign').click();
      const form = adminPage.getByTestId('bulk-reassign-form');
      const before = await adminPage.request.get(`${server.baseUrl}/api/components/${lone.code}`).then((r) => r.json());
      const target = (await form.getByTestId('reassign-department').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).find((code) => code !== before.department?.code)!;
      await form.getByTestId('reassign-department').selectOption(target);
      await form.getByTestId('reassign-reason').fill('整段道路移交');
      await form.getByTestId('reassign-submit').click();
      await form.getByTestId('reassign-done').waitFor({ timeout: 15_000 });

      const after = await adminPage.request.get(`${server.baseUrl}/api/components/${lone.code}`).then((r) => r.json());
      assert.equal(after.department.code, target);
      assert.equal(after.ownership_status, 'pending');
      assert.equal(after.version, before.version + 1);
      await adminPage.screenshot({ path: path.join(screenshotDir, 'civicgrid-map-reassign.png') });
      assertStayedLocal(adminRecord);
    } finally {
      await adminPage.context().close();
    }
  });

  test('a ?component= link opens the card', async () => {
    // the QR code on an ID card links here; the browser is signed in already
    await page.goto(`${server.baseUrl}/map?component=${pair.a.code}`);
    await page.locator(`[data-testid="component-card"][data-code="${pair.a.code}"] [data-testid="card-code"]`).waitFor({ timeout: 60_000 });
    await waitForMapReady(page);
    // the map flies to the component rather than fitting the district
    await page.waitForFunction(
      ([lon, lat]) => {
        const map = window.__civicgrid!.map;
        return !map.isMoving() && map.getZoom() > 16.9 && map.getBounds().contains([lon!, lat!]);
      },
      [pair.a.lon, pair.a.lat],
      { timeout: 15_000 },
    );
  });

  test('the deck.gl overlay draws open cases and a case heatmap', async () => {
    await jumpTo(page, 13, lone.lon, lone.lat);
    await page.getByTestId('layers-toggle').click();
    await page.getByTestId('layer-heatmap').check();
    // the overlay has its own canvas above the map's
    await page.locator('[data-testid="map"] canvas:not(.maplibregl-canvas)').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-map-heatmap.png') });
    await page.getByTestId('layer-heatmap').uncheck();
    await page.getByTestId('layers-toggle').click();
  });

  test('made no request off this machine and logged no console error', () => {
    assertStayedLocal(record);
  });
});

