/**
 * The component card (部件卡片): code, class in both languages, owner, ownership status, grid
 * path, photo, history and open cases; from it, open a repair case or join the open one.
 */
import { useEffect, useRef, useState } from 'react';
import type { Schema } from '../../api/api-client.ts';
import { nameField, type Locale } from '../../i18n.ts';
import { CaseForm } from './CaseForm.tsx';
import { CaseRouted } from './CaseRouted.tsx';
import { useCaseReport, type CaseReport } from './case-report.state.ts';
import { useComponentCard, type ComponentDetail } from './component-card.state.ts';
import type { ComponentFeature } from './map-panel.state.ts';
import { formatTime, ownershipName, stateName } from './map-format.ts';
import { tr } from './map.messages.ts';

export interface ComponentCardProps {
  locale: Locale;
  code: string;
  /** What a click or a list already knows, shown while the card loads. */
  preview?: ComponentFeature['properties'];
  departments: Schema<'Department'>[];
  /** Whether the user may report problems (the server refuses admins and contractors). */
  canReport: boolean;
  onBack?(): void;
  onClose(): void;
  onLoaded?(detail: ComponentDetail): void;
  onReported?(report: CaseReport): void;
}

export function ComponentCard({ locale, code, preview, departments, canReport, onBack, onClose, onLoaded, onReported }: ComponentCardProps) {
  const { state, reload } = useComponentCard(code);
  const loaded = useRef(onLoaded);
  loaded.current = onLoaded;
  const detail = state.status === 'ready' ? state.detail : undefined;
  useEffect(() => {
    if (detail) loaded.current?.(detail);
  }, [detail]);
  return (
    <section className="map-panel component-card" data-testid="component-card" data-code={code} aria-label={tr(locale, 'card.title')}>
      <PanelHeader locale={locale} title={state.status === 'ready' ? state.detail.class[nameField(locale)] || state.detail.class.name_zh : preview ? (locale === 'zh' ? preview.class_name_zh : preview.class_name_en || preview.class_name_zh) : tr(locale, 'card.title')} onBack={onBack} onClose={onClose} />
      {state.status === 'loading' && preview && <PreviewFacts locale={locale} properties={preview} />}
      {state.status === 'loading' && <p aria-busy="true">{tr(locale, 'loading')}</p>}
      {state.status === 'error' && (
        <p className="map-panel-error" role="alert">
          {tr(locale, 'error', { message: state.message })}
        </p>
      )}
      {state.status === 'ready' && (
        <CardBody
          key={state.detail.code}
          locale={locale}
          detail={state.detail}
          departments={departments}
          canReport={canReport}
          onReported={(report) => {
            reload();
            onReported?.(report);
          }}
        />
      )}
    </section>
  );
}

// the facts a /nearby or list feature carries, in the card's layout
function PreviewFacts({ locale, properties: p }: { locale: Locale; properties: ComponentFeature['properties'] }) {
  const owner = locale === 'zh' ? p.department_name_zh : p.department_name_en || p.department_name_zh;
  return (
    <dl className="card-facts">
      <dt>{tr(locale, 'card.code')}</dt>
      <dd data-testid="card-code" className="card-code">
        {p.code}
      </dd>
      <dt>{tr(locale, 'card.class')}</dt>
      <dd>
        {locale === 'zh' ? p.class_name_zh : p.class_name_en || p.class_name_zh} <span className="card-secondary">({p.class_code})</span>
      </dd>
      <dt>{tr(locale, 'card.owner')}</dt>
      <dd>{owner ?? tr(locale, 'card.unknownOwner')}</dd>
      <dt>{tr(locale, 'card.ownership')}</dt>
      <dd>
        <span className={`ownership-badge ownership-${p.ownership_status}`}>{ownershipName(p.ownership_status, locale)}</span>
      </dd>
    </dl>
  );
}

export function PanelHeader({ locale, title, onBack, onClose }: { locale: Locale; title: string; onBack?(): void; onClose(): void }) {
  return (
    <header className="map-panel-header">
      {onBack && (
        <button type="button" className="icon-button" onClick={onBack} aria-label={tr(locale, 'case.back')}>
          ‹
        </button>
      )}
      <h2>{title}</h2>
      <button type="button" className="icon-button" data-testid="panel-close" onClick={onClose} aria-label={tr(locale, 'close')}>
        ×
      </button>
    </header>
  );
}

function CardBody({ locale, detail, departments, canReport, onReported }: { locale: Locale; detail: ComponentDetail; departments: Schema<'Department'>[]; canReport: boolean; onReported(report: CaseReport): void }) {
  const [mode, setMode] = useState<'view' | 'form' | 'routed'>('view');
  const report = useCaseReport(detail.code, detail.class.code);
  const openCase = detail.open_cases[0];
  const other: Locale = locale === 'zh' ? 'en' : 'zh';
  const sent = report.state.status === 'sent' ? report.state.report : undefined;
  const reported = useRef(onReported);
  reported.current = onReported;
  useEffect(() => {
    if (!sent) return;
    setMode('routed');
    reported.current(sent);
  }, [sent]);
  return (
    <>
      <dl className="card-facts">
        <dt>{tr(locale, 'card.code')}</dt>
        <dd data-testid="card-code" className="card-code">
          {detail.code}
        </dd>
        <dt>{tr(locale, 'card.class')}</dt>
        <dd>
          {detail.class[nameField(locale)] || detail.class.name_zh}
          <span className="card-secondary" lang={other === 'zh' ? 'zh-CN' : 'en'}>
            {' '}
            {detail.class[nameField(other)]}
          </span>{' '}
          <span className="card-secondary">({detail.class.code})</span>
        </dd>
        <dt>{tr(locale, 'card.major')}</dt>
        <dd>{detail.class[locale === 'zh' ? 'major_name_zh' : 'major_name_en'] || detail.class.major_name_zh}</dd>
        <dt>{tr(locale, 'card.owner')}</dt>
        <dd data-testid="card-owner">{detail.department ? detail.department[nameField(locale)] || detail.department.name_zh : tr(locale, 'card.unknownOwner')}</dd>
        <dt>{tr(locale, 'card.ownership')}</dt>
        <dd>
          <span className={`ownership-badge ownership-${detail.ownership_status}`}>{ownershipName(detail.ownership_status, locale)}</span>
        </dd>
        <dt>{tr(locale, 'card.grid')}</dt>
        <dd data-testid="card-grid">{detail.grid_path.map((grid) => grid[nameField(locale)] || grid.name_zh).join(' › ') || '–'}</dd>
      </dl>
      {detail.photo && (
        <figure className="card-photo">
          <img src={detail.photo} alt={tr(locale, 'card.photo')} loading="lazy" />
        </figure>
      )}
      <h3>{tr(locale, 'card.openCases')}</h3>
      {detail.open_cases.length === 0 ? (
        <p className="card-empty">{tr(locale, 'card.noOpenCases')}</p>
      ) : (
        <ul className="card-cases" data-testid="card-open-cases">
          {detail.open_cases.map((c) => (
            <li key={c.id}>
              <span className="card-code">{c.number}</span> · {stateName(c.state, locale)} · {c.case_class}
            </li>
          ))}
        </ul>
      )}
      {mode === 'view' && canReport && (
        <div className="panel-actions">
          {openCase ? (
            <button type="button" className="primary" data-testid="join-case" onClick={() => setMode('form')}>
              {tr(locale, 'joinCase')}
            </button>
          ) : (
            <button type="button" className="primary" data-testid="open-case" onClick={() => setMode('form')}>
              {tr(locale, 'openCase')}
            </button>
          )}
        </div>
      )}
      {mode === 'form' && <CaseForm locale={locale} report={report} joining={openCase?.number} onCancel={() => setMode('view')} />}
      {mode === 'routed' && report.state.status === 'sent' && (
        <CaseRouted locale={locale} report={report.state.report} departments={departments} onBack={() => {
            report.reset();
            setMode('view');
          }} />
      )}
      <details className="card-history">
        <summary>{tr(locale, 'card.history')}</summary>
        {detail.history.length === 0 ? (
          <p className="card-empty">{tr(locale, 'card.noHistory')}</p>
        ) : (
          <ol>
            {detail.history.slice(0, 20).map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.at}>{formatTime(entry.at, locale)}</time> {entry.action}
                {entry.username ? ` · ${entry.username}` : ''}
              </li>
            ))}
          </ol>
        )}
      </details>
    </>
  );
}
