/**
 * `npm test`: every *.test.ts outside node_modules, through node's test runner.
 * Database tests run on PGlite, or on PostgreSQL when DATABASE_URL is set.
 * Arguments narrow the run to files whose path contains any of them: `npm test -- grids auth`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, rootDir } from '../api/config.ts';

const skip = new Set(['node_modules', '.git', 'dist', 'local']);

function findTests(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, found);
    else if (entry.name.endsWith('.test.ts')) found.push(path.relative(rootDir, full));
  }
  return found;
}

const filters = process.argv.slice(2);
const files = findTests(rootDir)
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
const { databaseUrl } = loadConfig();
console.log(`running ${files.length} test files; database tests on ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}`);

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  cwd: rootDir,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
