/** The components a click hit, nearest first: choose one to open its card. */
import type { Locale } from '../../i18n.ts';
import { PanelHeader } from './ComponentCard.tsx';
import type { NearbyComponent } from './map-panel.state.ts';
import { tr } from './map.messages.ts';

export interface PickListProps {
  locale: Locale;
  components: NearbyComponent[];
  onPick(code: string): void;
  onClose(): void;
}

export function PickList({ locale, components, onPick, onClose }: PickListProps) {
  return (
    <section className="map-panel pick-list" data-testid="pick-list" aria-label={tr(locale, 'pickTitle', { count: components.length })}>
      <PanelHeader locale={locale} title={tr(locale, 'pickTitle', { count: components.length })} onClose={onClose} />
      <ul className="component-list">
        {components.map(({ properties: p }) => (
          <li key={p.code}>
            <button type="button" data-testid="pick-item" data-code={p.code} onClick={() => onPick(p.code)}>
              <span className="component-list-name">{locale === 'zh' ? p.class_name_zh : p.class_name_en || p.class_name_zh}</span>
              <span className="card-code">{p.code}</span>
              <span className="component-list-distance">{p.distance_m.toFixed(1)} m</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
