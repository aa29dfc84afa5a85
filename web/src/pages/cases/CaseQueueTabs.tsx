/** The queues as tabs, each with how many cases wait in it and how many of those are overdue. */
import type { Locale } from '../../i18n.ts';
import { caseQueues, type QueueId } from './case-queues.ts';
import { tc } from './cases.messages.ts';
import type { Case } from './cases.state.ts';
import { isOverdue } from './DeadlineCountdown.tsx';

interface Props {
  locale: Locale;
  active: QueueId;
  cases: Partial<Record<QueueId, Case[]>>;
  now: number;
  onSelect(queue: QueueId): void;
}

export function CaseQueueTabs({ locale, active, cases, now, onSelect }: Props) {
  return (
    <div className="case-queue-tabs" role="tablist" aria-label={tc(locale, 'queuesLabel')}>
      {caseQueues.map((queue) => {
        const list = cases[queue.id] ?? [];
        const overdue = list.filter((c) => isOverdue(c.due_at, now)).length;
        return (
          <button
            key={queue.id}
            type="button"
            role="tab"
            id={`case-tab-${queue.id}`}
            aria-selected={queue.id === active}
            aria-controls={`case-queue-${queue.id}`}
            data-testid={`case-queue-tab-${queue.id}`}
            className="case-queue-tab"
            onClick={() => onSelect(queue.id)}
          >
            <span>{tc(locale, `queue.${queue.id}`)}</span>
            <span className="case-queue-count">{list.length}</span>
            {overdue > 0 && <span className="case-queue-overdue">{overdue}</span>}
          </button>
        );
      })}
    </div>
  );
}
