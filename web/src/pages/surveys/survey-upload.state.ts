/**
 * The upload of one survey, as a small state machine the page renders:
 * idle → uploading (bytes sent) → validating (rows from the server-sent events) → done (batch id)
 * or error (the server's words). Holds no DOM.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { followBatchEvents, type BatchProgressEvent } from './batch-events.ts';
import { uploadSurvey, type UploadOptions } from './upload-request.ts';

export type UploadState =
  | { step: 'idle' }
  | { step: 'uploading'; loaded: number; total: number }
  | { step: 'validating'; batchId: number; progress: BatchProgressEvent | null }
  | { step: 'done'; batchId: number; progress: BatchProgressEvent | null }
  | { step: 'error'; message: string };

export interface SurveyUpload {
  state: UploadState;
  start(files: readonly File[], options: UploadOptions): void;
  reset(): void;
}

/** `onSettled` is called with the batch id once validation has finished (or the stream was lost). */
export function useSurveyUpload(onSettled: (batchId: number) => void): SurveyUpload {
  const [state, setState] = useState<UploadState>({ step: 'idle' });
  const stop = useRef<() => void>(() => undefined);
  const settled = useRef(onSettled);
  settled.current = onSettled;

  useEffect(() => () => stop.current(), []);

  const start = useCallback((files: readonly File[], options: UploadOptions) => {
    stop.current();
    const abort = new AbortController();
    stop.current = () => abort.abort();
    setState({ step: 'uploading', loaded: 0, total: files.reduce((sum, file) => sum + file.size, 0) });
    uploadSurvey(files, options, (loaded, total) => setState({ step: 'uploading', loaded, total }), abort.signal).then(
      (batch) => {
        if (abort.signal.aborted) return;
        setState({ step: 'validating', batchId: batch.id, progress: null });
        const finish = (progress: BatchProgressEvent | null) => {
          setState({ step: 'done', batchId: batch.id, progress });
          settled.current(batch.id);
        };
        stop.current = followBatchEvents(
          batch.id,
          (progress) => {
            if (progress.phase === 'done' || progress.phase === 'failed' || progress.phase === 'committed') finish(progress);
            else setState({ step: 'validating', batchId: batch.id, progress });
          },
          () => finish(null),
        );
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ step: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, []);

  const reset = useCallback(() => {
    stop.current();
    setState({ step: 'idle' });
  }, []);

  return { state, start, reset };
}
