/**
 * `npm run bench [-- name…]`: runs the benchmarks in bench/ (all, or those whose file name contains
 * a given name). Each prints its figures as ratios against a baseline measured in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const names = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => names.length === 0 || names.some((name) => file.includes(name)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${names.join(' ')}; available: ${fs.readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n## ${file}`);
  const bench = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { run(): Promise<void> };
  await bench.run();
}
