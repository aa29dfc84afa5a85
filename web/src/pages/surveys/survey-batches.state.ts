/**
 * The batches the signed-in user may see (a contractor its own; dispatchers and admins all), and
 * one batch opened with its rejects — fetched, refreshed after a change, never held in the DOM.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/api-client.ts';
import type { SurveyBatch } from './batch-report.ts';

export interface BatchList {
  batches: SurveyBatch[];
  error?: string;
  reload(): void;
}

export function useBatchList(): BatchList {
  const [batches, setBatches] = useState<SurveyBatch[]>([]);
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api.GET('/api/survey-batches', { params: { query: { limit: 50 } } }).then(({ data, error: failure }) => {
      if (!live) return;
      if (data) setBatches(data);
      setError(failure ? errorMessage(failure) : undefined);
    });
    return () => {
      live = false;
    };
  }, [version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { batches, error, reload };
}

/** One reject as GET …/rejects?format=json gives it. */
export interface RejectRow {
  layer: string;
  row: number;
  source_id: string | null;
  rule: string;
  message: string;
  attributes: Record<string, unknown>;
  geometry: GeoJSON.Geometry | null;
}

/** The rejects the table shows at most; the downloads hold them all. */
export const rejectTableLimit = 500;

export interface OpenedBatch {
  batch?: SurveyBatch;
  rejects: RejectRow[];
  rejectsLoading: boolean;
  error?: string;
  /** The outcome of the last commit or discard. */
  outcome?: { kind: 'committed' | 'discarded'; batch: SurveyBatch } | { kind: 'error'; message: string };
  busy: boolean;
  commit(): void;
  discard(): void;
}

export function useOpenedBatch(batchId: number | undefined, rule: string, onChanged: () => void): OpenedBatch {
  const [batch, setBatch] = useState<SurveyBatch>();
  const [error, setError] = useState<string>();
  const [rejects, setRejects] = useState<RejectRow[]>([]);
  const [rejectsLoading, setRejectsLoading] = useState(false);
  const [outcome, setOutcome] = useState<OpenedBatch['outcome']>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setBatch(undefined);
    setOutcome(undefined);
    setError(undefined);
    if (batchId === undefined) return;
    let live = true;
    api.GET('/api/survey-batches/{id}', { params: { path: { id: batchId } } }).then(({ data, error: failure }) => {
      if (!live) return;
      if (data) setBatch(data);
      else setError(errorMessage(failure));
    });
    return () => {
      live = false;
    };
  }, [batchId]);

  const validated = batch?.state === 'validated' || batch?.state === 'committed';
  useEffect(() => {
    setRejects([]);
    if (batchId === undefined || !validated) return;
    const abort = new AbortController();
    setRejectsLoading(true);
    const query = new URLSearchParams({ format: 'json' });
    if (rule) query.set('rule', rule);
    fetch(`/api/survey-batches/${batchId}/rejects?${query}`, { signal: abort.signal, headers: { accept: 'application/json' } })
      .then(async (response) => {
        const body = (await response.json()) as unknown;
        if (!response.ok) throw new Error(errorMessage(body, `${response.status} ${response.statusText}`));
        setRejects((body as RejectRow[]).slice(0, rejectTableLimit));
      })
      .catch((failure: unknown) => {
        if (!abort.signal.aborted) setError(failure instanceof Error ? failure.message : String(failure));
      })
      .finally(() => {
        if (!abort.signal.aborted) setRejectsLoading(false);
      });
    return () => abort.abort();
  }, [batchId, rule, validated]);

  const decide = useCallback(
    async (kind: 'commit' | 'discard') => {
      if (batchId === undefined) return;
      setBusy(true);
      const path = kind === 'commit' ? '/api/survey-batches/{id}/commit' : '/api/survey-batches/{id}/discard';
      const { data, error: failure } = await api.POST(path, { params: { path: { id: batchId } } });
      setBusy(false);
      if (data) {
        setBatch(data);
        setOutcome({ kind: kind === 'commit' ? 'committed' : 'discarded', batch: data });
        onChanged();
      } else setOutcome({ kind: 'error', message: errorMessage(failure) });
    },
    [batchId, onChanged],
  );

  return {
    batch,
    rejects,
    rejectsLoading,
    error,
    outcome,
    busy,
    commit: () => void decide('commit'),
    discard: () => void decide('discard'),
  };
}
