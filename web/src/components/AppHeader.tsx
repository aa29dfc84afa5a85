/**
 * The top bar: product name, the api's health and backend, and the zh/en switch.
 */
import type { Health } from '../api/client.ts';
import { locales, t, type Locale, type MessageKey } from '../i18n.ts';
import type { HealthState } from '../state/use-health.ts';

export interface AppHeaderProps {
  locale: Locale;
  health: HealthState;
  /** The district's name in the current language, once loaded. */
  districtName?: string;
  onLocaleChange(locale: Locale): void;
}

const localeNames: Record<Locale, string> = { zh: '中文', en: 'EN' };

export function AppHeader({ locale, health, districtName, onLocaleChange }: AppHeaderProps) {
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">civicgrid</span>
        <span className="brand-title">
          {districtName ? `${districtName} · ` : ''}
          {t(locale, 'appTitle')}
        </span>
      </div>
      <div className="header-tools">
        <HealthBadge locale={locale} health={health} />
        <div className="locale-switch" role="group" aria-label={t(locale, 'switchLanguage')} data-testid="locale-switch">
          {locales.map((option) => (
            <button
              key={option}
              type="button"
              lang={option === 'zh' ? 'zh-CN' : 'en'}
              aria-pressed={option === locale}
              data-testid={`locale-${option}`}
              onClick={() => onLocaleChange(option)}
            >
              {localeNames[option]}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}

function HealthBadge({ locale, health }: { locale: Locale; health: HealthState }) {
  const text =
    health.kind === 'ok'
      ? `${t(locale, 'health.ok')} · ${t(locale, `backend.${health.health.backend}` as MessageKey)} · v${health.health.version}`
      : t(locale, health.kind === 'checking' ? 'health.checking' : 'health.down');
  const title = health.kind === 'ok' ? countsTitle(health.health) : health.kind === 'down' ? health.message : undefined;
  return (
    <span
      className={`health health-${health.kind}`}
      data-testid="health"
      data-backend={health.kind === 'ok' ? health.health.backend : undefined}
      title={title}
    >
      <span className="health-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

function countsTitle(health: Health): string {
  return Object.entries(health.counts)
    .map(([name, count]) =>
      typeof count === 'number' ? `${name}: ${count.toLocaleString()}` : `${name}: ${Object.values(count).join(' / ')}`,
    )
    .join('\n');
}
