/**
 * Demo surveys for benchmarks, generated once per (count, seed) into the system temp dir and reused:
 * the generator is deterministic, so a cached folder holds exactly the bytes it would write again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LAYER_NAME, writeDemoSurvey } from '../etl/demo/demo-survey.ts';

export interface CachedSurvey {
  dir: string;
  shp: string;
  count: number;
  /** Bytes of the layer's files together. */
  bytes: number;
  generatedSeconds: number | null;
}

/** The folder of a `count`-point demo survey for `seed`, generated now if it is not cached yet. */
export async function cachedDemoSurvey(count: number, seed: number): Promise<CachedSurvey> {
  const dir = path.join(os.tmpdir(), `civicgrid-demo-survey-${count}-${seed}`);
  let generatedSeconds: number | null = null;
  if (!fs.existsSync(dir)) {
    // write beside and rename: an interrupted run never leaves a half survey that looks cached
    const partial = `${dir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    const start = performance.now();
    await writeDemoSurvey({ count, outDir: partial, seed });
    generatedSeconds = (performance.now() - start) / 1000;
    fs.renameSync(partial, dir);
  }
  const bytes = fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
  return { dir, shp: path.join(dir, `${DEFAULT_LAYER_NAME}.shp`), count, bytes, generatedSeconds };
}
