import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawRecord } from '../survey-record.ts';
import { loadFieldProfile } from './field-profile.ts';
import { mapFields } from './map-fields.ts';
import { resolveProfile } from './resolve-profile.ts';

const profile = loadFieldProfile();

test('the demo columns feed their fields; FID and unknown columns are kept as extra', () => {
  const r = resolveProfile(['FID', 'ObjID', '类型', '名称', '状态', '材质', '权属单位', '调查日期', '照片', '备注', '巡查人'], profile);
  assert.deepEqual(r.fed, {
    code: 'ObjID', classText: '类型', name: '名称', state: '状态', material: '材质', ownerText: '权属单位',
    surveyDate: '调查日期', photo: '照片', note: '备注',
  });
  assert.deepEqual(r.extra, ['FID', '巡查人']);
});

test('matching ignores case, padding and full width', () => {
  const r = resolveProfile([' objid ', 'ＴＹＰＥ', 'Remark'], profile);
  assert.deepEqual(r.fed, { code: ' objid ', classText: 'ＴＹＰＥ', note: 'Remark' });
});

test('a GBK name cut to 10 bytes matches its full name', () => {
  const r = resolveProfile(['权属单位名', '所在单元网'], profile);
  assert.deepEqual(r.fed, { ownerText: '权属单位名', gridCode: '所在单元网' });
  assert.deepEqual(r.report[0], { column: '权属单位名', field: 'ownerText', matchedName: '权属单位名称', match: 'truncated-gbk' });
});

test('a name cut inside a character (trailing U+FFFD) still matches', () => {
  assert.equal(resolveProfile(['部件类型', '养护单位名\uFFFD'], profile).fed.ownerText, '养护单位名\uFFFD');
});

test('a UTF-8 name cut to 3 Chinese characters matches', () => {
  assert.deepEqual(resolveProfile(['部件标', '调查日'], profile).fed, { code: '部件标', surveyDate: '调查日' });
});

test('a prefix shorter than the truncation does not match', () => {
  assert.deepEqual(resolveProfile(['权属单位名称', '权属单'], profile).fed, { ownerText: '权属单位名称' });
  assert.deepEqual(resolveProfile(['survey_da'], profile).extra, ['survey_da']);
});

test('two columns for one field: the better match feeds it, the other is kept and says why', () => {
  const r = resolveProfile(['DeptName1', 'DeptName2', '类别', '类型'], profile);
  assert.deepEqual(r.fed, { ownerText: 'DeptName2', classText: '类型' });
  assert.deepEqual(r.extra, ['DeptName1', '类别']);
  assert.equal(r.report[0]!.shadowedBy, 'DeptName2');
  assert.equal(r.report[2]!.shadowedBy, '类型');
});

test('an exact name beats a truncated one for the same field', () => {
  const r = resolveProfile(['权属单位名', '权属单位'], profile);
  assert.equal(r.fed.ownerText, '权属单位');
});

test('mapping many rows reuses the resolution', () => {
  const r = resolveProfile(['类型', 'X'], profile);
  const rec = (row: number): RawRecord => ({ layer: 'L', row, geometry: null, attributes: { 类型: ' 路灯 ', X: row } });
  for (let row = 1; row <= 3; row++) {
    const m = mapFields(rec(row), r);
    assert.deepEqual(m.fields, { classText: '路灯' });
    assert.deepEqual(m.extra, { X: row });
  }
});

// fixture pairs: fixtures/in/*.json → fixtures/out/*.json; UPDATE=1 regenerates out/
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
for (const file of fs.readdirSync(path.join(fixtures, 'in')).filter((f) => f.endsWith('.json'))) {
  test(`fixture ${file}`, () => {
    const input = JSON.parse(fs.readFileSync(path.join(fixtures, 'in', file), 'utf8')) as {
      profile?: string; columns: string[]; rows: Array<Array<string | number | null>>;
    };
    const resolution = resolveProfile(input.columns, loadFieldProfile(input.profile));
    const records = input.rows.map((values, i) => {
      const attributes = Object.fromEntries(input.columns.map((c, j) => [c, values[j] ?? null]));
      const { fields, extra } = mapFields({ layer: 'fixture', row: i + 1, geometry: null, attributes }, resolution);
      return { row: i + 1, fields, extra };
    });
    const actual = { profile: resolution.profile, fed: resolution.fed, extra: resolution.extra, report: resolution.report, records };
    const out = path.join(fixtures, 'out', file);
    if (process.env.UPDATE === '1' || !fs.existsSync(out)) fs.writeFileSync(out, JSON.stringify(actual, null, 2) + '\n');
    assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')), JSON.parse(JSON.stringify(actual)));
  });
}
