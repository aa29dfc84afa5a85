/**
 * The grid map, end to end: the real server on a fresh copy of the test database, the built web
 * UI, Debian's headless Chromium. Screenshots go to $CIVICGRID_SCREENSHOT_DIR (default: the OS
 * temp dir) so a person can look at them.
 *
 *   node --import tsx --test test/browser/map.browser.test.ts
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './civicgrid-server.ts';
import { chromiumMissing, isLocalUrl, launchChromium, openRecordedPage, type PageRecord } from './headless-chromium.ts';
import { waitForMapReady } from './map-ready.ts';
import { signInAs } from './sign-in.ts';

const screenshotDir = process.env.CIVICGRID_SCREENSHOT_DIR ?? os.tmpdir();
const han = /\p{Script=Han}/u;

let server: RunningServer;
let browser: Browser;
let page: Page;
let record: PageRecord;

/** Resolves once MapLibre has nothing left to load or draw. */
function waitForIdle(target: Page): Promise<void> {
  return target.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__civicgrid!.map;
        if (map.loaded() && !map.isMoving()) resolve();
        else map.once('idle', () => resolve());
      }),
  );
}

function renderedLabels(target: Page, level: 2 | 3 | 4): Promise<string[]> {
  return target.evaluate((which) => window.__civicgrid!.renderedLabels(which), level);
}

describe('grid map', { timeout: 300_000, skip: chromiumMissing }, () => {
  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    ({ page, record } = await openRecordedPage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('renders the district and its towns on a WebGL canvas', async () => {
    await signInAs(page, server, 'dispatcher');
    await waitForMapReady(page);

    assert.equal(await page.locator('[data-testid="map"] canvas.maplibregl-canvas').count(), 1);
    const towns = await page.evaluate(() => window.__civicgrid!.renderedGrids(2));
    assert.ok(towns > 0, `expected town boundaries in view, got ${towns}`);
    const townFills = await page.evaluate(
      () => window.__civicgrid!.map.queryRenderedFeatures({ layers: ['grid-2-fill'] }).length,
    );
    assert.ok(townFills > 0, 'expected tinted town fills');
    assert.equal(await page.evaluate(() => window.__civicgrid!.renderedGrids(1)), 1, 'one district');

    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-map-zh.png') });
  });

  test('shows the api health and backend in the header', async () => {
    const health = page.getByTestId('health');
    await health.and(page.locator('[data-backend]')).waitFor({ timeout: 10_000 });
    assert.match((await health.getAttribute('data-backend')) ?? '', /^(pglite|postgresql)$/);
    assert.match(await page.getByTestId('app-header').innerText(), /civicgrid/);
  });

  test('labels towns in Chinese by default and in English after the switch', async () => {
    const chinese = await renderedLabels(page, 2);
    assert.ok(chinese.length > 0, 'town labels are placed');
    assert.ok(chinese.every((label) => han.test(label)), `Chinese labels: ${chinese.join(', ')}`);
    assert.equal(await page.getByTestId('map').getAttribute('data-locale'), 'zh');

    await page.getByTestId('locale-en').click();
    await page.waitForFunction(() => {
      const labels = window.__civicgrid!.renderedLabels(2);
      return labels.length > 0 && labels.every((label) => /^[\x20-\x7e]+$/.test(label));
    });
    assert.equal(await page.getByTestId('map').getAttribute('data-locale'), 'en');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await page.getByTestId('legend').innerText(), /Town \/ street/);
    await waitForIdle(page);
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-map-en.png') });

    await page.getByTestId('locale-zh').click();
    await page.waitForFunction(() => window.__civicgrid!.renderedLabels(2).some((label) => /\p{Script=Han}/u.test(label)));
    assert.match(await page.getByTestId('legend').innerText(), /镇（街道）/);
  });

  test('a #zoom/lat/lng link opens on communities and base grids', async () => {
    // aim at a town's label point, which lies inside the town
    const [lng, lat] = await page.evaluate(() => {
      const [town] = window.__civicgrid!.map.queryRenderedFeatures({ layers: ['grid-2-label'] });
      return (town!.geometry as GeoJSON.Point).coordinates as [number, number];
    });
    const link = `${server.baseUrl}/#14.2/${lat.toFixed(5)}/${lng.toFixed(5)}`;
    const { page: linked, record: linkedRecord } = await openRecordedPage(browser);
    try {
      await signInAs(linked, server, 'dispatcher', link.slice(server.baseUrl.length));
      await waitForMapReady(linked);
      assert.ok(Math.abs((await linked.evaluate(() => window.__civicgrid!.map.getZoom())) - 14.2) < 0.01, 'zoom from the link');
      // communities and base grids are fetched on demand at this zoom
      await linked.waitForFunction(() => window.__civicgrid!.renderedGrids(4) > 0 && window.__civicgrid!.renderedGrids(3) > 0, null, {
        timeout: 30_000,
      });
      await waitForIdle(linked);
      const baseGridLabels = await renderedLabels(linked, 4);
      assert.ok(baseGridLabels.length > 0, 'base grid labels at z14');
      await linked.screenshot({ path: path.join(screenshotDir, 'civicgrid-map-z14.png') });
      assertStayedLocal(linkedRecord);
    } finally {
      await linked.context().close();
    }
  });

  test('the transparent sky MapLibre would draw on every frame is skipped, and no pixel changes', async () => {
    // a view with everything: components, grids of every level, labels
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = window.__civicgrid!.map;
          const [town] = map.queryRenderedFeatures({ layers: ['grid-2-label'] });
          map.jumpTo({ center: (town!.geometry as GeoJSON.Point).coordinates as [number, number], zoom: 15 });
          map.once('idle', () => resolve());
        }),
    );
    const frame = async (skipping: boolean): Promise<{ png: Buffer; draws: number }> => {
      const draws = await page.evaluate(
        (skip) =>
          new Promise<number>((resolve) => {
            const probe = window.__civicgrid!;
            probe.sky.enabled = skip;
            const gl = probe.map.painter.context.gl;
            const drawElements = gl.drawElements;
            let count = 0;
            gl.drawElements = (...args) => {
              count++;
              drawElements.apply(gl, args);
            };
            probe.map.once('render', () => {
              gl.drawElements = drawElements;
              // two frames on: the compositor shows what was drawn
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(count)));
            });
            probe.map.triggerRepaint();
          }),
        skipping,
      );
      return { png: await page.locator('canvas.maplibregl-canvas').screenshot(), draws };
    };
    const drawn = await frame(false);
    const skipped = await frame(true);
    assert.equal(drawn.draws - skipped.draws, 1, 'the sky is one draw call a frame, and it is skipped');
    assert.ok(drawn.png.equals(skipped.png), 'the same pixels with and without the transparent sky');
  });

  test('made no request off this machine and logged no console error', () => {
    assertStayedLocal(record);
  });
});

function assertStayedLocal(pageRecord: PageRecord): void {
  const remote = pageRecord.requests.filter((url) => !isLocalUrl(url));
  assert.deepEqual(remote, [], 'requests that left the machine');
  assert.deepEqual(pageRecord.consoleErrors, [], 'console errors');
}
