import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateInvalid } from './date-rules.ts';
import { chinaToday, parseSurveyDate } from './survey-date.ts';
import { point, recordOf, testContext } from './test-support.ts';

test('parseSurveyDate reads the formats crews use', () => {
  assert.equal(parseSurveyDate('2024-03-05'), '2024-03-05');
  assert.equal(parseSurveyDate('2024-3-5'), '2024-03-05');
  assert.equal(parseSurveyDate('20240305'), '2024-03-05');
  assert.equal(parseSurveyDate('2024/03/05'), '2024-03-05');
  assert.equal(parseSurveyDate('2024.03.05'), '2024-03-05');
  assert.equal(parseSurveyDate('2024年3月5日'), '2024-03-05');
  assert.equal(parseSurveyDate('２０２４年０３月０５日'), '2024-03-05');
  assert.equal(parseSurveyDate('2024/03/05 10:22:31'), '2024-03-05');
  assert.equal(parseSurveyDate('2024-03-05T10:22:31Z'), '2024-03-05');
  assert.equal(parseSurveyDate(' 2024-03-05 '), '2024-03-05');
});

test('parseSurveyDate refuses impossible dates and other text', () => {
  for (const text of ['2024-02-30', '2023-02-29', '2024-13-01', '20241301', '03/05/2024', '2024-03', '昨天', '45355', '']) {
    assert.equal(parseSurveyDate(text), null, text);
  }
  assert.equal(parseSurveyDate('2024-02-29'), '2024-02-29');
});

test('chinaToday is the date in UTC+8', () => {
  assert.equal(chinaToday(new Date('2024-03-04T15:59:59Z')), '2024-03-04');
  assert.equal(chinaToday(new Date('2024-03-04T16:00:00Z')), '2024-03-05');
});

const run = (surveyDate: string | null, changeDate: string | null = null, columns?: Record<string, string>) =>
  dateInvalid.check!({ record: recordOf(point(), { surveyDate, changeDate }), classCode: '0118', context: { ...testContext, columns } });

test('date.invalid: unreadable, future or placeholder dates are warned about; the row is kept', () => {
  assert.equal(dateInvalid.severity, 'warn');
  assert.equal(run('2024-03-05'), null);
  assert.equal(run(null), null);
  assert.equal(run('0'), null); // a numeric column's blank
  assert.equal(run('2025-01-01'), null); // today
  assert.equal(run('2024-02-30'), "调查日期 '2024-02-30' is not a date: write YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD or YYYY年MM月DD日");
  assert.equal(run('2025-06-01'), '调查日期 2025-06-01 is in the future (today is 2025-01-01)');
  assert.equal(run('1899-12-30'), '调查日期 1899-12-30 is before 1990: a placeholder or a typo');
  assert.equal(run('2024-03-05', '2024/13/01', { changeDate: 'CHDate' }), "CHDate '2024/13/01' is not a date: write YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD or YYYY年MM月DD日");
  assert.equal(run('tomorrow', null, { surveyDate: 'DCRQ' }), "DCRQ 'tomorrow' is not a date: write YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD or YYYY年MM月DD日");
});
