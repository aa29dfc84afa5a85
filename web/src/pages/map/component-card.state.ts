/** Loads one component's card (`GET /api/components/{code}`) and reloads it after a report. */
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, type Schema } from '../../api/api-client.ts';

export type ComponentDetail = Schema<'ComponentDetail'>;

export type CardState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; detail: ComponentDetail };

export function useComponentCard(code: string): { state: CardState; reload(): void } {
  const [state, setState] = useState<CardState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => (previous.status === 'ready' && previous.detail.code === code ? previous : { status: 'loading' }));
    api
      .GET('/api/components/{code}', { params: { path: { code } } })
      .then(({ data, error }) => {
        if (!live) return;
        setState(data ? { status: 'ready', detail: data as ComponentDetail } : { status: 'error', message: errorMessage(error) });
      })
      .catch((error: unknown) => live && setState({ status: 'error', message: String(error) }));
    return () => {
      live = false;
    };
  }, [code, generation]);
  return { state, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}
