/** The panel beside the map: whatever the last click, search or selection asked for. */
import type { Schema } from '../../api/api-client.ts';
import type { Locale } from '../../i18n.ts';
import { ComponentCard, PanelHeader } from './ComponentCard.tsx';
import { PickList } from './PickList.tsx';
import { SelectionList } from './SelectionList.tsx';
import type { ComponentDetail } from './component-card.state.ts';
import type { MapPanelStore } from './map-panel.state.ts';
import { tr } from './map.messages.ts';

export interface MapSidePanelProps {
  locale: Locale;
  store: MapPanelStore;
  departments: Schema<'Department'>[];
  canReport: boolean;
  isAdmin: boolean;
  onCardLoaded(detail: ComponentDetail): void;
  onReported(): void;
}

export function MapSidePanel({ locale, store, departments, canReport, isAdmin, onCardLoaded, onReported }: MapSidePanelProps) {
  const { panel } = store;
  switch (panel.kind) {
    case 'closed':
      return null;
    case 'loading':
      return (
        <section className="map-panel" aria-busy="true">
          <p>{tr(locale, 'loading')}</p>
        </section>
      );
    case 'message':
      return (
        <section className="map-panel" data-testid="map-message">
          <PanelHeader locale={locale} title="" onClose={store.close} />
          <p role={panel.message === 'error' ? 'alert' : 'status'}>{tr(locale, panel.message, { message: panel.detail ?? '' })}</p>
        </section>
      );
    case 'pick':
      return <PickList locale={locale} components={panel.components} onPick={store.openCard} onClose={store.close} />;
    case 'selection':
      return (
        <SelectionList
          locale={locale}
          components={panel.components}
          departments={departments}
          truncated={panel.truncated}
          canReport={canReport}
          isAdmin={isAdmin}
          onPick={store.openCard}
          onClose={store.close}
          onReported={onReported}
        />
      );
    case 'card':
      return (
        <ComponentCard
          key={panel.code}
          locale={locale}
          code={panel.code}
          preview={panel.preview}
          departments={departments}
          canReport={canReport}
          onBack={panel.from ? store.back : undefined}
          onClose={store.close}
          onLoaded={onCardLoaded}
          onReported={onReported}
        />
      );
  }
}
