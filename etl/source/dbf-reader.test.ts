import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readDbfHeader } from './dbf-header.ts';
import { DbfReader, sampleDbfText, type Attributes } from './dbf-reader.ts';
import { withTempDir } from './fixtures/shapefile-sets.ts';
import { createTextDecoder } from './text-encoding.ts';

interface FieldSpec {
  name: string | Buffer;
  type: string;
  length: number;
  decimals?: number;
}

/** A .dbf built byte by byte: each record is its cells' raw bytes, in field order. */
function dbfBytes(fields: FieldSpec[], records: (Buffer | string)[][], options: { version?: number; deleted?: number[] } = {}): Buffer {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, f) => sum + f.length, 0);
  const header = Buffer.alloc(headerLength);
  header[0] = options.version ?? 0x03;
  header.writeUInt32LE(records.length, 4);
  header.writeUInt16LE(headerLength, 8);
  header.writeUInt16LE(recordLength, 10);
  fields.forEach((field, i) => {
    const at = 32 + 32 * i;
    (typeof field.name === 'string' ? Buffer.from(field.name, 'latin1') : field.name).copy(header, at, 0, 10);
    header[at + 11] = field.type.charCodeAt(0);
    header[at + 16] = field.length;
    header[at + 17] = field.decimals ?? 0;
  });
  header[headerLength - 1] = 0x0d;
  const body = records.map((cells, r) => {
    const record = Buffer.alloc(recordLength, 0x20);
    record[0] = options.deleted?.includes(r) ? 0x2a : 0x20;
    let at = 1;
    cells.forEach((cell, i) => {
      const bytes = typeof cell === 'string' ? Buffer.from(cell, 'latin1') : cell;
      bytes.copy(record, at, 0, fields[i]!.length);
      at += fields[i]!.length;
    });
    return record;
  });
  return Buffer.concat([header, ...body, Buffer.from([0x1a])]);
}

async function readAll(dir: string, bytes: Buffer, encoding = 'windows-1252', batchBytes?: number) {
  const path = join(dir, 't.dbf');
  await writeFile(path, bytes);
  const header = await readDbfHeader(path, 't.dbf');
  const reader = new DbfReader(path, 't.dbf', header, createTextDecoder(encoding));
  const rows: (Attributes | null)[] = [];
  const starts: number[] = [];
  for await (const batch of reader.batches(0, header.recordCount, batchBytes)) {
    starts.push(batch.start);
    rows.push(...batch.rows);
  }
  return { header, reader, rows, starts };
}

test('numbers: blank and ***** are null, decimals parse, unparseable and over-long integers keep their text', () =>
  withTempDir(async (dir) => {
    const fields = [
      { name: 'N', type: 'N', length: 20, decimals: 0 },
      { name: 'R', type: 'N', length: 10, decimals: 2 },
      { name: 'F', type: 'F', length: 8, decimals: 3 },
    ];
    const { rows } = await readAll(
      dir,
      dbfBytes(fields, [
        ['                  12', '     43.94', '  -1.500'],
        ['', '**********', '        '],
        ['   12345678901234567', '       1,5', '     1e3'],
        ['    3205060101000001', '     -0.00', '       .'],
      ]),
    );
    assert.deepEqual(rows, [
      { N: 12, R: 43.94, F: -1.5 },
      { N: null, R: null, F: null },
      { N: '12345678901234567', R: '1,5', F: 1000 },
      { N: 3205060101000001, R: -0, F: '.' },
    ]);
  }));

test('logicals, dates (calendar-checked) and text trimming', () =>
  withTempDir(async (dir) => {
    const fields = [
      { name: 'L', type: 'L', length: 1 },
      { name: 'D', type: 'D', length: 8 },
      { name: 'C', type: 'C', length: 8 },
    ];
    const { rows } = await readAll(
      dir,
      dbfBytes(fields, [
        ['T', '20240229', '  ab c  '],
        ['n', '20230229', 'xy\0\0\0\0\0\0'],
        ['?', '        ', '        '],
        ['Y', '00000000', 'ok\0junk '],
        [' ', '2024-1-1', ''],
      ]),
    );
    assert.deepEqual(rows, [
      { L: true, D: '2024-02-29', C: 'ab c' },
      { L: false, D: '20230229', C: 'xy' },
      { L: null, D: null, C: null },
      { L: true, D: null, C: 'ok' },
      { L: null, D: '2024-1-1', C: null },
    ]);
  }));

test('GBK text: decoded, repeated values share one decoding, a character cut by the width is dropped', () =>
  withTempDir(async (dir) => {
    const gbk = (text: string) => iconv.encode(text, 'gbk');
    const cut = gbk('井盖井盖井').subarray(0, 9); // 4½ characters in 9 bytes
    const fields = [
      { name: gbk('类型'), type: 'C', length: 9 },
      { name: gbk('类型'), type: 'C', length: 4 },
      { name: Buffer.from('权属单位', 'utf8').subarray(0, 10), type: 'C', length: 4 },
    ];
    const { reader, rows } = await readAll(
      dir,
      dbfBytes(fields, [
        [cut, gbk('路灯'), 'a'],
        [gbk('路灯'), gbk('路灯'), 'b'],
      ]),
      'gbk',
    );
    // a repeated name gets a suffix; a UTF-8 name cut at 10 bytes loses its cut character (decoded as GBK here, so garbled but not '�')
    assert.deepEqual(reader.fields.map((f) => f.name).slice(0, 2), ['类型', '类型_2']);
    assert.ok(!reader.fields[2]!.name.includes('\uFFFD'));
    assert.deepEqual(rows[0], { 类型: '井盖井盖', 类型_2: '路灯', [reader.fields[2]!.name]: 'a' });
    assert.equal(rows[1]!['类型'], '路灯');
  }));

test('deleted rows come back as null; batches keep their row offsets', () =>
  withTempDir(async (dir) => {
    const fields = [{ name: 'ID', type: 'N', length: 4 }];
    const records = Array.from({ length: 7 }, (_, i) => [String(i + 1).padStart(4)]);
    const { rows, starts } = await readAll(dir, dbfBytes(fields, records, { deleted: [1, 5] }), 'utf-8', 2 * 5);
    assert.deepEqual(starts, [0, 2, 4, 6]);
    assert.deepEqual(rows, [{ ID: 1 }, null, { ID: 3 }, { ID: 4 }, { ID: 5 }, null, { ID: 7 }]);
  }));

test('Visual FoxPro binary fields: I integer, O double, T date-time', () =>
  withTempDir(async (dir) => {
    const int = Buffer.alloc(4);
    int.writeInt32LE(-42);
    const double = Buffer.alloc(8);
    double.writeDoubleLE(120.5);
    const dateTime = Buffer.alloc(8);
    dateTime.writeInt32LE(2_460_463, 0); // 2024-06-01
    dateTime.writeInt32LE((8 * 3600 + 30 * 60) * 1000, 4);
    const fields = [
      { name: 'I', type: 'I', length: 4 },
      { name: 'O', type: 'O', length: 8 },
      { name: 'T', type: 'T', length: 8 },
    ];
    const { rows } = await readAll(dir, dbfBytes(fields, [[int, double, dateTime]], { version: 0x30 }));
    assert.deepEqual(rows, [{ I: -42, O: 120.5, T: '2024-06-01T08:30:00' }]);
  }));

test('memo fields are kept as written and reported', () =>
  withTempDir(async (dir) => {
    const { header, rows } = await readAll(dir, dbfBytes([{ name: 'NOTE', type: 'M', length: 10 }], [['         7']], { version: 0x83 }));
    assert.deepEqual(rows, [{ NOTE: '7' }]);
    assert.deepEqual(header.warnings.map((w) => w.rule), ['dbf.memo_ignored']);
  }));

test('samples for encoding detection: field names, then non-ASCII values only', () =>
  withTempDir(async (dir) => {
    const path = join(dir, 's.dbf');
    const gbk = (text: string) => iconv.encode(text, 'gbk');
    await writeFile(path, dbfBytes([{ name: 'NAME', type: 'C', length: 8 }, { name: 'N', type: 'N', length: 3 }], [['abc', '1'], [gbk('井盖'), '2']]));
    const samples = await sampleDbfText(path, await readDbfHeader(path, 's.dbf'));
    assert.deepEqual(samples.map((s) => Buffer.from(s).toString('hex')), ['4e414d45', '4e', gbk('井盖').toString('hex')]);
  }));
