import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { unicodePathField } from './fixtures/zip-builder.ts';
import { SourceError } from './source-error.ts';
import { checkEntry, DEFAULT_ZIP_LIMITS, decodeEntryName, InflateBudget, isLink, safeEntryPath, type ZipEntryInfo } from './zip-safety.ts';

const entry = (overrides: Partial<ZipEntryInfo>): ZipEntryInfo => ({
  fileNameRaw: Buffer.from('a.shp'),
  generalPurposeBitFlag: 0,
  extraFields: [],
  versionMadeBy: (3 << 8) | 20,
  externalFileAttributes: (0o100644 << 16) >>> 0,
  compressionMethod: 8,
  compressedSize: 100,
  uncompressedSize: 1000,
  ...overrides,
});

const rule = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof SourceError) return error.rule;
    throw error;
  }
  return 'passed';
};

test('entry names: flag, Unicode Path field, valid UTF-8, else GBK', () => {
  const gbk = iconv.encode('井盖.shp', 'gbk');
  assert.equal(decodeEntryName(entry({ fileNameRaw: gbk })), '井盖.shp');
  assert.equal(decodeEntryName(entry({ fileNameRaw: Buffer.from('井盖.shp') })), '井盖.shp');
  assert.equal(decodeEntryName(entry({ fileNameRaw: Buffer.from('井盖.shp'), generalPurposeBitFlag: 0x800 })), '井盖.shp');
  const field = unicodePathField(gbk, '路灯.shp');
  assert.equal(decodeEntryName(entry({ fileNameRaw: gbk, extraFields: [{ id: 0x7075, data: field.subarray(4) }] })), '路灯.shp');
  // a Unicode Path field for another name (stale checksum) is ignored
  const stale = unicodePathField(Buffer.from('other'), '路灯.shp');
  assert.equal(decodeEntryName(entry({ fileNameRaw: gbk, extraFields: [{ id: 0x7075, data: stale.subarray(4) }] })), '井盖.shp');
});

test('entry paths are normalised and confined', () => {
  assert.equal(safeEntryPath('./survey//井盖.shp', 'u.zip'), 'survey/井盖.shp');
  assert.equal(safeEntryPath('survey\\井盖.shp', 'u.zip'), 'survey/井盖.shp');
  assert.equal(safeEntryPath('survey/', 'u.zip'), undefined);
  assert.equal(safeEntryPath('a..b/c...shp', 'u.zip'), 'a..b/c...shp', 'dots inside names are fine');
  assert.equal(rule(() => safeEntryPath('a/../../b.shp', 'u.zip')), 'zip.traversal');
  assert.equal(rule(() => safeEntryPath('/b.shp', 'u.zip')), 'zip.absolute_path');
  assert.equal(rule(() => safeEntryPath('\\\\server\\share\\b.shp', 'u.zip')), 'zip.absolute_path');
  assert.equal(rule(() => safeEntryPath('d:b.shp', 'u.zip')), 'zip.absolute_path');
  assert.equal(rule(() => safeEntryPath('b.shp\0.txt', 'u.zip')), 'zip.bad_name');
});

test('links: a Unix link mode, or an NTFS reparse point', () => {
  assert.ok(isLink({ versionMadeBy: 3 << 8, externalFileAttributes: (0o120777 << 16) >>> 0 }));
  assert.ok(isLink({ versionMadeBy: 0, externalFileAttributes: 0x400 }));
  assert.ok(!isLink({ versionMadeBy: 3 << 8, externalFileAttributes: (0o100644 << 16) >>> 0 }));
  assert.ok(!isLink({ versionMadeBy: 0, externalFileAttributes: 0x20 }), 'an ordinary archived DOS file');
});

test('declared ratios: over 200:1 above 1 MiB is a bomb; small files may pack tighter', () => {
  assert.equal(rule(() => checkEntry(entry({ compressedSize: 10_000, uncompressedSize: 3_000_000 }), 'a', 'u.zip', DEFAULT_ZIP_LIMITS)), 'zip.bomb');
  assert.equal(rule(() => checkEntry(entry({ compressedSize: 100, uncompressedSize: 500_000 }), 'a', 'u.zip', DEFAULT_ZIP_LIMITS)), 'passed');
  assert.equal(rule(() => checkEntry(entry({ compressedSize: 100_000, uncompressedSize: 3_000_000 }), 'a', 'u.zip', DEFAULT_ZIP_LIMITS)), 'passed');
});

test('the inflate budget counts real bytes against the ratio, the declared size and the total', () => {
  const budget = new InflateBudget('u.zip', { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 5000 });
  budget.startEntry('a.dbf', 100, 3000);
  budget.add(3000);
  budget.endEntry();
  assert.equal(rule(() => budget.startEntry('b.dbf', 100, 2500)), 'zip.too_large', 'declared sizes add up past the cap');
  budget.startEntry('c.dbf', 100, 1500);
  assert.equal(rule(() => budget.add(1501)), 'zip.bomb', 'more bytes than declared');
  assert.equal(rule(() => new InflateBudget('u.zip', DEFAULT_ZIP_LIMITS).startEntry('e', 1, 3 * 1024 ** 3)), 'zip.too_large');
  const short = new InflateBudget('u.zip', DEFAULT_ZIP_LIMITS);
  short.startEntry('d.dbf', 10, 100);
  short.add(99);
  assert.equal(rule(() => short.endEntry()), 'zip.corrupt');
});
