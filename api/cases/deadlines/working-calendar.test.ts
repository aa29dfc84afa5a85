import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { caseDataDir } from './deadline-policy.ts';
import { calendarYearSchema, dayNumber, isoDate, isWeekend, MissingCalendarError, shanghaiDay, WorkingCalendar, type CalendarYear } from './working-calendar.ts';

const readYear = (year: number): CalendarYear =>
  calendarYearSchema.parse(JSON.parse(fs.readFileSync(path.join(caseDataDir, `calendar-${year}.json`), 'utf8')));
const calendar = new WorkingCalendar([readYear(2026), readYear(2027)]);
const workday = (day: string) => calendar.isWorkday(dayNumber(day));

describe('days in Asia/Shanghai', () => {
  test('day numbers round-trip and know their weekday', () => {
    assert.equal(isoDate(dayNumber('2026-02-14')), '2026-02-14');
    assert.equal(isWeekend(dayNumber('2026-02-14')), true, 'a Saturday');
    assert.equal(isWeekend(dayNumber('2026-02-15')), true, 'a Sunday');
    assert.equal(isWeekend(dayNumber('2026-02-16')), false, 'a Monday');
  });

  test('an instant belongs to the Shanghai day, not the UTC one', () => {
    // 2026-03-01 23:30 UTC is already 2 March in Shanghai
    assert.equal(isoDate(shanghaiDay(new Date('2026-03-01T23:30:00Z'))), '2026-03-02');
    assert.equal(isoDate(shanghaiDay(new Date('2026-03-02T00:00:00+08:00'))), '2026-03-02');
    assert.equal(isoDate(shanghaiDay(new Date('2026-03-01T23:59:59+08:00'))), '2026-03-01');
  });
});

describe('the 2026 arrangement (国务院办公厅, 2025-11-04)', () => {
  test('weekdays work and weekends rest when no holiday intervenes', () => {
    assert.equal(workday('2026-03-10'), true);
    assert.equal(workday('2026-03-14'), false);
    assert.equal(workday('2026-03-15'), false);
  });

  test('the Spring Festival runs 15–23 February, with Saturdays 14 and 28 February worked', () => {
    for (let day = dayNumber('2026-02-15'); day <= dayNumber('2026-02-23'); day++) {
      assert.deepEqual(calendar.dayKind(day), { workday: false, holiday: '春节' }, isoDate(day));
    }
    assert.deepEqual(calendar.dayKind(dayNumber('2026-02-14')), { workday: true, makeUpFor: '春节' });
    assert.deepEqual(calendar.dayKind(dayNumber('2026-02-28')), { workday: true, makeUpFor: '春节' });
    assert.equal(workday('2026-02-13'), true);
    assert.equal(workday('2026-02-24'), true);
  });

  test('National Day runs 1–7 October, with Sunday 20 September and Saturday 10 October worked', () => {
    for (let day = dayNumber('2026-10-01'); day <= dayNumber('2026-10-07'); day++) assert.equal(calendar.isWorkday(day), false, isoDate(day));
    assert.equal(workday('2026-09-20'), true);
    assert.equal(workday('2026-10-10'), true);
    assert.equal(workday('2026-10-11'), false, 'an ordinary Sunday');
  });

  test('each holiday of 2026 has the length the notice gives', () => {
    const lengths = Object.fromEntries(readYear(2026).holidays.map((h) => [h.name_zh, dayNumber(h.to) - dayNumber(h.from) + 1]));
    assert.deepEqual(lengths, { 元旦: 3, 春节: 9, 清明节: 3, 劳动节: 5, 端午节: 3, 中秋节: 3, 国庆节: 7 });
    assert.equal(readYear(2026).provisional, false);
  });
});

describe('the 2027 calendar', () => {
  test('is marked provisional and keeps the 2024 rules: 8 days from 除夕, 5 for Labour Day, 7 for National Day', () => {
    const year = readYear(2027);
    assert.equal(year.provisional, true);
    assert.match(year.source, /PROVISIONAL/);
    const lengths = Object.fromEntries(year.holidays.map((h) => [h.name_zh, dayNumber(h.to) - dayNumber(h.from) + 1]));
    assert.deepEqual(lengths, { 元旦: 3, 春节: 8, 清明节: 3, 劳动节: 5, 端午节: 1, 中秋节: 1, 国庆节: 7 });
  });

  test('no stretch around a holiday asks for more than six workdays in a row', () => {
    let run = 0;
    let longest = 0;
    for (let day = dayNumber('2027-01-01'); day <= dayNumber('2027-12-31'); day++) {
      run = calendar.isWorkday(day) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    assert.ok(longest <= 6, `longest run ${longest}`);
  });
});

describe('asking outside the calendar and checking the files', () => {
  test('a year without a file is an error naming the file to add', () => {
    assert.throws(() => workday('2028-01-03'), (error: unknown) => error instanceof MissingCalendarError && /data\/cases\/calendar-2028\.json/.test(error.message));
    assert.throws(() => workday('2025-12-31'), /calendar-2025\.json/);
  });

  const base: CalendarYear = { year: 2026, provisional: false, source: 'test', holidays: [], workdays: [] };

  test('a make-up workday must be a weekend day of the same year', () => {
    assert.equal(calendarYearSchema.safeParse({ ...base, workdays: [{ date: '2026-02-13', for: '春节' }] }).success, false, 'a Friday');
    assert.equal(calendarYearSchema.safeParse({ ...base, workdays: [{ date: '2027-01-31', for: '春节' }] }).success, false, 'another year');
    assert.equal(calendarYearSchema.safeParse({ ...base, workdays: [{ date: '2026-02-14', for: '春节' }] }).success, true);
  });

  test('a holiday must run forwards inside its year', () => {
    const holiday = { name_zh: '春节', name_en: 'Spring Festival' };
    assert.equal(calendarYearSchema.safeParse({ ...base, holidays: [{ ...holiday, from: '2026-02-23', to: '2026-02-15' }] }).success, false);
    assert.equal(calendarYearSchema.safeParse({ ...base, holidays: [{ ...holiday, from: '2026-12-31', to: '2027-01-02' }] }).success, false);
  });

  test('a day cannot be both a holiday and a make-up workday, and a year cannot come twice', () => {
    const clash = { ...base, holidays: [{ name_zh: '春节', name_en: 'x', from: '2026-02-14', to: '2026-02-15' }], workdays: [{ date: '2026-02-14', for: '春节' }] };
    assert.throws(() => new WorkingCalendar([clash]), /both a holiday and a make-up workday/);
    assert.throws(() => new WorkingCalendar([base, base]), /given twice/);
  });
});
