/**
 * The same survey written in the coordinate systems contractors deliver — CGCS2000 with and
 * without the zone prefix, Xian 1980, Beijing 1954, and no .prj at all — lands in the same
 * places (or within the documented tens of metres, with a warning, where no datum shift exists).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { distance } from '@turf/turf';
import type { Feature, Point } from 'geojson';
import { writeDemoSurvey } from '../demo/demo-survey.ts';
import { inspectSource, type InspectedLayer } from './inspect-source.ts';
import type { ImportOptions } from './import-survey.ts';

const prjDir = path.join(import.meta.dirname, '../reproject/fixtures/prj');
const layer = '部件调查';
let work: string;
let reference: [number, number][];

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-crs-'));
  await writeDemoSurvey({ count: 60, outDir: path.join(work, 'cgcs2000-cm'), seed: 7 });
  reference = (await inspect(path.join(work, 'cgcs2000-cm'))).positions;
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

async function inspect(dir: string, options: ImportOptions = {}) {
  const positions: [number, number][] = [];
  const layers: InspectedLayer[] = [];
  for await (const feature of inspectSource(dir, options, (l) => layers.push(l))) positions.push((feature as Feature<Point>).geometry.coordinates as [number, number]);
  return { positions, layer: layers[0]! };
}

/** A copy of the CGCS2000 survey with another .prj (or none) and x shifted by `addToX`. */
function variant(name: string, prj: string | null, addToX = 0): string {
  const dir = path.join(work, name);
  fs.cpSync(path.join(work, 'cgcs2000-cm'), dir, { recursive: true });
  if (prj === null) fs.rmSync(path.join(dir, `${layer}.prj`));
  else fs.copyFileSync(path.join(prjDir, prj), path.join(dir, `${layer}.prj`));
  if (addToX !== 0) {
    for (const ext of ['shp', 'shx']) {
      const file = path.join(dir, `${layer}.${ext}`);
      const bytes = fs.readFileSync(file);
      for (const at of [36, 52]) bytes.writeDoubleLE(bytes.readDoubleLE(at) + addToX, at); // header xmin, xmax
      if (ext === 'shp') {
        for (let at = 100 + 12; at < bytes.length; at += 28) bytes.writeDoubleLE(bytes.readDoubleLE(at) + addToX, at);
      }
      fs.writeFileSync(file, bytes);
    }
  }
  return dir;
}

const metres = (a: [number, number], b: [number, number]) => distance(a, b, { units: 'kilometers' }) * 1000;

test('CGCS2000 zone 40 with the zone prefix (EPSG:4528) lands exactly where CM 120E does', async () => {
  const { positions, layer: l } = await inspect(variant('cgcs2000-zone', 'cgcs2000-3-degree-gk-zone-40.esri.prj', 40_000_000));
  assert.match(l.crs, /EPSG:4528/);
  positions.forEach((p, i) => assert.ok(metres(p, reference[i]!) < 0.001, `row ${i + 1}: ${metres(p, reference[i]!)} m apart`));
});

test('Xian 1980 CM 120E: within tens of metres, with the warning that says so', async () => {
  const { positions, layer: l } = await inspect(variant('xian80', 'xian-1980-3-degree-gk-cm-120e.esri.prj'));
  assert.match(l.crs, /EPSG:2385/);
  assert.ok(l.warnings.some((w) => /off by tens of metres/.test(w)), l.warnings.join('; '));
  const worst = Math.max(...positions.map((p, i) => metres(p, reference[i]!)));
  assert.ok(worst > 0.5 && worst < 200, `Xian 1980 without a datum shift is ${worst} m from CGCS2000`);
});

test('Beijing 1954 zone 40 with --towgs84: the warning goes, the shift is applied', async () => {
  const dir = variant('beijing54', 'beijing-1954-3-degree-gk-zone-40.esri.prj', 40_000_000);
  const plain = await inspect(dir);
  assert.match(plain.layer.crs, /Beijing 1954/);
  assert.ok(plain.layer.warnings.some((w) => /off by tens of metres/.test(w)));
  const shifted = await inspect(dir, { towgs84: '15.53,-113.82,-41.38,0,0,0.814,0' });
  assert.ok(!shifted.layer.warnings.some((w) => /off by tens of metres/.test(w)));
  const moved = Math.max(...shifted.positions.map((p, i) => metres(p, plain.positions[i]!)));
  assert.ok(moved > 10 && moved < 300, `the datum shift moves points ${moved} m`);
});

test('no .prj: the candidates are listed with the flag to use; --srs settles it', async () => {
  const dir = variant('no-prj', null);
  await assert.rejects(
    async () => {
      for await (const _ of inspectSource(dir)) void _;
    },
    (error: Error & { rule?: string }) => error.rule === 'crs.ambiguous' && /EPSG:4549/.test(error.message) && /--srs EPSG:n/.test(error.message),
  );
  const { positions } = await inspect(dir, { srs: 'EPSG:4549' });
  positions.forEach((p, i) => assert.ok(metres(p, reference[i]!) < 0.001));
});
