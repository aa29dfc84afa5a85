/**
 * Starts the real civicgrid server for browser tests: a fresh copy of the prepared test database
 * on the backend the tests run on (PGlite, or PostgreSQL with DATABASE_URL), a free port, the
 * freshly built web UI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '../support/test-database.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  baseUrl: string;
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Builds web/dist with Vite when a source is newer than the last build (scripts/build-web.ts
 * --if-stale), one test file at a time: browser test files run side by side and share web/dist.
 */
export async function buildWeb(): Promise<void> {
  const lock = path.join(repoRoot, 'web', '.build-lock');
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // a lock older than the longest build is left over from a killed run
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another test held ${lock} for 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
    const result = spawnSync(process.execPath, [tsx, 'scripts/build-web.ts', '--if-stale'], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** `env`: more environment for the server (e.g. CIVICGRID_BASEMAPS). */
export async function startServer({ healthTimeoutMs = 120_000, env = {} as Record<string, string> } = {}): Promise<RunningServer> {
  await buildWeb();
  const port = await freePort();
  const location = await createTestDatabase();
  const { DATABASE_URL: _url, CIVICGRID_DATA_DIR: _dir, ...inherited } = process.env;
  const child = spawn(process.execPath, ['bin/civicgrid.js', 'serve'], {
    cwd: repoRoot,
    env: { ...inherited, ...location.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    // opening it here and closing it removes the copy (the PGlite folder or the server database)
    await (await location.open()).close();
  };
  try {
    await waitForHealth(baseUrl, healthTimeoutMs, () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output: () => output, stop };
}

async function waitForHealth(baseUrl: string, timeoutMs: number, checkAlive: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    checkAlive();
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${baseUrl}/api/health did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
