/**
 * Stages 5–7 (map fields → classify → validate + batch duplicates) over a demo-like survey held
 * in memory, 680,000 rows by default: `npx tsx etl/validate/row-stages.bench.ts [rows]`.
 * Rows come from the demo survey generator (etl/demo) in chunks, so the figures are the stages'
 * own cost, not reading; each stage is timed over whole chunks.
 *
 * Last run (2 cores shared with other jobs, load average ≈ 4, Node 20, 680,000 clean demo rows):
 *   map fields 750–830 ms · classify 130–190 ms · validate 960–970 ms (district outline with
 *   50 m tolerance) · duplicates 940 ms · stages 5–7 2.8–2.9 s (≈ 4 µs a row); the duplicate
 *   detector holds 29.4 MB of typed arrays. Generating the rows (not a stage) took 2.0 s.
 */
import path from 'node:path';
import { readReferenceData } from '../../data/reference-data.ts';
import { ClassIndex } from '../classify/class-index.ts';
import { classify, isRowRejection } from '../classify/classify.ts';
import { readComponentAliases } from '../classify/component-aliases.ts';
import { BaseGridSampler } from '../demo/base-grid-sampler.ts';
import { readReferenceData as readDemoReferenceData } from '../demo/reference-data-reader.ts';
import { SeededRandom } from '../demo/seeded-random.ts';
import { DEMO_SURVEY_FIELDS, SurveyRowGenerator } from '../demo/survey-row-generator.ts';
import { loadFieldProfile } from '../fields/field-profile.ts';
import { mapFields } from '../fields/map-fields.ts';
import { resolveProfile } from '../fields/resolve-profile.ts';
import type { MappedRecord, RawRecord } from '../survey-record.ts';
import { polygonPredicate } from './district-predicate.ts';
import { DuplicateDetector } from './duplicate-detector.ts';
import { createValidationContext, rejects, validateRecord } from './validate-record.ts';

const ROWS = Number(process.argv[2] ?? 680_000);
const CHUNK = 10_000;
const dataDir = path.resolve(import.meta.dirname, '../../data');

const reference = readReferenceData(dataDir);
const outline = reference.grids.find((g) => g.properties.level === 1)!.geometry as Parameters<typeof polygonPredicate>[0];
const generator = new SurveyRowGenerator(await readDemoReferenceData(dataDir), new SeededRandom(1));
const sampler = await BaseGridSampler.load(path.join(dataDir, 'grids/wuzhong-grids.geojson'));
const random = new SeededRandom(2);
const columns = DEMO_SURVEY_FIELDS.map((f) => f.name);

let started = performance.now();
const profile = loadFieldProfile();
const resolution = resolveProfile(columns, profile);
const index = new ClassIndex(reference.componentClasses, readComponentAliases());
const context = { ...createValidationContext({ classes: reference.componentClasses, insideDistrict: polygonPredicate(outline, 50) }), columns: resolution.fed };
const duplicates = new DuplicateDetector({ classNames: context.classNames });
const setupMs = performance.now() - started;

const time = { generate: 0, map: 0, classify: 0, validate: 0, duplicates: 0 };
const counts = { kept: 0, rejected: 0, warned: 0 } as Record<string, number>;
const heapBefore = process.memoryUsage().heapUsed;

for (let done = 0; done < ROWS; done += CHUNK) {
  const n = Math.min(CHUNK, ROWS - done);
  started = performance.now();
  const raw: RawRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { lon, lat, gridIndex } = sampler.sample(random);
    const values = generator.next(gridIndex);
    const attributes: RawRecord['attributes'] = {};
    for (let c = 0; c < columns.length; c++) attributes[columns[c]!] = values[c] === '' ? null : (values[c] as string);
    raw[i] = { layer: '部件调查', row: done + i + 1, geometry: { type: 'Point', coordinates: [lon, lat] }, attributes };
  }
  const t0 = performance.now();
  const mapped: MappedRecord[] = raw.map((r) => mapFields(r, resolution));
  const t1 = performance.now();
  const classes = mapped.map((m) => classify(m.fields, m.layer, index, { columns: resolution.fed }));
  const t2 = performance.now();
  const findings = mapped.map((m, i) => validateRecord(m, isRowRejection(classes[i]!) ? null : classes[i]!.classCode, context));
  const t3 = performance.now();
  for (let i = 0; i < n; i++) {
    const c = classes[i]!;
    if (isRowRejection(c)) counts[c.rule] = (counts[c.rule] ?? 0) + 1;
    for (const f of findings[i]!) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    if (isRowRejection(c) || findings[i]!.some(rejects)) {
      counts.rejected!++;
      continue;
    }
    if (findings[i]!.length > 0) counts.warned!++;
    const duplicate = duplicates.check(mapped[i]!, c.classCode);
    if (duplicate) {
      counts[duplicate.rule] = (counts[duplicate.rule] ?? 0) + 1;
      counts.rejected!++;
    } else counts.kept!++;
  }
  const t4 = performance.now();
  time.generate += t0 - started;
  time.map += t1 - t0;
  time.classify += t2 - t1;
  time.validate += t3 - t2;
  time.duplicates += t4 - t3;
}

const stages = time.map + time.classify + time.validate + time.duplicates;
const rate = (ms: number) => `${Math.round(ms).toString().padStart(6)} ms  ${(ROWS / (ms / 1000) / 1e6).toFixed(2).padStart(6)} M rows/s`;
console.log(`${ROWS.toLocaleString('en')} rows (demo survey generator, points inside 吴中区)`);
console.log(`setup (profile, class index, district outline)  ${setupMs.toFixed(0)} ms`);
console.log(`generate rows (not a stage)  ${Math.round(time.generate)} ms`);
console.log(`map fields   ${rate(time.map)}`);
console.log(`classify     ${rate(time.classify)}`);
console.log(`validate     ${rate(time.validate)}`);
console.log(`duplicates   ${rate(time.duplicates)}`);
console.log(`stages 5–7   ${rate(stages)}`);
console.log(`duplicate detector: ${duplicates.size.toLocaleString('en')} rows remembered in ${(duplicates.bytes / 1e6).toFixed(1)} MB of typed arrays; heap growth over the run ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
console.log('outcomes', counts);
