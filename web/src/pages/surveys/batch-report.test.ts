import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countBy, reportOf, type SummaryRow } from './batch-report.ts';

const row = (over: Partial<SummaryRow>): SummaryRow => ({
  action: 'new',
  class_code: '0118',
  class_name_zh: '路灯',
  class_name_en: 'Street lamp',
  town_code: '320506001',
  town_name_zh: '长桥街道',
  department_code: 'street-lighting',
  department_name_zh: '路灯管理所',
  count: 1,
  ...over,
});

test('staged rows counted by class, town and owner, largest first; no owner is its own row', () => {
  const summary = [
    row({ count: 2 }),
    row({ action: 'update', count: 3 }),
    row({ class_code: '0113', class_name_zh: '消防设施', class_name_en: 'Fire hydrant', department_code: null, department_name_zh: null, town_code: '320506002', town_name_zh: '木渎镇' }),
  ];
  assert.deepEqual(countBy(summary, 'class').map((r) => [r.key, r.name_en, r.count]), [['0118', 'Street lamp', 5], ['0113', 'Fire hydrant', 1]]);
  assert.deepEqual(countBy(summary, 'town').map((r) => [r.key, r.count]), [['320506001', 5], ['320506002', 1]]);
  assert.deepEqual(countBy(summary, 'owner').map((r) => [r.key, r.count]), [['street-lighting', 5], ['', 1]]);
});

test('a batch without a report (uploaded, failed) has none', () => {
  assert.equal(reportOf({ report: null } as never), null);
  assert.equal(reportOf({ report: { error_rule: 'zip.unsafe' } } as never), null);
  assert.deepEqual(reportOf({ report: { counts: { read: 1 } } } as never)?.rejectsByRule, {});
});
