/** The survey batches, newest first: name, state, row counts and date; each can be opened. */
import type { Locale } from '../../i18n.ts';
import type { SurveyBatch } from './batch-report.ts';
import { tr, type SurveysMessage } from './surveys.messages.ts';

export interface BatchListProps {
  locale: Locale;
  batches: readonly SurveyBatch[];
  openedId?: number;
  error?: string;
  onOpen(id: number): void;
}

export function BatchList({ locale, batches, openedId, error, onOpen }: BatchListProps) {
  return (
    <section className="batch-list" aria-labelledby="batch-list-title">
      <h2 id="batch-list-title">{tr(locale, 'batches')}</h2>
      {error && (
        <p className="upload-error" role="alert">
          {error}
        </p>
      )}
      {batches.length === 0 ? (
        <p className="muted">{tr(locale, 'noBatches')}</p>
      ) : (
        <table data-testid="batch-list">
          <thead>
            <tr>
              <th scope="col">{tr(locale, 'batchName')}</th>
              <th scope="col">{tr(locale, 'batchState')}</th>
              <th scope="col">{tr(locale, 'batchRows')}</th>
              <th scope="col">{tr(locale, 'batchDate')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.id} data-testid="batch-row" data-batch-id={batch.id} data-state={batch.state} aria-current={batch.id === openedId ? 'true' : undefined}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(batch.id)}>
                    {batch.name ?? `#${batch.id}`}
                  </button>
                </td>
                <td>
                  <span className={`batch-state state-${batch.state}`}>{tr(locale, `state.${batch.state}` as SurveysMessage)}</span>
                </td>
                <td className="numeric">{rowCounts(batch)}</td>
                <td>{new Date(batch.created_at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function rowCounts(batch: SurveyBatch): string {
  const counts = batch.counts as Partial<Record<string, number>>;
  if (counts.read === undefined) return '—';
  return `${counts.read} / ${counts.accepted ?? 0} / ${counts.rejected ?? 0}`;
}
