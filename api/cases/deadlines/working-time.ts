/**
 * 工作时 — working-time arithmetic: an instant plus N working hours, skipping nights, the lunch
 * break, weekends and statutory holidays, and counting 调休 make-up Saturdays and Sundays. Computed
 * in China Standard Time (UTC+08:00) whatever the machine's time zone.
 */
import { dayMs, shanghaiDay, shanghaiOffsetMs, type WorkingCalendar } from './working-calendar.ts';

/** A working period of a day, as milliseconds after local (Asia/Shanghai) midnight. */
export interface WorkingPeriod {
  startMs: number;
  endMs: number;
}

/** When people work: the calendar's workdays, and these periods on each of them. */
export interface WorkingSchedule {
  calendar: WorkingCalendar;
  /** Ascending, not overlapping, within one day. */
  periods: readonly WorkingPeriod[];
}

/** How far ahead a deadline may be looked for before giving up (a schedule with no working time). */
const maxDays = 3 * 366;

/**
 * '08:30'..'12:00' → a working period; checks the order of several.
 *
 * @example
 * workingPeriods([{ from: '08:30', to: '12:00' }, { from: '13:30', to: '17:30' }])
 */
export function workingPeriods(spans: readonly { from: string; to: string }[]): WorkingPeriod[] {
  const periods = spans.map(({ from, to }) => ({ startMs: clockMs(from), endMs: clockMs(to) }));
  periods.forEach((period, index) => {
    const previous = periods[index - 1];
    if (period.endMs <= period.startMs) throw new Error(`working hours: ${spans[index]!.from}–${spans[index]!.to} ends before it starts`);
    if (previous && period.startMs < previous.endMs) throw new Error(`working hours: ${spans[index]!.from}–${spans[index]!.to} overlaps or precedes the period before it`);
  });
  if (periods.length === 0) throw new Error('working hours: at least one period is needed');
  return periods;
}

function clockMs(clock: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(clock);
  if (!match) throw new Error(`working hours: ${clock} is not HH:MM`);
  const ms = (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  if (ms > dayMs) throw new Error(`working hours: ${clock} is past midnight`);
  return ms;
}

/** Working hours in one workday of the schedule (7.5 for 08:30–12:00 + 13:30–17:30). */
export function hoursPerWorkday(schedule: WorkingSchedule): number {
  return schedule.periods.reduce((sum, period) => sum + period.endMs - period.startMs, 0) / 3600_000;
}

/**
 * The instant `hours` working hours after `start`. Time before the first period of a workday, in a
 * break, after the last period or on a day off does not count. A deadline that lands exactly on the
 * end of a period stays there (17:30, not 08:30 the next workday).
 *
 * @example
 * // Friday 2026-03-06 16:30 (+08:00) plus 2 working hours: 1 h on Friday, 1 h on Monday
 * addWorkingHours(new Date('2026-03-06T16:30:00+08:00'), 2, schedule) // 2026-03-09T09:30:00+08:00
 */
export function addWorkingHours(start: Date, hours: number, schedule: WorkingSchedule): Date {
  if (!(hours >= 0) || !Number.isFinite(hours)) throw new Error(`working hours to add must be a finite number ≥ 0, not ${hours}`);
  let remaining = Math.round(hours * 3600_000);
  if (remaining === 0) return new Date(start.getTime());
  let day = shanghaiDay(start);
  let sinceMidnight = start.getTime() + shanghaiOffsetMs - day * dayMs;
  for (let searched = 0; searched < maxDays; searched++, day++, sinceMidnight = 0) {
    if (!schedule.calendar.isWorkday(day)) continue;
    for (const period of schedule.periods) {
      const from = Math.max(period.startMs, sinceMidnight);
      if (from >= period.endMs) continue;
      const available = period.endMs - from;
      if (remaining <= available) return new Date(day * dayMs + from + remaining - shanghaiOffsetMs);
      remaining -= available;
    }
  }
  throw new Error(`no working time found within ${maxDays} days of ${start.toISOString()}`);
}
