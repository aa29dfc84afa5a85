import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldNameForms, normaliseFieldName, truncateFieldName } from './field-name.ts';

test('GBK keeps 5 Chinese characters in 10 bytes, UTF-8 keeps 3', () => {
  assert.equal(truncateFieldName('部件标识码', 'gbk'), '部件标识码');
  assert.equal(truncateFieldName('权属单位名称', 'gbk'), '权属单位名');
  assert.equal(truncateFieldName('部件标识码', 'utf-8'), '部件标');
  assert.equal(truncateFieldName('DataSource', 'gbk'), 'DataSource');
  assert.equal(truncateFieldName('survey_date', 'utf-8'), 'survey_dat');
  assert.equal(truncateFieldName('照片A路径名', 'gbk'), '照片A路径'); // 2+2+1+2+2 = 9 bytes; 名 would make 11
});

test('mixed names are cut at a character boundary', () => {
  assert.equal(truncateFieldName('DCRQ调查日期', 'gbk'), 'DCRQ调查日');
  assert.equal(truncateFieldName('DCRQ调查日期', 'utf-8'), 'DCRQ调查');
});

test('normalising folds width and case and drops a trailing half character', () => {
  assert.equal(normaliseFieldName(' ＯｂｊＩＤ '), 'objid');
  assert.equal(normaliseFieldName('权属单位名\uFFFD'), '权属单位名');
});

test('forms of a short name are just the name', () => {
  assert.deepEqual(fieldNameForms('ObjID'), [{ form: 'objid', match: 'exact' }]);
  assert.deepEqual(fieldNameForms('权属单位名称').map((f) => f.form), ['权属单位名称', '权属单位名', '权属单']);
});
