/** The append-only log of a case: who did what, when, from which state to which, and why. */
import type { Schema } from '../../api/api-client.ts';
import type { Locale } from '../../i18n.ts';
import { departmentName, type CaseReference } from './case-reference.state.ts';
import { tc } from './cases.messages.ts';

type CaseEvent = Schema<'CaseEvent'>;

export function formatTime(at: string, locale: Locale): string {
  return new Date(at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

export function CaseEventLog({ events, locale, reference }: { events: CaseEvent[]; locale: Locale; reference: CaseReference }) {
  return (
    <ol className="case-events" data-testid="case-events">
      {events.map((event) => {
        const reason = (event.details.override_reason ?? event.details.reason) as string | undefined;
        return (
          <li key={event.id} data-testid="case-event" data-action={event.action}>
            <div className="case-event-head">
              <strong>{tc(locale, `action.${event.action}`)}</strong>
              <span className="case-event-states">
                {event.from_state
                  ? tc(locale, 'eventFrom', { from: tc(locale, `state.${event.from_state}`), to: tc(locale, `state.${event.to_state}`) })
                  : tc(locale, `state.${event.to_state}`)}
              </span>
            </div>
            <div className="case-muted">
              <time dateTime={event.at}>{formatTime(event.at, locale)}</time> · {event.username ?? event.role ?? '—'}
              {event.department_code && <> · {departmentName(reference, locale, { code: event.department_code })}</>}
            </div>
            {event.note && <p className="case-event-note">{event.note}</p>}
            {reason && reason !== event.note && <p className="case-event-note">{reason}</p>}
          </li>
        );
      })}
    </ol>
  );
}
