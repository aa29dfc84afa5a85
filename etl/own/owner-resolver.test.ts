import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readReferenceData } from '../../data/reference-data.ts';
import { OwnerResolver, normaliseName } from './owner-resolver.ts';

const data = readReferenceData();
const departments = data.departments.map((d, i) => ({ ...d, id: i + 1 }));
const id = (code: string) => departments.find((d) => d.code === code)!.id;
const rules = data.responsibilityRules.map((r) => ({ classCode: r.sub_code, gridId: null, departmentId: id(r.department) }));
const owners = new OwnerResolver(departments, rules);

test('names crews write are recognised: full names, short forms, longer and shorter forms', () => {
  assert.equal(owners.recognise('苏州市吴中区城市管理局路灯管理所'), id('street-lighting'));
  assert.equal(owners.recognise('路灯所'), id('street-lighting'));
  assert.equal(owners.recognise('交警大队'), id('traffic-police'));
  assert.equal(owners.recognise(' 中国 电信 '), id('china-telecom'));
  assert.equal(owners.recognise('吴中区水务局'), id('water-affairs'), 'a shorter form of one full name');
  assert.equal(owners.recognise('ＳＵＺＨＯＵ'), undefined);
  assert.equal(owners.recognise('某某物业公司'), undefined);
  assert.equal(owners.recognise('局'), undefined, 'too short to mean anything');
});

test('the survey owner wins when recognised; else the rule, with the unknown name reported', () => {
  assert.deepEqual(owners.decide('0118', [], '路灯所'), { departmentId: id('street-lighting'), source: 'survey' });
  assert.deepEqual(owners.decide('0118', [], '中国移动'), { departmentId: id('china-mobile'), source: 'survey' });
  assert.deepEqual(owners.decide('0118', [], ''), { departmentId: id('street-lighting'), source: 'rule' });
  assert.deepEqual(owners.decide('0118', [], '某某物业公司'), { departmentId: id('street-lighting'), source: 'rule', unrecognised: '某某物业公司' });
});

test('a rule scoped to a grid beats the district-wide rule; the most specific grid wins', () => {
  const scoped = new OwnerResolver(departments, [
    { classCode: '0118', gridId: null, departmentId: 1 },
    { classCode: '0118', gridId: 30, departmentId: 2 },
    { classCode: '0118', gridId: 300, departmentId: 3 },
  ]);
  assert.equal(scoped.decide('0118', [3000, 300, 30])?.departmentId, 3);
  assert.equal(scoped.decide('0118', [3001, 301, 30])?.departmentId, 2);
  assert.equal(scoped.decide('0118', [3002, 302, 31])?.departmentId, 1);
  assert.equal(scoped.decide('0999', [3002]), undefined);
});

test('normaliseName folds width, case, spaces and punctuation', () => {
  assert.equal(normaliseName('（吴中）Ｇａｓ Co.'), '吴中gasco');
});
