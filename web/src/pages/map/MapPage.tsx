/**
 * The map page: the grid map and its legend (components, cards and cases come with issue 6).
 */
import { useState } from 'react';
import { GridLegend } from '../../components/GridLegend.tsx';
import { MapView } from '../../components/MapView.tsx';
import { t } from '../../i18n.ts';
import type { GridLoadState } from '../../map/grid-loader.ts';
import type { PageProps } from '../page-props.ts';

export function MapPage({ locale }: PageProps) {
  const [grids, setGrids] = useState<GridLoadState>({ counts: {} });
  const [zoom, setZoom] = useState<number>();
  return (
    <section className="page page-map" data-testid="page-map">
      <MapView locale={locale} onGridState={setGrids} onDistrict={() => undefined} onZoom={setZoom} />
      <GridLegend locale={locale} counts={grids.counts} zoom={zoom} />
      {grids.error && (
        <div className="map-error" role="alert" data-testid="map-error">
          {t(locale, 'grids.error', { message: grids.error })}
        </div>
      )}
    </section>
  );
}
