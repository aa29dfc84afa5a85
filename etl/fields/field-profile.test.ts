import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normaliseFieldName } from './field-name.ts';
import { BUILT_IN_PROFILE, MAPPED_FIELD_KEYS, listFieldProfiles, loadFieldProfile } from './field-profile.ts';
import { resolveProfile } from './resolve-profile.ts';

let dir: string;
const write = (name: string, body: unknown) => fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(body));

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-profiles-'));
  write('acme', { name: 'acme', description: 'names the class in 名称, the road in 道路', fields: { classText: ['名称'], name: ['道路'] } });
  write('acme-strict', { name: 'acme-strict', extends: 'acme', fields: { note: ['情况说明'] }, replace: ['note'] });
  write('loop-a', { name: 'loop-a', extends: 'loop-b', fields: {} });
  write('loop-b', { name: 'loop-b', extends: 'loop-a', fields: {} });
  write('bad-key', { name: 'bad-key', fields: { colour: ['颜色'] } });
  write('twice', { name: 'twice', fields: { name: ['X'], note: ['x'] } });
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the built-in profile lists names for every field, none under two fields', () => {
  const profile = loadFieldProfile();
  assert.equal(profile.name, BUILT_IN_PROFILE);
  assert.deepEqual(profile.chain, [BUILT_IN_PROFILE]);
  const seen = new Map<string, string>();
  for (const key of MAPPED_FIELD_KEYS) {
    assert.ok(profile.fields[key].length > 0, key);
    for (const name of profile.fields[key]) {
      const form = normaliseFieldName(name);
      assert.equal(seen.get(form) ?? key, key, `${name} under ${seen.get(form)} and ${key}`);
      seen.set(form, key);
    }
  }
  assert.ok(listFieldProfiles().includes(BUILT_IN_PROFILE));
});

test('the built-in profile knows the GB/T 30428 attribute names', () => {
  const r = resolveProfile(['ObjID', 'ObjName', 'DeptCode', 'DeptName', 'BGID', 'ObjState', 'ORDate', 'CHDate', 'DataSource', 'Note'], loadFieldProfile());
  assert.deepEqual(r.fed, {
    code: 'ObjID', classText: 'ObjName', ownerCode: 'DeptCode', ownerText: 'DeptName', gridCode: 'BGID', state: 'ObjState',
    surveyDate: 'ORDate', changeDate: 'CHDate', dataSource: 'DataSource', note: 'Note',
  });
  assert.deepEqual(r.extra, []);
});

test('a custom profile extends the built-in one and can move a column to another field', () => {
  const acme = loadFieldProfile('acme', dir);
  assert.deepEqual(acme.chain, ['acme', BUILT_IN_PROFILE]);
  const r = resolveProfile(['名称', '道路', '状态', 'ObjID'], acme);
  assert.deepEqual(r.fed, { classText: '名称', name: '道路', state: '状态', code: 'ObjID' });
  assert.equal(acme.fields.classText[0], '名称');
  assert.ok(!acme.fields.name.includes('名称'));
});

test('replace drops the inherited names of a field', () => {
  const strict = loadFieldProfile('acme-strict', dir);
  assert.deepEqual(strict.chain, ['acme-strict', 'acme', BUILT_IN_PROFILE]);
  assert.deepEqual(strict.fields.note, ['情况说明']);
  assert.deepEqual(resolveProfile(['备注', '情况说明'], strict).extra, ['备注']);
});

test('bad profiles fail with the file and the reason', () => {
  assert.throws(() => loadFieldProfile('nope', dir), /'nope' not found; known: acme, acme-strict/);
  assert.throws(() => loadFieldProfile('loop-a', dir), /loop-a → loop-b → loop-a: extends itself/);
  assert.throws(() => loadFieldProfile('bad-key', dir), /bad-key\.json: fields: .*colour/i);
  assert.throws(() => loadFieldProfile('twice', dir), /'x' is also listed under name/);
  assert.throws(() => loadFieldProfile('../etc/passwd', dir), /not a profile name/);
});
