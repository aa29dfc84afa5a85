/**
 * The web map on the full district: the 680,000-component demo survey in PostgreSQL (database
 * tile_bench, shared with tiles.bench.ts and imported once), served by `civicgrid serve`, opened
 * in Debian's headless Chromium (software WebGL).
 *
 *   render   navigation to /map → the map idle with grids and components drawn (data-map-ready),
 *            at the district view (grid aggregates) and at a dense z15 view (every component),
 *            the server's tile cache cold on the first, then warm; median of --rounds rounds,
 *            each on a server just started
 *   click    mouse click on a component → its card showing the code (GET /api/components/nearby,
 *            then /api/components/{code}) or a pick-list when several are in reach, 15 components
 *            in the densest base grid, each centred at z17 and at z19, p50 / p90;
 *            baseline: the same two requests from this process (no browser), so the ratio is
 *            what the page adds
 *   bundle   web/dist/assets/*.js gzipped (zlib, level 9): all, and what the first map load fetches
 *
 *   npm run bench -- web-map [--count 680000] [--port 54340] [--rounds 3]
 *
 * Targets (issue 6): render < 3 s, click < 200 ms, JS < 1.5 MB gzipped. Figures are printed, not
 * asserted; the last run is in the closing note of issue 6.
 *
 * Last runs (2026-11-28, third session; 2 shared cores):
 *   render medians: district cold 1.85 s, warm 1.93 s; dense z15 cold 2.33 s, warm 2.29 s
 *     (samples 1.64–2.67 s; earlier that day 3.0–4.1 s)
 *   click p90: code shown 132 ms (z17), 133 ms (z19); whole card 139 / 142 ms (earlier 306–407 ms)
 *   JavaScript 629 KB gzipped
 * Runs of 2026-11-28, fourth session (basemap picker and GCJ-02 display shift added; the host
 * busier: load average 2.6–3.6 with nothing of ours running):
 *   this code, two runs: render medians 2.62 / 2.97 s (district cold), 2.62 / 2.64 s (warm),
 *     2.73 / 3.05 s (dense cold), 3.00 / 2.86 s (dense warm); click p90 code shown 167 / 169 ms
 *     (z17), 145 / 147 ms (z19); whole card 211 / 202 ms (z17), 191 / 206 ms (z19); JS 635 KB
 *   the session's first commit's web build (473809f) between them, same server: render 2.93, 2.78,
 *     3.47, 3.38 s; whole card p90 248 ms (z17), 193 ms (z19) — the machine, not the change, moved.
 * What moved them: a MapLibre frame in software WebGL cost 125–190 ms of the main thread (it waits
 * on the GPU thread's readback), and every click waits behind one (MapLibre repaints on mouseup).
 * The transparent sky MapLibre draws on every frame, one stencil re-mask per grid source, and the
 * background layer and district fill under the town tints were most of it: z19 frame 138 → 13 ms.
 * The load stopped laying the first view out twice (icons registered late, a no-op visibility
 * change, a district refit after load).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/browser/headless-chromium.ts';
import { BenchPostgres } from './bench-postgres.ts';
import { serveCivicgrid } from './tile-server.ts';
import { districtOnPostgres } from './tiles.bench.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = { renderMs: 3000, clickMs: 200, jsGzipBytes: 1.5 * 1024 * 1024 };

function benchOptions() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: false,
    options: { count: { type: 'string', default: '680000' }, port: { type: 'string', default: '54340' }, rounds: { type: 'string', default: '3' } },
  });
  return { count: Number(values.count), port: Number(values.port), rounds: Math.max(1, Number(values.rounds)) };
}

export async function run(): Promise<void> {
  const options = benchOptions();
  console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  buildWeb();
  const bundle = bundleSizes();

  const postgres = BenchPostgres.start(options.port);
  const url = await districtOnPostgres(postgres, options.count);
  const dense = densestBaseGrid(postgres);
  let served = await serveCivicgrid({ DATABASE_URL: url }, options.port + 20);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    // rounds: each on a server just started (its tile cache cold), so "cold" is sampled too
    const denseHash = `#15/${dense.lat.toFixed(6)}/${dense.lon.toFixed(6)}`;
    const render: Record<'districtCold' | 'districtWarm' | 'denseCold' | 'denseWarm', number[]> = { districtCold: [], districtWarm: [], denseCold: [], denseWarm: [] };
    for (let round = 0; round < options.rounds; round++) {
      if (round > 0) {
        await served.stop();
        served = await serveCivicgrid({ DATABASE_URL: url }, options.port + 20);
      }
      render.districtCold.push(await firstRender(browser, served.url, ''));
      render.districtWarm.push(await firstRender(browser, served.url, ''));
      render.denseCold.push(await firstRender(browser, served.url, denseHash));
      render.denseWarm.push(await firstRender(browser, served.url, denseHash));
    }
    const api = await apiLatencies(served.url, served.token, dense.components);
    const clicksByZoom = { 17: await clickLatencies(browser, served.url, dense.components, 17), 19: await clickLatencies(browser, served.url, dense.components, 19) };

    console.log(`\nPostgreSQL, ${options.count.toLocaleString('en')} components; densest base grid ${dense.count.toLocaleString('en')} components`);
    console.log(`first map render (navigation → idle with components drawn), median of ${options.rounds}   target < 3000 ms`);
    for (const [label, samples] of Object.entries(render)) {
      const median = percentiles(samples).p50;
      console.log(`  ${label.padEnd(14)} ${median.toFixed(0).padStart(6)} ms  ${verdict(median <= targets.renderMs)}   (${samples.map((ms) => ms.toFixed(0)).join(', ')})`);
    }
    for (const [view, b] of Object.entries(breakdowns)) {
      console.log(`  last ${view}: DOMContentLoaded ${b.domContentLoaded.toFixed(0)} ms, scripts done ${b.lastScript.toFixed(0)} ms, grids ${b.lastGrids.toFixed(0)} ms, TileJSON ${b.tileJson.toFixed(0)} ms (the tiles themselves are fetched by MapLibre's worker, out of the page's timeline)`);
    }
    const baseline = percentiles(api);
    console.log(`click → card (${dense.components.length} components, at z17 and at z19)                  target < 200 ms`);
    for (const [zoom, clicks] of Object.entries(clicksByZoom)) {
      const click = percentiles(clicks.code);
      const card = percentiles(clicks.full);
      console.log(`  z${zoom} code shown   p50 ${click.p50.toFixed(0)} ms, p90 ${click.p90.toFixed(0)} ms, max ${click.max.toFixed(0)} ms  ${verdict(click.p90 <= targets.clickMs)}`);
      console.log(`  z${zoom} whole card   p50 ${card.p50.toFixed(0)} ms, p90 ${card.p90.toFixed(0)} ms, max ${card.max.toFixed(0)} ms  ${verdict(card.p90 <= targets.clickMs)}`);
    }
    console.log(`  api only       p50 ${baseline.p50.toFixed(0)} ms, p90 ${baseline.p90.toFixed(0)} ms (nearby + card from node)`);
    console.log('JavaScript, gzipped                                               target < 1536 KB');
    console.log(`  all chunks ${kb(bundle.all)}  ${verdict(bundle.all <= targets.jsGzipBytes)}   (${bundle.files} files; the deck.gl overlay chunk ${kb(bundle.deck)} loads after the map)`);
    console.log(`  map worker ${kb(bundle.worker)} (maplibre-gl-worker.mjs, fetched by the worker)`);
  } finally {
    await browser?.close();
    await served.stop();
  }
}

function percentiles(samples: number[]): { p50: number; p90: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)]!, p90: sorted[Math.floor(sorted.length * 0.9)]!, max: sorted[sorted.length - 1]! };
}

/** The two requests a click makes, timed from this process. */
async function apiLatencies(baseUrl: string, token: string, components: { code: string; lon: number; lat: number }[]): Promise<number[]> {
  const headers = { authorization: `Bearer ${token}` };
  const latencies: number[] = [];
  for (const c of components) {
    const started = performance.now();
    const nearby = await fetch(`${baseUrl}/api/components/nearby?lon=${c.lon}&lat=${c.lat}&radius=2.5&limit=20`, { headers });
    await nearby.arrayBuffer();
    const card = await fetch(`${baseUrl}/api/components/${c.code}`, { headers });
    await card.arrayBuffer();
    if (!nearby.ok || !card.ok) throw new Error(`api answered ${nearby.status} / ${card.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'OVER TARGET';
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

function buildWeb(): void {
  const tsx = path.join(rootDir, 'node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, 'scripts/build-web.ts', '--if-stale'], { cwd: rootDir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

function bundleSizes(): { all: number; deck: number; worker: number; files: number } {
  const assets = path.join(rootDir, 'web', 'dist', 'assets');
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(assets, file)), { level: 9 }).length;
  const files = fs.readdirSync(assets);
  const js = files.filter((file) => file.endsWith('.js'));
  return {
    all: js.reduce((sum, file) => sum + gz(file), 0),
    deck: js.filter((file) => file.startsWith('deck-overlay')).reduce((sum, file) => sum + gz(file), 0),
    worker: files.filter((file) => file.endsWith('.mjs')).reduce((sum, file) => sum + gz(file), 0),
    files: js.length,
  };
}

/** The base grid holding the most components, its centre and some of its point components. */
function densestBaseGrid(postgres: BenchPostgres): { lon: number; lat: number; count: number; components: { code: string; lon: number; lat: number }[] } {
  const [gridId, count] = postgres.sql('tile_bench', 'select grid_id, count(*) from components where grid_id is not null group by grid_id order by 2 desc limit 1').split('|');
  const rows = postgres
    .sql(
      'tile_bench',
      `select code, st_x(point), st_y(point) from components where grid_id = ${Number(gridId)} and geometrytype(geom) = 'POINT' order by id limit 15`,
    )
    .split('\n')
    .map((line) => line.split('|'))
    .map(([code, lon, lat]) => ({ code: code!.trim(), lon: Number(lon), lat: Number(lat) }));
  const lon = rows.reduce((sum, row) => sum + row.lon, 0) / rows.length;
  const lat = rows.reduce((sum, row) => sum + row.lat, 0) / rows.length;
  return { lon, lat, count: Number(count), components: rows };
}

async function signedInPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', deviceScaleFactor: 1 });
  const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username: 'bench', password: 'bench-dispatcher-password' } });
  if (!login.ok()) throw new Error(`sign-in failed: ${await login.text()}`);
  return context.newPage();
}

/** Where the first render's time goes: the page's own timeline, in ms since navigation. */
interface RenderBreakdown {
  domContentLoaded: number;
  lastScript: number;
  lastGrids: number;
  tileJson: number;
}

const breakdowns: Record<string, RenderBreakdown> = {};

/** Milliseconds from navigation to the map being idle with everything drawn, in a fresh context. */
async function firstRender(browser: Browser, baseUrl: string, hash: string): Promise<number> {
  const page = await signedInPage(browser, baseUrl);
  try {
    const started = performance.now();
    await page.goto(`${baseUrl}/map${hash}`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 120_000 });
    const elapsed = performance.now() - started;
    // no named functions inside: tsx would wrap them in a helper the page does not have
    const timeline = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => [r.name, r.responseEnd] as const),
    );
    const domContentLoaded = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
    const lastOf = (pattern: RegExp) => Math.max(0, ...timeline.filter(([name]) => pattern.test(name)).map(([, end]) => end));
    breakdowns[hash || 'district'] = {
      domContentLoaded,
      lastScript: lastOf(/\/assets\/.*\.(js|mjs)$/),
      lastGrids: lastOf(/\/api\/grids/),
      tileJson: lastOf(/\/tiles\/components\.json/),
    };
    return elapsed;
  } finally {
    await page.context().close();
  }
}

/** Clicks on each component centred at `zoom` (several within the click tolerance answer with a pick-list). */
async function clickLatencies(browser: Browser, baseUrl: string, components: { code: string; lon: number; lat: number }[], zoom: number): Promise<{ code: number[]; full: number[] }> {
  const page = await signedInPage(browser, baseUrl);
  try {
    const first = components[0]!;
    await page.goto(`${baseUrl}/map#${zoom}/${first.lat}/${first.lon}`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 120_000 });
    const code: number[] = [];
    const full: number[] = [];
    for (const component of components) {
      await page.evaluate(
        ([lon, lat, z]) =>
          new Promise<void>((resolve) => {
            const map = window.__civicgrid!.map;
            map.jumpTo({ center: [lon!, lat!], zoom: z! });
            map.once('idle', () => resolve());
          }),
        [component.lon, component.lat, zoom],
      );
      const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
      const started = performance.now();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      // the code shows as soon as /nearby answers; a pick-list answers a click on several
      await page.locator('[data-testid="component-card"] [data-testid="card-code"], [data-testid="pick-list"]').first().waitFor({ timeout: 10_000 });
      code.push(performance.now() - started);
      // the whole card (history, open cases, actions) once /api/components/{code} has answered
      await page.locator('[data-testid="open-case"], [data-testid="join-case"], [data-testid="pick-list"]').first().waitFor({ timeout: 10_000 });
      full.push(performance.now() - started);
      const close = page.getByTestId('panel-close');
      if (await close.count()) await close.first().click();
    }
    return { code, full };
  } finally {
    await page.context().close();
  }
}
