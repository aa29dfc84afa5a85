/**
 * Periods of the assessment in Asia/Shanghai calendar days (the server counts in them too):
 * month presets for the picker, and the weeks of the trend.
 */

/** An inclusive range of days, `YYYY-MM-DD`. */
export interface Period {
  from: string;
  to: string;
}

export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'last3Months' | 'last6Months' | 'thisYear';

export const periodPresets: readonly PeriodPreset[] = ['thisMonth', 'lastMonth', 'last3Months', 'last6Months', 'thisYear'];

const dayMs = 86_400_000;
const shanghaiOffsetMs = 8 * 3_600_000;

/** Today in Asia/Shanghai, as `YYYY-MM-DD`. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first day of the month `monthsBack` months before the month of `today`. */
function monthStart(today: string, monthsBack: number): Date {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 - monthsBack, 1));
}

/**
 * The days of a preset, ending today (or at the end of last month).
 * @example presetPeriod('lastMonth', '2026-11-28') // { from: '2026-10-01', to: '2026-10-31' }
 */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  switch (preset) {
    case 'thisMonth':
      return { from: day(monthStart(today, 0)), to: today };
    case 'lastMonth':
      return { from: day(monthStart(today, 1)), to: day(new Date(monthStart(today, 0).getTime() - dayMs)) };
    case 'last3Months':
      return { from: day(monthStart(today, 2)), to: today };
    case 'last6Months':
      return { from: day(monthStart(today, 5)), to: today };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/**
 * The last `count` weeks (Monday to Sunday) up to the week holding `today`, oldest first; the
 * current week ends today.
 * @example lastWeeks(2, '2026-11-28') // [{ from: '2026-11-16', to: '2026-11-22' }, { from: '2026-11-23', to: '2026-11-28' }]
 */
export function lastWeeks(count: number, today: string): Period[] {
  const date = new Date(`${today}T00:00:00Z`);
  const monday = date.getTime() - ((date.getUTCDay() + 6) % 7) * dayMs;
  return Array.from({ length: count }, (_, i) => {
    const start = monday - (count - 1 - i) * 7 * dayMs;
    const end = Math.min(start + 6 * dayMs, date.getTime());
    return { from: day(new Date(start)), to: day(new Date(end)) };
  });
}
