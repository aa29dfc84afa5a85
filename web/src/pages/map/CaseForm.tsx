/** The case form of a component card: problem type, case class A/B/C, note. */
import type { Locale } from '../../i18n.ts';
import { nameField } from '../../i18n.ts';
import type { useCaseReport } from './case-report.state.ts';
import { tr } from './map.messages.ts';

export interface CaseFormProps {
  locale: Locale;
  report: ReturnType<typeof useCaseReport>;
  /** The open case a report will join, if the component has one. */
  joining?: string;
  onCancel(): void;
}

export function CaseForm({ locale, report, joining, onCancel }: CaseFormProps) {
  const { types, draft, state, chooseType, setCaseClass, setNote, submit } = report;
  const busy = state.status === 'sending';
  return (
    <form
      className="case-form"
      data-testid="case-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{joining ? tr(locale, 'case.joinTitle', { number: joining }) : tr(locale, 'case.title')}</h3>
      <label>
        <span>{tr(locale, 'case.problemType')}</span>
        <select data-testid="case-problem-type" value={draft.problemType} required onChange={(event) => chooseType(event.target.value)}>
          {types.length === 0 && <option value="">{tr(locale, 'loading')}</option>}
          {types.map((type) => (
            <option key={type.code} value={type.code}>
              {type[nameField(locale)] || type.name_zh}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="case-class">
        <legend>{tr(locale, 'case.class')}</legend>
        {(['A', 'B', 'C'] as const).map((caseClass) => (
          <label key={caseClass}>
            <input type="radio" name="case-class" value={caseClass} checked={draft.caseClass === caseClass} onChange={() => setCaseClass(caseClass)} />
            {tr(locale, `case.class${caseClass}`)}
          </label>
        ))}
      </fieldset>
      <label>
        <span>{tr(locale, 'case.note')}</span>
        <textarea data-testid="case-note" value={draft.note} maxLength={2000} rows={3} onChange={(event) => setNote(event.target.value)} />
      </label>
      {state.status === 'editing' && state.error && (
        <p className="map-panel-error" role="alert">
          {tr(locale, 'error', { message: state.error })}
        </p>
      )}
      <div className="panel-actions">
        <button type="submit" className="primary" data-testid="case-submit" disabled={busy || !draft.problemType}>
          {busy ? tr(locale, 'case.busy') : tr(locale, 'case.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {tr(locale, 'case.cancel')}
        </button>
      </div>
    </form>
  );
}
