/**
 * A fresh, migrated and seeded database for each test file, on the backend the environment
 * chooses: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
 *
 * Creating PGlite + PostGIS and seeding the grids takes ~30 s, so it is done once into a template
 * (kept in the OS temp folder, keyed by a hash of the migrations and data/) and copied per test.
 * On PostgreSQL the template is a database and copies are CREATE DATABASE … TEMPLATE.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, rootDir } from '../../api/config.ts';
import { openDatabase, type Database } from '../../api/db/database.ts';
import { prepareDatabase } from '../../api/db/migrate.ts';

export interface TestDatabase extends Database {
  /** Where a PGlite copy lives (undefined on PostgreSQL). */
  dataDir?: string;
}

/** A hash of everything that shapes a freshly prepared database. */
export function schemaHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith('.test.ts')) hash.update(full).update(fs.readFileSync(full));
    }
  };
  walk(path.join(rootDir, 'api', 'db'));
  for (const dir of ['mohurd', 'grids', 'cases']) walk(path.join(rootDir, 'data', dir));
  for (const file of ['departments.json', 'responsibility-rules.json']) hash.update(fs.readFileSync(path.join(rootDir, 'data', file)));
  return hash.digest('hex').slice(0, 16);
}

/** A new database, not yet opened: where it is (as environment for a child process) and how to open it. */
export interface TestDatabaseLocation {
  /** DATABASE_URL or CIVICGRID_DATA_DIR naming this database, for a `civicgrid` child process. */
  env: Record<string, string>;
  /** Opens it in this process; the returned database's close() also removes it. */
  open(): Promise<TestDatabase>;
}

/** Opens a new database for one test file; close() removes it. */
export async function openTestDatabase(options: { prepared?: boolean } = {}): Promise<TestDatabase> {
  return (await createTestDatabase(options)).open();
}

/** Creates a new database (a copy of the template) without opening it. */
export async function createTestDatabase(options: { prepared?: boolean } = {}): Promise<TestDatabaseLocation> {
  const prepared = options.prepared ?? true;
  const { databaseUrl } = loadConfig();
  return databaseUrl ? createServerCopy(databaseUrl, prepared) : createPgliteCopy(prepared);
}

async function createPgliteCopy(prepared: boolean): Promise<TestDatabaseLocation> {
  const template = await pgliteTemplate(prepared);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-test-'));
  fs.cpSync(template, path.join(dataDir, 'pgdata'), { recursive: true });
  return {
    env: { CIVICGRID_DATA_DIR: dataDir },
    async open() {
      const database = await openDatabase({ databaseUrl: undefined, dataDir });
      return {
        ...database,
        dataDir,
        async close() {
          await database.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

async function pgliteTemplate(prepared: boolean): Promise<string> {
  const base = path.join(os.tmpdir(), 'civicgrid-test-templates', `${prepared ? 'prepared' : 'postgis'}-${schemaHash()}`);
  const pgdata = path.join(base, 'pgdata');
  if (fs.existsSync(path.join(base, 'ready'))) return pgdata;
  fs.mkdirSync(path.dirname(base), { recursive: true });
  await withLock(`${base}.lock`, async () => {
    if (fs.existsSync(path.join(base, 'ready'))) return;
    fs.rmSync(base, { recursive: true, force: true });
    const database = await openDatabase({ databaseUrl: undefined, dataDir: base });
    try {
      if (prepared) await prepareDatabase(database.knex);
    } finally {
      await database.close();
    }
    fs.writeFileSync(path.join(base, 'ready'), new Date().toISOString());
  });
  return pgdata;
}

/** A lock between test processes: mkdir is atomic. Stale locks (> 5 min) are broken. */
async function withLock(lockDir: string, work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000) fs.rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

let copies = 0;

async function createServerCopy(databaseUrl: string, prepared: boolean): Promise<TestDatabaseLocation> {
  const template = `civicgrid_template_${prepared ? 'prepared' : 'postgis'}_${schemaHash()}`;
  const name = `civicgrid_test_${process.pid}_${Date.now()}_${copies++}`;
  await withAdmin(databaseUrl, async (admin) => {
    // one process builds the template while the others wait on the advisory lock
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = (await admin.query('select 1 from pg_database where datname = $1', [template])).rows.length > 0;
      if (!exists) {
        await admin.query(`create database ${template}`);
        const build = await openDatabase({ databaseUrl: withDatabase(databaseUrl, template), dataDir: '' });
        try {
          if (prepared) await prepareDatabase(build.knex);
        } catch (error) {
          await build.close();
          await admin.query(`drop database ${template}`);
          throw error;
        }
        await build.close();
      }
      await admin.query(`create database ${name} template ${template}`);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  const url = withDatabase(databaseUrl, name);
  return {
    env: { DATABASE_URL: url },
    async open() {
      const database = await openDatabase({ databaseUrl: url, dataDir: '' });
      return {
        ...database,
        async close() {
          await database.close();
          await withAdmin(databaseUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
        },
      };
    },
  };
}

async function withAdmin<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
