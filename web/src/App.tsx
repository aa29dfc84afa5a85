/**
 * The page: header, map and legend. Holds the app state (language, health, loaded grids, zoom)
 * and hands plain values down.
 */
import { useState } from 'react';
import { AppHeader } from './components/AppHeader.tsx';
import { GridLegend } from './components/GridLegend.tsx';
import { MapView } from './components/MapView.tsx';
import { nameField, t } from './i18n.ts';
import type { GridLoadState } from './map/grid-loader.ts';
import { useHealth } from './state/use-health.ts';
import { useLocale } from './state/use-locale.ts';

export function App() {
  const [locale, setLocale] = useLocale();
  const health = useHealth();
  const [grids, setGrids] = useState<GridLoadState>({ counts: {} });
  const [district, setDistrict] = useState<{ name_zh: string; name_en: string }>();
  const [zoom, setZoom] = useState<number>();

  return (
    <div className="app">
      <AppHeader
        locale={locale}
        health={health}
        districtName={district?.[nameField(locale)]}
        onLocaleChange={setLocale}
      />
      <main className="app-main">
        <MapView
          locale={locale}
          onGridState={setGrids}
          onDistrict={setDistrict}
          onZoom={setZoom}
        />
        <GridLegend locale={locale} counts={grids.counts} zoom={zoom} />
        {grids.error && (
          <div className="map-error" role="alert" data-testid="map-error">
            {t(locale, 'grids.error', { message: grids.error })}
          </div>
        )}
      </main>
    </div>
  );
}
