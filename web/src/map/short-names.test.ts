import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortName } from './short-names.ts';

test('a base grid drops its community name', () => {
  assert.equal(shortName('长桥街道第01社区01网格', '长桥街道第01社区'), '01网格');
  assert.equal(shortName('Changqiao C01 Grid 01', 'Changqiao Community 01'), 'C01 Grid 01');
});

test('a community drops its town name', () => {
  assert.equal(shortName('长桥街道第01社区', '长桥街道'), '第01社区');
  assert.equal(shortName('Changqiao Community 01', 'Changqiao Subdistrict'), 'Community 01');
});

test('names that do not repeat their parent are kept whole', () => {
  assert.equal(shortName('木渎镇', '吴中区'), '木渎镇');
  assert.equal(shortName('Mudu Town', 'Wuzhong District'), 'Mudu Town');
  assert.equal(shortName('金桥社区', undefined), '金桥社区');
});

test('a name is never shortened to nothing', () => {
  assert.equal(shortName('长桥街道', '长桥街道'), '长桥街道');
  assert.equal(shortName('Changqiao', 'Changqiao Subdistrict'), 'Changqiao');
});
