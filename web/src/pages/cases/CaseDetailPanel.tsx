/**
 * One case: what and where, who handles it, the running deadline, its log, and the actions the
 * signed-in user may take. A 409 shows the server's message and what is allowed now, and reloads.
 */
import { useEffect, useState } from 'react';
import type { Locale } from '../../i18n.ts';
import { departmentName, gridPath, problemName, type CaseReference } from './case-reference.state.ts';
import type { TransitionAction } from './case-queues.ts';
import { CaseClassBadge } from './CaseClassBadge.tsx';
import { CaseEventLog } from './CaseEventLog.tsx';
import { CaseTransitionForm } from './CaseTransitionForm.tsx';
import { tc } from './cases.messages.ts';
import { submitTransition, useCaseDetail, type TransitionRequest } from './cases.state.ts';
import { DeadlineCountdown } from './DeadlineCountdown.tsx';

interface Props {
  caseId: number;
  locale: Locale;
  reference: CaseReference;
  now: number;
  /** The version the queues last listed for this case: a newer one reloads the detail. */
  listedVersion?: number;
  /** A transition went through or was refused as stale: the queues should reload. */
  onChanged(): void;
  onClose(): void;
}

/** What the last submit did, kept as data so it follows a language switch. */
type Notice =
  | { kind: 'ok'; action: TransitionAction; number: string }
  | { kind: 'conflict'; message: string; allowed: TransitionAction[] }
  | { kind: 'error'; message: string };

export function CaseDetailPanel({ caseId, locale, reference, now, listedVersion, onChanged, onClose }: Props) {
  const { detail, error, reload, replace } = useCaseDetail(caseId);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  useEffect(() => setNotice(undefined), [caseId]);
  // someone else moved the case on: show it as it is now
  const behind = detail !== undefined && listedVersion !== undefined && listedVersion > detail.version;
  useEffect(() => {
    if (behind) void reload();
  }, [behind, reload]);

  async function submit(request: TransitionRequest) {
    if (!detail) return;
    setBusy(true);
    const outcome = await submitTransition(detail, request);
    setBusy(false);
    if (outcome.ok) {
      replace(outcome.detail);
      setNotice({ kind: 'ok', action: request.action, number: outcome.detail.number });
      onChanged();
    } else if (outcome.conflict) {
      const reloaded = await reload();
      // a stale version carries no list: what the reloaded case offers is what is allowed now
      setNotice({ kind: 'conflict', message: outcome.message, allowed: outcome.allowed ?? reloaded?.actions ?? [] });
      onChanged();
    } else {
      setNotice({ kind: 'error', message: outcome.message });
    }
  }

  return (
    <aside className="case-detail" data-testid="case-detail" data-case-number={detail?.number} data-state={detail?.state} aria-busy={!detail}>
      <div className="case-detail-head">
        <h2>{detail?.number ?? '…'}</h2>
        <button type="button" className="case-close" onClick={onClose} aria-label={tc(locale, 'close')}>
          ×
        </button>
      </div>
      {error && !detail && <p className="form-error">{tc(locale, 'loadFailed', { message: error })}</p>}
      {detail && (
        <>
          <dl className="case-facts">
            <dt>{tc(locale, 'problem')}</dt>
            <dd>
              <CaseClassBadge caseClass={detail.case_class} locale={locale} /> {problemName(reference, locale, detail.problem_type_code)} ·{' '}
              <span data-testid="case-state">{tc(locale, `state.${detail.state}`)}</span>
            </dd>
            {detail.component && (
              <>
                <dt>{tc(locale, 'component')}</dt>
                <dd className="case-code">{detail.component.code}</dd>
              </>
            )}
            <dt>{tc(locale, 'place')}</dt>
            <dd>{gridPath(reference, locale, detail.grid)}</dd>
            <dt>{tc(locale, 'department')}</dt>
            <dd data-testid="case-department" data-department={detail.department?.code}>
              {departmentName(reference, locale, detail.department)}
            </dd>
            <dt>{tc(locale, 'deadline')}</dt>
            <dd>
              <DeadlineCountdown dueAt={detail.due_at} now={now} locale={locale} />
            </dd>
            {detail.description && (
              <>
                <dt>{tc(locale, 'description')}</dt>
                <dd>{detail.description}</dd>
              </>
            )}
          </dl>
          {notice && (
            <div className={`case-notice case-notice-${notice.kind}`} role={notice.kind === 'ok' ? 'status' : 'alert'} data-testid={notice.kind === 'ok' ? 'transition-done' : 'transition-error'}>
              {notice.kind === 'ok' && <p>{tc(locale, 'done', { action: tc(locale, `action.${notice.action}`), number: notice.number })}</p>}
              {notice.kind === 'conflict' && (
                <>
                  <p>{tc(locale, 'conflict', { message: notice.message })}</p>
                  <p>{tc(locale, 'allowedNow', { actions: notice.allowed.map((a) => tc(locale, `action.${a}`)).join(locale === 'zh' ? '、' : ', ') || tc(locale, 'none') })}</p>
                </>
              )}
              {notice.kind === 'error' && <p>{notice.message}</p>}
            </div>
          )}
          <h3>{tc(locale, 'actions')}</h3>
          {detail.suggested_department && detail.actions.includes('dispatch') && (
            <p className="case-muted" data-testid="suggested-department">
              {tc(locale, 'suggested', { name: departmentName(reference, locale, detail.suggested_department) })}
            </p>
          )}
          <CaseTransitionForm key={`${detail.id}-${detail.version}`} detail={detail} locale={locale} reference={reference} busy={busy} onSubmit={submit} />
          <h3>{tc(locale, 'events')}</h3>
          <CaseEventLog events={detail.events} locale={locale} reference={reference} />
        </>
      )}
    </aside>
  );
}
