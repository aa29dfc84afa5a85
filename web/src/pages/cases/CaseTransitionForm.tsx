/**
 * The actions the signed-in user may take on a case, as the server lists them: pick one, add a
 * note; a dispatch preselects the suggested department and asks for a reason when another is chosen.
 */
import { useState } from 'react';
import type { Locale } from '../../i18n.ts';
import { nameField } from '../../i18n.ts';
import type { TransitionAction } from './case-queues.ts';
import type { CaseReference } from './case-reference.state.ts';
import { tc } from './cases.messages.ts';
import type { CaseDetail, TransitionRequest } from './cases.state.ts';

interface Props {
  detail: CaseDetail;
  locale: Locale;
  reference: CaseReference;
  busy: boolean;
  onSubmit(request: TransitionRequest): void;
}

export function CaseTransitionForm({ detail, locale, reference, busy, onSubmit }: Props) {
  const [action, setAction] = useState<TransitionAction>();
  const [note, setNote] = useState('');
  const suggested = detail.suggested_department?.code ?? '';
  const [department, setDepartment] = useState(suggested);
  const [reason, setReason] = useState('');

  if (detail.actions.length === 0) return <p className="case-muted">{tc(locale, 'noActions')}</p>;

  const overriding = action === 'dispatch' && department !== suggested;
  const needsReason = overriding || action === 'not_file';
  const ready = action !== undefined && (!needsReason || reason.trim().length > 0) && (action !== 'dispatch' || department !== '');

  return (
    <form
      className="case-transition"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready || !action) return;
        onSubmit({ action, note, department: action === 'dispatch' ? department : undefined, reason: needsReason ? reason : undefined });
      }}
    >
      <div className="case-actions" role="group" aria-label={tc(locale, 'actions')}>
        {detail.actions.map((name) => (
          <button key={name} type="button" aria-pressed={action === name} data-testid={`transition-${name}`} onClick={() => setAction(name)}>
            {tc(locale, `action.${name}`)}
          </button>
        ))}
      </div>
      {action && (
        <>
          {action === 'dispatch' && (
            <label>
              {tc(locale, 'dispatchTo')}
              <select data-testid="transition-department" value={department} onChange={(event) => setDepartment(event.target.value)}>
                {suggested === '' && <option value="">—</option>}
                {reference.departments
                  .filter((d) => d.kind !== 'centre')
                  .map((d) => (
                    <option key={d.code} value={d.code}>
                      {d[nameField(locale)]}
                      {d.code === suggested ? ` ★` : ''}
                    </option>
                  ))}
                {suggested !== '' && !reference.departmentByCode.has(suggested) && <option value={suggested}>{detail.suggested_department?.name_zh}</option>}
              </select>
            </label>
          )}
          {needsReason && (
            <label>
              {tc(locale, action === 'not_file' ? 'notFileReason' : 'reason')}
              <input data-testid="transition-reason" required value={reason} onChange={(event) => setReason(event.target.value)} />
            </label>
          )}
          <label>
            {tc(locale, 'note')}
            <textarea data-testid="transition-note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" className="primary" data-testid="transition-submit" disabled={!ready || busy}>
            {tc(locale, busy ? 'submitting' : 'submit')} · {tc(locale, `action.${action}`)}
          </button>
        </>
      )}
    </form>
  );
}
