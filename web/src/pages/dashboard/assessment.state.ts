/**
 * The assessment the dashboard shows, fetched from GET /api/assessment: one report for the
 * period (per department or per grid), and a weekly trend summed over every group.
 */
import { useEffect, useState } from 'react';
import { api, errorMessage, type Schema } from '../../api/api-client.ts';
import type { Period } from './assessment-period.ts';

export type AssessmentReport = Schema<'AssessmentReport'>;
export type AssessmentRow = Schema<'AssessmentRow'>;
export type AssessmentBy = 'department' | 'grid';
export type AssessmentGridLevel = 2 | 3 | 4;

export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

export function useAssessment(period: Period, by: AssessmentBy, gridLevel: AssessmentGridLevel): Loaded<AssessmentReport> {
  const [state, setState] = useState<Loaded<AssessmentReport>>({ loading: true });
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const query = { from: period.from, to: period.to, by, ...(by === 'grid' ? { grid_level: gridLevel } : {}) };
    api.GET('/api/assessment', { params: { query }, signal: abort.signal }).then(
      ({ data, error }) => {
        if (!abort.signal.aborted) setState(data ? { data, loading: false } : { error: errorMessage(error), loading: false });
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [period.from, period.to, by, gridLevel]);
  return state;
}

/** One week of the trend: the sums of every department's figures. */
export interface TrendPoint extends Period {
  received: number;
  disposals: number;
  disposed_on_time: number;
  on_time_rate: number | null;
}

/** Sums the groups of a report into one point. */
export function trendPoint(period: Period, report: Pick<AssessmentReport, 'groups'>): TrendPoint {
  const sum = (key: 'received' | 'disposals' | 'disposed_on_time') => report.groups.reduce((n, g) => n + g[key], 0);
  const disposals = sum('disposals');
  const onTime = sum('disposed_on_time');
  return { ...period, received: sum('received'), disposals, disposed_on_time: onTime, on_time_rate: disposals > 0 ? onTime / disposals : null };
}

/** The assessment of each week, oldest first (one request per week, side by side). */
export function useAssessmentTrend(weeks: readonly Period[]): Loaded<TrendPoint[]> {
  const [state, setState] = useState<Loaded<TrendPoint[]>>({ loading: true });
  const key = weeks.map((w) => w.from).join(',');
  useEffect(() => {
    const abort = new AbortController();
    Promise.all(
      weeks.map(async (week) => {
        const { data, error } = await api.GET('/api/assessment', { params: { query: { from: week.from, to: week.to, by: 'department' } }, signal: abort.signal });
        if (!data) throw new Error(errorMessage(error));
        return trendPoint(week, data);
      }),
    ).then(
      (points) => setState({ data: points, loading: false }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ error: error instanceof Error ? error.message : String(error), loading: false });
      },
    );
    return () => abort.abort();
  }, [key]);
  return state;
}
