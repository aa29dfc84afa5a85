/**
 * `npm run dev`: the API server restarting on change (tsx watch) and Vite's dev server with hot
 * reload for the web map, which proxies /api and /tiles to the API server.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { rootDir } from '../api/config.ts';

const bin = (name: string) => path.join(rootDir, 'node_modules', '.bin', name);
const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'api/cli.ts', 'serve'], { cwd: rootDir, stdio: 'inherit' }),
  spawn(bin('vite'), ['--config', 'web/vite.config.ts'], { cwd: rootDir, stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.once('SIGINT', stop).once('SIGTERM', stop);
for (const child of children) child.once('exit', stop);
