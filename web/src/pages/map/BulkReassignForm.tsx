/** An admin moves the selected components to another owner department (pending for it to confirm). */
import { useState } from 'react';
import { api, errorMessage, type Schema } from '../../api/api-client.ts';
import type { Locale } from '../../i18n.ts';
import type { ComponentFeature } from './map-panel.state.ts';
import { tr } from './map.messages.ts';
import { OwnerDepartmentOptions, ownerDepartments } from './OwnerDepartmentOptions.tsx';

export interface BulkReassignFormProps {
  locale: Locale;
  components: ComponentFeature[];
  departments: Schema<'Department'>[];
  onCancel(): void;
  onDone(): void;
}

type Outcome = { kind: 'done'; moved: number; unchanged: number } | { kind: 'error'; message: string };

export function BulkReassignForm({ locale, components, departments, onCancel, onDone }: BulkReassignFormProps) {
  const [department, setDepartment] = useState(ownerDepartments(departments)[0]?.code ?? '');
  const [reason, setReason] = useState('');
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const submit = async () => {
    setRunning(true);
    const body = { department, reason, components: components.map(({ properties: p }) => ({ code: p.code, version: p.version })) };
    const { data, error } = await api.POST('/api/ownership/reassign', { body }).catch((failure: unknown) => ({ data: undefined, error: failure }));
    setRunning(false);
    if (!data) return setOutcome({ kind: 'error', message: errorMessage(error) });
    setOutcome({ kind: 'done', moved: data.components.length, unchanged: data.unchanged.length });
    onDone();
  };

  return (
    <form
      className="case-form"
      data-testid="bulk-reassign-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{tr(locale, 'reassign.title', { count: components.length })}</h3>
      <label>
        <span>{tr(locale, 'reassign.department')}</span>
        <select data-testid="reassign-department" value={department} onChange={(event) => setDepartment(event.target.value)} disabled={running || outcome?.kind === 'done'}>
          <OwnerDepartmentOptions departments={departments} locale={locale} />
        </select>
      </label>
      <label>
        <span>{tr(locale, 'reassign.reason')}</span>
        <textarea data-testid="reassign-reason" value={reason} required maxLength={1000} rows={2} onChange={(event) => setReason(event.target.value)} disabled={running || outcome?.kind === 'done'} />
      </label>
      {outcome?.kind === 'done' && (
        <p role="status" data-testid="reassign-done">
          {tr(locale, 'reassign.done', { moved: outcome.moved, unchanged: outcome.unchanged })}
        </p>
      )}
      {outcome?.kind === 'error' && <p role="alert">{outcome.message}</p>}
      <div className="panel-actions">
        {outcome?.kind !== 'done' && (
          <button type="submit" className="primary" data-testid="reassign-submit" disabled={running || !department || !reason.trim()}>
            {tr(locale, 'reassign.submit')}
          </button>
        )}
        <button type="button" onClick={onCancel} disabled={running}>
          {outcome?.kind === 'done' ? tr(locale, 'close') : tr(locale, 'case.cancel')}
        </button>
      </div>
    </form>
  );
}
