/**
 * The repair-case loop under load, on PostgreSQL: 50 concurrent connections (autocannon) against
 * `civicgrid serve` running as its own process, in three phases on one database:
 *   - read (the baseline): GET /api/cases/:id — an authenticated read of one case with its log
 *   - report: POST /api/cases on a new component each time (lock, routing, number, deadline, audit)
 *   - loop: POST /api/cases, then verify, file and dispatch it (4 requests per case, each at the
 *     version the previous answer gave)
 * Printed per phase: requests/s, latency p50/p99, non-2xx and connection errors (the target is 0),
 * and the report and loop rates as ratios to the read baseline measured in the same run.
 *
 * Last runs (2026-11-28; 2 cores shared with other engineers' test suites and benches — load
 * average 8 in the first run, 11–14 in the second, so absolute figures are several times what an
 * idle machine gives; Node 20; PostgreSQL 15 with scripts/postgis-server.sh's settings; 12,000 demo
 * components; 50 connections, 15 s per phase; the server's pool holds 10 database connections):
 *
 *                                          req/s   p50 ms   p99 ms   non-2xx  errors   ÷ read rate
 *   run 1  read GET /api/cases/:id          167      265      648        0       0       1.00
 *          report POST /api/cases            39     1208     2213        0       0       0.23
 *          loop report+verify+file+dispatch  56      835     1593        0       0       0.33  (13.2 cases/s)
 *   run 2  read                              78      583     2418        0       0       1.00
 *          report                            36     1247     2307        0       0       0.46
 *          loop                              40     1160     2422        0       0       0.52  (9.8 cases/s)
 *
 * A report is 15 statements (session, component, problem type, BEGIN, component lock, open case,
 * routing, day counter, case, event, audit, COMMIT, then the case, its log and routing read back)
 * against 5 for the read, and reports serialise briefly on the day's number row and on the
 * data_version row every write to cases bumps. Errors: 0 in every phase of both runs.
 *
 *   npm run bench -- case-load [--connections 50] [--seconds 15] [--components 12000] [--port 54340] [--keep]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { commandLineActor } from '../api/audit/audit.repository.ts';
import { openDatabase } from '../api/db/database.ts';
import { prepareDatabase } from '../api/db/migrate.ts';
import { importDemoSurvey } from '../api/survey-batches/demo-survey-import.ts';
import { createUser } from '../api/users/user.service.ts';
import { BenchPostgres } from './bench-postgres.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const database = 'case_load_bench';

interface Phase {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

function benchOptions() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: false,
    options: {
      connections: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '15' },
      components: { type: 'string', default: '12000' },
      port: { type: 'string', default: '54340' },
      keep: { type: 'boolean', default: false },
    },
  });
  return { connections: Number(values.connections), seconds: Number(values.seconds), components: Number(values.components), port: Number(values.port), keep: values.keep === true };
}

export async function run(): Promise<void> {
  const options = benchOptions();
  const server = BenchPostgres.start(options.port);
  const url = server.freshDatabase(database);
  let app: ChildProcess | undefined;
  try {
    const { codes, problemOfClass } = await prepare(url, options.components);
    const port = await freePort();
    app = spawn(process.execPath, [path.join(rootDir, 'bin', 'civicgrid.js'), 'serve'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base);
    const inspector = await login(base, 'bench-inspector');
    const dispatcher = await login(base, 'bench-dispatcher');

    // components are handed out once across all connections: every report opens a new case
    let next = 0;
    const take = () => {
      if (next >= codes.length) throw new Error(`all ${codes.length} components have cases: run with more --components`);
      return codes[next++]!;
    };
    const reportBody = () => {
      const code = take();
      return JSON.stringify({ component_code: code, problem_type: problemOfClass.get(code.slice(6, 10)), note: 'bench' });
    };
    const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

    const first = await fetch(`${base}/api/cases`, { method: 'POST', headers: json(inspector), body: reportBody() });
    const sample = (await first.json()) as { id: number };
    const read = await load('read: GET /api/cases/:id (baseline)', base, options, {
      requests: [{ method: 'GET', path: `/api/cases/${sample.id}`, headers: json(inspector) }],
    });
    const report = await load('report: POST /api/cases', base, options, {
      requests: [{ method: 'POST', path: '/api/cases', headers: json(inspector), setupRequest: (request) => ({ ...request, body: reportBody() }) }],
    });

    type Context = { id?: number; version?: number };
    const remember = (status: number, body: string, context: object) => {
      if (status >= 300) return;
      const parsed = JSON.parse(body) as { id: number; version: number };
      Object.assign(context as Context, { id: parsed.id, version: parsed.version });
    };
    const step = (action: string, token: string) => ({
      method: 'POST' as const,
      headers: json(token),
      setupRequest: (request: autocannon.Request, context: object) => {
        const { id, version } = context as Context;
        return { ...request, path: `/api/cases/${id}/transitions`, body: JSON.stringify({ action, version }) };
      },
      onResponse: remember,
    });
    const casesBefore = await countDispatched(base, dispatcher);
    const loop = await load('loop: report + verify + file + dispatch', base, options, {
      requests: [
        { method: 'POST', path: '/api/cases', headers: json(inspector), setupRequest: (request) => ({ ...request, body: reportBody() }), onResponse: remember },
        step('verify', inspector),
        step('file', inspector),
        step('dispatch', dispatcher),
      ],
    });
    const dispatched = (await countDispatched(base, dispatcher)) - casesBefore;

    console.log('');
    for (const phase of [read, report, loop]) {
      const ratio = phase === read ? '' : `  ${(phase.requestsPerSecond / read.requestsPerSecond).toFixed(2)} × the read rate`;
      console.log(
        `${phase.label.padEnd(42)} ${phase.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${String(phase.p50).padStart(4)} ms  p99 ${String(phase.p99).padStart(5)} ms  ` +
          `non-2xx ${phase.non2xx}  errors ${phase.errors}  (${phase.requests} requests)${ratio}`,
      );
    }
    console.log(`loop: ${dispatched} cases dispatched, ${(dispatched / loop.seconds).toFixed(1)} cases/s reported → dispatched`);
    const failed = [read, report, loop].filter((phase) => phase.non2xx + phase.errors > 0);
    console.log(failed.length === 0 ? 'errors: 0 in every phase (target 0) ✓' : `errors: ${failed.map((p) => p.label).join(', ')} had errors — target missed`);
  } finally {
    if (app?.pid) app.kill('SIGTERM');
    if (!options.keep) server.dropDatabase(database);
    if (!options.keep) server.stop();
  }
}

/** Migrates, seeds the components and the two users; returns the component codes and a problem type per class. */
async function prepare(url: string, components: number): Promise<{ codes: string[]; problemOfClass: Map<string, string> }> {
  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  try {
    await prepareDatabase(db.knex);
    const start = performance.now();
    await importDemoSurvey(db.knex, pino({ level: 'silent' }), components);
    console.log(`seeded ${components.toLocaleString('en')} demo components in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    for (const [username, role] of [['bench-inspector', 'inspector'], ['bench-dispatcher', 'dispatcher']] as const) {
      await createUser(db.knex, { username, role, department: 'command-centre', password: `${username}-password` }, commandLineActor);
    }
    const codes: string[] = (await db.knex('components').orderBy('id').select(db.knex.raw('trim(code) as code'))).map((row: { code: string }) => row.code);
    const problems: { class_code: string; code: string }[] = await db.knex('problem_types').whereNotNull('class_code').orderBy('code').select('class_code', 'code');
    const problemOfClass = new Map<string, string>();
    for (const problem of problems) if (!problemOfClass.has(problem.class_code)) problemOfClass.set(problem.class_code, problem.code);
    return { codes: codes.filter((code) => problemOfClass.has(code.slice(6, 10))), problemOfClass };
  } finally {
    await db.close();
  }
}

async function load(label: string, base: string, options: { connections: number; seconds: number }, settings: Partial<autocannon.Options>): Promise<Phase> {
  process.stdout.write(`${label}: ${options.connections} connections, ${options.seconds} s … `);
  const result = await autocannon({ url: base, connections: options.connections, duration: options.seconds, ...settings });
  console.log('done');
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
  };
}

async function countDispatched(base: string, token: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const response = await fetch(`${base}/api/cases?state=dispatched&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as { items: unknown[]; next_cursor: string | null };
    count += page.items.length;
    cursor = page.next_cursor;
  } while (cursor);
  return count;
}

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `${username}-password` }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('civicgrid serve did not answer /api/health within 2 minutes');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
