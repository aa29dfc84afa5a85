import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadDeadlinePolicy, stepDeadline } from './deadline-policy.ts';
import { WorkingCalendar } from './working-calendar.ts';
import { addWorkingHours, hoursPerWorkday, workingPeriods, type WorkingSchedule } from './working-time.ts';

const policy = loadDeadlinePolicy();
const schedule = policy.schedule;

/** '2026-03-06 16:30' in China Standard Time. */
const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** An instant as China Standard Time, 'YYYY-MM-DD HH:MM'. */
const local = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const add = (start: string, hours: number, on: WorkingSchedule = schedule) => local(addWorkingHours(cst(start), hours, on));

describe('the working day (08:30–12:00, 13:30–17:30)', () => {
  test('is 7.5 hours long', () => {
    assert.equal(hoursPerWorkday(schedule), 7.5);
  });

  test('hours inside one period just add', () => {
    assert.equal(add('2026-03-10 09:00', 2), '2026-03-10 11:00');
    assert.equal(add('2026-03-10 14:00', 0.25), '2026-03-10 14:15');
  });

  test('a start inside the lunch break counts from 13:30', () => {
    assert.equal(add('2026-03-10 12:30', 1), '2026-03-10 14:30');
    assert.equal(add('2026-03-10 12:00', 0.5), '2026-03-10 14:00');
  });

  test('time running into the lunch break resumes after it', () => {
    assert.equal(add('2026-03-10 11:30', 1), '2026-03-10 14:00');
  });

  test('a start before work counts from 08:30, after work from 08:30 the next workday', () => {
    assert.equal(add('2026-03-10 07:00', 1), '2026-03-10 09:30');
    assert.equal(add('2026-03-10 20:00', 1), '2026-03-11 09:30');
    assert.equal(add('2026-03-11 00:00', 1), '2026-03-11 09:30');
  });

  test('a deadline landing exactly on the end of the day stays there', () => {
    assert.equal(add('2026-03-10 16:30', 1), '2026-03-10 17:30');
    assert.equal(add('2026-03-10 08:30', 7.5), '2026-03-10 17:30');
    assert.equal(add('2026-03-10 17:30', 0.5), '2026-03-11 09:00', 'starting at the end of the day starts tomorrow');
  });

  test('one working day from any working moment is the same time the next workday', () => {
    assert.equal(add('2026-03-10 10:15', 7.5), '2026-03-11 10:15');
    assert.equal(add('2026-03-10 16:00', 7.5), '2026-03-11 16:00');
  });

  test('zero hours is the start itself; a negative limit is refused', () => {
    assert.equal(add('2026-03-14 03:00', 0), '2026-03-14 03:00');
    assert.throws(() => addWorkingHours(cst('2026-03-10 09:00'), -1, schedule), /≥ 0/);
  });
});

describe('weekends, holidays and 调休', () => {
  test('across a weekend: Friday 16:30 + 2 h is Monday 09:30', () => {
    assert.equal(add('2026-03-06 16:30', 2), '2026-03-09 09:30');
    assert.equal(add('2026-03-07 10:00', 1), '2026-03-09 09:30', 'a start on Saturday waits for Monday');
  });

  test('across the 2026 Spring Festival (15–23 February off)', () => {
    // Saturday 14 February is a make-up workday: 0.5 h is left of it, then nine days off
    assert.equal(add('2026-02-14 17:00', 1), '2026-02-24 09:00');
    // B-class dispose (2 working days) from Friday 13 February 10:00: 6 h Fri + 7.5 h Sat (调休), 1.5 h after the festival
    assert.equal(add('2026-02-13 10:00', 15), '2026-02-24 10:00');
  });

  test('a 调休 Saturday counts as a workday: Friday 13 February 16:00 + 8 h ends on Saturday 14th', () => {
    // 1.5 h on Friday, then 6.5 h of the make-up Saturday: 08:30–12:00 (3.5) and 13:30–16:30 (3)
    assert.equal(add('2026-02-13 16:00', 8), '2026-02-14 16:30');
    // an ordinary Saturday does not: the same on 6 March lands on Monday 9th
    assert.equal(add('2026-03-06 16:00', 8), '2026-03-09 16:30');
  });

  test('a 调休 Sunday counts as well: Saturday 19 September 2026 10:00 + 1 h is Sunday 20th 09:30', () => {
    assert.equal(add('2026-09-19 10:00', 1), '2026-09-20 09:30');
  });

  test('across National Day 2026 (1–7 October off, Saturday 10 October worked)', () => {
    assert.equal(add('2026-09-30 16:00', 3), '2026-10-08 10:00');
    // five working days (C-class dispose) from 30 September 10:00: 6 h, then 8, 9, 10 (调休) and 12 October, then 1.5 h
    assert.equal(add('2026-09-30 10:00', 37.5), '2026-10-13 10:00');
  });

  test('a year without a calendar file stops the arithmetic with the file to add', () => {
    assert.throws(() => add('2027-12-31 17:00', 1), /data\/cases\/calendar-2028\.json/);
  });
});

describe('hand-made schedules', () => {
  const plain = new WorkingCalendar([{ year: 2026, provisional: false, source: 'test', holidays: [], workdays: [] }]);

  test('one long period, no lunch: 09:00–17:00', () => {
    const nineToFive: WorkingSchedule = { calendar: plain, periods: workingPeriods([{ from: '09:00', to: '17:00' }]) };
    assert.equal(add('2026-03-10 16:00', 2, nineToFive), '2026-03-11 10:00');
    assert.equal(hoursPerWorkday(nineToFive), 8);
  });

  test('periods that overlap, run backwards or are not clock times are refused', () => {
    assert.throws(() => workingPeriods([{ from: '08:30', to: '12:00' }, { from: '11:00', to: '17:00' }]), /overlaps/);
    assert.throws(() => workingPeriods([{ from: '12:00', to: '08:30' }]), /ends before it starts/);
    assert.throws(() => workingPeriods([{ from: '8h30', to: '12:00' }]), /not HH:MM/);
    assert.throws(() => workingPeriods([]), /at least one/);
  });
});

describe('A-class counts natural time', () => {
  test('2 h from 23:00 on the eve of the Spring Festival is 01:00 on New Year’s Day, holiday or not', () => {
    assert.equal(local(stepDeadline(policy, 'A', 'dispose', cst('2026-02-16 23:00'))), '2026-02-17 01:00');
  });

  test('B and C count working hours from the same start', () => {
    assert.equal(local(stepDeadline(policy, 'B', 'verify', cst('2026-02-16 23:00'))), '2026-02-24 09:30');
    assert.equal(local(stepDeadline(policy, 'C', 'verify', cst('2026-02-16 23:00'))), '2026-02-24 10:30');
  });
});

describe('the machine’s time zone does not matter', () => {
  test('a child process with TZ=America/New_York computes the same deadlines', () => {
    const policyModule = fileURLToPath(new URL('./deadline-policy.ts', import.meta.url));
    const script = `
      const { loadDeadlinePolicy, stepDeadline } = await import(${JSON.stringify(policyModule)});
      const policy = loadDeadlinePolicy();
      const starts = ['2026-02-13T16:00:00+08:00', '2026-03-06T16:30:00+08:00', '2026-09-30T10:00:00+08:00', '2026-03-10T23:30:00+08:00'];
      const out = starts.flatMap((s) => ['A', 'B', 'C'].map((c) => stepDeadline(policy, c, 'dispose', new Date(s)).toISOString()));
      console.log(JSON.stringify({ offset: new Date('2026-03-10T12:00:00Z').getTimezoneOffset(), out }));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TZ: 'America/New_York' },
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    assert.equal(result.offset, 240, 'the child really runs in New York time (EDT, UTC−4, on 10 March 2026)');
    const starts = ['2026-02-13T16:00:00+08:00', '2026-03-06T16:30:00+08:00', '2026-09-30T10:00:00+08:00', '2026-03-10T23:30:00+08:00'];
    const here = starts.flatMap((s) => (['A', 'B', 'C'] as const).map((c) => stepDeadline(policy, c, 'dispose', new Date(s)).toISOString()));
    assert.deepEqual(result.out, here);
    // and the figures are the Shanghai ones, not merely equal: B from Friday 13 Feb 16:00 + 15 h
    // is 1.5 h Fri + 7.5 h Sat (调休) + 6 h after the festival
    assert.equal(local(new Date(result.out[1])), '2026-02-24 16:00');
  });
});
