/**
 * 案件 — the Cases page for the centre (dispatcher, inspector, admin): the queues of the loop with
 * live deadlines, and the picked case with its log and the user's actions. The queue and the case
 * are kept in the address (`?queue=filed&case=12`) so a view can be linked.
 */
import { useSearchParams } from 'react-router';
import type { PageProps } from '../page-props.ts';
import { caseQueues, type QueueId } from './case-queues.ts';
import { useCaseReference } from './case-reference.state.ts';
import { CaseDetailPanel } from './CaseDetailPanel.tsx';
import { CaseQueueList } from './CaseQueueList.tsx';
import { CaseQueueTabs } from './CaseQueueTabs.tsx';
import { tc } from './cases.messages.ts';
import { useCaseQueues, useNow } from './cases.state.ts';
import './cases.css';

export function CasesPage({ locale }: PageProps) {
  const [params, setParams] = useSearchParams();
  const queue = (caseQueues.find((q) => q.id === params.get('queue'))?.id ?? 'reported') as QueueId;
  const caseId = Number(params.get('case')) || undefined;
  const { cases, error, loading, reload } = useCaseQueues();
  const reference = useCaseReference();
  const now = useNow();

  const listedVersion = Object.values(cases)
    .flat()
    .find((item) => item?.id === caseId)?.version;

  function select(next: { queue?: QueueId; case?: number | undefined }) {
    const merged = new URLSearchParams(params);
    if (next.queue) merged.set('queue', next.queue);
    if ('case' in next) {
      if (next.case === undefined) merged.delete('case');
      else merged.set('case', String(next.case));
    }
    setParams(merged, { replace: true });
  }

  return (
    <section className="page cases-page" data-testid="page-cases" aria-busy={loading}>
      <header className="cases-header">
        <h1>{tc(locale, 'title')}</h1>
        <button type="button" onClick={reload} data-testid="cases-refresh">
          {tc(locale, 'refresh')}
        </button>
        {error && <p className="form-error">{tc(locale, 'loadFailed', { message: error })}</p>}
      </header>
      <div className="cases-layout">
        <div className="cases-queues">
          <CaseQueueTabs locale={locale} active={queue} cases={cases} now={now} onSelect={(id) => select({ queue: id })} />
          <CaseQueueList locale={locale} queue={queue} cases={cases[queue]} reference={reference} now={now} selectedId={caseId} onSelect={(id) => select({ case: id })} />
        </div>
        {caseId !== undefined ? (
          <CaseDetailPanel caseId={caseId} locale={locale} reference={reference} now={now} listedVersion={listedVersion} onChanged={reload} onClose={() => select({ case: undefined })} />
        ) : (
          <p className="case-detail case-detail-empty case-muted">{tc(locale, 'selectCase')}</p>
        )}
      </div>
    </section>
  );
}
