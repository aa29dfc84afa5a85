/**
 * Reprojection speed on the survey's size: 680,000 points spread over Wuzhong in CGCS2000 /
 * 3-degree Gauss-Kruger CM 120E (EPSG:4549) → WGS 84. Prints points per second for the bare
 * point transform (direct inverse, and proj4js's converter with a towgs84 datum shift) and for
 * project() over Point geometries, best of three runs.
 *
 *   npx tsx etl/reproject/reprojector.bench.ts
 *
 * Last run (2-core box shared with other test runs, load average ≈ 4; Node 20), best of three:
 *   baseline: proj4(def, WGS84).forward([x, y])   1.70 M points/s  1.00×
 *   point transform, no datum shift               3.34 M points/s  1.96×
 *   point transform, towgs84 (proj4js)            1.01 M points/s  0.59×
 *   project() Point geometries                    2.51 M points/s  1.47×
 *   project() Point geometries, --datum gcj02     0.35 M points/s  0.20×  (gcoord's iterative GCJ-02 inverse)
 */
import type { Geometry } from 'geojson';
import proj4 from 'proj4';
import { crsCatalog } from './crs-catalog.ts';
import { createPointTransformer } from './point-transformer.ts';
import { createReprojector } from './reprojector.ts';

const COUNT = 680_000;
const WUZHONG = { west: 120.2, south: 30.9, east: 121.0, north: 31.4 };
const xs = new Float64Array(COUNT);
const ys = new Float64Array(COUNT);
for (let i = 0; i < COUNT; i++) {
  // a deterministic scatter over eastings 515–590 km, northings 3 430–3 470 km
  xs[i] = 515_000 + ((i * 7919) % 75_000);
  ys[i] = 3_430_000 + ((i * 104_729) % 40_000);
}
const points: Geometry[] = Array.from(xs, (x, i) => ({ type: 'Point', coordinates: [x, ys[i]!] }));

let baseline = 0;

/** Best of three runs; prints points/s and the ratio to the baseline (the first line). */
function best(label: string, run: () => number): void {
  let fastest = Infinity;
  let check = 0;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    check += run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  const rate = COUNT / (fastest / 1000);
  baseline ||= rate;
  const ratio = `${(rate / baseline).toFixed(2)}×`;
  console.log(`${label.padEnd(46)} ${(rate / 1e6).toFixed(2)} M points/s  ${ratio.padStart(6)}  (${fastest.toFixed(0)} ms; check ${check.toFixed(3)})`);
}

const cm120e = crsCatalog.get(4549)!.proj4;
const converter = proj4(cm120e, 'WGS84');
best('baseline: proj4(def, WGS84).forward([x, y])', () => {
  let sum = 0;
  for (let i = 0; i < COUNT; i++) sum += converter.forward([xs[i]!, ys[i]!])[0]!;
  return sum / COUNT;
});
for (const [label, definition] of [
  ['point transform, no datum shift', cm120e],
  ['point transform, towgs84 (proj4js)', `${cm120e} +towgs84=15.8,-154.4,-82.3`],
] as const) {
  const transform = createPointTransformer(definition);
  const out = [0, 0];
  best(label, () => {
    let sum = 0;
    for (let i = 0; i < COUNT; i++) {
      transform(xs[i]!, ys[i]!, out);
      sum += out[0]!;
    }
    return sum / COUNT;
  });
}

for (const datum of [undefined, 'gcj02'] as const) {
  const reprojector = createReprojector({ srs: 'EPSG:4549', districtBbox: WUZHONG, datum });
  best(`project() Point geometries${datum ? `, --datum ${datum}` : ''}`, () => {
    let sum = 0;
    for (const point of points) {
      const projected = reprojector.project(point);
      if (projected.type === 'Point') sum += projected.coordinates[0]!;
    }
    return sum / COUNT;
  });
}
