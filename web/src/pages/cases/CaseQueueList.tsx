/** One queue's cases: number, class, problem, place, department and the live countdown. */
import type { Locale } from '../../i18n.ts';
import type { QueueId } from './case-queues.ts';
import { departmentName, gridPath, problemName, type CaseReference } from './case-reference.state.ts';
import { CaseClassBadge } from './CaseClassBadge.tsx';
import { tc } from './cases.messages.ts';
import type { Case } from './cases.state.ts';
import { DeadlineCountdown, isOverdue } from './DeadlineCountdown.tsx';

interface Props {
  locale: Locale;
  queue: QueueId;
  cases: Case[] | undefined;
  reference: CaseReference;
  now: number;
  selectedId: number | undefined;
  onSelect(id: number): void;
}

export function CaseQueueList({ locale, queue, cases, reference, now, selectedId, onSelect }: Props) {
  return (
    <div className="case-queue" role="tabpanel" id={`case-queue-${queue}`} aria-labelledby={`case-tab-${queue}`} data-testid={`case-queue-${queue}`}>
      {cases === undefined && <p className="case-muted">{tc(locale, 'loading')}</p>}
      {cases?.length === 0 && <p className="case-muted">{tc(locale, 'empty')}</p>}
      <ul className="case-rows">
        {cases?.map((item) => {
          const overdue = isOverdue(item.due_at, now);
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`case-row${item.id === selectedId ? ' selected' : ''}${overdue ? ' overdue' : ''}`}
                aria-current={item.id === selectedId ? 'true' : undefined}
                data-testid="case-row"
                data-case-number={item.number}
                data-state={item.state}
                data-overdue={String(overdue)}
                onClick={() => onSelect(item.id)}
              >
                <span className="case-row-head">
                  <CaseClassBadge caseClass={item.case_class} locale={locale} />
                  <span className="case-number">{item.number}</span>
                  {item.state === 'returned' && <span className="case-state-tag">{tc(locale, 'state.returned')}</span>}
                </span>
                <span className="case-row-problem">{problemName(reference, locale, item.problem_type_code)}</span>
                <span className="case-row-place">{gridPath(reference, locale, item.grid)}</span>
                <span className="case-row-department">{departmentName(reference, locale, item.department)}</span>
                <DeadlineCountdown dueAt={item.due_at} now={now} locale={locale} />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
