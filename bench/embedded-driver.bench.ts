/**
 * Which way should knex reach the embedded PGlite? Measures both candidates on the same
 * PGlite + PostGIS database in one run, and prints each as a ratio to knex-pglite (the baseline):
 *   - knex-pglite: a knex dialect calling PGlite in-process;
 *   - pglite-socket + pg: PGlite served on a private unix socket, reached with the ordinary `pg`
 *     driver — the same driver civicgrid uses for PostgreSQL.
 *
 * Last run (2 cores, 2026-11-27), 40,000 points:
 *   small indexed queries ×300   knex-pglite 1.79 s   socket+pg 1.69 s   ratio 0.95
 *   20,000-row results ×10       knex-pglite 3.55 s   socket+pg 1.32 s   ratio 0.37
 * Chosen: pglite-socket + pg (as fast on small queries, ~2.5× faster on large results, one code path).
 *
 *   npm run bench -- embedded-driver
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';

const points = 40_000;

async function time(label: string, work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  console.log(`  ${label.padEnd(40)} ${(ms / 1000).toFixed(2)} s`);
  return ms;
}

async function workload(knex: Knex, name: string): Promise<{ small: number; large: number }> {
  console.log(name);
  const small = await time('small indexed queries ×300', async () => {
    for (let i = 0; i < 300; i++) {
      const x = 120.3 + (i % 50) / 100;
      await knex.raw('select count(*) from p where g && ST_MakeEnvelope(?, 31.1, ?, 31.15, 4326)', [x, x + 0.05]);
    }
  });
  const large = await time('20,000-row results ×10', async () => {
    for (let i = 0; i < 10; i++) await knex.raw('select id, ST_AsGeoJSON(g) from p where id <= 20000');
  });
  return { small, large };
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-bench-'));
  const db = await PGlite.create({ dataDir, extensions: { postgis } });
  try {
    await db.exec('create extension postgis');
    await db.exec(`create table p (id serial primary key, g geometry(Point, 4326));
      insert into p (g) select ST_SetSRID(ST_MakePoint(120.3 + random() * 0.6, 31 + random() * 0.3), 4326) from generate_series(1, ${points});
      create index on p using gist (g); analyze p;`);

    // socket first: destroying the knex-pglite pool closes the PGlite instance
    const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-bench-sock-'));
    const server = new PGLiteSocketServer({ db, path: path.join(socketDir, '.s.PGSQL.5432') });
    await server.start();
    const overSocket = knexFactory({ client: 'pg', connection: { host: socketDir, port: 5432, user: 'postgres', database: 'postgres' }, pool: { min: 1, max: 1 } });
    const socket = await workload(overSocket, 'pglite-socket + pg');
    await overSocket.destroy();
    await server.stop();
    fs.rmSync(socketDir, { recursive: true, force: true });

    const inProcess = knexFactory({ client: ClientPgLite as never, connection: () => ({ pglite: db }) as never });
    const baseline = await workload(inProcess, 'knex-pglite (baseline)');
    await inProcess.destroy();

    console.log('ratios (socket+pg / knex-pglite; < 1 is faster):');
    console.log(`  small queries ${(socket.small / baseline.small).toFixed(2)}, large results ${(socket.large / baseline.large).toFixed(2)}`);
  } finally {
    if (!db.closed) await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
