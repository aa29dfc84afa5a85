/**
 * `civicgrid serve` as a child process for benchmarks — the server a load generator in this
 * process can hit without the two sharing an event loop — with a signed-in bench user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(rootDir, 'bin', 'civicgrid.js');

export interface ServedCivicgrid {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** Adds a dispatcher (once), starts the server on `port` and signs in. */
/** `nodeArgs` go to the server's node (a profiler, say: `--cpu-prof`). */
export async function serveCivicgrid(env: NodeJS.ProcessEnv, port: number, nodeArgs: string[] = []): Promise<ServedCivicgrid> {
  const password = 'bench-dispatcher-password';
  const childEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const added = spawnSync(process.execPath, [cli, 'user', 'add', '--username', 'bench', '--role', 'dispatcher', '--password-stdin'], { env: childEnv, cwd: rootDir, input: password, encoding: 'utf8' });
  if (added.status !== 0 && !/taken|exists/.test(added.stderr)) throw new Error(`civicgrid user add: ${added.stderr}`);

  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, cli, 'serve'], { env: childEnv, cwd: rootDir, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`civicgrid serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('civicgrid serve did not answer within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password }) });
  if (!login.ok) throw new Error(`bench sign-in failed: ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return {
    url,
    token,
    async stop() {
      // a second stop finds the server gone: 'exit' would never come again
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
