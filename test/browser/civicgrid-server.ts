/**
 * Starts the real civicgrid server for browser tests: a fresh copy of the prepared test database
 * on the backend the tests run on (PGlite, or PostgreSQL with DATABASE_URL), a free port, the
 * freshly built web UI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

/** Builds web/dist with Vite (about 2 s) so the server serves the current UI. */
export function buildWeb(): void {
  const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

export async function startServer({ healthTimeoutMs = 120_000 } = {}): Promise<RunningServer> {
  buildWeb();
  const port = await freePort();
  const location = await createTestDatabase();
  const { DATABASE_URL: _url, CIVICGRID_DATA_DIR: _dir, ...inherited } = process.env;
  const child = spawn(process.execPath, ['bin/civicgrid.js', 'serve'], {
    cwd: repoRoot,
    env: { ...inherited, ...location.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
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
