/**
 * Follows a batch's validation through GET /api/survey-batches/{id}/events (server-sent events,
 * `event: progress`). The server ends the stream after the last event; the source is closed
 * first so the browser does not reconnect.
 */

/** What the server sends (api/survey-batches/batch-progress.ts). */
export interface BatchProgressEvent {
  batchId: number;
  phase: 'open' | 'read' | 'match' | 'summary' | 'done' | 'failed' | 'commit' | 'committed';
  layer?: string;
  rowsDone: number;
  rowsTotal: number;
  accepted: number;
  rejected: number;
  rate: number;
  etaSeconds?: number;
  message?: string;
}

const terminal = new Set<BatchProgressEvent['phase']>(['done', 'failed', 'committed']);

export function isTerminal(event: Pick<BatchProgressEvent, 'phase'>): boolean {
  return terminal.has(event.phase);
}

/** Calls `onEvent` for each progress event until the last one; returns the stop function. */
export function followBatchEvents(batchId: number, onEvent: (event: BatchProgressEvent) => void, onLost: () => void): () => void {
  const source = new EventSource(`/api/survey-batches/${batchId}/events`);
  source.addEventListener('progress', (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as BatchProgressEvent;
    if (isTerminal(event)) source.close();
    onEvent(event);
  });
  source.addEventListener('error', () => {
    // a closed stream before the last event: let the caller poll the batch instead
    if (source.readyState === EventSource.CLOSED) onLost();
  });
  return () => source.close();
}
