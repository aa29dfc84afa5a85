/** The upload's progress: bytes sent, then rows validated as the server-sent events report them. */
import type { Locale } from '../../i18n.ts';
import type { UploadState } from './survey-upload.state.ts';
import { tr, type SurveysMessage } from './surveys.messages.ts';

export function UploadProgress({ locale, state }: { locale: Locale; state: UploadState }) {
  if (state.step === 'idle') return null;
  if (state.step === 'error') {
    return (
      <p className="upload-error" role="alert" data-testid="upload-error">
        {state.message}
      </p>
    );
  }
  const { phase, done, total, label } = describe(locale, state);
  return (
    <div className="upload-progress" data-testid="upload-progress" data-phase={phase} data-done={done} data-total={total}>
      <label>
        <span className="progress-phase">{tr(locale, `phase.${phase}` as SurveysMessage)}</span>
        <progress max={total || 1} value={done} aria-label={tr(locale, 'progressLabel')} />
        <span className="progress-rows">{label}</span>
      </label>
    </div>
  );
}

function describe(locale: Locale, state: Exclude<UploadState, { step: 'idle' | 'error' }>) {
  if (state.step === 'uploading') {
    const percent = state.total > 0 ? Math.round((state.loaded / state.total) * 100) : 0;
    return { phase: 'upload', done: state.loaded, total: state.total, label: tr(locale, 'uploading', { percent }) };
  }
  const progress = state.progress;
  const phase = progress?.phase ?? (state.step === 'done' ? 'done' : 'open');
  const done = progress?.rowsDone ?? 0;
  const total = progress?.rowsTotal ?? 0;
  return { phase, done, total, label: tr(locale, 'rowsProgress', { done: done.toLocaleString(), total: total.toLocaleString() }) };
}
