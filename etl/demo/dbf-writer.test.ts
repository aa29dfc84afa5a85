import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as shapefile from 'shapefile';
import { DbfWriter } from './dbf-writer.ts';

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'civicgrid-dbf-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('writes C, D and N fields across several chunks, readable by the shapefile package', () =>
  withTempDir(async (dir) => {
    const path = join(dir, 't.dbf');
    const dbf = await DbfWriter.create(
      path,
      [
        { name: '名称', type: 'C', length: 12 },
        { name: '日期', type: 'D', length: 8 },
        { name: 'N', type: 'N', length: 6, decimals: 1 },
      ],
      { chunkRecords: 2, updated: new Date(2024, 0, 2) },
    );
    for (let i = 0; i < 5; i++) {
      dbf.add([`井盖${i}`, new Date(2024, 2, i + 1), i * 1.5]);
      if (dbf.full) await dbf.flush();
    }
    await dbf.close();

    const bytes = await readFile(path);
    assert.deepEqual([...bytes.subarray(1, 4)], [124, 1, 2], 'header date 2024-01-02');
    assert.equal(bytes.at(-1), 0x1a, 'end-of-file marker');
    const source = await shapefile.openDbf(path, { encoding: 'gbk' });
    const rows = [];
    for (let r = await source.read(); !r.done; r = await source.read()) rows.push(r.value);
    assert.equal(rows.length, 5);
    assert.equal(rows[3]!['名称'], '井盖3');
    assert.equal((rows[3]!['日期'] as Date).getDate(), 4);
    assert.equal(rows[3]!['N'], 4.5);
  }));

test('truncates text to the field width without splitting a GBK character', () =>
  withTempDir(async (dir) => {
    const path = join(dir, 't.dbf');
    const dbf = await DbfWriter.create(path, [{ name: 'T', type: 'C', length: 6 }]);
    dbf.add(['a路灯杆']); // 1 + 2 + 2 + 2 bytes into 6: '杆' would be split, so it is dropped
    await dbf.close();
    const bytes = await readFile(path);
    const headerLength = bytes.readUInt16LE(8);
    const field = bytes.subarray(headerLength + 1, headerLength + 7);
    assert.equal(iconv.decode(field, 'gbk'), 'a路灯 ');
  }));

test('rejects field names longer than 10 bytes in the target encoding', async () => {
  await assert.rejects(
    DbfWriter.create(join(tmpdir(), 'never.dbf'), [{ name: '部件调查日期', type: 'D', length: 8 }]),
    /12 bytes in gbk/,
  );
});
