/**
 * One way to reach the database, whichever backend: a knex instance over the `pg` driver.
 * With DATABASE_URL it is a PostgreSQL/PostGIS server; without, the embedded PGlite in the data dir.
 */
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { openEmbeddedDatabase } from './embedded-database.ts';

export type Backend = 'pglite' | 'postgresql';

/** An open database. */
export interface Database {
  knex: Knex;
  backend: Backend;
  /** True when the embedded database was created by this start (a new install). */
  created: boolean;
  close(): Promise<void>;
}

/** Thrown when the configured PostgreSQL server cannot be used. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

// counts and bigserial ids fit in a double: read them as numbers, not strings
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  progress?: (message: string) => void;
}

/** Opens the configured backend and checks that PostGIS is there. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openServer(options.databaseUrl);
  const embedded = await openEmbeddedDatabase(path.join(options.dataDir, 'pgdata'), options.progress);
  // PGlite is one session: one connection, requests queue on the pool
  const knex = knexFactory({ client: 'pg', connection: embedded.connection, pool: { min: 1, max: 1 } });
  return {
    knex,
    backend: 'pglite',
    created: embedded.created,
    async close() {
      await knex.destroy();
      await embedded.close();
    },
  };
}

async function openServer(databaseUrl: string): Promise<Database> {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: databaseUrl, connectionTimeoutMillis: 10_000 },
    pool: { min: 0, max: 10 },
    acquireConnectionTimeout: 15_000,
  });
  try {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    await knex.destroy();
    throw new DatabaseUnavailableError(`cannot use the PostgreSQL server at ${redact(databaseUrl)}: ${(error as Error).message}`);
  }
  return { knex, backend: 'postgresql', created: false, close: () => knex.destroy() };
}

/** The URL without its password, for messages. */
export function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
