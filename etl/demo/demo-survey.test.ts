import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { writeDemoSurvey } from './demo-survey.ts';
import { CGCS2000_GK_CM_120E_PROJ } from './cgcs2000-gk-cm120e.ts';
import { CLASS_ALIASES, STATES } from './survey-vocabulary.ts';
import { readReferenceData } from './reference-data-reader.ts';

const DATA_DIR = new URL('../../data/', import.meta.url).pathname;
const COUNT = 200;
const EXPECTED_FIELDS = ['ObjID', '类型', '名称', '状态', '材质', '权属单位', '调查日期', '照片', '备注'];

let outDir: string;
let base: string;
let features: Feature<Point>[];

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'civicgrid-demo-'));
  const result = await writeDemoSurvey({ count: COUNT, outDir, seed: 1 });
  assert.equal(result.count, COUNT);
  base = join(outDir, '部件调查');
  assert.deepEqual(result.files, ['.shp', '.shx', '.dbf', '.prj'].map((ext) => base + ext));
  const source = await shapefile.open(`${base}.shp`, `${base}.dbf`, { encoding: 'gbk' });
  features = [];
  for (let r = await source.read(); !r.done; r = await source.read()) features.push(r.value as Feature<Point>);
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('writes the requested number of records, readable by the shapefile package', () => {
  assert.equal(features.length, COUNT);
  for (const f of features) assert.equal(f.geometry.type, 'Point');
});

test('writes no .cpg: the code page travels in the dbf language driver byte (0x4D, GBK)', async () => {
  assert.equal(existsSync(`${base}.cpg`), false);
  const dbf = await readFile(`${base}.dbf`);
  assert.equal(dbf[29], 0x4d);
  assert.equal(dbf.readUInt32LE(4), COUNT);
});

test('field names are Chinese in GBK, at most 10 bytes each', async () => {
  assert.deepEqual(Object.keys(features[0]!.properties!), EXPECTED_FIELDS);
  const dbf = await readFile(`${base}.dbf`);
  const names: string[] = [];
  for (let at = 32; dbf[at] !== 0x0d; at += 32) {
    const raw = dbf.subarray(at, at + 11);
    const end = raw.indexOf(0);
    names.push(iconv.decode(raw.subarray(0, end === -1 ? 11 : end), 'gbk'));
  }
  assert.deepEqual(names, EXPECTED_FIELDS);
  // the same bytes read as UTF-8 would be mojibake: the file really is GBK
  assert.notEqual(iconv.decode(iconv.encode('类型', 'gbk'), 'utf8'), '类型');
});

test('the .prj is the ESRI WKT of CGCS2000 / 3-degree GK CM 120E', async () => {
  const prj = await readFile(`${base}.prj`, 'utf8');
  assert.match(prj, /^PROJCS\["CGCS2000_3_Degree_GK_CM_120E"/);
  assert.match(prj, /PARAMETER\["Central_Meridian",120(\.0)?\]/);
  assert.match(prj, /PARAMETER\["False_Easting",500000(\.0)?\]/);
  assert.match(prj, /D_China_2000/);
});

test('coordinates are GK CM 120E metres without a zone prefix (x ≈ 5xxxxx, y ≈ 34xxxxx)', () => {
  for (const f of features) {
    const [x, y] = f.geometry.coordinates as [number, number];
    assert.ok(x > 500_000 && x < 600_000, `easting ${x}`);
    assert.ok(y > 3_400_000 && y < 3_500_000, `northing ${y}`);
  }
});

test('every point unprojects into one of the base grids', async () => {
  const grids = JSON.parse(await readFile(join(DATA_DIR, 'grids', 'wuzhong-grids.geojson'), 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    { level: number; code: string }
  >;
  const baseGrids = grids.features.filter((g) => g.properties.level === 4);
  assert.ok(baseGrids.length > 0);
  const toLonLat = proj4(CGCS2000_GK_CM_120E_PROJ, 'EPSG:4326');
  for (const f of features) {
    const lonLat = toLonLat.forward(f.geometry.coordinates as [number, number]);
    const inside = baseGrids.some((g) => booleanPointInPolygon(lonLat, g));
    assert.ok(inside, `point ${lonLat.join(', ')} lies in no base grid`);
  }
});

test('attributes use the class names (or contractor aliases), states and dates of a survey', async () => {
  const { componentClasses } = await readReferenceData(DATA_DIR);
  const names = new Set([...componentClasses.map((c) => c.nameZh), ...Object.values(CLASS_ALIASES).flat()]);
  for (const f of features) {
    const p = f.properties!;
    assert.equal(p.ObjID, null, 'new components carry no ObjID');
    assert.ok(names.has(p['类型']), `类型 ${p['类型']}`);
    assert.ok((STATES as readonly string[]).includes(p['状态']), `状态 ${p['状态']}`);
    const date = p['调查日期'] as Date;
    assert.ok(date instanceof Date && !Number.isNaN(date.getTime()), `调查日期 ${date}`);
    assert.equal(date.getFullYear(), 2024);
    if (p['照片'] !== null) assert.match(p['照片'], /^photos\/320506\d{10}\.jpg$/);
  }
  const types = features.map((f) => f.properties!['类型'] as string);
  const covers = types.filter((t) => t.includes('井') || t.includes('箅') || t.includes('篦'));
  assert.ok(covers.length > COUNT * 0.3, `manhole covers and grates are the most common (${covers.length})`);
  assert.ok(features.some((f) => f.properties!['权属单位'] === null), 'some owners are left blank');
});

test('the .shx indexes every .shp record, and both headers agree with the contents', async () => {
  const shp = await readFile(`${base}.shp`);
  const shx = await readFile(`${base}.shx`);
  assert.equal(shp.readInt32BE(0), 9994);
  assert.equal(shx.readInt32BE(0), 9994);
  assert.equal(shp.readInt32BE(24) * 2, shp.length);
  assert.equal(shx.readInt32BE(24) * 2, shx.length);
  assert.equal(shx.length, 100 + COUNT * 8);
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < COUNT; i++) {
    const offset = shx.readInt32BE(100 + i * 8) * 2;
    const contentWords = shx.readInt32BE(104 + i * 8);
    assert.equal(shp.readInt32BE(offset), i + 1, `record number at shx entry ${i}`);
    assert.equal(shp.readInt32BE(offset + 4), contentWords);
    assert.equal(shp.readInt32LE(offset + 8), 1, 'shape type Point');
    const x = shp.readDoubleLE(offset + 12);
    const y = shp.readDoubleLE(offset + 20);
    assert.deepEqual(features[i]!.geometry.coordinates, [x, y]);
    [xmin, ymin, xmax, ymax] = [Math.min(xmin, x), Math.min(ymin, y), Math.max(xmax, x), Math.max(ymax, y)];
  }
  assert.deepEqual([36, 44, 52, 60].map((at) => shp.readDoubleLE(at)), [xmin, ymin, xmax, ymax]);
  assert.deepEqual(shx.subarray(32, 68), shp.subarray(32, 68), 'same shape type and bbox');
});

test('the same seed gives byte-identical files; another seed does not', async () => {
  const again = await mkdtemp(join(tmpdir(), 'civicgrid-demo-'));
  const other = await mkdtemp(join(tmpdir(), 'civicgrid-demo-'));
  try {
    await writeDemoSurvey({ count: COUNT, outDir: again, seed: 1 });
    await writeDemoSurvey({ count: COUNT, outDir: other, seed: 2 });
    for (const ext of ['.shp', '.shx', '.dbf', '.prj']) {
      const original = await readFile(base + ext);
      assert.ok(original.equals(await readFile(join(again, '部件调查' + ext))), `${ext} is reproducible`);
    }
    assert.ok(!(await readFile(`${base}.shp`)).equals(await readFile(join(other, '部件调查.shp'))));
  } finally {
    await rm(again, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  }
});

test('rejects a count that is not a non-negative integer', async () => {
  await assert.rejects(writeDemoSurvey({ count: -1, outDir }), RangeError);
  await assert.rejects(writeDemoSurvey({ count: 1.5, outDir }), RangeError);
});
