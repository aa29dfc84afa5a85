/**
 * POST /api/survey-batches as multipart form data through XMLHttpRequest, the one browser API
 * that reports upload progress. Resolves with the accepted batch, rejects with the server's words.
 */
import { errorMessage } from '../../api/api-client.ts';
import type { SurveyBatch } from './batch-report.ts';

/** The optional fields the upload form takes (api/survey-batches/survey-batch.schemas.ts). */
export interface UploadOptions {
  name?: string;
  profile?: string;
  srs?: string;
  encoding?: string;
  datum?: '' | 'gcj02' | 'bd09';
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/** The form body: the filled-in fields first, then each file under `files`. */
export function uploadBody(files: readonly File[], options: UploadOptions): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(options)) {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) body.append(key, text);
  }
  for (const file of files) body.append('files', file, file.name);
  return body;
}

export function uploadSurvey(
  files: readonly File[],
  options: UploadOptions,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<SurveyBatch> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/survey-batches');
    xhr.responseType = 'json';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 202 || xhr.status === 200) resolve(xhr.response as SurveyBatch);
      else reject(new UploadError(xhr.status, errorMessage(xhr.response, `${xhr.status} ${xhr.statusText}`)));
    });
    xhr.addEventListener('error', () => reject(new UploadError(0, 'network error: the upload did not reach the server')));
    xhr.addEventListener('abort', () => reject(new UploadError(0, 'upload cancelled')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(uploadBody(files, options));
  });
}
