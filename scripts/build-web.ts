/**
 * Builds the web bundle (web/ → web/dist/) with Vite. With --if-stale it builds only when a
 * source file is newer than the last build, so `npm start` stays quick after the first time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { rootDir } from '../api/config.ts';

const webDir = path.join(rootDir, 'web');
const builtIndex = path.join(webDir, 'dist', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const ifStale = process.argv.includes('--if-stale');
const builtAt = fs.statSync(builtIndex, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (ifStale && builtAt >= Math.max(newestSource(webDir), fs.statSync(path.join(rootDir, 'package-lock.json')).mtimeMs)) {
  process.exit(0);
}
console.log('building the web map (web/ → web/dist/)…');
await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
console.log('web map built');
