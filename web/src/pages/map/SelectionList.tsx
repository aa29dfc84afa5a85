/**
 * The components a box or lasso selected, with the bulk actions: report a problem for all of them
 * (one problem type per class) and, for an admin, move them to another owner department.
 */
import { useState } from 'react';
import type { Schema } from '../../api/api-client.ts';
import type { Locale } from '../../i18n.ts';
import { BulkCaseForm } from './BulkCaseForm.tsx';
import { BulkReassignForm } from './BulkReassignForm.tsx';
import { PanelHeader } from './ComponentCard.tsx';
import type { ComponentFeature } from './map-panel.state.ts';
import { tr } from './map.messages.ts';

export interface SelectionListProps {
  locale: Locale;
  components: ComponentFeature[];
  departments: Schema<'Department'>[];
  truncated: boolean;
  canReport: boolean;
  isAdmin: boolean;
  onPick(code: string): void;
  onClose(): void;
  onReported(): void;
}

const listed = 200;

export function SelectionList({ locale, components, departments, truncated, canReport, isAdmin, onPick, onClose, onReported }: SelectionListProps) {
  const [bulk, setBulk] = useState<'report' | 'reassign'>();
  const title = tr(locale, 'selectionTitle', { count: `${components.length}${truncated ? '+' : ''}` });
  return (
    <section className="map-panel selection-list" data-testid="selection-list" data-count={components.length} aria-label={title}>
      <PanelHeader locale={locale} title={title} onClose={onClose} />
      {components.length === 0 && <p className="card-empty">{tr(locale, 'selectionEmpty')}</p>}
      {components.length > 0 && (canReport || isAdmin) && !bulk && (
        <div className="panel-actions">
          {canReport && (
            <button type="button" className="primary" data-testid="bulk-open-cases" onClick={() => setBulk('report')}>
              {tr(locale, 'bulk.open')}
            </button>
          )}
          {isAdmin && (
            <button type="button" data-testid="bulk-reassign" onClick={() => setBulk('reassign')}>
              {tr(locale, 'reassign.open')}
            </button>
          )}
        </div>
      )}
      {bulk === 'report' && <BulkCaseForm locale={locale} components={components} onCancel={() => setBulk(undefined)} onDone={onReported} />}
      {bulk === 'reassign' && <BulkReassignForm locale={locale} components={components} departments={departments} onCancel={() => setBulk(undefined)} onDone={onReported} />}
      <ul className="component-list">
        {components.slice(0, listed).map(({ properties: p }) => (
          <li key={p.code}>
            <button type="button" data-testid="selection-item" data-code={p.code} onClick={() => onPick(p.code)}>
              <span className="component-list-name">{locale === 'zh' ? p.class_name_zh : p.class_name_en || p.class_name_zh}</span>
              <span className="card-code">{p.code}</span>
            </button>
          </li>
        ))}
      </ul>
      {components.length > listed && <p className="card-empty">{tr(locale, 'selectionTruncated', { count: listed })}</p>}
    </section>
  );
}
