/**
 * Tiles on the full district: every tile civicgrid serves against the raw `ST_AsMVT` query of the
 * same tile (same features, same properties) on PostgreSQL, cached and uncached, their sizes, and a
 * concurrent load (autocannon) over a realistic z12–z16 tile mix; the same on PGlite at 100,000
 * components (where ST_AsMVT does not exist: PGlite's PostGIS has no protobuf).
 *
 * The district: the deterministic 680,000-point demo survey imported with `civicgrid import
 * --commit` into <tmp>/civicgrid-bench-postgres-<port> (database tile_bench, kept between runs:
 * the import takes about 40 s) — and 100,000 into a PGlite data dir under the temp dir.
 * The tiles: the densest z14 tile, its densest z16 child, and its z12 and z10 ancestors.
 *
 *   uncached  the tile service's cache and grid aggregates dropped before each build (in process,
 *             through the same pool the server uses; median of 5)
 *   raw       one statement of ST_AsMVT(ST_AsMVTGeom(…)) per layer of the same tile — components
 *             (all of them where civicgrid ships aggregates), unfinished cases, grid boundaries
 *             and grid labels — concatenated; and, printed beside it, ST_AsMVT of the components
 *             layer alone (the baseline of runs before 2026-11-28 evening; PostgreSQL gives that
 *             query a parallel plan, 2–3× slower on two cores, so its ratios flattered civicgrid)
 *   cached    GET over HTTP from `civicgrid serve` (a child process) on one kept-alive connection,
 *             gzip accepted: p50 / p99 of 200
 *   load      autocannon, 50 connections, 30 s, random tiles from the z12–z16 pyramid under the
 *             densest z12 tile (341 tiles), starting cold
 * civicgrid and the baselines are timed in turns (median of 21 at z14/z16, 5 below). "Uncached"
 * forgets the grid aggregates too, so z10/z12 include counting the whole inventory (half a second),
 * which a server does once per data version, not per tile.
 *
 *   npm run bench -- tiles [--count 680000] [--pglite-count 100000] [--only pg,pglite]
 *                          [--duration 30] [--connections 50] [--port 54340]
 *
 * Last run (2026-11-28, fourth session, load 1.6; low-zoom counts an index-only scan of components
 * (grid_id, class_code), a tile's features read as one text per layer; --port 54360):
 *
 *   PostgreSQL, 680,000      features  raw KB gzip KB  uncached ms  ST_AsMVT same layers ms  ratio  components only ms, ratio  cached p50/p99
 *   z10 10/854/418             427,481     35      14        244        3,160                 0.08   2,572, 0.09               2.22 / 7.2
 *   z12 12/3419/1674            58,417     37      13        208          403                 0.52   1,009, 0.21               1.83 / 5.7
 *   z14 dense 14/13678/6699      4,125    221      67         34.4       30.0                1.15      75.4, 0.46              1.83 / 7.9
 *   z16 16/54713/26797             306     17       7          3.4        5.3                0.65       3.6, 0.95              1.60 / 9.4
 *   with the aggregates counted: z10 11.7 ms, z12 11.3 ms; largest of 373 tiles 408 KB;
 *   load 1,271 requests/s, p99 109 ms, 0 errors (an earlier run the same day, load 3.3: z12 0.51,
 *   z14 1.16, z16 0.71).
 *
 * Runs before (2026-11-28, third session; 2 shared cores; PostgreSQL 15 via scripts/postgis-server.sh):
 *
 *   PostgreSQL, 680,000      features  raw KB gzip KB  uncached ms  ST_AsMVT same layers ms  ratio  components only ms, ratio  cached p50/p99
 *   z10 10/854/418             427,481     35      14        397      2,165                 0.18   2,273, 0.17               1.55 / 6.1
 *   z12 12/3419/1674            58,417     37      13        513        370                 1.39     776, 0.66               1.86 / 6.5
 *   z14 dense 14/13678/6699      4,125    221      67         29.2       25.1                1.16      63.5, 0.46              1.76 / 7.5
 *   z16 16/54713/26797             306     17       7          3.0        3.3                0.92       2.2, 1.36              1.63 / 7.6
 *   (other runs against the same layers: z12 1.14–1.29, z14 0.97–1.28, z16 0.61–0.71; one of them
 *   also timed low-zoom tiles with the aggregates already counted, as every low-zoom tile but a data
 *   version's first is: z10 11.7 ms, z12 7.6 ms — 0.00 and 0.02 × ST_AsMVT)
 *   largest of 373 tiles (district z0–11 + z12–16 pyramid): 408 KB (z13 13/6839/3349)
 *   load: 1,799–1,971 requests/s, p99 70–77 ms, 0 errors, 0 non-2xx
 *
 *   PGlite, 100,000: uncached z10 177 ms, z12 179 ms, z14 (610 components) 11.3 ms, z16 1.7 ms;
 *   cached p50 1.58–1.92 ms; largest tile 69 KB; load 1,175 requests/s, p99 211 ms, 0 errors.
 *
 * Targets: against the same layers, z10, z12 and z16 are under ST_AsMVT (z12 even as the first
 * low-zoom tile of a data version, which counts the inventory); z14 is on the line (0.97–1.28 in
 * earlier runs, 1.15 now: 4,125 components parsed and encoded in JavaScript — about 20 ms of Node's
 * CPU, a quarter of it garbage collection — against PostgreSQL's C encoder). Cached p50 is at or
 * under 2 ms on both backends (2.22 at z10 in the last run); every tile is under 500 KB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { openDatabase, type Database } from '../api/db/database.ts';
import { tileBounds, type TileAddress } from '../api/tiles/tile-address.ts';
import { TileService } from '../api/tiles/tile.service.ts';
import { DEFAULT_SEED } from '../etl/demo/demo-survey.ts';
import { BenchPostgres } from './bench-postgres.ts';
import { cachedDemoSurvey } from './demo-survey-cache.ts';
import { measureCommand } from './measure-command.ts';
import { stAsMvt, stAsMvtSameLayers } from './st-asmvt-baseline.ts';
import { districtTilesDown, largestTile, loadTest, percentile, pyramidUnder, timeRequests } from './tile-requests.ts';
import { serveCivicgrid } from './tile-server.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(rootDir, 'bin', 'civicgrid.js');
const target = { ratioToRaw: 1.0, cachedP50Ms: 2, maxTileBytes: 500 * 1024 };

function benchOptions() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: false,
    options: {
      count: { type: 'string', default: '680000' },
      'pglite-count': { type: 'string', default: '100000' },
      only: { type: 'string', default: 'pg,pglite' },
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '50' },
      port: { type: 'string', default: '54340' },
    },
  });
  return {
    count: Number(values.count),
    pgliteCount: Number(values['pglite-count']),
    only: new Set(String(values.only).split(',')),
    duration: Number(values.duration),
    connections: Number(values.connections),
    port: Number(values.port),
  };
}

export async function run(): Promise<void> {
  const options = benchOptions();
  console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (options.only.has('pg')) {
    const server = BenchPostgres.start(options.port);
    const url = await districtOnPostgres(server, options.count);
    await benchBackend(`PostgreSQL, ${options.count.toLocaleString('en')} components`, { DATABASE_URL: url }, { databaseUrl: url, dataDir: rootDir }, options, true);
  }
  if (options.only.has('pglite')) {
    const dataDir = await districtOnPglite(options.pgliteCount);
    await benchBackend(`PGlite, ${options.pgliteCount.toLocaleString('en')} components`, { CIVICGRID_DATA_DIR: dataDir }, { databaseUrl: undefined, dataDir }, options, false);
  }
}

/** The district in database tile_bench, imported once and reused while it holds `count` components. */
export async function districtOnPostgres(server: BenchPostgres, count: number): Promise<string> {
  const database = 'tile_bench';
  const url = server.url(database);
  const exists = server.sql('postgres', `select count(*) from pg_database where datname = '${database}'`) === '1';
  if (exists) {
    try {
      if (Number(server.sql(database, 'select count(*) from components')) === count) return url;
    } catch {
      // not migrated: import again
    }
  }
  server.freshDatabase(database);
  await importSurvey({ DATABASE_URL: url }, count);
  return url;
}

async function districtOnPglite(count: number): Promise<string> {
  const dataDir = path.join(os.tmpdir(), `civicgrid-bench-tiles-pglite-${count}`);
  const marker = path.join(dataDir, 'imported');
  if (fs.existsSync(marker)) return dataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  await importSurvey({ CIVICGRID_DATA_DIR: dataDir }, count);
  fs.writeFileSync(marker, new Date().toISOString());
  return dataDir;
}

async function importSurvey(settings: Record<string, string>, count: number): Promise<void> {
  const survey = await cachedDemoSurvey(count, DEFAULT_SEED);
  const env = { ...process.env, ...settings, LOG_LEVEL: 'warn' };
  console.log(`importing ${count.toLocaleString('en')} demo components (once; kept for later runs)…`);
  await measureCommand(process.execPath, [cli, 'db', 'migrate', '--json'], { env, cwd: rootDir });
  const run = await measureCommand(process.execPath, [cli, 'import', survey.dir, '--commit', '--json'], { env, cwd: rootDir });
  console.log(`  imported in ${run.seconds.toFixed(1)} s`);
}

interface TileFigures {
  label: string;
  address: TileAddress;
  features: number;
  rawBytes: number;
  gzipBytes: number;
  uncachedMs: number;
  /** Uncached with the grid aggregates already counted (they are counted once per data version). */
  countedMs: number;
  /** ST_AsMVT of the same layers: components (or, at low zoom, every component where civicgrid
   * ships aggregates), unfinished cases, grid boundaries and grid labels. */
  stAsMvtMs: number | null;
  stAsMvtBytes: number | null;
  /** ST_AsMVT of the components layer alone (the baseline of earlier runs). */
  componentsOnlyMs: number | null;
  cachedP50Ms: number;
  cachedP99Ms: number;
}

async function benchBackend(
  label: string,
  env: Record<string, string>,
  database: { databaseUrl: string | undefined; dataDir: string },
  options: ReturnType<typeof benchOptions>,
  withStAsMvt: boolean,
): Promise<void> {
  console.log(`\n### ${label}`);
  // in process: uncached builds and the raw ST_AsMVT baseline
  let db: Database | undefined = await openDatabase(database);
  const tiles = await pickTiles(db.knex);
  const figures: TileFigures[] = [];
  try {
    const service = new TileService(db.knex);
    for (const [name, address] of Object.entries(tiles)) {
      const features = await countFeatures(db.knex, address);
      // civicgrid and ST_AsMVT take turns, so that the shared machine's load falls on both alike
      const runs = address.z >= 14 ? 21 : 5;
      const [uncached, counted, sameLayers, componentsOnly] = await medianOfTurns(runs, [
        async () => {
          service.reset();
          return (await service.latest(address)).raw?.length ?? 0;
        },
        // the tile dropped, the aggregates kept: any low-zoom tile but the first of a data version
        async () => {
          service.cache.clear();
          return (await service.latest(address)).raw?.length ?? 0;
        },
        ...(withStAsMvt ? [() => stAsMvtSameLayers(db!.knex, address), () => stAsMvt(db!.knex, address)] : []),
      ]);
      const built = await service.tile(address, await service.version());
      figures.push({
        label: name,
        address,
        features,
        rawBytes: built.raw?.length ?? 0,
        gzipBytes: built.gzip?.length ?? 0,
        uncachedMs: uncached!.ms,
        countedMs: counted!.ms,
        stAsMvtMs: sameLayers?.ms ?? null,
        stAsMvtBytes: sameLayers?.value ?? null,
        componentsOnlyMs: componentsOnly?.ms ?? null,
        cachedP50Ms: 0,
        cachedP99Ms: 0,
      });
    }
  } finally {
    await db.close();
    db = undefined;
  }

  // over HTTP from a separate server process: cached latency, tile sizes over the pyramid, load
  const served = await serveCivicgrid(env, options.port + 10);
  try {
    const headers = { authorization: `Bearer ${served.token}`, 'accept-encoding': 'gzip' };
    for (const figure of figures) {
      const { z, x, y } = figure.address;
      const times = await timeRequests(`${served.url}/tiles/components/${z}/${x}/${y}.mvt`, headers, 200);
      figure.cachedP50Ms = percentile(times, 0.5);
      figure.cachedP99Ms = percentile(times, 0.99);
    }
    printFigures(figures);

    const pyramid = pyramidUnder(tiles.z12);
    const lowZoom = await districtTilesDown(served.url, headers, 11);
    const largest = await largestTile(served.url, headers, [...lowZoom, ...pyramid]);
    console.log(`largest tile over ${lowZoom.length + pyramid.length} tiles (the district at z0–11 and the z12–16 pyramid): ${(largest.bytes / 1024).toFixed(0)} KB raw at ${largest.path} (target ≤ ${target.maxTileBytes / 1024} KB)`);

    // cold again for the load: a new data version
    await served.stop();
    const cold = await serveCivicgrid(env, options.port + 11);
    try {
      const load = await loadTest(cold.url, { authorization: `Bearer ${cold.token}`, 'accept-encoding': 'gzip' }, pyramid, options);
      console.log(
        `load: ${options.connections} connections, ${options.duration} s over ${pyramid.length} z12–16 tiles from cold: ${Math.round(load.requests.average)} requests/s, latency p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.errors} errors, ${load.non2xx} non-2xx, ${load.timeouts} timeouts`,
      );
    } finally {
      await cold.stop();
    }
  } finally {
    if (served) await served.stop().catch(() => undefined);
  }
}

/** The densest z14 tile, its densest z16 child, and its z12 and z10 ancestors. */
async function pickTiles(knex: Knex): Promise<{ z10: TileAddress; z12: TileAddress; 'z14 dense': TileAddress; z16: TileAddress }> {
  const densest = async (z: number, within?: TileAddress): Promise<TileAddress> => {
    const n = 2 ** z;
    const tx = `floor((ST_X(point) + 180) / 360 * ${n})::int`;
    const ty = `floor((0.5 - ln((1 + sin(radians(ST_Y(point)))) / (1 - sin(radians(ST_Y(point))))) / (4 * pi())) * ${n})::int`;
    const scale = within ? 2 ** (z - within.z) : 1;
    const filter = within ? `where ${tx} / ${scale} = ${within.x} and ${ty} / ${scale} = ${within.y}` : '';
    const result = await knex.raw(`select ${tx} as x, ${ty} as y, count(*) as n from components ${filter} group by 1, 2 order by 3 desc limit 1`);
    const row = result.rows[0] as { x: number; y: number };
    return { z, x: row.x, y: row.y };
  };
  const z14 = await densest(14);
  const z16 = await densest(16, z14);
  return {
    z10: { z: 10, x: z14.x >> 4, y: z14.y >> 4 },
    z12: { z: 12, x: z14.x >> 2, y: z14.y >> 2 },
    'z14 dense': z14,
    z16,
  };
}

/** Components in the tile (unbuffered), to say how dense it is. */
async function countFeatures(knex: Knex, { z, x, y }: TileAddress): Promise<number> {
  const { west, south, east, north } = tileBounds({ z, x, y });
  const result = await knex.raw('select count(*) as n from components where point && ST_MakeEnvelope(?, ?, ?, ?, 4326)', [west, south, east, north]);
  return Number(result.rows[0].n);
}

/** Medians of `runs` timings of functions called in turn (after one warming call each: plans,
 * pages, JIT). */
async function medianOfTurns(runs: number, fns: (() => Promise<number>)[]): Promise<{ ms: number; value: number }[]> {
  for (const fn of fns) await fn();
  const times = fns.map((): number[] => []);
  const values = fns.map(() => 0);
  for (let i = 0; i < runs; i++) {
    for (const [index, fn] of fns.entries()) {
      const start = performance.now();
      values[index] = await fn();
      times[index]!.push(performance.now() - start);
    }
  }
  return fns.map((_, index) => ({ ms: percentile(times[index]!, 0.5), value: values[index]! }));
}

function printFigures(figures: TileFigures[]): void {
  console.log('tile              components   raw KB  gzip KB  uncached ms  ST_AsMVT ms (KB)  ratio  components only: ms, ratio  cached p50 / p99 ms');
  for (const f of figures) {
    const raw = f.stAsMvtMs === null ? 'n/a (no protobuf)'.padStart(17) : `${f.stAsMvtMs.toFixed(1).padStart(9)} (${(f.stAsMvtBytes! / 1024).toFixed(0)})`.padStart(17);
    const ratio = f.stAsMvtMs === null ? '   -' : (f.uncachedMs / f.stAsMvtMs).toFixed(2);
    const componentsOnly = f.componentsOnlyMs === null ? '-'.padStart(26) : `${f.componentsOnlyMs.toFixed(1).padStart(9)}, ${(f.uncachedMs / f.componentsOnlyMs).toFixed(2)}`.padStart(26);
    console.log(
      `${`${f.label} ${f.address.z}/${f.address.x}/${f.address.y}`.padEnd(24)} ${String(f.features).padStart(7)} ${(f.rawBytes / 1024).toFixed(0).padStart(8)} ${(f.gzipBytes / 1024).toFixed(0).padStart(8)} ${f.uncachedMs.toFixed(1).padStart(12)} ${raw}  ${ratio.padStart(5)}  ${componentsOnly}  ${f.cachedP50Ms.toFixed(2)} / ${f.cachedP99Ms.toFixed(2)}`,
    );
  }
  const lowZoom = figures.filter((f) => f.address.z < 13);
  if (lowZoom.length) {
    const ratio = (f: TileFigures) => (f.stAsMvtMs === null ? '' : `, ratio ${(f.countedMs / f.stAsMvtMs).toFixed(2)}`);
    console.log(`uncached with the aggregates counted (every low-zoom tile but a data version's first): ${lowZoom.map((f) => `${f.label} ${f.countedMs.toFixed(1)} ms${ratio(f)}`).join('; ')}`);
  }
  console.log(`targets: uncached ≤ ${target.ratioToRaw} × ST_AsMVT of the same layers, cached p50 ≤ ${target.cachedP50Ms} ms, every tile ≤ ${target.maxTileBytes / 1024} KB`);
}
