/** 确权进度 — confirmed / pending / disputed as one stacked bar, with the numbers beside it. */
import type { Locale } from '../../i18n.ts';
import { td } from './department.messages.ts';
import type { OwnershipProgress } from './department.state.ts';

export function OwnershipProgressBar({ locale, progress }: { locale: Locale; progress: OwnershipProgress | undefined }) {
  const parts = [
    { key: 'confirmed', value: progress?.confirmed ?? 0 },
    { key: 'pending', value: progress?.pending ?? 0 },
    { key: 'disputed', value: progress?.disputed ?? 0 },
  ] as const;
  const total = progress?.total ?? 0;
  return (
    <section
      className="ownership-progress"
      data-testid="ownership-progress"
      data-confirmed={progress?.confirmed}
      data-pending={progress?.pending}
      data-disputed={progress?.disputed}
      aria-labelledby="ownership-progress-title"
    >
      <h2 id="ownership-progress-title">{td(locale, 'progress')}</h2>
      <div
        className="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={progress?.confirmed ?? 0}
        aria-label={td(locale, 'confirmed')}
      >
        {parts.map(({ key, value }) =>
          value > 0 ? <span key={key} className={`progress-${key}`} style={{ width: `${(100 * value) / Math.max(total, 1)}%` }} title={`${td(locale, key)} ${value}`} /> : null,
        )}
      </div>
      <ul className="progress-legend">
        {parts.map(({ key, value }) => (
          <li key={key} data-testid={`progress-${key}`}>
            <span className={`progress-swatch progress-${key}`} aria-hidden="true" /> {td(locale, key)} {value}
          </li>
        ))}
      </ul>
      {progress && (
        <p className="case-muted">
          {td(locale, 'progressSummary', {
            total: progress.total,
            confirmed: progress.confirmed,
            confirmedPct: progress.confirmed_pct,
            pending: progress.pending,
            disputed: progress.disputed,
          })}
        </p>
      )}
    </section>
  );
}
