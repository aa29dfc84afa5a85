/**
 * The api server's health, fetched once on load and again every minute.
 */
import { useEffect, useState } from 'react';
import { getHealth, type Health } from '../api/client.ts';

export type HealthState = { kind: 'checking' } | { kind: 'ok'; health: Health } | { kind: 'down'; message: string };

const refreshMs = 60_000;

export function useHealth(): HealthState {
  const [state, setState] = useState<HealthState>({ kind: 'checking' });

  useEffect(() => {
    const abort = new AbortController();
    const check = () =>
      getHealth(abort.signal).then(
        (health) => setState({ kind: 'ok', health }),
        (error: unknown) => {
          if (!abort.signal.aborted) setState({ kind: 'down', message: error instanceof Error ? error.message : String(error) });
        },
      );
    void check();
    const timer = window.setInterval(check, refreshMs);
    return () => {
      abort.abort();
      window.clearInterval(timer);
    };
  }, []);

  return state;
}
