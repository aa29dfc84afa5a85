/**
 * A whole survey import, read → commit, against the tools a GIS engineer would otherwise reach for.
 * A deterministic 680,000-point demo survey (GBK .dbf with language driver 0x4D and no .cpg,
 * CGCS2000 3-degree Gauss-Kruger CM 120E) goes into a fresh PostGIS database per contender, each
 * run as a child process and timed wall-clock end to end, with its peak RSS:
 *   - shp2pgsql -s 4549:4326 -W GBK -D -I | psql   (the baseline)
 *   - ogr2ogr -t_srs EPSG:4326 --config PG_USE_COPY YES
 *   - civicgrid import --commit --json              (database migrated and seeded before timing)
 * and civicgrid again on the embedded PGlite with 100,000 points. The baselines only copy rows;
 * civicgrid also classifies, validates, de-duplicates, grids, owns, matches and codes every one.
 *
 * Last runs (2026-11-28, after that day's loader changes; 2 shared cores, load 1.1–2.4; Node 20;
 * PostgreSQL 15 with scripts/postgis-server.sh's settings; 680,000 points, 237 MB):
 *
 *                                       time    rows/s  peak RSS   time ÷ shp2pgsql's
 *   shp2pgsql | psql (baseline)       14.9 s    45,700    65 MiB   1.00
 *   ogr2ogr                           22.2 s    30,600    59 MiB   1.49  (separate run; shp2pgsql took 13.4 s there)
 *   civicgrid import --commit         38.4 s    17,700   402 MiB   2.58
 *     every row accepted and new; start-up 1.9 s · read → stage → match 23.7 s · commit 12.8 s
 *     a second civicgrid-only run: 44.8 s, 367 MiB (the machine is shared: ±15 %)
 *   civicgrid on PGlite, 100,000      15.2 s     6,600  1068 MiB   (start-up 4.3 · validate 7.1 ·
 *                                                                   commit 3.8 s)
 * The steps: 174.7 s (12.9×) at commit 9cd57ab; 63.5 s (4.7×) with JSON chunks, no foreign keys on
 * staging, no full-table rewrites, serials allocated apart; 38.4 s (2.6×) with bulk commits
 * (foreign keys re-validated set-wise, indexes rebuilt when the table doubles).
 * Then (same day, load 1.4): new components inserted in grid order and the table analyzed after a
 * bulk load, for the map's sake (a dense z14 tile's raw ST_AsMVT 118 → 45 ms): shp2pgsql 15.5 s,
 * civicgrid 43.8 s (2.83×; read → stage → match 25.8 s, commit 16.2 s), peak RSS 400 MiB.
 * Targets: ≤ 1.0 × shp2pgsql's time — missed, 2.6–2.8×; peak RSS ≤ 400 MB — on the line (367–402 MiB
 * across runs). PGlite stays near 1 GB however small the survey (the WebAssembly database's memory).
 *
 * Later runs (2026-11-28, branch import-speed): staging by COPY instead of JSON chunks on PostgreSQL,
 * point .shp records sliced without the `shapefile` package, fewer allocations per row, the code's
 * unique index rebuilt after a bulk commit, serials allocated in one statement, a preview summary
 * that counts by grid before naming. The same bench alternating main's code and this branch's, at
 * load 1.3–1.8 and then, while a browser test run shared the machine, at load 6–7.5 (swinging
 * within a run, so compare within a row there):
 *
 *                    shp2pgsql  civicgrid    rows/s  peak RSS  ratio  start-up · read → stage → match · commit
 *   main's code, 1      15.5 s     55.2 s    12,300   407 MiB   3.56  2.3 · 29.3 · 23.5 s
 *   this branch, 1      17.3 s     48.5 s    14,000   378 MiB   2.80  2.4 · 28.2 · 17.9 s
 *   main's code, 2      16.7 s     51.0 s    13,300   444 MiB   3.05  2.3 · 28.0 · 20.6 s
 *   this branch, 2      14.2 s     45.0 s    15,100   393 MiB   3.16  2.3 · 26.3 · 16.4 s
 *   this branch, 3      14.3 s     49.5 s    13,700   383 MiB   3.47  2.3 · 26.5 · 20.6 s
 *   loaded: main's      18.1 s     64.1 s    10,600   402 MiB   3.54  2.7 · 40.9 · 20.6 s
 *   loaded: branch      19.0 s     47.1 s    14,400   400 MiB   2.47  2.9 · 28.0 · 16.2 s
 *   PGlite, 100,000: main's code 19.6 s, 1095 MiB (4.6 · 9.8 · 5.2 s); this branch 18.1 s, 1100 MiB
 *   (4.9 · 8.3 · 5.0 s) — PGlite keeps the JSON statement; the row-stage and reading changes show.
 * So civicgrid is about 10 % faster on an idle machine (the commit 3–5 s shorter; read → stage
 * moves 1–3 s: the client is the bottleneck there, and PostgreSQL's JSON unpacking had the other core
 * to itself; the ratios of single runs overlap, 3.05–3.56 before and 2.80–3.47 after) and about
 * 25 % faster on a busy one, where COPY's halving of PostgreSQL's work shows.
 * CPU seconds (validate only, dev server): main's code, civicgrid 25.1 s and PostgreSQL 31.0 s;
 * with COPY, 22.0 s and 13.5 s. PostgreSQL takes 0.4–0.6 s to COPY 50,000 staged rows and 1.35 s to
 * unpack them from JSON. In the commit, the new-components insert took 16.4 s keeping the code's
 * unique index and 11.2 s + 1.3 s without it.
 * Targets: ≤ 1.0 × shp2pgsql's time — still missed, 2.8–3.5× on an idle machine; peak RSS ≤ 400 MB
 * — 378–400 MiB here (main's code 385–444 MiB in the same runs).
 *
 * What is left: the client's CPU (about 21 s: .dbf decoding ~1.2 s, point-in-grid ~1.7 s, duplicate
 * search ~0.8 s, COPY lines ~2.5 s, garbage collection ~2–3 s, the rest spread over the row stages)
 * and, after it, the commit (new-components insert ~8–11 s, index builds ~4 s, foreign keys and
 * analyze ~2 s). PGlite has no COPY FROM STDIN on its wire protocol and keeps the JSON chunks.
 * Not tried: parsing in a worker thread (records would cross threads by structured clone, about
 * what parsing them costs, on the same two cores PostgreSQL needs).
 *
 *   npm run bench -- survey-import [--count 680000] [--seed 20240304] [--pglite-count 100000]
 *                                  [--only shp2pgsql,ogr2ogr,civicgrid,pglite] [--port 54340] [--keep]
 *
 * Surveys are cached in the temp dir by count and seed (the 680,000-point one takes a few seconds
 * to write); the server lives in <tmp>/civicgrid-bench-postgres-<port>. --keep leaves the server and
 * the databases (survey_bench_*) up, e.g. to EXPLAIN ANALYZE the loader's SQL afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../api/db/database.ts';
import { DEFAULT_SEED } from '../etl/demo/demo-survey.ts';
import { BenchPostgres } from './bench-postgres.ts';
import { cachedDemoSurvey, type CachedSurvey } from './demo-survey-cache.ts';
import { measureCommand, type CommandRun } from './measure-command.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(rootDir, 'bin', 'civicgrid.js');
const contenders = ['shp2pgsql', 'ogr2ogr', 'civicgrid', 'pglite'] as const;
type Contender = (typeof contenders)[number];
/** The issue's targets for civicgrid on PostgreSQL. */
const target = { ratioToShp2pgsql: 1.0, peakRssMb: 400 };

interface Measured {
  label: string;
  run: CommandRun;
  rows: number;
}

interface CivicgridCounts {
  read: number;
  accepted: number;
  rejected: number;
  new: number;
  update: number;
  unchanged: number;
}

interface CivicgridMeasured extends Measured {
  counts: CivicgridCounts;
  phases: { startup: number; validate: number; commit: number };
}

function benchOptions() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: false,
    options: {
      count: { type: 'string', default: '680000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      'pglite-count': { type: 'string', default: '100000' },
      only: { type: 'string', default: contenders.join(',') },
      port: { type: 'string', default: '54340' },
      keep: { type: 'boolean', default: false },
    },
  });
  const only = String(values.only).split(',') as Contender[];
  const unknown = only.filter((name) => !contenders.includes(name));
  if (unknown.length > 0) throw new Error(`--only: unknown ${unknown.join(', ')}; choose from ${contenders.join(', ')}`);
  return {
    count: Number(values.count),
    seed: Number(values.seed),
    pgliteCount: Number(values['pglite-count']),
    only: new Set(only),
    port: Number(values.port),
    keep: values.keep === true,
  };
}

export async function run(): Promise<void> {
  const options = benchOptions();
  const survey = await cachedDemoSurvey(options.count, options.seed);
  describeSurvey(survey);
  warmPageCache(survey.dir);

  const needsServer = ['shp2pgsql', 'ogr2ogr', 'civicgrid'].some((name) => options.only.has(name as Contender));
  const server = needsServer ? BenchPostgres.start(options.port) : undefined;
  let shp: Measured | undefined;
  let ogr: Measured | undefined;
  let civic: CivicgridMeasured | undefined;
  try {
    if (server && options.only.has('shp2pgsql')) shp = report(await shp2pgsql(server, survey, options.keep));
    if (server && options.only.has('ogr2ogr')) ogr = report(await ogr2ogr(server, survey, options.keep));
    if (server && options.only.has('civicgrid')) civic = reportCivicgrid(await civicgridOnServer(server, survey, options.keep));
  } finally {
    if (server && !options.keep) server.stop();
  }

  if (civic) {
    const ratios = [
      shp && `civicgrid/shp2pgsql ${(civic.run.seconds / shp.run.seconds).toFixed(2)} (target ≤ ${target.ratioToShp2pgsql.toFixed(1)})`,
      ogr && `civicgrid/ogr2ogr ${(civic.run.seconds / ogr.run.seconds).toFixed(2)}`,
      shp && ogr && `ogr2ogr/shp2pgsql ${(ogr.run.seconds / shp.run.seconds).toFixed(2)}`,
    ].filter(Boolean);
    if (ratios.length > 0) console.log(`time ratios (< 1 is faster): ${ratios.join(', ')}`);
    const rss = civic.run.peakRssMb;
    console.log(`civicgrid peak RSS ${rss === null ? 'unknown' : `${Math.round(rss)} MiB`} (target ≤ ${target.peakRssMb} MB)`);
  }

  if (options.only.has('pglite') && options.pgliteCount > 0) {
    const small = await cachedDemoSurvey(options.pgliteCount, options.seed);
    warmPageCache(small.dir);
    const embedded = reportCivicgrid(await civicgridOnPglite(small, options.keep));
    if (civic) console.log(`  PGlite rows/s ÷ PostgreSQL rows/s: ${(embedded.rows / embedded.run.seconds / (civic.rows / civic.run.seconds)).toFixed(2)}`);
  }
}

/** The baseline: PostGIS's own loader, dump format (COPY), reprojecting on the way in, GiST index. */
async function shp2pgsql(server: BenchPostgres, survey: CachedSurvey, keep: boolean): Promise<Measured> {
  const database = 'survey_bench_shp2pgsql';
  const url = server.freshDatabase(database);
  const run = await measureCommand('bash', [
    '-c',
    'set -o pipefail; shp2pgsql -s 4549:4326 -W GBK -D -I "$1" survey | psql -X -q -v ON_ERROR_STOP=1 -d "$2" >/dev/null',
    'bash',
    survey.shp,
    url,
  ]);
  const rows = Number(server.sql(database, 'select count(*) from survey'));
  if (!keep) server.dropDatabase(database);
  return { label: 'shp2pgsql | psql (baseline)', run, rows };
}

/** GDAL: reads the .prj and the LDID itself, COPY into a new table with a GiST index. */
async function ogr2ogr(server: BenchPostgres, survey: CachedSurvey, keep: boolean): Promise<Measured> {
  const database = 'survey_bench_ogr2ogr';
  server.freshDatabase(database);
  const connection = `PG:host=127.0.0.1 port=${server.port} user=civicgrid dbname=${database}`;
  const run = await measureCommand('ogr2ogr', ['-f', 'PostgreSQL', connection, survey.shp, '-t_srs', 'EPSG:4326', '-lco', 'GEOMETRY_NAME=geom', '-nln', 'survey', '--config', 'PG_USE_COPY', 'YES']);
  const rows = Number(server.sql(database, 'select count(*) from survey'));
  if (!keep) server.dropDatabase(database);
  return { label: 'ogr2ogr', run, rows };
}

async function civicgridOnServer(server: BenchPostgres, survey: CachedSurvey, keep: boolean): Promise<CivicgridMeasured> {
  const database = 'survey_bench_civicgrid';
  const url = server.freshDatabase(database);
  const env = civicgridEnv({ DATABASE_URL: url });
  const measured = await civicgridImport('civicgrid import --commit', survey, env, { databaseUrl: url, dataDir: rootDir });
  if (!keep) server.dropDatabase(database);
  return measured;
}

async function civicgridOnPglite(survey: CachedSurvey, keep: boolean): Promise<CivicgridMeasured> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-bench-pglite-'));
  try {
    const env = civicgridEnv({ CIVICGRID_DATA_DIR: dataDir });
    return await civicgridImport(`civicgrid on PGlite, ${survey.count.toLocaleString('en')} points`, survey, env, { databaseUrl: undefined, dataDir });
  } finally {
    if (keep) console.log(`  kept the PGlite data dir ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function civicgridEnv(settings: { DATABASE_URL?: string; CIVICGRID_DATA_DIR?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...settings };
  if (!settings.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/**
 * `civicgrid db migrate` (not timed), then `civicgrid import DIR --commit --json` (timed). The
 * phases come from the batch row: created_at ends start-up, the report's seconds are read → stage
 * → match → summary, and the rest is bookkeeping, the commit transaction and exit.
 */
async function civicgridImport(label: string, survey: CachedSurvey, env: NodeJS.ProcessEnv, database: { databaseUrl: string | undefined; dataDir: string }): Promise<CivicgridMeasured> {
  await measureCommand(process.execPath, [cli, 'db', 'migrate', '--json'], { env, cwd: rootDir });
  const run = await measureCommand(process.execPath, [cli, 'import', survey.dir, '--commit', '--json'], { env, cwd: rootDir });
  const summary = JSON.parse(run.stdout) as { batch: number; state: string; error: string | null; counts: CivicgridCounts };
  if (summary.state !== 'committed') throw new Error(`${label}: batch ${summary.batch} is ${summary.state}${summary.error ? `: ${summary.error}` : ''}`);

  const db = await openDatabase(database);
  try {
    const [batch] = (
      await db.knex.raw(
        `select extract(epoch from created_at) * 1000 as created, (report->>'seconds')::float8 as validate
         from survey_batches where id = ?`,
        [summary.batch],
      )
    ).rows as { created: number; validate: number }[];
    const startup = (batch!.created - run.startedAt) / 1000;
    const phases = { startup, validate: batch!.validate, commit: run.seconds - startup - batch!.validate };
    return { label, run, rows: summary.counts.accepted, counts: summary.counts, phases };
  } finally {
    await db.close();
  }
}

function describeSurvey(survey: CachedSurvey): void {
  const generated = survey.generatedSeconds === null ? 'cached' : `generated in ${survey.generatedSeconds.toFixed(1)} s`;
  console.log(`survey: ${survey.count.toLocaleString('en')} points, ${(survey.bytes / 1e6).toFixed(0)} MB, ${survey.dir} (${generated})`);
  // the machine may be shared: the load says how much of it the contenders had
  console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

/** Reads the files once so that every contender, the first included, starts from the page cache. */
function warmPageCache(dir: string): void {
  for (const name of fs.readdirSync(dir)) fs.readFileSync(path.join(dir, name));
}

function report<T extends Measured>(measured: T): T {
  const { label, run, rows } = measured;
  const rss = run.peakRssMb === null ? 'unknown' : `${Math.round(run.peakRssMb)} MiB`;
  console.log(`${label.padEnd(44)} ${run.seconds.toFixed(1).padStart(6)} s  ${Math.round(rows / run.seconds).toLocaleString('en').padStart(8)} rows/s  peak RSS ${rss.padStart(8)}  rows ${rows.toLocaleString('en')}`);
  return measured;
}

function reportCivicgrid(measured: CivicgridMeasured): CivicgridMeasured {
  report(measured);
  const { counts: c, phases: p } = measured;
  console.log(`  counts: read ${c.read}, accepted ${c.accepted}, new ${c.new}, updated ${c.update}, unchanged ${c.unchanged}, rejected ${c.rejected}`);
  console.log(`  phases: start-up ${p.startup.toFixed(1)} s · read → stage → match ${p.validate.toFixed(1)} s · commit and exit ${p.commit.toFixed(1)} s`);
  // a benchmark that loaded less than it read would flatter civicgrid
  if (c.accepted !== c.read || c.new !== c.read) throw new Error(`civicgrid must accept every demo row as new: ${JSON.stringify(c)}`);
  return measured;
}
