/**
 * The hostile and broken zip corpus, generated into temp folders: each archive is refused with
 * its rule, nothing is written outside the extraction folder, and nothing hangs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { extractZip } from './extract-zip.ts';
import { buildZip, unicodePathField, type RawZipEntry } from './fixtures/zip-builder.ts';
import { withTempDir } from './fixtures/shapefile-sets.ts';
import { SourceError } from './source-error.ts';
import type { ZipLimits } from './zip-safety.ts';

const keepAll = () => true;
const SYMLINK_MODE = (0o120777 << 16) >>> 0;

/** Writes the archive into a temp folder and extracts it into `out/` beside it. */
async function extract(dir: string, entries: RawZipEntry[] | Buffer, limits?: Partial<ZipLimits>) {
  const zipPath = join(dir, 'upload.zip');
  await writeFile(zipPath, Buffer.isBuffer(entries) ? entries : buildZip(entries));
  return extractZip(zipPath, join(dir, 'out'), { keep: keepAll, ...(limits ? { limits } : {}) });
}

async function assertRefused(dir: string, entries: RawZipEntry[] | Buffer, rule: string, message: RegExp, limits?: Partial<ZipLimits>) {
  await assert.rejects(extract(dir, entries, limits), (error: unknown) => {
    assert.ok(error instanceof SourceError, `expected a SourceError, got ${String(error)}`);
    assert.equal(error.rule, rule);
    assert.match(error.message, /^upload\.zip/, 'the message names the archive');
    assert.match(error.message, message);
    return true;
  });
  // nothing landed beside the archive
  assert.deepEqual((await readdir(dir)).filter((name) => name !== 'upload.zip' && name !== 'out'), []);
}

const cases: [string, RawZipEntry[], string, RegExp, Partial<ZipLimits>?][] = [
  ['../ traversal', [{ name: 'a.shp', data: Buffer.from('x') }, { name: '../evil.shp', data: Buffer.from('x') }], 'zip.traversal', /"\.\.\/evil\.shp"/],
  ['..\\ traversal with Windows separators', [{ name: 'survey\\..\\..\\evil.dbf', data: Buffer.from('x') }], 'zip.traversal', /evil\.dbf/],
  ['an absolute path', [{ name: '/etc/cron.d/evil.shp', data: Buffer.from('x') }], 'zip.absolute_path', /"\/etc\/cron\.d\/evil\.shp"/],
  ['a drive letter', [{ name: 'C:\\Windows\\evil.shp', data: Buffer.from('x') }], 'zip.absolute_path', /C:/],
  ['a symbolic link', [{ name: 'link.shp', data: Buffer.from('/etc/passwd'), externalAttributes: SYMLINK_MODE }], 'zip.symlink', /"link\.shp" is a symbolic link/],
  [
    'a link from a host that left the Unix mode in place',
    [{ name: 'x/link.dbf', data: Buffer.from('../../x'), externalAttributes: SYMLINK_MODE, versionMadeBy: 20 }],
    'zip.symlink',
    /link\.dbf/,
  ],
  ['an encrypted entry', [{ name: 'a.dbf', data: Buffer.from('x'), flags: 1 }], 'zip.encrypted', /password/],
  ['an unsupported compression method', [{ name: 'a.dbf', data: Buffer.from('x'), method: 14 }], 'zip.unsupported_method', /method 14/],
  ['a bad checksum', [{ name: 'a.dbf', data: Buffer.from('hello'), declaredCrc: 1234 }], 'zip.corrupt', /checksum/],
  ['a size header that is too large', [{ name: 'a.dbf', data: Buffer.from('hello'), declaredSize: 6 }], 'zip.corrupt', /inflates to 5 bytes but its header declares 6/],
  ['the same name twice', [{ name: 'a.dbf', data: Buffer.from('1') }, { name: 'a.dbf', data: Buffer.from('2') }], 'zip.duplicate_entry', /twice/],
  ['too large an archive (low cap)', [{ name: 'a.dbf', data: Buffer.alloc(2000, 7) }], 'zip.too_large', /uploads are limited to 100 B/, { maxArchiveBytes: 100 }],
  [
    'too much unpacked in total (low cap)',
    [{ name: 'a.dbf', data: Buffer.alloc(800) }, { name: 'b.dbf', data: Buffer.alloc(800) }],
    'zip.too_large',
    /unpack to more than 1000 B/,
    { maxTotalBytes: 1000 },
  ],
];

for (const [name, entries, rule, message, limits] of cases) {
  test(`refused: ${name} (${rule})`, () => withTempDir((dir) => assertRefused(dir, entries, rule, message, limits)));
}

test('refused: a zip bomb — 50 MB of zeros in a few KB (zip.bomb), from honest headers', () =>
  withTempDir((dir) => assertRefused(dir, [{ name: 'bomb.dbf', data: Buffer.alloc(50 << 20) }], 'zip.bomb', /"bomb\.dbf" unpacks \d+:1 .* over the 200:1 limit/)));

test('refused: a zip bomb whose headers lie about its size is caught by counting inflated bytes', () =>
  withTempDir(async (dir) => {
    const entry = { name: 'bomb.shp', data: Buffer.alloc(50 << 20), declaredSize: 1000 };
    await assertRefused(dir, [entry], 'zip.bomb', /inflates to more than the 1000 bytes its header declares/);
    // and with a ratio cap only: the lie is big enough to cross it before the end
    await assertRefused(dir, [{ ...entry, declaredSize: 60 << 20 }], 'zip.bomb', /over the 200:1 limit/);
  }));

test('refused: more than 10,000 entries by default (zip.too_many_entries), before any is read', () =>
  withTempDir(async (dir) => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.txt`, method: 0 }));
    await assertRefused(dir, entries, 'zip.too_many_entries', /10001 entries; at most 10000/);
  }));

test('refused: a file named .zip that is not one (zip.corrupt)', () =>
  withTempDir((dir) => assertRefused(dir, Buffer.from('<html>not found</html>'), 'zip.corrupt', /not a readable zip archive/)));

test('refused: an archive cut short (zip.corrupt)', () =>
  withTempDir((dir) => {
    const zip = buildZip([{ name: 'a.dbf', data: Buffer.alloc(5000, 3) }]);
    return assertRefused(dir, zip.subarray(0, zip.length - 30), 'zip.corrupt', /not a readable zip archive/);
  }));

test('entry names: GBK without the UTF-8 flag, UTF-8 without it, the Unicode Path field', () =>
  withTempDir(async (dir) => {
    const gbkName = iconv.encode('调查/井盖.shp', 'gbk');
    const garbled = Buffer.from('????/x.dbf');
    const { extracted } = await extract(dir, [
      { name: gbkName, data: Buffer.from('a') },
      { name: Buffer.from('调查/路灯.shp', 'utf8'), data: Buffer.from('b') },
      { name: garbled, data: Buffer.from('c'), extra: unicodePathField(garbled, '调查/电子眼.dbf') },
      { name: '调查/', method: 0 },
    ]);
    assert.deepEqual(
      extracted.map((file) => file.entryPath),
      ['调查/井盖.shp', '调查/路灯.shp', '调查/电子眼.dbf'],
    );
    assert.deepEqual((await readdir(join(dir, 'out', '调查'))).sort(), ['井盖.shp', '电子眼.dbf', '路灯.shp'].sort());
  }));

test('unwanted entries are checked but not written', () =>
  withTempDir(async (dir) => {
    const zipPath = join(dir, 'upload.zip');
    await writeFile(zipPath, buildZip([{ name: 'a.shp', data: Buffer.from('x') }, { name: 'readme.txt', data: Buffer.from('y') }]));
    const result = await extractZip(zipPath, join(dir, 'out'), { keep: (path) => path.endsWith('.shp') });
    assert.deepEqual(result.skipped, ['readme.txt']);
    assert.deepEqual(await readdir(join(dir, 'out')), ['a.shp']);
  }));
