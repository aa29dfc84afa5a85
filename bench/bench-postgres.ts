/**
 * A private PostgreSQL + PostGIS server for benchmarks, started with scripts/postgis-server.sh in
 * a folder under the system temp dir (initdb once, reused by later runs), and a fresh database per
 * contender so that no contender finds another's tables, indexes or cached pages of its own.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverScript = path.join(rootDir, 'scripts', 'postgis-server.sh');

export class BenchPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    /** False when the server was already running before this run: then it is left running. */
    private readonly startedHere: boolean,
  ) {}

  /** Starts the server (or finds it running); first time, initdb takes a few seconds. */
  static start(port: number, dir = path.join(os.tmpdir(), `civicgrid-bench-postgres-${port}`)): BenchPostgres {
    const running = fs.existsSync(path.join(dir, 'postmaster.pid'));
    // psql's notices go nowhere; a failure still carries them in its message
    execFileSync(serverScript, ['start'], { env: { ...process.env, PGSERVER_DIR: dir, PGSERVER_PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
    return new BenchPostgres(dir, port, !running);
  }

  url(database: string): string {
    return `postgres://civicgrid@127.0.0.1:${this.port}/${database}`;
  }

  /** Drops `database` if it is there and creates it empty, with PostGIS. */
  freshDatabase(database: string): string {
    this.sql('postgres', `drop database if exists ${database} with (force)`);
    this.sql('postgres', `create database ${database}`);
    this.sql(database, 'create extension postgis');
    return this.url(database);
  }

  dropDatabase(database: string): void {
    this.sql('postgres', `drop database if exists ${database} with (force)`);
  }

  /** Runs SQL with psql; returns its unaligned, tuples-only output. */
  sql(database: string, statement: string): string {
    return execFileSync('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-d', this.url(database), '-c', statement], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  /** Stops the server if this run started it. */
  stop(): void {
    if (!this.startedHere) return;
    execFileSync(serverScript, ['stop'], { env: { ...process.env, PGSERVER_DIR: this.dir, PGSERVER_PORT: String(this.port) }, stdio: 'ignore' });
  }
}
