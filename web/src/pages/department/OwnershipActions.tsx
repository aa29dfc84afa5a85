/** Bulk confirm (确认) or dispute (异议, with a reason and a suggested owner) of the selected components. */
import { useState } from 'react';
import type { Schema } from '../../api/api-client.ts';
import { nameField, type Locale } from '../../i18n.ts';
import { td } from './department.messages.ts';

interface Props {
  locale: Locale;
  count: number;
  busy: boolean;
  /** Departments a dispute may suggest (not the user's own). */
  departments: Schema<'Department'>[];
  onConfirm(): void;
  onDispute(reason: string, suggestedDepartment: string | undefined): void;
}

export function OwnershipActions({ locale, count, busy, departments, onConfirm, onDispute }: Props) {
  const [reason, setReason] = useState('');
  const [suggested, setSuggested] = useState('');
  const none = count === 0 || busy;

  return (
    <div className="ownership-actions">
      <p className="case-muted" data-testid="selected-count">{td(locale, 'selected', { count })}</p>
      <button type="button" className="primary" data-testid="confirm-selected" disabled={none} onClick={onConfirm}>
        {busy ? td(locale, 'busy') : td(locale, 'confirm')}
      </button>
      <fieldset className="dispute-form">
        <legend>{td(locale, 'dispute')}</legend>
        <label>
          {td(locale, 'disputeReason')}
          <input data-testid="dispute-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
        <label>
          {td(locale, 'disputeDepartment')}
          <select data-testid="dispute-department" value={suggested} onChange={(event) => setSuggested(event.target.value)}>
            <option value="">{td(locale, 'noSuggestion')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d[nameField(locale)]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="dispute-selected"
          disabled={none || reason.trim() === ''}
          onClick={() => {
            onDispute(reason, suggested || undefined);
            setReason('');
          }}
        >
          {td(locale, 'dispute')}
        </button>
      </fieldset>
    </div>
  );
}
