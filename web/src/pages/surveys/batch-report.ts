/**
 * The batch report as the page reads it: the server's report (etl ImportReport) typed for the
 * parts the preview shows, and the staged-row summary grouped by class, town and owner.
 */
import type { Schema } from '../../api/api-client.ts';

export type SurveyBatch = Schema<'SurveyBatch'>;
export type BatchState = SurveyBatch['state'];

/** One row of the staged summary (etl/load/sql/batch-summary.sql). */
export interface SummaryRow {
  action: string;
  class_code: string;
  class_name_zh: string;
  class_name_en: string;
  town_code: string | null;
  town_name_zh: string | null;
  department_code: string | null;
  department_name_zh: string | null;
  count: number;
}

export interface BatchReport {
  counts: Partial<Record<'read' | 'accepted' | 'rejected' | 'new' | 'update' | 'unchanged', number>>;
  rejectsByRule: Record<string, number>;
  summary: SummaryRow[];
  warnings: string[];
  encoding?: string;
  crs?: string;
}

/** The report of a validated batch, or null while there is none (uploaded, failed). */
export function reportOf(batch: SurveyBatch): BatchReport | null {
  const report = batch.report as Partial<BatchReport> | null;
  if (!report || !report.counts) return null;
  return {
    counts: report.counts,
    rejectsByRule: report.rejectsByRule ?? {},
    summary: report.summary ?? [],
    warnings: report.warnings ?? [],
    encoding: report.encoding,
    crs: report.crs,
  };
}

/** A named count for the tables of the preview. */
export interface CountRow {
  key: string;
  name_zh: string;
  name_en: string;
  count: number;
}

type Grouping = 'class' | 'town' | 'owner';

/**
 * Staged rows counted by class, town or owner department, largest first.
 * @example countBy(summary, 'class') // [{ key: '0101', name_zh: '上水井盖', name_en: 'Water supply cover', count: 120 }, …]
 */
export function countBy(summary: readonly SummaryRow[], grouping: Grouping): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const row of summary) {
    const [key, zh, en] =
      grouping === 'class'
        ? [row.class_code, row.class_name_zh, row.class_name_en]
        : grouping === 'town'
          ? [row.town_code ?? '', row.town_name_zh ?? '', row.town_name_zh ?? '']
          : [row.department_code ?? '', row.department_name_zh ?? '', row.department_code ?? ''];
    const entry = rows.get(key) ?? { key, name_zh: zh, name_en: en, count: 0 };
    entry.count += row.count;
    rows.set(key, entry);
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Whether the batch will still change by itself (validation running). */
export function isValidating(batch: Pick<SurveyBatch, 'state'>): boolean {
  return batch.state === 'uploaded';
}
