/** Settings → Basemap: the offline map, or one of the online basemaps the server offers. */
import { nameField, type Locale } from '../../i18n.ts';
import type { Basemap } from '../../map/basemap-layers.ts';
import { tr } from './map.messages.ts';

export interface BasemapPickerProps {
  locale: Locale;
  basemaps: Basemap[];
  chosen: Basemap | null;
  onChoose(basemap: Basemap | null): void;
}

export function BasemapPicker({ locale, basemaps, chosen, onChoose }: BasemapPickerProps) {
  return (
    <div className="map-control-group map-basemap">
      <label className="map-control-select">
        {tr(locale, 'basemap')}
        <select data-testid="basemap-select" value={chosen?.id ?? ''} onChange={(event) => onChoose(basemaps.find((b) => b.id === event.target.value) ?? null)}>
          <option value="">{tr(locale, 'basemap.offline')}</option>
          {basemaps.map((basemap) => (
            <option key={basemap.id} value={basemap.id}>
              {basemap[nameField(locale)]}
            </option>
          ))}
        </select>
      </label>
      {chosen?.datum === 'gcj02' && (
        <p className="map-basemap-note" data-testid="basemap-shifted">
          {tr(locale, 'basemap.shifted')}
        </p>
      )}
    </div>
  );
}
