/** The rejected rows of a batch, filterable by rule, with the downloads of all of them. */
import { useId } from 'react';
import type { Locale } from '../../i18n.ts';
import type { RejectRow } from './survey-batches.state.ts';
import { tr } from './surveys.messages.ts';

export interface RejectTableProps {
  locale: Locale;
  batchId: number;
  rejectsByRule: Record<string, number>;
  rule: string;
  rejects: readonly RejectRow[];
  loading: boolean;
  onRuleChange(rule: string): void;
}

export function RejectTable({ locale, batchId, rejectsByRule, rule, rejects, loading, onRuleChange }: RejectTableProps) {
  const id = useId();
  const rules = Object.entries(rejectsByRule).sort(([a], [b]) => a.localeCompare(b));
  const total = rule ? (rejectsByRule[rule] ?? 0) : rules.reduce((sum, [, n]) => sum + n, 0);
  const base = `/api/survey-batches/${batchId}/rejects`;
  const ruleQuery = rule ? `&rule=${encodeURIComponent(rule)}` : '';
  return (
    <section className="rejects" aria-labelledby={`${id}-title`}>
      <div className="rejects-header">
        <h3 id={`${id}-title`}>{tr(locale, 'rejects')}</h3>
        <label>
          {tr(locale, 'ruleFilter')}{' '}
          <select value={rule} onChange={(event) => onRuleChange(event.target.value)} data-testid="reject-rule-filter">
            <option value="">{tr(locale, 'allRules')}</option>
            {rules.map(([name, count]) => (
              <option key={name} value={name}>
                {name} ({count})
              </option>
            ))}
          </select>
        </label>
        <a href={`${base}?format=csv${ruleQuery}`} download data-testid="download-csv">
          {tr(locale, 'downloadCsv')}
        </a>
        <a href={`${base}?format=geojson${ruleQuery}`} download data-testid="download-geojson">
          {tr(locale, 'downloadGeojson')}
        </a>
      </div>
      {total === 0 ? (
        <p className="muted">{tr(locale, 'noRejects')}</p>
      ) : (
        <>
          <p className="muted" data-testid="rejects-shown">
            {loading ? tr(locale, 'loading') : tr(locale, 'rejectsShown', { shown: rejects.length, total })}
          </p>
          <div className="table-scroll">
            <table data-testid="reject-table" data-loading={loading ? 'true' : 'false'}>
              <thead>
                <tr>
                  <th scope="col">{tr(locale, 'layer')}</th>
                  <th scope="col">{tr(locale, 'row')}</th>
                  <th scope="col">{tr(locale, 'sourceId')}</th>
                  <th scope="col">{tr(locale, 'rule')}</th>
                  <th scope="col">{tr(locale, 'message')}</th>
                  <th scope="col">{tr(locale, 'attributes')}</th>
                </tr>
              </thead>
              <tbody>
                {rejects.map((reject, index) => (
                  <tr key={`${index}:${reject.layer}:${reject.row}`} data-testid="reject-row" data-rule={reject.rule}>
                    <td>{reject.layer}</td>
                    <td className="numeric">{reject.row}</td>
                    <td>{reject.source_id ?? ''}</td>
                    <td>
                      <code>{reject.rule}</code>
                    </td>
                    <td>{reject.message}</td>
                    <td className="attributes">{attributesText(reject.attributes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function attributesText(attributes: Record<string, unknown>): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('; ');
}
