import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawRecord, SourceLayer } from '../survey-record.ts';
import { CHINESE_FIELDS, chineseRows, copySet, withTempDir, writeDbf } from './fixtures/shapefile-sets.ts';
import { readLayer, type LayerRead, type UnpairedRecord } from './read-layer.ts';
import { SourceError } from './source-error.ts';

/** Names fit 10 bytes in UTF-8 too (3 bytes a character). */
const UTF8_FIELDS = CHINESE_FIELDS.map((field) => ({ ...field, name: field.name.slice(0, 3) }));

/** The 9-point shared set copied into `dir`, as a layer. */
async function pointsLayer(dir: string, withDbf = true): Promise<SourceLayer> {
  await copySet('mbostock_shapefile__points', dir);
  if (!withDbf) await rm(join(dir, 'points.dbf'));
  return {
    name: 'points',
    displayPath: 'survey/points.shp',
    shpPath: join(dir, 'points.shp'),
    shxPath: join(dir, 'points.shx'),
    prjPath: join(dir, 'points.prj'),
    ...(withDbf ? { dbfPath: join(dir, 'points.dbf') } : {}),
  };
}

async function collect(read: LayerRead): Promise<{ records: RawRecord[]; unpaired: UnpairedRecord[] }> {
  const records: RawRecord[] = [];
  for await (const record of read.records) records.push(record);
  const unpaired: UnpairedRecord[] = [];
  for await (const record of read.unpairedRecords) unpaired.push(record);
  return { records, unpaired };
}

async function assertSourceError(promise: Promise<unknown>, rule: string, message: RegExp, row?: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SourceError, `expected a SourceError, got ${String(error)}`);
    assert.equal(error.rule, rule);
    assert.match(error.message, message);
    if (row !== undefined) assert.equal(error.row, row);
    return true;
  });
}

for (const [ldid, source] of [
  [0x00, 'detected'],
  [0x4d, 'ldid'],
  [0x7a, 'ldid'],
  [0x57, 'detected'],
] as const) {
  test(`a GBK .dbf without .cpg and LDID 0x${ldid.toString(16).padStart(2, '0')} decodes Chinese names and values (${source})`, () =>
    withTempDir(async (dir) => {
      const layer = await pointsLayer(dir);
      await writeDbf(layer.dbfPath!, CHINESE_FIELDS, chineseRows(9), { languageDriver: ldid });
      const read = await readLayer(layer);
      assert.deepEqual(read.encoding, { encoding: 'gbk', source });
      assert.deepEqual(
        read.fields.map((field) => field.name),
        ['类型', '名称', '权属单位', '调查日期', '序号'],
      );
      const { records } = await collect(read);
      assert.equal(records.length, 9);
      assert.deepEqual(records[1]!.attributes, {
        类型: '路灯',
        名称: '东吴北路路灯2号',
        权属单位: '苏州市吴中区水务局',
        调查日期: '2024-06-02',
        序号: 2,
      });
      assert.deepEqual(records[1]!.geometry, { type: 'Point', coordinates: [3, 4] });
    }));
}

test('a UTF-8 .dbf without any declaration is detected as UTF-8', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    await writeDbf(layer.dbfPath!, UTF8_FIELDS, chineseRows(9), { encoding: 'utf8', languageDriver: 0 });
    const read = await readLayer(layer);
    assert.deepEqual(read.encoding, { encoding: 'utf-8', source: 'detected' });
    const { records } = await collect(read);
    assert.deepEqual(read.fields.map((field) => field.name), ['类型', '名称', '权属单', '调查日', '序号']);
    assert.equal(records[0]!.attributes['名称'], '东吴北路上水井盖1号');
  }));

test('--encoding overrides the file, and an unknown one is refused clearly', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    await writeDbf(layer.dbfPath!, CHINESE_FIELDS, chineseRows(9), { languageDriver: 0x57 });
    const read = await readLayer(layer, { encoding: 'CP936' });
    assert.deepEqual(read.encoding, { encoding: 'gbk', source: 'override' });
    assert.equal((await collect(read)).records[0]!.attributes['类型'], '上水井盖');
    await assertSourceError(readLayer(layer, { encoding: 'klingon' }), 'encoding.unknown', /unknown encoding "klingon"/);
  }));

test('a .cpg wins over the language driver byte', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    await writeDbf(layer.dbfPath!, UTF8_FIELDS, chineseRows(9), { encoding: 'utf8', languageDriver: 0x4d });
    await writeFile(join(dir, 'points.cpg'), 'UTF-8\r\n');
    const read = await readLayer({ ...layer, cpgPath: join(dir, 'points.cpg') });
    assert.deepEqual(read.encoding, { encoding: 'utf-8', source: 'cpg' });
    assert.equal((await collect(read)).records[4]!.attributes['类型'], '治安岗亭');
  }));

test('a layer without .dbf gives rows with empty attributes and says so', () =>
  withTempDir(async (dir) => {
    const read = await readLayer(await pointsLayer(dir, false));
    assert.equal(read.dbfRowCount, undefined);
    assert.deepEqual(read.fields, []);
    assert.deepEqual(read.warnings.map((w) => w.rule), ['source.no_dbf']);
    const { records } = await collect(read);
    assert.equal(records.length, 9);
    assert.deepEqual(records[8], { layer: 'points', row: 9, geometry: { type: 'Point', coordinates: [17, 18] }, attributes: {} });
  }));

test('more .shp rows than .dbf rows: the common rows are read, the rest are unpaired with their geometry', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    await writeDbf(layer.dbfPath!, CHINESE_FIELDS, chineseRows(7));
    const read = await readLayer(layer);
    assert.equal(read.shpRowCount, 9);
    assert.equal(read.dbfRowCount, 7);
    assert.equal(read.pairedRowCount, 7);
    const warning = read.warnings.find((w) => w.rule === 'source.count_mismatch');
    assert.equal(
      warning?.message,
      'survey/points.shp has 9 rows but survey/points.dbf has 7: rows 1–7 were read; rows 8–9 exist only in survey/points.shp and are rejected',
    );
    const { records, unpaired } = await collect(read);
    assert.equal(records.length, 7);
    assert.deepEqual(
      unpaired.map((u) => [u.record.row, u.onlyIn, u.record.geometry, u.rejection.rule]),
      [
        [8, 'shp', { type: 'Point', coordinates: [15, 16] }, 'source.count_mismatch'],
        [9, 'shp', { type: 'Point', coordinates: [17, 18] }, 'source.count_mismatch'],
      ],
    );
    assert.match(unpaired[0]!.rejection.message, /row 8 .* has only 7 rows: it has no attributes/);
  }));

test('more .dbf rows than .shp rows: the extra rows are unpaired with their attributes', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    await writeDbf(layer.dbfPath!, CHINESE_FIELDS, chineseRows(11));
    const read = await readLayer(layer);
    const { records, unpaired } = await collect(read);
    assert.equal(records.length, 9);
    assert.deepEqual(
      unpaired.map((u) => [u.record.row, u.onlyIn, u.record.geometry, u.record.attributes['名称']]),
      [
        [10, 'dbf', null, '东吴北路治安岗亭10号'],
        [11, 'dbf', null, '东吴北路上水井盖11号'],
      ],
    );
  }));

test('deleted .dbf rows are skipped with their shapes, counted, and rows keep their file numbers', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    await writeDbf(layer.dbfPath!, CHINESE_FIELDS, chineseRows(9));
    const bytes = await readFile(layer.dbfPath!);
    const headerLength = bytes.readUInt16LE(8);
    const recordLength = bytes.readUInt16LE(10);
    bytes[headerLength + recordLength] = 0x2a; // row 2
    await writeFile(layer.dbfPath!, bytes);
    const read = await readLayer(layer);
    const { records } = await collect(read);
    assert.deepEqual(records.map((r) => r.row), [1, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(read.deletedRowCount, 1);
  }));

test('a truncated .shp is rejected up front, naming the file and the broken row', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    await truncate(layer.shpPath, 352 - 10); // inside the last point
    await assertSourceError(readLayer(layer), 'shp.truncated', /survey\/points\.shp is cut off: record 9 needs 20 bytes/, 9);
    await truncate(layer.shpPath, 100 + 28 * 4 + 6); // inside the header of record 5
    await assertSourceError(readLayer(layer), 'shp.truncated', /inside the header of record 5/, 5);
  }));

test('a corrupt .shp record (wrong shape type, impossible length) is rejected with its row', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    const original = await readFile(layer.shpPath);
    const wrongType = Buffer.from(original);
    wrongType.writeInt32LE(5, 100 + 28 * 2 + 8); // record 3 claims to be a polygon
    await writeFile(layer.shpPath, wrongType);
    await assertSourceError(readLayer(layer), 'shp.corrupt', /record 3 has shape type 5 in a file of Point/, 3);

    const badLength = Buffer.from(original);
    badLength.writeInt32BE(-7, 100 + 28 * 3 + 4); // record 4 content length
    await writeFile(layer.shpPath, badLength);
    await assertSourceError(readLayer(layer), 'shp.corrupt', /record 4 .* content length of -14 bytes/, 4);
  }));

test('files that are not shapefiles at all are rejected, never crash', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    await writeFile(layer.shpPath, Buffer.alloc(0));
    await assertSourceError(readLayer(layer), 'shp.corrupt', /survey\/points\.shp is not a readable shapefile: only 0 bytes/);
    await writeFile(layer.shpPath, '<html><body>502 Bad Gateway</body></html>'.repeat(5));
    await assertSourceError(readLayer(layer), 'shp.corrupt', /file code 9994/);
  }));

test('a .dbf with a bad header, or cut short, is rejected naming the .dbf', () =>
  withTempDir(async (dir) => {
    const layer = await pointsLayer(dir);
    const original = await readFile(layer.dbfPath!);
    const badVersion = Buffer.from(original);
    badVersion[0] = 0x00;
    await writeFile(layer.dbfPath!, badVersion);
    await assertSourceError(readLayer(layer), 'dbf.corrupt', /survey\/points\.dbf is not a readable dBASE table: unknown version byte 0x00/);

    const badLength = Buffer.from(original);
    badLength.writeUInt16LE(60_000, 8); // header length beyond the file
    await writeFile(layer.dbfPath!, badLength);
    await assertSourceError(readLayer(layer), 'dbf.corrupt', /header length 60000 is larger than the file/);

    const badRecord = Buffer.from(original);
    badRecord.writeUInt16LE(3, 10); // records shorter than their fields
    await writeFile(layer.dbfPath!, badRecord);
    await assertSourceError(readLayer(layer), 'dbf.corrupt', /the fields need 12 bytes per record but the header says 3/);

    await writeFile(layer.dbfPath!, original.subarray(0, original.length - 5)); // the end marker and 4 bytes of row 9
    await assertSourceError(readLayer(layer), 'dbf.truncated', /survey\/points\.dbf is cut off: its header declares 9 rows but the file ends inside row 9/, 9);
  }));

test('stopping early releases the files (no hang, no leak)', () =>
  withTempDir(async (dir) => {
    const read = await readLayer(await pointsLayer(dir));
    for await (const record of read.records) {
      assert.equal(record.row, 1);
      break;
    }
    const again: number[] = [];
    for await (const record of read.records) again.push(record.row);
    assert.equal(again.length, 9, 'records can be iterated again');
  }));
