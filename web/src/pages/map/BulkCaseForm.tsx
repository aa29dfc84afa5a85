/** One problem report for every selected component: a problem type per class and a shared note. */
import { useState } from 'react';
import { nameField, type Locale } from '../../i18n.ts';
import { useBulkReport } from './bulk-report.state.ts';
import type { ComponentFeature } from './map-panel.state.ts';
import { tr } from './map.messages.ts';

export interface BulkCaseFormProps {
  locale: Locale;
  components: ComponentFeature[];
  onCancel(): void;
  onDone(): void;
}

export function BulkCaseForm({ locale, components, onCancel, onDone }: BulkCaseFormProps) {
  const bulk = useBulkReport(components);
  const [note, setNote] = useState('');
  const className = (code: string) => {
    const p = components.find((c) => c.properties.class_code === code)?.properties;
    return p ? (locale === 'zh' ? p.class_name_zh : p.class_name_en || p.class_name_zh) : code;
  };
  const finished = bulk.progress && !bulk.running;
  return (
    <form
      className="case-form"
      data-testid="bulk-case-form"
      onSubmit={(event) => {
        event.preventDefault();
        void bulk.submit(note).then(onDone);
      }}
    >
      <h3>{tr(locale, 'bulk.title', { count: components.length })}</h3>
      {bulk.classCodes.map((code) => (
        <label key={code}>
          <span>{tr(locale, 'bulk.typeFor', { class: className(code) })}</span>
          <select value={bulk.chosen[code] ?? ''} onChange={(event) => bulk.choose(code, event.target.value)} disabled={bulk.running}>
            {(bulk.typesByClass[code] ?? []).map((type) => (
              <option key={type.code} value={type.code}>
                {type[nameField(locale)] || type.name_zh} ({type.case_class})
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        <span>{tr(locale, 'case.note')}</span>
        <textarea value={note} maxLength={2000} rows={2} onChange={(event) => setNote(event.target.value)} disabled={bulk.running} />
      </label>
      {bulk.progress && (
        <p role="status" data-testid="bulk-progress">
          {finished ? tr(locale, 'bulk.done', { ...bulk.progress }) : tr(locale, 'bulk.progress', { done: bulk.progress.done, total: components.length })}
        </p>
      )}
      <div className="panel-actions">
        {!finished && (
          <button type="submit" className="primary" disabled={bulk.running}>
            {tr(locale, 'bulk.submit')}
          </button>
        )}
        <button type="button" onClick={onCancel} disabled={bulk.running}>
          {finished ? tr(locale, 'close') : tr(locale, 'case.cancel')}
        </button>
      </div>
    </form>
  );
}
