/**
 * Progress of running survey batches, in memory: the import publishes, the server-sent-events
 * route and the CLI progress bar subscribe. The last event of each batch is kept so a late
 * subscriber starts from where the batch is.
 */
import { EventEmitter } from 'node:events';

export interface BatchProgress {
  batchId: number;
  /** read: rows going through the stages; match: comparing with the inventory; done/failed: finished */
  phase: 'open' | 'read' | 'match' | 'summary' | 'done' | 'failed' | 'commit' | 'committed';
  layer?: string;
  rowsDone: number;
  /** Rows in all layers, from the file headers (known after open). */
  rowsTotal: number;
  accepted: number;
  rejected: number;
  /** Rows per second so far. */
  rate: number;
  /** Seconds left at that rate, when it can be told. */
  etaSeconds?: number;
  message?: string;
}

export class BatchProgressHub {
  private readonly emitter = new EventEmitter();
  private readonly latest = new Map<number, BatchProgress>();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(progress: BatchProgress): void {
    this.latest.set(progress.batchId, progress);
    this.emitter.emit(String(progress.batchId), progress);
    // finished batches are forgotten after a while; their state lives in the database
    if (progress.phase === 'done' || progress.phase === 'failed' || progress.phase === 'committed') {
      setTimeout(() => {
        if (this.latest.get(progress.batchId) === progress) this.latest.delete(progress.batchId);
      }, 60_000).unref();
    }
  }

  last(batchId: number): BatchProgress | undefined {
    return this.latest.get(batchId);
  }

  /** Calls listener on each event of the batch; returns the unsubscribe function. */
  subscribe(batchId: number, listener: (progress: BatchProgress) => void): () => void {
    this.emitter.on(String(batchId), listener);
    return () => this.emitter.off(String(batchId), listener);
  }
}
