/**
 * The legend: one row per grid level with its boundary symbol, how many grids are loaded, and the
 * zoom from which it is drawn.
 */
import type { GridLevel } from '../api/client.ts';
import { t, type Locale } from '../i18n.ts';
import { gridLevels, mapColors, townTints, type GridLevelStyle } from '../map/grid-levels.ts';

export interface GridLegendProps {
  locale: Locale;
  counts: Partial<Record<GridLevel, number>>;
  zoom: number | undefined;
  /** More legend rows below the grid levels (the map page's component symbols). */
  children?: React.ReactNode;
}

export function GridLegend({ locale, counts, zoom, children }: GridLegendProps) {
  return (
    <aside className="grid-legend" data-testid="legend" aria-label={t(locale, 'legendTitle')}>
      <h2>{t(locale, 'legendTitle')}</h2>
      <ul>
        {gridLevels.map((style) => (
          <li key={style.level} className={zoom !== undefined && zoom < style.lineMinzoom ? 'hidden-at-zoom' : undefined}>
            <LevelSymbol style={style} />
            <span className="legend-name">{t(locale, `level.${style.level}`)}</span>
            <span className="legend-count">{counts[style.level]?.toLocaleString() ?? '–'}</span>
            <span className="legend-zoom">{style.lineMinzoom > 0 ? t(locale, 'fromZoom', { zoom: style.lineMinzoom }) : ''}</span>
          </li>
        ))}
      </ul>
      {children}
      {zoom !== undefined && <p className="legend-footer">{t(locale, 'zoom', { zoom: zoom.toFixed(1) })}</p>}
    </aside>
  );
}

// a small patch drawn with the same colours and widths as the map layers
function LevelSymbol({ style }: { style: GridLevelStyle }) {
  const fill = style.level === 1 ? mapColors.district : style.level === 2 ? townTints[0] : 'none';
  return (
    <svg className="legend-symbol" width="28" height="16" viewBox="0 0 28 16" aria-hidden="true">
      {style.level === 1 && <rect x="2" y="2" width="24" height="12" fill="none" stroke={mapColors.districtHalo} strokeWidth="5" />}
      <rect
        x="2"
        y="2"
        width="24"
        height="12"
        fill={fill}
        stroke={style.lineColor}
        strokeWidth={Math.max(style.lineWidth, 0.6)}
      />
    </svg>
  );
}
