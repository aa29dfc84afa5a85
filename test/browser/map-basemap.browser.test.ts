/**
 * An online basemap under the map (issue 6), with a GCJ-02 one's display shift: a dispatcher
 * chooses a GCJ-02 basemap in the layers panel; its tiles are drawn under the map (the page's
 * Content-Security-Policy lets it fetch them, and nothing else); the grids and components are then
 * drawn shifted to GCJ-02, so a click where a component is drawn opens its card; the choice
 * survives a reload; back on the offline map the view stays on the same ground and no basemap
 * tile is fetched. The "online" basemap is a tile server on this machine, on another port (another
 * origin), drawing every tile magenta. Screenshot: civicgrid-map-basemap.png.
 *
 *   npm test -- browser/map-basemap
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { gcoord } from '../../etl/reproject/gcoord.ts';
import { startServer, type RunningServer } from './civicgrid-server.ts';
import { chromiumMissing, launchChromium, openRecordedPage, type PageRecord } from './headless-chromium.ts';
import { assertStayedLocal, clickAt, findCandidates, jumpTo, readPointComponents, waitForIdle, type DemoComponent } from './map-driver.ts';
import { waitForMapReady } from './map-ready.ts';
import { signInAs } from './sign-in.ts';

const screenshotDir = process.env.CIVICGRID_SCREENSHOT_DIR ?? os.tmpdir();

let tileServer: http.Server;
/** Paths the basemap's tile server was asked for. */
const basemapRequests: string[] = [];
let server: RunningServer;
let browser: Browser;
let page: Page;
let record: PageRecord;
let lone: DemoComponent;

function toGcj02({ lon, lat }: { lon: number; lat: number }): [number, number] {
  return gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
}

/** The share of the screenshot's pixels that are the basemap's magenta. */
async function magentaShare(target: Page): Promise<number> {
  const { data, info } = await sharp(await target.screenshot()).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let magenta = 0;
  for (let i = 0; i < data.length; i += 3) if (data[i]! > 200 && data[i + 1]! < 90 && data[i + 2]! > 200) magenta++;
  return magenta / (info.width * info.height);
}

async function chooseBasemap(target: Page, id: string): Promise<void> {
  const select = target.getByTestId('basemap-select');
  if (!(await select.isVisible())) await target.getByTestId('layers-toggle').click();
  await select.selectOption(id);
}

describe('an online basemap under the map, GCJ-02 shifted', { timeout: 600_000, skip: chromiumMissing }, () => {
  before(async () => {
    const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#ff00ff' } })
      .png()
      .toBuffer();
    tileServer = http.createServer((req, res) => {
      basemapRequests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(tile);
    });
    await new Promise<void>((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
    const tiles = `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}/gcj/{z}/{x}/{y}.png`;
    const basemaps = [{ id: 'test-gcj', name_zh: '测试底图（GCJ-02）', name_en: 'Test basemap (GCJ-02)', datum: 'gcj02', tiles: [tiles], attribution: '© test tiles' }];
    server = await startServer({ env: { CIVICGRID_BASEMAPS: JSON.stringify(basemaps) } });
    browser = await launchChromium();
    ({ page, record } = await openRecordedPage(browser));
    await signInAs(page, server, 'dispatcher', '/map');
    await waitForMapReady(page);
    ({ lone } = findCandidates(await readPointComponents(page)));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => tileServer?.close(resolve));
  });

  test('the offline map fetches no basemap tile', async () => {
    await waitForIdle(page);
    assert.deepEqual(basemapRequests, []);
    assert.ok((await magentaShare(page)) < 0.01);
  });

  test('a GCJ-02 basemap is drawn under the map, and the tiles are asked for in GCJ-02', async () => {
    await jumpTo(page, 16, ...toGcj02(lone));
    await chooseBasemap(page, 'test-gcj');
    await page.waitForFunction(() => window.__civicgrid!.map.getSource('basemap') !== undefined);
    await waitForIdle(page);
    // 256-pixel raster tiles: a z16 view asks for z17 tiles
    assert.ok(basemapRequests.length > 0 && basemapRequests.every((url) => /^\/gcj\/17\/\d+\/\d+\.png$/.test(url)), basemapRequests.slice(0, 5).join());
    assert.ok((await magentaShare(page)) > 0.3, 'the basemap shows under the map');
    assert.ok(record.requests.some((url) => url.includes('/tiles/components.json?datum=gcj02')));
    assert.ok(record.requests.some((url) => /\/tiles\/components\/16\/\d+\/\d+\.mvt\?datum=gcj02$/.test(url)), 'component tiles in GCJ-02');
    await page.getByTestId('basemap-shifted').waitFor();
    assert.match(await page.locator('.maplibregl-ctrl-attrib').innerText(), /© test tiles/);
  });

  test('a click where a component is drawn over the GCJ-02 basemap opens its card', async () => {
    const [lon, lat] = toGcj02(lone);
    await jumpTo(page, 18, lon, lat);
    const drawnThere = await page.evaluate(
      ([x, y, code]) => {
        const map = window.__civicgrid!.map;
        const { x: px, y: py } = map.project([x as number, y as number]);
        return map.queryRenderedFeatures([[px - 6, py - 6], [px + 6, py + 6]], { layers: ['components-symbol'] }).some((f) => f.properties['code'] === code);
      },
      [lon, lat, lone.code] as const,
    );
    assert.ok(drawnThere, `${lone.code} is drawn at its GCJ-02 position`);
    await clickAt(page, lon, lat);
    const card = page.getByTestId('component-card');
    await card.getByTestId('card-code').waitFor({ timeout: 15_000 });
    assert.equal(await card.getByTestId('card-code').innerText(), lone.code);
    await page.screenshot({ path: path.join(screenshotDir, 'civicgrid-map-basemap.png') });
  });

  test('the choice survives a reload: the first tiles are already in GCJ-02', async () => {
    const before = basemapRequests.length;
    const firstRequest = record.requests.length;
    await page.reload();
    await waitForMapReady(page);
    await waitForIdle(page);
    assert.ok(basemapRequests.length > before, 'basemap tiles again');
    const tileJson = record.requests.slice(firstRequest).filter((url) => url.includes('/tiles/components.json'));
    assert.ok(tileJson.length > 0 && tileJson.every((url) => url.endsWith('?datum=gcj02')), tileJson.join());
  });

  test('back on the offline map the view stays on the same ground, and no basemap tile is fetched', async () => {
    const [lon, lat] = toGcj02(lone);
    await jumpTo(page, 17, lon, lat);
    await chooseBasemap(page, '');
    await page.waitForFunction(() => window.__civicgrid!.map.getSource('basemap') === undefined);
    const centre = await page.evaluate(() => window.__civicgrid!.map.getCenter().toArray());
    assert.ok(Math.abs(centre[0]! - lone.lon) < 1e-5 && Math.abs(centre[1]! - lone.lat) < 1e-5, `centre ${centre} is the component's WGS84 position`);
    await waitForIdle(page);
    const fetched = basemapRequests.length;
    await jumpTo(page, 17, lone.lon + 0.01, lone.lat);
    assert.equal(basemapRequests.length, fetched);
    assert.ok((await magentaShare(page)) < 0.01);
    // the component is drawn at its own position again
    await jumpTo(page, 18, lone.lon, lone.lat);
    await clickAt(page, lone.lon, lone.lat);
    await page.locator(`[data-testid="card-code"]:text-is("${lone.code}")`).waitFor({ timeout: 15_000 });
  });

  test('fetched nothing but its own origin and the configured basemap, and logged no error (no Content-Security-Policy refusal)', () => {
    const basemapOrigin = `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}`;
    assertStayedLocal({ ...record, requests: record.requests.filter((url) => !url.startsWith(basemapOrigin)) });
    const origins = new Set(record.requests.map((url) => new URL(url).origin).filter((origin) => origin.startsWith('http')));
    assert.deepEqual([...origins].sort(), [server.baseUrl, basemapOrigin].sort());
  });
});
