/** The running step's deadline, counting down live; red once it has passed. */
import type { Locale } from '../../i18n.ts';
import { tc } from './cases.messages.ts';
import { countdown } from './deadline.ts';

export function DeadlineCountdown({ dueAt, now, locale }: { dueAt: string | null; now: number; locale: Locale }) {
  if (!dueAt) return <span className="case-deadline">{tc(locale, 'noDeadline')}</span>;
  const left = countdown(dueAt, now);
  const time = `${left.days > 0 ? tc(locale, 'days', { days: left.days }) : ''}${left.clock}`;
  return (
    <time
      className={left.overdue ? 'case-deadline overdue' : 'case-deadline'}
      dateTime={dueAt}
      title={new Date(dueAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB')}
      data-testid="case-deadline"
      data-overdue={String(left.overdue)}
    >
      {tc(locale, left.overdue ? 'overdue' : 'remaining', { time })}
    </time>
  );
}

/** True when the deadline has passed at `now`. */
export function isOverdue(dueAt: string | null, now: number): boolean {
  return dueAt !== null && Date.parse(dueAt) < now;
}
