import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import { CHINESE_FIELDS, chineseRows, copySet, SHARED_SETS_DIR, withTempDir, writeDbf } from './fixtures/shapefile-sets.ts';
import { buildZip } from './fixtures/zip-builder.ts';
import { openSource } from './open-source.ts';
import { readLayer } from './read-layer.ts';
import { SourceError } from './source-error.ts';

async function assertSourceError(promise: Promise<unknown>, rule: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SourceError, `expected a SourceError, got ${String(error)}`);
    assert.equal(error.rule, rule);
    assert.match(error.message, message);
    return true;
  });
}

/** Zips the files of `dir` (relative names → entry names) with yazl, as ordinary tools do. */
async function zipFolder(entries: [path: string, entryName: string][], zipPath: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [path, name] of entries) zip.addFile(path, name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
}

test('a folder is searched recursively; sidecars match whatever their case', () =>
  withTempDir(async (dir) => {
    await mkdir(join(dir, 'a', 'deep'), { recursive: true });
    await copySet('mbostock_shapefile__points', join(dir, 'a'), (name) => name.replace('points.shp', 'POINTS.SHP').replace('.dbf', '.Dbf'));
    await copySet('mbostock_shapefile__polygons', join(dir, 'a', 'deep'));
    const source = await openSource(dir);
    assert.equal(source.workDir, undefined);
    assert.deepEqual(
      source.layers.map((l) => [l.name, l.displayPath, Boolean(l.dbfPath), Boolean(l.shxPath), Boolean(l.prjPath)]),
      [
        ['POINTS', 'a/POINTS.SHP', true, true, true],
        ['polygons', 'a/deep/polygons.shp', true, true, true],
      ],
    );
    await source.cleanup(); // nothing to remove, the folder stays
    await access(join(dir, 'a', 'POINTS.SHP'));
  }));

test('a .shp path, or one of its sidecars, opens that layer', async () => {
  const set = join(SHARED_SETS_DIR, 'tmontaigu_shapefile-rs__file_cp936');
  for (const file of ['file_cp936.shp', 'file_cp936.dbf']) {
    const source = await openSource(join(set, file));
    assert.deepEqual(source.layers, [
      {
        name: 'file_cp936',
        displayPath: 'file_cp936.shp',
        shpPath: join(set, 'file_cp936.shp'),
        shxPath: join(set, 'file_cp936.shx'),
        dbfPath: join(set, 'file_cp936.dbf'),
        cpgPath: join(set, 'file_cp936.cpg'),
      },
    ]);
  }
});

test('a zip with several Chinese-named layers in folders, photos and macOS debris', () =>
  withTempDir(async (dir) => {
    const files = await copySet('mbostock_shapefile__points', dir);
    await writeDbf(join(dir, 'points.dbf'), CHINESE_FIELDS, chineseRows(9), { languageDriver: 0x4d });
    await writeFile(join(dir, 'p.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
    const entries: [string, string][] = [];
    for (const layer of ['调查/井盖', '调查/路灯/路灯']) {
      for (const file of files) entries.push([join(dir, file), file.replace('points', layer)]);
    }
    entries.push([join(dir, 'points.shp'), '__MACOSX/调查/._井盖.shp'], [join(dir, 'p.jpg'), '调查/照片/0001.JPG'], [join(dir, 'p.jpg'), 'readme.txt']);
    const zipPath = join(dir, 'survey.zip');
    await zipFolder(entries, zipPath);

    const tempDir = join(dir, 'tmp');
    await mkdir(tempDir);
    const source = await openSource(zipPath, { tempDir });
    try {
      assert.deepEqual(source.layers.map((l) => [l.name, l.displayPath]), [
        ['井盖', '调查/井盖.shp'],
        ['路灯', '调查/路灯/路灯.shp'],
      ]);
      assert.deepEqual(source.images.map((i) => i.displayPath), ['调查/照片/0001.JPG']);
      assert.ok(source.workDir?.startsWith(tempDir));
      const read = await readLayer(source.layers[1]!);
      for await (const record of read.records) {
        assert.equal(record.layer, '路灯');
        assert.equal(record.attributes['类型'], '上水井盖');
        break;
      }
    } finally {
      await source.cleanup();
      await source.cleanup();
    }
    assert.deepEqual(await readdir(tempDir), [], 'cleanup removed the unpacked files');
  }));

test('a Chinese Windows zip: GBK names without the UTF-8 flag, no extension on the upload', () =>
  withTempDir(async (dir) => {
    const set = join(SHARED_SETS_DIR, 'tmontaigu_shapefile-rs__file_cp936');
    const entries = await Promise.all(
      ['shp', 'shx', 'dbf', 'cpg'].map(async (ext) => ({ name: iconv.encode(`管线\\测试.${ext}`, 'gbk'), data: await readFile(join(set, `file_cp936.${ext}`)) })),
    );
    const uploadPath = join(dir, 'upload-7f3a');
    await writeFile(uploadPath, buildZip(entries));
    const source = await openSource(uploadPath, { tempDir: dir, displayName: '管线.zip' });
    try {
      assert.deepEqual(source.layers.map((l) => [l.name, l.displayPath]), [['测试', '管线/测试.shp']]);
      const read = await readLayer(source.layers[0]!);
      const rows = [];
      for await (const record of read.records) rows.push(record.attributes);
      assert.deepEqual(rows, [{ TEST: '测试中文' }]);
    } finally {
      await source.cleanup();
    }
  }));

test('sidecars without a .shp are reported', () =>
  withTempDir(async (dir) => {
    await copySet('mbostock_shapefile__points', dir);
    await copySet('mbostock_shapefile__polygons', dir);
    await rename(join(dir, 'polygons.shp'), join(dir, 'polygons.bak'));
    const source = await openSource(dir);
    assert.deepEqual(source.layers.map((l) => l.name), ['points']);
    assert.deepEqual(source.warnings.map((w) => [w.rule, w.message]), [
      ['source.orphan_sidecar', 'polygons.dbf, polygons.prj, polygons.shx have no .shp beside them: ignored'],
    ]);
  }));

test('no shapefile, nothing there, or not a supported input: clear errors, no temp folder left', () =>
  withTempDir(async (dir) => {
    const zipPath = join(dir, 'photos.zip');
    await writeFile(zipPath, buildZip([{ name: 'a.dbf', data: Buffer.from('x') }, { name: 'notes.txt', data: Buffer.from('y') }]));
    const tempDir = join(dir, 'tmp');
    await mkdir(tempDir);
    await assertSourceError(openSource(zipPath, { tempDir }), 'source.no_shapefile', /photos\.zip holds no shapefile \(\.shp\) layer; found: a\.dbf, notes\.txt/);
    await assertSourceError(openSource(join(dir, 'bomb.zip'), { tempDir }), 'source.not_found', /bomb\.zip does not exist/);
    await writeFile(join(dir, 'bomb.zip'), buildZip([{ name: 'a.shp', data: Buffer.alloc(10 << 20) }]));
    await assertSourceError(openSource(join(dir, 'bomb.zip'), { tempDir }), 'zip.bomb', /a\.shp/);
    assert.deepEqual(await readdir(tempDir), [], 'refused uploads leave nothing behind');
    await writeFile(join(dir, 'survey.xlsx'), 'PK-but-not-really');
    await assertSourceError(openSource(join(dir, 'survey.xlsx')), 'source.unsupported', /survey\.xlsx is not a \.zip, a folder or a \.shp/);
    await mkdir(join(dir, 'empty'));
    await assertSourceError(openSource(join(dir, 'empty')), 'source.no_shapefile', /empty holds no shapefile \(\.shp\) layer; it is empty/);
    await writeFile(join(dir, 'empty', 'survey.rar'), 'Rar!');
    await assertSourceError(openSource(join(dir, 'empty')), 'source.no_shapefile', /found: survey\.rar/);
  }));
