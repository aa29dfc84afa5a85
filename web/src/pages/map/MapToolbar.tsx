/** The tools over the map: search, box and lasso selection, layers and basemap, filters. */
import type { Schema } from '../../api/api-client.ts';
import type { Locale } from '../../i18n.ts';
import type { Basemap } from '../../map/basemap-layers.ts';
import { isFiltered, type ComponentFilters } from '../../map/component-filters.ts';
import { BasemapPicker } from './BasemapPicker.tsx';
import { FilterPanel } from './FilterPanel.tsx';
import { LayerSwitcher } from './LayerSwitcher.tsx';
import { MapSearch } from './MapSearch.tsx';
import type { LayerVisibility } from './map-layers.state.ts';
import type { MajorClass } from './map-reference.state.ts';
import type { GridMatch, SearchResult } from './map-search.state.ts';
import { tr } from './map.messages.ts';
import type { SelectTool } from './use-box-select.ts';

export interface MapToolbarProps {
  locale: Locale;
  search: SearchResult;
  onSearch(query: string): void;
  onGrid(match: GridMatch): void;
  tool: SelectTool;
  onTool(tool: SelectTool): void;
  layers: LayerVisibility;
  onLayers(layers: LayerVisibility): void;
  filters: ComponentFilters;
  onFilters(filters: ComponentFilters): void;
  majors: MajorClass[];
  departments: Schema<'Department'>[];
  basemaps: Basemap[];
  basemap: Basemap | null;
  onBasemap(basemap: Basemap | null): void;
}

export function MapToolbar(props: MapToolbarProps) {
  const { locale, tool, onTool } = props;
  return (
    <div className="map-toolbar" role="toolbar" aria-label={tr(locale, 'toolbar')} data-testid="map-toolbar">
      <MapSearch locale={locale} result={props.search} onSearch={props.onSearch} onGrid={props.onGrid} />
      <div className="map-tool-buttons">
        {(['box', 'lasso'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            data-testid={`select-${kind}`}
            aria-pressed={tool === kind}
            onClick={() => onTool(tool === kind ? 'none' : kind)}
          >
            {tr(locale, kind === 'box' ? 'selectBox' : 'selectLasso')}
          </button>
        ))}
      </div>
      {tool !== 'none' && (
        <p className="map-tool-hint" role="status">
          {tr(locale, 'selectHint')}
        </p>
      )}
      <details className="map-disclosure">
        <summary data-testid="layers-toggle">{tr(locale, 'layers')}</summary>
        <LayerSwitcher locale={locale} layers={props.layers} onChange={props.onLayers} />
        <BasemapPicker locale={locale} basemaps={props.basemaps} chosen={props.basemap} onChoose={props.onBasemap} />
      </details>
      <details className="map-disclosure">
        <summary data-testid="filters-toggle">
          {tr(locale, 'filters')}
          {isFiltered(props.filters) ? ' •' : ''}
        </summary>
        <FilterPanel locale={locale} filters={props.filters} majors={props.majors} departments={props.departments} onChange={props.onFilters} />
      </details>
    </div>
  );
}
