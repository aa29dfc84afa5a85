/**
 * My department's state, out of the DOM code: the components waiting for confirmation (确权), the
 * selection the bulk actions apply to, the confirmation progress, and the cases to dispose.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, type Schema } from '../../api/api-client.ts';

export type PendingComponent = Schema<'ComponentFeature'>;
export type OwnershipProgress = Schema<'OwnershipProgress'>['total'];
export type Case = Schema<'Case'>;

/** How often the cases to dispose are reloaded while the page is open. */
const casePollMs = 30_000;

/** At most this many pending components are loaded (pages of 1000). */
const maxPending = 5000;

interface Loadable {
  loading: boolean;
  error?: string;
  reload(): void;
}

/** A reload counter: bumping it reruns the effects that depend on it. */
function useGeneration(): [number, () => void] {
  const [generation, setGeneration] = useState(0);
  return [generation, useCallback(() => setGeneration((n) => n + 1), [])];
}

/** The department's pending components, every page up to `maxPending`. */
export function usePendingComponents(): Loadable & { components: PendingComponent[] } {
  const [components, setComponents] = useState<PendingComponent[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, reload] = useGeneration();

  useEffect(() => {
    let live = true;
    setLoading(true);
    (async () => {
      const all: PendingComponent[] = [];
      let cursor: string | undefined;
      do {
        const { data, error: failure } = await api.GET('/api/ownership', { params: { query: { status: 'pending', limit: 1000, ...(cursor ? { cursor } : {}) } } });
        if (!data) throw new Error(errorMessage(failure));
        all.push(...data.features);
        cursor = data.next ?? undefined;
      } while (cursor && all.length < maxPending);
      return all;
    })()
      .then((all) => {
        if (!live) return;
        setComponents(all);
        setError(undefined);
      })
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [generation]);

  return { components, loading, error, reload };
}

/** The codes the bulk actions apply to. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return {
    selected,
    toggle: useCallback((code: string) => setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(code)) next.add(code);
      return next;
    }), []),
    setAll: useCallback((codes: string[], on: boolean) => setSelected((old) => {
      const next = new Set(old);
      for (const code of codes) (on ? next.add(code) : next.delete(code));
      return next;
    }), []),
    clear: useCallback(() => setSelected(new Set()), []),
  };
}

/** Confirmed / pending / disputed counts of the department. */
export function useOwnershipProgress(generation: number): { progress?: OwnershipProgress; error?: string } {
  const [progress, setProgress] = useState<OwnershipProgress>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api.GET('/api/ownership/progress').then(({ data, error: failure }) => {
      if (!live) return;
      if (data) setProgress(data.total);
      else setError(errorMessage(failure));
    });
    return () => {
      live = false;
    };
  }, [generation]);
  return { progress, error };
}

export interface OwnershipRequest {
  action: 'confirm' | 'dispute';
  components: PendingComponent[];
  reason?: string;
  suggested_department?: string;
}

export type OwnershipOutcome = { ok: true; count: number } | { ok: false; stale: boolean; message: string };

/** Confirms or disputes components at the versions they were loaded with, all or nothing. */
export async function actOnOwnership(request: OwnershipRequest): Promise<OwnershipOutcome> {
  const body = {
    action: request.action,
    components: request.components.map((c) => ({ code: c.properties.code, version: c.properties.version })),
    ...(request.action === 'dispute' ? { reason: request.reason?.trim() } : {}),
    ...(request.action === 'dispute' && request.suggested_department ? { suggested_department: request.suggested_department } : {}),
  };
  const { data, error, response } = await api.POST('/api/ownership', { body });
  if (data) return { ok: true, count: data.components.length };
  return { ok: false, stale: response.status === 409, message: errorMessage(error, `HTTP ${response.status}`) };
}

/** The department's cases waiting for disposal (dispatched to it, or returned for rework). */
export function useDepartmentCases(departmentCode: string): Loadable & { cases: Case[] } {
  const [cases, setCases] = useState<Case[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, reload] = useGeneration();

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .GET('/api/cases', { params: { query: { department: departmentCode, state: 'dispatched,returned', limit: 200 } } })
      .then(({ data, error: failure }) => {
        if (!live) return;
        if (data) {
          setCases([...data.items].sort((a, b) => (a.due_at ?? '').localeCompare(b.due_at ?? '')));
          setError(undefined);
        } else setError(errorMessage(failure));
      })
      .finally(() => live && setLoading(false));
    // newly dispatched cases show up without a page reload
    const timer = setTimeout(reload, casePollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [departmentCode, generation, reload]);

  return { cases, loading, error, reload };
}

/** Why a returned case came back: the note of its last `return` event (read from the case's log). */
export function useReturnNote(caseId: number, returned: boolean, version: number): string | undefined {
  const [note, setNote] = useState<string>();
  useEffect(() => {
    if (!returned) return;
    let live = true;
    api.GET('/api/cases/{id}', { params: { path: { id: caseId } } }).then(({ data }) => {
      const last = data?.events.filter((event) => event.action === 'return').at(-1);
      if (live) setNote(last?.note ?? undefined);
    });
    return () => {
      live = false;
    };
  }, [caseId, returned, version]);
  return returned ? note : undefined;
}
