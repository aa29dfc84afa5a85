/**
 * A step's deadline as a countdown: how long is left, or how long it has been overdue.
 */

export interface Countdown {
  overdue: boolean;
  days: number;
  /** hh:mm:ss of what is left over after the whole days */
  clock: string;
}

/**
 * @example countdown('2026-11-28T12:00:00Z', Date.parse('2026-11-27T10:59:30Z'))
 *   // { overdue: false, days: 1, clock: '01:00:30' }
 */
export function countdown(dueAt: string, now: number): Countdown {
  const diff = Date.parse(dueAt) - now;
  const overdue = diff < 0;
  const seconds = Math.floor(Math.abs(diff) / 1000);
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  return { overdue, days, clock };
}
