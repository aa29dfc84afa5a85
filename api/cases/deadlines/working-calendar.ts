/**
 * 工作日历 — the working calendar: which Asia/Shanghai calendar days are workdays. A weekday is a
 * workday and a weekend day is not, unless the State Council's yearly arrangement says otherwise:
 * a statutory holiday (法定节假日) is always off, a 调休 make-up workday on a Saturday or Sunday is on.
 *
 * Days are counted as whole days since 1970-01-01 in China Standard Time (UTC+08:00, no daylight
 * saving), so nothing here depends on the machine's time zone.
 */
import { z } from 'zod';

/** China Standard Time is UTC+08:00 all year. */
export const shanghaiOffsetMs = 8 * 3600_000;
export const dayMs = 86_400_000;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** One year's arrangement as kept in data/cases/calendar-YYYY.json. */
export const calendarYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** True while the dates are derived by hand, not taken from the official notice. */
    provisional: z.boolean(),
    source: z.string().min(1),
    note: z.string().optional(),
    holidays: z.array(z.object({ name_zh: z.string().min(1), name_en: z.string().min(1), from: isoDay, to: isoDay })),
    workdays: z.array(z.object({ date: isoDay, for: z.string().min(1) })),
  })
  .superRefine((calendar, ctx) => {
    const inYear = (day: string) => day.startsWith(`${calendar.year}-`) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
    calendar.holidays.forEach((holiday, index) => {
      if (!inYear(holiday.from) || !inYear(holiday.to) || holiday.from > holiday.to) {
        ctx.addIssue({ code: 'custom', path: ['holidays', index], message: `${holiday.name_zh}: ${holiday.from}..${holiday.to} is not a range of days in ${calendar.year}` });
      }
    });
    calendar.workdays.forEach((workday, index) => {
      if (!inYear(workday.date)) ctx.addIssue({ code: 'custom', path: ['workdays', index], message: `${workday.date} is not a day in ${calendar.year}` });
      else if (!isWeekend(dayNumber(workday.date))) ctx.addIssue({ code: 'custom', path: ['workdays', index], message: `${workday.date} is a weekday already: a make-up workday falls on a Saturday or Sunday` });
    });
  });

export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** A day in Asia/Shanghai as whole days since 1970-01-01 (that day itself is 0). */
export type DayNumber = number;

/** The Asia/Shanghai day an instant falls on. */
export function shanghaiDay(instant: Date): DayNumber {
  return Math.floor((instant.getTime() + shanghaiOffsetMs) / dayMs);
}

/** '2026-02-14' → its day number. */
export function dayNumber(isoDate: string): DayNumber {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / dayMs);
}

/** Day number → '2026-02-14'. */
export function isoDate(day: DayNumber): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** Saturday or Sunday (1970-01-01 was a Thursday). */
export function isWeekend(day: DayNumber): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/** A day's kind, with the holiday's name when it is one. */
export type DayKind = { workday: true; makeUpFor?: string } | { workday: false; holiday?: string };

/** The calendar over the years it was given; asking about any other year is an error. */
export class WorkingCalendar {
  private readonly holidays = new Map<DayNumber, string>();
  private readonly makeUps = new Map<DayNumber, string>();
  /** The years this calendar knows, ascending. */
  readonly years: number[];

  constructor(calendars: readonly CalendarYear[]) {
    this.years = calendars.map((calendar) => calendar.year).sort((a, b) => a - b);
    if (new Set(this.years).size !== this.years.length) throw new Error(`working calendar: a year is given twice (${this.years.join(', ')})`);
    for (const calendar of calendars) {
      for (const holiday of calendar.holidays) {
        for (let day = dayNumber(holiday.from); day <= dayNumber(holiday.to); day++) this.holidays.set(day, holiday.name_zh);
      }
      for (const workday of calendar.workdays) {
        if (this.holidays.has(dayNumber(workday.date))) throw new Error(`working calendar ${calendar.year}: ${workday.date} is both a holiday and a make-up workday`);
        this.makeUps.set(dayNumber(workday.date), workday.for);
      }
    }
  }

  /**
   * Whether a day is worked, and why not.
   *
   * @example
   * calendar.dayKind(dayNumber('2026-02-14')) // { workday: true, makeUpFor: '春节' } (a Saturday)
   * calendar.dayKind(dayNumber('2026-10-05')) // { workday: false, holiday: '国庆节' }
   */
  dayKind(day: DayNumber): DayKind {
    const year = Number(isoDate(day).slice(0, 4));
    if (!this.years.includes(year)) {
      throw new MissingCalendarError(year);
    }
    const holiday = this.holidays.get(day);
    if (holiday !== undefined) return { workday: false, holiday };
    const makeUpFor = this.makeUps.get(day);
    if (makeUpFor !== undefined) return { workday: true, makeUpFor };
    return isWeekend(day) ? { workday: false } : { workday: true };
  }

  /** True when people work that day. */
  isWorkday(day: DayNumber): boolean {
    return this.dayKind(day).workday;
  }
}

/** No calendar file for a year that working time had to cross. */
export class MissingCalendarError extends Error {
  override name = 'MissingCalendarError';
  constructor(readonly year: number) {
    super(`no working calendar for ${year}: add data/cases/calendar-${year}.json (statutory holidays and 调休 make-up workdays of ${year})`);
  }
}
