/**
 * OGC API – Features on the full district: what QGIS-style requests cost over HTTP, against the
 * bare SQL that selects the same page (ids and GeoJSON points, no joins, no count) in the same run.
 *
 *   http      GET through the /ogc router in this process (median of --repeat, after one warm-up)
 *   bare SQL  `select id, ST_AsGeoJSON(point) … && box … order by id limit n` (median, same count)
 *
 * The district: PostgreSQL at --database-url (default: the tile bench's 680,000-component
 * database, tile_bench on port 54340, which `npm run bench -- tiles` imports), and PGlite with
 * --pglite-count components imported once into a data dir of its own under the temp dir.
 *
 *   npm run bench -- ogc [--database-url URL] [--pglite-count 100000] [--only pg,pglite] [--repeat 7]
 *
 * Figures are printed, not asserted. Last run (2 cores shared with other engineers' tests, load
 * average 8–10, so ±50 %): median ms over HTTP, bare SQL in brackets.
 *
 *   request                                  PostgreSQL 680,000     PGlite 100,000
 *   collections (extent cached)                 21                     51
 *   items first page, limit 100 (count cached)  26   (4)              117  (16)
 *   items page in the middle (cursor)           25   (2)               48   (6)
 *   items z12 box, limit 1000                   80  (22)              169  (55)
 *   items z14 box, limit 1000 (543 on PGlite)   77  (13)               69  (10)
 *   items limit 10000 (4.2 MB)                 443  (44)              723  (89)
 *   grids: 942 base grids, full outlines        45                     64
 *
 * Uncached, numberMatched of all 680,000 on PostgreSQL adds a count(*) of ~80–120 ms to the first page
 * of a walk; the rest of the walk reuses it (cached per filter and data version).
 */
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import express from 'express';
import type { Knex } from 'knex';
import { openDatabase } from '../api/db/database.ts';
import { createRegistry } from '../api/http/openapi.ts';
import { encodeCursor } from '../api/ogc/ogc-cursor.ts';
import { ogcRoutes } from '../api/ogc/ogc.routes.ts';
import { DEFAULT_SEED } from '../etl/demo/demo-survey.ts';
import { cachedDemoSurvey } from './demo-survey-cache.ts';
import { measureCommand } from './measure-command.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Scenario {
  name: string;
  path: string;
  /** The bare page query: same box and limit; undefined when there is no fair bare equivalent. */
  bare?: { box?: [number, number, number, number]; limit: number; afterId?: string };
}

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: false,
    options: {
      'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://civicgrid@127.0.0.1:54340/tile_bench' },
      'pglite-count': { type: 'string', default: '100000' },
      only: { type: 'string', default: 'pg,pglite' },
      repeat: { type: 'string', default: '7' },
    },
  });
  return { databaseUrl: String(values['database-url']), pgliteCount: Number(values['pglite-count']), only: new Set(String(values.only).split(',')), repeat: Number(values.repeat) };
}

export async function run(): Promise<void> {
  const o = options();
  console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (o.only.has('pg')) await benchBackend('PostgreSQL', { databaseUrl: o.databaseUrl, dataDir: rootDir }, o.repeat);
  if (o.only.has('pglite')) await benchBackend('PGlite', { databaseUrl: undefined, dataDir: await districtOnPglite(o.pgliteCount) }, o.repeat);
}

async function benchBackend(label: string, settings: { databaseUrl: string | undefined; dataDir: string }, repeat: number): Promise<void> {
  const db = await openDatabase(settings);
  const app = express();
  app.use('/ogc', ogcRoutes(db.knex, createRegistry()));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const count = Number((await db.knex('components').count<{ n: string }[]>('* as n'))[0]!.n);
    console.log(`\n### ${label}, ${count.toLocaleString('en')} components`);
    const scenarios = await scenariosFor(db.knex, count);
    console.log('| request | features | KB | http ms | bare SQL ms | ratio |\n|---|---:|---:|---:|---:|---:|');
    for (const s of scenarios) {
      const http = await timed(repeat, async () => {
        const response = await fetch(base + s.path);
        const text = await response.text();
        if (response.status !== 200) throw new Error(`${s.path}: ${response.status} ${text.slice(0, 200)}`);
        return text;
      });
      const body = JSON.parse(http.last) as { features?: unknown[] };
      const bare = s.bare ? await timed(repeat, () => barePage(db.knex, s.bare!)) : undefined;
      const ratio = bare ? (http.median / bare.median).toFixed(1) : '–';
      console.log(`| ${s.name} | ${body.features?.length ?? '–'} | ${(http.last.length / 1024).toFixed(0)} | ${http.median.toFixed(1)} | ${bare ? bare.median.toFixed(1) : '–'} | ${ratio} |`);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  }
}

/** Boxes around the densest spot: a z12-sized and a z14-sized window, like a QGIS canvas. */
async function scenariosFor(knex: Knex, count: number): Promise<Scenario[]> {
  const dense = await knex.raw(`select ST_X(p) as lon, ST_Y(p) as lat from (
      select ST_SnapToGrid(point, 0.01) as p, count(*) as n from components group by 1 order by n desc limit 1) s`);
  const { lon, lat } = dense.rows[0] as { lon: number; lat: number };
  const z12: [number, number, number, number] = [lon - 0.044, lat - 0.037, lon + 0.044, lat + 0.037];
  const z14: [number, number, number, number] = [lon - 0.011, lat - 0.009, lon + 0.011, lat + 0.009];
  const items = '/ogc/collections/components/items';
  // a cursor halfway through the table, as a page in the middle of a full download carries
  const middleId = String((await knex('components').orderBy('id').offset(Math.floor(count / 2)).first('id'))!.id);
  const cursor = encodeCursor(middleId);
  const epsg4490 = encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4490');
  return [
    { name: 'collections (extent cached per data version)', path: '/ogc/collections' },
    { name: 'items, first page (limit 100, numberMatched of all)', path: items, bare: { limit: 100 } },
    { name: 'items, a page in the middle (cursor)', path: `${items}?cursor=${cursor}`, bare: { limit: 100, afterId: middleId } },
    { name: 'items, z12 box, limit 1000', path: `${items}?bbox=${z12.join(',')}&limit=1000`, bare: { box: z12, limit: 1000 } },
    { name: 'items, z14 box, limit 1000', path: `${items}?bbox=${z14.join(',')}&limit=1000`, bare: { box: z14, limit: 1000 } },
    { name: 'items, z14 box, limit 1000, EPSG:4490', path: `${items}?bbox=${z14.join(',')}&limit=1000&crs=${epsg4490}`, bare: { box: z14, limit: 1000 } },
    { name: 'items, z12 box, class 01, pending', path: `${items}?bbox=${z12.join(',')}&class=01&ownership=pending&limit=1000` },
    { name: 'items, limit 10000', path: `${items}?limit=10000`, bare: { limit: 10000 } },
    { name: 'grids, 942 base grids, full outlines', path: '/ogc/collections/grids/items?level=4&limit=1000' },
    { name: 'grids, 942 base grids, zoom=12', path: '/ogc/collections/grids/items?level=4&limit=1000&zoom=12' },
  ];
}

async function barePage(knex: Knex, bare: NonNullable<Scenario['bare']>): Promise<string> {
  const query = knex('components').select('id', knex.raw('ST_AsGeoJSON(point, 7) as g')).orderBy('id').limit(bare.limit);
  if (bare.box) query.whereRaw('point && ST_MakeEnvelope(?, ?, ?, ?, 4326)', bare.box);
  if (bare.afterId) query.where('id', '>', bare.afterId);
  return JSON.stringify(await query);
}

async function timed(repeat: number, work: () => Promise<string>): Promise<{ median: number; last: string }> {
  let last = await work();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    last = await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, last };
}

/** `count` demo components imported once into a PGlite data dir of this bench's own. */
async function districtOnPglite(count: number): Promise<string> {
  const dataDir = path.join(os.tmpdir(), `civicgrid-bench-ogc-pglite-${count}`);
  const marker = path.join(dataDir, 'imported');
  if (fs.existsSync(marker)) return dataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const survey = await cachedDemoSurvey(count, DEFAULT_SEED);
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const env = { ...inherited, CIVICGRID_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  console.log(`importing ${count.toLocaleString('en')} demo components into PGlite (once; kept for later runs)…`);
  const cli = path.join(rootDir, 'bin', 'civicgrid.js');
  await measureCommand(process.execPath, [cli, 'db', 'migrate', '--json'], { env, cwd: rootDir });
  const imported = await measureCommand(process.execPath, [cli, 'import', survey.dir, '--commit', '--json'], { env, cwd: rootDir });
  console.log(`  imported in ${imported.seconds.toFixed(1)} s`);
  fs.writeFileSync(marker, new Date().toISOString());
  return dataDir;
}
