/**
 * The map page (dispatcher, inspector, admin): grids and components from the tiles, filters and
 * layers, search, the component card with its case form, box and lasso selection, and the deck.gl
 * overlay of cases and highlights. `?component=<code>` (the QR code on an ID card) opens that card.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { GridLegend } from '../../components/GridLegend.tsx';
import { MapView } from '../../components/MapView.tsx';
import { t } from '../../i18n.ts';
import { noFilters, type ComponentFilters } from '../../map/component-filters.ts';
import { basemapShift, type Basemap } from '../../map/basemap-layers.ts';
import { componentSourceId } from '../../map/component-layers.ts';
import { boundsToDisplay } from '../../map/display-shift.ts';
import type { GridLoadState } from '../../map/grid-loader.ts';
import type { PageProps } from '../page-props.ts';
import { useBasemap } from './basemap.state.ts';
import { ComponentLegend } from './ComponentLegend.tsx';
import { MapSidePanel } from './MapSidePanel.tsx';
import { MapToolbar } from './MapToolbar.tsx';
import { defaultLayers, useMapLayers, type LayerVisibility } from './map-layers.state.ts';
import { useMapPanel } from './map-panel.state.ts';
import { useMapReference } from './map-reference.state.ts';
import { useMapSearch, type GridMatch } from './map-search.state.ts';
import { useBoxSelect, type SelectTool } from './use-box-select.ts';
import { useDeckOverlay } from './use-deck-overlay.ts';
import { useMapClick } from './use-map-click.ts';
import './map-page.css';

const reporterRoles = new Set(['dispatcher', 'inspector', 'owner']);
const cardZoom = 17.5;

export function MapPage({ locale, session }: PageProps) {
  const [grids, setGrids] = useState<GridLoadState>({ counts: {} });
  const [zoom, setZoom] = useState<number>();
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [mapReady, setMapReady] = useState(false);
  const onMapReady = useCallback(() => setMapReady(true), []);
  const [filters, setFilters] = useState<ComponentFilters>(noFilters);
  const [layers, setLayers] = useState<LayerVisibility>(defaultLayers);
  const [tool, setTool] = useState<SelectTool>('none');
  const [cardPoint, setCardPoint] = useState<[number, number]>();
  const [casesVersion, setCasesVersion] = useState(0);
  const reference = useMapReference();
  const panel = useMapPanel();
  const search = useMapSearch();
  const role = session.user.role;
  const basemap = useBasemap();
  // the datum the map draws in: GCJ-02 over a GCJ-02 basemap (see display-shift.ts)
  const shift = basemapShift(basemap.chosen);

  useMapLayers(map, layers, filters);
  useMapClick(map, panel, tool === 'none', shift);
  useBoxSelect(map, tool, filters, panel, useCallback(() => setTool('none'), []), shift);

  const selection = panel.panel.kind === 'selection' ? panel.panel.components : panel.panel.kind === 'card' && panel.panel.from?.kind === 'selection' ? panel.panel.from.components : undefined;
  const highlights = useMemo(() => {
    const points: [number, number][] = [];
    for (const feature of selection ?? []) {
      if (feature.geometry.type === 'Point') points.push(shift.toDisplay(feature.geometry.coordinates as [number, number]));
    }
    if (panel.panel.kind === 'card' && cardPoint) points.push(shift.toDisplay(cardPoint));
    return points;
  }, [selection, panel.panel.kind, cardPoint, shift]);
  // deck.gl (its chunk, a second WebGL context) waits until the first view is drawn
  useDeckOverlay(mapReady ? map : null, { highlights, showCases: layers.cases, showHeatmap: layers.heatmap, casesVersion, shift });

  const openComponent = useCallback(
    (code: string, point: [number, number]) => {
      map?.flyTo({ center: shift.toDisplay(point), zoom: Math.max(map.getZoom(), cardZoom), duration: 800 });
      panel.show({ kind: 'card', code });
    },
    [map, panel, shift],
  );

  // an ID card's QR code links to /map?component=<code>
  useEffect(() => {
    if (!map) return;
    const code = new URLSearchParams(window.location.search).get('component');
    if (!code) return;
    void search.search(code).then((result) => {
      if (result.kind === 'component') openComponent(result.code, result.point);
    });
    // once per map: a later search should not reopen the linked card
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map]);

  const onSearch = async (query: string) => {
    const result = await search.search(query);
    if (result.kind === 'component') openComponent(result.code, result.point);
  };
  const onGrid = (match: GridMatch) => {
    map?.fitBounds(boundsToDisplay(shift, match.bounds), { padding: 60, duration: 800 });
    search.clear();
  };
  // another basemap: the view stays on the same ground (its centre moves into the new datum)
  const onBasemap = (next: Basemap | null) => {
    const nextShift = basemapShift(next);
    if (map && nextShift !== shift) map.jumpTo({ center: nextShift.toDisplay(shift.fromDisplay(map.getCenter().toArray())) });
    basemap.choose(next);
  };
  const onReported = () => {
    setCasesVersion((n) => n + 1);
    // the open_case flag lives in the tiles: fetch them again (the server's ETag has moved)
    if (map?.getSource(componentSourceId)) map.refreshTiles(componentSourceId);
  };

  return (
    <section className="page page-map" data-testid="page-map" data-select-tool={tool}>
      <MapView locale={locale} components basemap={basemap.chosen} onGridState={setGrids} onDistrict={() => undefined} onZoom={setZoom} onMap={setMap} onReady={onMapReady} />
      <MapToolbar
        locale={locale}
        search={search.result}
        onSearch={onSearch}
        onGrid={onGrid}
        tool={tool}
        onTool={setTool}
        layers={layers}
        onLayers={setLayers}
        filters={filters}
        onFilters={setFilters}
        majors={reference.majors}
        departments={reference.departments}
        basemaps={basemap.basemaps}
        basemap={basemap.chosen}
        onBasemap={onBasemap}
      />
      <MapSidePanel
        locale={locale}
        store={panel}
        departments={reference.departments}
        canReport={reporterRoles.has(role)}
        isAdmin={role === 'admin'}
        onCardLoaded={(detail) => setCardPoint(detail.point)}
        onReported={onReported}
      />
      <GridLegend locale={locale} counts={grids.counts} zoom={zoom}>
        <ComponentLegend locale={locale} majors={reference.majors} />
      </GridLegend>
      {grids.error && (
        <div className="map-error" role="alert" data-testid="map-error">
          {t(locale, 'grids.error', { message: grids.error })}
        </div>
      )}
    </section>
  );
}
