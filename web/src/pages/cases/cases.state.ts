/**
 * The Cases page's state, out of the DOM code: the queues (one request per step, polled), the
 * open case with its log, a ticking clock for the countdowns, and the transition a user submits.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, type Schema } from '../../api/api-client.ts';
import { caseQueues, type QueueId, type TransitionAction } from './case-queues.ts';

export type Case = Schema<'Case'>;
export type CaseDetail = Schema<'CaseDetail'>;

/** How often the queues are reloaded while the page is open. */
const pollMs = 30_000;

/** The current time, ticking every `everyMs` — drives the live countdowns. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export interface QueuesState {
  cases: Partial<Record<QueueId, Case[]>>;
  loading: boolean;
  error?: string;
  reload(): void;
}

/** Every queue's cases, soonest deadline first; reloaded every 30 s and on `reload()`. */
export function useCaseQueues(): QueuesState {
  const [cases, setCases] = useState<QueuesState['cases']>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    Promise.all(
      caseQueues.map(async (queue) => {
        const { data, error: failure } = await api.GET('/api/cases', { params: { query: { state: queue.states.join(','), limit: 500 } } });
        if (!data) throw new Error(errorMessage(failure));
        return [queue.id, [...data.items].sort(byDeadline)] as const;
      }),
    )
      .then((entries) => {
        if (!live) return;
        setCases(Object.fromEntries(entries));
        setError(undefined);
      })
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => live && setLoading(false));
    const timer = setTimeout(reload, pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [generation, reload]);

  return { cases, loading, error, reload };
}

function byDeadline(a: Case, b: Case): number {
  return (a.due_at ? Date.parse(a.due_at) : Infinity) - (b.due_at ? Date.parse(b.due_at) : Infinity) || a.id - b.id;
}

export interface DetailState {
  detail?: CaseDetail;
  error?: string;
  /** Fetches the case again; resolves with it (undefined when it could not be read). */
  reload(): Promise<CaseDetail | undefined>;
  replace(detail: CaseDetail): void;
}

/** One case with its events, suggested department and the caller's actions. */
export function useCaseDetail(id: number | undefined): DetailState {
  const [detail, setDetail] = useState<CaseDetail>();
  const [error, setError] = useState<string>();

  const reload = useCallback(async () => {
    if (id === undefined) return undefined;
    const { data, error: failure } = await api.GET('/api/cases/{id}', { params: { path: { id } } });
    if (data) {
      setDetail(data);
      setError(undefined);
    } else setError(errorMessage(failure));
    return data;
  }, [id]);

  useEffect(() => {
    setDetail(undefined);
    void reload();
  }, [reload]);

  return { detail: detail?.id === id ? detail : undefined, error, reload, replace: setDetail };
}

export interface TransitionRequest {
  action: TransitionAction;
  note?: string;
  department?: string;
  reason?: string;
}

export type TransitionOutcome =
  | { ok: true; detail: CaseDetail }
  /** 409: the case moved on or the action is not allowed from its state; `allowed` from the server */
  | { ok: false; conflict: true; message: string; allowed?: TransitionAction[] }
  | { ok: false; conflict: false; message: string };

/** Posts one transition at the version the user saw. */
export async function submitTransition(detail: Pick<CaseDetail, 'id' | 'version'>, request: TransitionRequest): Promise<TransitionOutcome> {
  const body = {
    action: request.action,
    version: detail.version,
    ...(request.note?.trim() ? { note: request.note.trim() } : {}),
    ...(request.department ? { department: request.department } : {}),
    ...(request.reason?.trim() ? { reason: request.reason.trim() } : {}),
  };
  const { data, error, response } = await api.POST('/api/cases/{id}/transitions', { params: { path: { id: detail.id } }, body });
  if (data) return { ok: true, detail: data };
  const message = errorMessage(error, `HTTP ${response.status}`);
  if (response.status === 409) {
    const allowed = (error as { error?: { details?: { allowed?: TransitionAction[] } } } | undefined)?.error?.details?.allowed;
    return { ok: false, conflict: true, message, allowed };
  }
  return { ok: false, conflict: false, message };
}
