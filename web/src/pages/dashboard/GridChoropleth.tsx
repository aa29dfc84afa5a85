/**
 * Open cases per grid as a choropleth on the offline map (no basemap), with the busiest grids
 * listed beside it so the figures are readable without the map.
 */
import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../../map/maplibre-worker.ts';
import { nameField, type Locale } from '../../i18n.ts';
import { collectionBounds } from '../../map/grid-bounds.ts';
import { mapColors } from '../../map/grid-levels.ts';
import { offlineStyle } from '../../map/offline-style.ts';
import { colorStops, emptyColor, fillColor } from './choropleth-colors.ts';
import type { ChoroplethLevel, OpenCasesByGrid } from './open-cases.state.ts';
import { tr, type DashboardMessage } from './dashboard.messages.ts';

const districtBounds: [number, number, number, number] = [120.25, 30.95, 120.95, 31.33];
/** Every grid of the district is filled: what shows of the container behind the map is outside it. */
const outsideBackground = { background: mapColors.background } as const;

export interface GridChoroplethProps {
  locale: Locale;
  data: OpenCasesByGrid;
  level: ChoroplethLevel;
  onLevel(level: ChoroplethLevel): void;
}

export function GridChoropleth({ locale, data, level, onLevel }: GridChoroplethProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const name = nameField(locale);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({ container, style: offlineStyle('zh'), bounds: districtBounds, dragRotate: false, attributionControl: false });
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addSource('open-cases', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'open-cases-fill', type: 'fill', source: 'open-cases', paint: { 'fill-color': emptyColor, 'fill-opacity': 0.85 } });
      map.addLayer({ id: 'open-cases-line', type: 'line', source: 'open-cases', paint: { 'line-color': '#7d8790', 'line-width': 0.6 } });
      setLoaded(true);
    });
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !data.grids) return;
    (map.getSource('open-cases') as GeoJSONSource).setData(data.grids);
    map.setPaintProperty('open-cases-fill', 'fill-color', fillColor(data.max));
    const bounds = collectionBounds(data.grids);
    if (bounds) map.fitBounds(bounds, { padding: 20, animate: false });
    setReady(false);
    map.once('idle', () => setReady(true));
  }, [loaded, data]);

  const busiest = (data.grids?.features ?? [])
    .filter((f) => f.properties.open_cases > 0)
    .sort((a, b) => b.properties.open_cases - a.properties.open_cases)
    .slice(0, 10);

  return (
    <figure className="chart choropleth">
      <figcaption className="choropleth-caption">
        {tr(locale, 'choropleth')}
        <label>
          {tr(locale, 'gridLevel')}{' '}
          <select value={level} onChange={(event) => onLevel(Number(event.target.value) as ChoroplethLevel)} data-testid="choropleth-level">
            {([3, 4] as const).map((value) => (
              <option key={value} value={value}>
                {tr(locale, `level.${value}` as DashboardMessage)}
              </option>
            ))}
          </select>
        </label>
      </figcaption>
      {data.error && (
        <p className="dashboard-error" role="alert">
          {data.error}
        </p>
      )}
      <div className="choropleth-body">
        <div
          ref={containerRef}
          className="choropleth-map"
          style={outsideBackground}
          data-testid="grid-choropleth"
          data-map-ready={ready ? 'true' : 'false'}
          data-total={data.grids ? data.total : ''}
          data-max={data.max}
          data-level={data.level ?? ''}
          lang="zh-CN"
          role="region"
          aria-label={tr(locale, 'choropleth')}
        />
        <div className="choropleth-side">
          <p className="muted">{tr(locale, 'choroplethNote', { total: data.total })}</p>
          <ol className="choropleth-legend" aria-hidden="true">
            <li>
              <span style={{ background: emptyColor }} /> {tr(locale, 'legendNone')}
            </li>
            {colorStops(data.max).map(([from, color]) => (
              <li key={color}>
                <span style={{ background: color }} /> ≥ {from}
              </li>
            ))}
          </ol>
          <ol className="choropleth-top" data-testid="choropleth-top">
            {busiest.map((f) => (
              <li key={f.properties.code} data-code={f.properties.code} data-count={f.properties.open_cases}>
                {tr(locale, 'openCasesIn', { name: f.properties[name], count: f.properties.open_cases })}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </figure>
  );
}
