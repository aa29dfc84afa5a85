/**
 * Runs a command as a child process and measures its wall-clock time and peak resident memory.
 * Peak RSS is the largest single process of the command's tree (GNU time's %M: for a pipeline
 * under bash that is its biggest member), read with /usr/bin/time when it is installed (apt
 * package `time`), else by polling VmHWM in /proc.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CommandRun {
  seconds: number;
  /** Peak RSS of the largest process in the command's tree, MiB; null when it could not be read. */
  peakRssMb: number | null;
  /** When the child was spawned (Date.now()), to place database timestamps against. */
  startedAt: number;
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const gnuTime = '/usr/bin/time';

/** Runs `command args…`; rejects with its stderr when it exits non-zero. */
export async function measureCommand(command: string, args: string[], options: CommandOptions = {}): Promise<CommandRun> {
  const useTime = fs.existsSync(gnuTime);
  const rssFile = path.join(os.tmpdir(), `civicgrid-bench-rss-${process.pid}-${Date.now()}`);
  const [file, argv] = useTime ? [gnuTime, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];

  const startedAt = Date.now();
  const start = performance.now();
  const child = spawn(file, argv, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

  let polledKb = 0;
  const poll = useTime ? undefined : setInterval(() => (polledKb = Math.max(polledKb, treePeakKb(child.pid!))), 50);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const seconds = (performance.now() - start) / 1000;
  if (poll) clearInterval(poll);

  const run: CommandRun = {
    seconds,
    peakRssMb: useTime ? readTimeKb(rssFile) : polledKb > 0 ? polledKb / 1024 : null,
    startedAt,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
  fs.rmSync(rssFile, { force: true });
  if (code !== 0) throw new Error(`${command} exited with ${code}:\n${run.stderr.slice(-2000)}`);
  return run;
}

function readTimeKb(file: string): number | null {
  // time writes "Command exited with non-zero status n" before the figure on failure: take the last line
  const kb = Number(fs.readFileSync(file, 'utf8').trim().split('\n').pop());
  return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
}

/** The largest VmHWM (peak RSS, kB) among `pid` and its descendants, as far as /proc shows them. */
function treePeakKb(pid: number): number {
  let peak = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    try {
      const status = fs.readFileSync(`/proc/${current}/status`, 'utf8');
      peak = Math.max(peak, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      for (const task of fs.readdirSync(`/proc/${current}/task`)) {
        const children = fs.readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
        if (children) pending.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended between two reads
    }
  }
  return peak;
}
