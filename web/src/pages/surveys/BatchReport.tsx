/**
 * The preview of one batch (`data-testid="batch-report"`): its counts, the map of its rejects,
 * counts by class / town / owner, the reject table, and commit or discard with the outcome.
 */
import { useState } from 'react';
import type { Locale } from '../../i18n.ts';
import { BatchCounts } from './BatchCounts.tsx';
import { BatchMap } from './BatchMap.tsx';
import { reportOf, type SurveyBatch } from './batch-report.ts';
import type { ReferenceNames } from './reference-names.state.ts';
import { RejectTable } from './RejectTable.tsx';
import { useOpenedBatch } from './survey-batches.state.ts';
import { tr, type SurveysMessage } from './surveys.messages.ts';

export interface BatchReportProps {
  locale: Locale;
  batchId: number;
  /** Whether the signed-in user may commit or discard (the uploading contractor, an admin). */
  canDecide: boolean;
  names: ReferenceNames;
  onChanged(): void;
}

export function BatchReport({ locale, batchId, canDecide, names, onChanged }: BatchReportProps) {
  const [rule, setRule] = useState('');
  const opened = useOpenedBatch(batchId, rule, onChanged);
  const { batch } = opened;
  if (!batch) {
    return (
      <section className="batch-report" data-testid="batch-report" data-state="loading" aria-busy="true">
        {opened.error ? <p role="alert" className="upload-error">{opened.error}</p> : <p className="muted">{tr(locale, 'loading')}</p>}
      </section>
    );
  }
  const report = reportOf(batch);
  return (
    <section className="batch-report" data-testid="batch-report" data-batch-id={batch.id} data-state={batch.state} aria-labelledby="batch-report-title">
      <header className="batch-report-header">
        <h2 id="batch-report-title">
          {tr(locale, 'report')} · {tr(locale, 'reportOf', { id: batch.id, name: batch.name ?? '' })}
        </h2>
        <span className={`batch-state state-${batch.state}`} data-testid="batch-state">
          {tr(locale, `state.${batch.state}` as SurveysMessage)}
        </span>
      </header>
      {batch.state === 'failed' && (
        <p className="upload-error" role="alert" data-testid="batch-error">
          {tr(locale, 'failed')}
          {batch.error}
        </p>
      )}
      {report && (
        <>
          <ReportFigures locale={locale} batch={batch} />
          {report.warnings.length > 0 && (
            <ul className="report-warnings" aria-label={tr(locale, 'warnings')}>
              {report.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <div className="batch-report-body">
            <BatchMap locale={locale} batchId={batch.id} />
            <BatchCounts locale={locale} summary={report.summary} names={names} />
          </div>
          <RejectTable
            locale={locale}
            batchId={batch.id}
            rejectsByRule={report.rejectsByRule}
            rule={rule}
            rejects={opened.rejects}
            loading={opened.rejectsLoading}
            onRuleChange={setRule}
          />
        </>
      )}
      {canDecide && (batch.state === 'validated' || batch.state === 'failed') && (
        <div className="batch-actions">
          {batch.state === 'validated' && (
            <button type="button" className="primary" onClick={opened.commit} disabled={opened.busy} data-testid="commit-batch">
              {tr(locale, 'commit')}
            </button>
          )}
          <button type="button" onClick={opened.discard} disabled={opened.busy} data-testid="discard-batch">
            {tr(locale, 'discard')}
          </button>
        </div>
      )}
      {opened.outcome && (
        <p className={`batch-outcome outcome-${opened.outcome.kind}`} role="status" data-testid="batch-outcome" data-outcome={opened.outcome.kind}>
          {opened.outcome.kind === 'error'
            ? opened.outcome.message
            : opened.outcome.kind === 'discarded'
              ? tr(locale, 'discarded')
              : tr(locale, 'committed', committedCounts(opened.outcome.batch))}
        </p>
      )}
    </section>
  );
}

function ReportFigures({ locale, batch }: { locale: Locale; batch: SurveyBatch }) {
  const counts = batch.counts as Partial<Record<string, number>>;
  const figures: SurveysMessage[] = ['read', 'accepted', 'rejected', 'new', 'update', 'unchanged'];
  return (
    <dl className="report-figures" data-testid="report-figures">
      {figures.map((key) => (
        <div key={key} data-figure={key}>
          <dt>{tr(locale, key)}</dt>
          <dd>{(counts[key] ?? 0).toLocaleString()}</dd>
        </div>
      ))}
      <div>
        <dt>{tr(locale, 'encoding')}</dt>
        <dd>{batch.encoding ?? '—'}</dd>
      </div>
      <div>
        <dt>{tr(locale, 'crs')}</dt>
        <dd>{batch.crs ?? '—'}</dd>
      </div>
    </dl>
  );
}

function committedCounts(batch: SurveyBatch): Record<string, number> {
  const counts = batch.counts as Partial<Record<string, number>>;
  return { new: counts.new ?? 0, update: counts.update ?? 0, unchanged: counts.unchanged ?? 0 };
}
