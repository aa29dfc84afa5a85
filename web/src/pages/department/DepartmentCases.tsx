/**
 * 处置反馈 — the cases dispatched to the department (or returned for rework), each with its
 * deadline counting down and a feedback form that disposes it.
 */
import { useState } from 'react';
import type { Locale } from '../../i18n.ts';
import { gridPath, problemName, type CaseReference } from '../cases/case-reference.state.ts';
import { CaseClassBadge } from '../cases/CaseClassBadge.tsx';
import { tc } from '../cases/cases.messages.ts';
import { submitTransition } from '../cases/cases.state.ts';
import { DeadlineCountdown, isOverdue } from '../cases/DeadlineCountdown.tsx';
import { td } from './department.messages.ts';
import { useReturnNote, type Case } from './department.state.ts';

interface Props {
  locale: Locale;
  cases: Case[];
  loading: boolean;
  reference: CaseReference;
  now: number;
  onChanged(): void;
}

export function DepartmentCases({ locale, cases, loading, reference, now, onChanged }: Props) {
  // kept as data so it follows a language switch
  const [notice, setNotice] = useState<{ ok: true; number: string } | { ok: false; conflict: boolean; message: string }>();
  return (
    <section className="department-cases" data-testid="department-cases" aria-labelledby="department-cases-title" aria-busy={loading}>
      <h2 id="department-cases-title">{td(locale, 'casesTitle')}</h2>
      {notice && (
        <p className={notice.ok ? 'notice-ok' : 'form-error'} role={notice.ok ? 'status' : 'alert'} data-testid={notice.ok ? 'dispose-done' : 'dispose-error'}>
          {notice.ok ? td(locale, 'disposed', { number: notice.number }) : notice.conflict ? td(locale, 'disposeConflict', { message: notice.message }) : notice.message}
        </p>
      )}
      {!loading && cases.length === 0 && <p className="case-muted">{td(locale, 'noCases')}</p>}
      <ul className="department-case-list">
        {cases.map((item) => (
          <li key={item.id} data-testid="department-case" data-case-number={item.number} data-overdue={String(isOverdue(item.due_at, now))}>
            <div className="case-row-head">
              <CaseClassBadge caseClass={item.case_class} locale={locale} />
              <span className="case-number">{item.number}</span>
              <span>{problemName(reference, locale, item.problem_type_code)}</span>
              {item.state === 'returned' && <span className="case-state-tag">{tc(locale, 'state.returned')}</span>}
              <DeadlineCountdown dueAt={item.due_at} now={now} locale={locale} />
            </div>
            <div className="case-muted">
              {gridPath(reference, locale, item.grid)}
              {item.component && <> · {item.component.code}</>}
            </div>
            {item.description && <p className="case-event-note">{item.description}</p>}
            <ReturnNote locale={locale} item={item} />
            <DisposeForm
              locale={locale}
              onSubmit={async (note) => {
                const outcome = await submitTransition(item, { action: 'dispose', note });
                setNotice(outcome.ok ? { ok: true, number: item.number } : outcome);
                onChanged();
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The inspector's reason for sending a case back for rework. */
function ReturnNote({ locale, item }: { locale: Locale; item: Case }) {
  const note = useReturnNote(item.id, item.state === 'returned', item.version);
  if (!note) return null;
  return (
    <p className="return-note" data-testid="return-note">
      {td(locale, 'returnedBecause', { note })}
    </p>
  );
}

function DisposeForm({ locale, onSubmit }: { locale: Locale; onSubmit(note: string): Promise<void> }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="dispose-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!note.trim()) return;
        setBusy(true);
        await onSubmit(note);
        setBusy(false);
      }}
    >
      <label>
        {td(locale, 'disposeNote')}
        <textarea data-testid="dispose-note" rows={2} required value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <button type="submit" className="primary" data-testid="dispose-submit" disabled={busy || !note.trim()}>
        {td(locale, 'disposeSubmit')}
      </button>
    </form>
  );
}
