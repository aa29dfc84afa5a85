import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardContent, cardEtag, componentUrl, surveyDateOf } from './card.service.ts';
import type { CardRow } from './card.repository.ts';

const row: CardRow = {
  id: 7,
  code: '3205060101000001',
  version: 3,
  photo: null,
  class_name_zh: '上水井盖',
  class_name_en: 'Water supply manhole cover',
  department_name_zh: '苏州市吴中供水有限公司',
  department_name_en: 'Suzhou Wuzhong Water Supply Co., Ltd.',
  survey_date_text: '2024年3月5日',
  survey_batch_committed_at: new Date('2024-06-30T17:00:00Z'),
  grid_code: '32050600100101',
  grid_name_zh: '长桥街道第01社区01网格',
  community_name_zh: '长桥街道第01社区',
  town_name_zh: '长桥街道',
};

test('the QR code opens the component on the map at the public URL', () => {
  assert.equal(componentUrl('https://grid.example.cn', row.code), 'https://grid.example.cn/map?component=3205060101000001');
  assert.equal(componentUrl('https://grid.example.cn/civicgrid//', row.code), 'https://grid.example.cn/civicgrid/map?component=3205060101000001');
});

test("the survey date is the contractor's, else the day the batch was committed in China", () => {
  assert.equal(surveyDateOf(row), '2024-03-05');
  assert.equal(surveyDateOf({ ...row, survey_date_text: '20240305' }), '2024-03-05');
  // 17:00 UTC on 30 June is 1 July in Suzhou
  assert.equal(surveyDateOf({ ...row, survey_date_text: null }), '2024-07-01');
  assert.equal(surveyDateOf({ ...row, survey_date_text: 'unknown' }), '2024-07-01');
  assert.equal(surveyDateOf({ survey_date_text: null, survey_batch_committed_at: null }), null);
});

test('a card shows the grid path town first, and no owner when none is assigned', () => {
  const content = cardContent(row, { zh: '吴中区', en: 'Wuzhong District' }, 'https://grid.example.cn');
  assert.deepEqual(content.gridPath, ['长桥街道', '长桥街道第01社区', '长桥街道第01社区01网格']);
  assert.deepEqual(content.department, { zh: '苏州市吴中供水有限公司', en: 'Suzhou Wuzhong Water Supply Co., Ltd.' });
  assert.equal(content.url, 'https://grid.example.cn/map?component=3205060101000001');
  const loose = cardContent({ ...row, department_name_zh: null, department_name_en: null, grid_code: null, grid_name_zh: null, community_name_zh: null, town_name_zh: null }, content.district, 'x');
  assert.equal(loose.department, null);
  assert.deepEqual(loose.gridPath, []);
});

test('the ETag changes with the version, the photo and the URL, and only with them', () => {
  const base = cardEtag(row.code, 3, null, 'https://a.example');
  assert.equal(cardEtag(row.code, 3, null, 'https://a.example'), base);
  assert.notEqual(cardEtag(row.code, 4, null, 'https://a.example'), base);
  assert.notEqual(cardEtag(row.code, 3, 'ab'.repeat(32), 'https://a.example'), base);
  assert.notEqual(cardEtag(row.code, 3, null, 'https://b.example'), base);
  assert.match(base, /^"card-3205060101000001-v3-[\w-]{16}"$/);
});
