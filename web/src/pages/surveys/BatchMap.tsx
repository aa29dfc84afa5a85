/**
 * The batch on a map: the district and its towns from the offline style, and the rejected rows
 * that have a position, in red. Accepted rows are staged on the server and not served as
 * geometry until they are committed.
 */
import { useEffect, useRef, useState } from 'react';
import { LngLatBounds, Map as MapLibreMap, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../../map/maplibre-worker.ts';
import type { Locale } from '../../i18n.ts';
import { collectionBounds } from '../../map/grid-bounds.ts';
import { setLabelLocale } from '../../map/grid-layers.ts';
import { createGridLoader } from '../../map/grid-loader.ts';
import { offlineMapBackground, offlineStyle } from '../../map/offline-style.ts';
import { tr } from './surveys.messages.ts';

export interface BatchMapProps {
  locale: Locale;
  /** The rejects as GeoJSON (…/rejects?format=geojson). */
  rejectsUrl: string;
}

const districtBounds: [number, number, number, number] = [120.25, 30.95, 120.95, 31.33];
/** How far outside the district a reject may lie and still be framed. */
const nearMarginDegrees = 0.2;

export function BatchMap({ locale, rejectsUrl }: BatchMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const localeRef = useRef(locale);
  const [shown, setShown] = useState<number>();
  const [outside, setOutside] = useState(0);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({
      container,
      style: offlineStyle(localeRef.current),
      bounds: districtBounds,
      dragRotate: false,
      attributionControl: false,
    });
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    const loader = createGridLoader(map, () => undefined);
    const abort = new AbortController();

    map.on('load', () => {
      setLabelLocale(map, localeRef.current);
      map.addSource('batch-rejects', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: 'batch-rejects',
        type: 'circle',
        source: 'batch-rejects',
        paint: { 'circle-radius': 6, 'circle-color': '#d0342c', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      });
      const grids = Promise.all([loader.load(1), loader.load(2)]);
      const rejects = fetch(rejectsUrl, { signal: abort.signal }).then((response) => response.json() as Promise<GeoJSON.FeatureCollection>);
      Promise.all([grids, rejects])
        .then(([[district], collection]) => {
          const located = collection.features.filter((feature) => feature.geometry);
          (map.getSource('batch-rejects') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: located });
          setShown(located.length);
          // rejects far outside the district (a wrong CRS, a row in the sea) would zoom the map out
          // to the world: the view keeps to the district and says how many lie outside it
          const area = collectionBounds(district) ?? districtBounds;
          const near = located.filter((feature) => insideBounds(feature, area, nearMarginDegrees));
          setOutside(distinctRows(located) - distinctRows(near));
          const bounds = near.length > 0 ? pointBounds(near) : area;
          map.fitBounds(bounds, { padding: 40, maxZoom: 15, animate: false });
          map.once('idle', () => setReady(true));
        })
        .catch(() => setShown(0));
    });
    return () => {
      abort.abort();
      loader.destroy();
      map.remove();
      mapRef.current = null;
    };
  }, [rejectsUrl]);

  useEffect(() => {
    localeRef.current = locale;
    const map = mapRef.current;
    if (map?.isStyleLoaded()) setLabelLocale(map, locale);
  }, [locale]);

  return (
    <figure className="batch-map">
      <div
        ref={containerRef}
        className="batch-map-view"
        style={offlineMapBackground}
        data-testid="batch-map"
        data-map-ready={ready ? 'true' : 'false'}
        data-rejects-shown={shown ?? ''}
        lang="zh-CN"
        role="region"
        aria-label={tr(locale, 'mapTitle')}
      />
      <figcaption>
        {shown === 0 ? tr(locale, 'mapNoGeometry') : tr(locale, 'mapNote')}
        {outside > 0 && <span data-testid="rejects-outside"> {tr(locale, 'mapOutside', { count: outside })}</span>}
      </figcaption>
    </figure>
  );
}

/** Rows, not rejects: a row that broke several rules is one point. */
function distinctRows(features: GeoJSON.Feature[]): number {
  return new Set(features.map((f) => `${String(f.properties?.layer)}:${String(f.properties?.row)}`)).size;
}

/** Whether the feature's first vertex lies within `bounds` grown by `margin` degrees. */
function insideBounds(feature: GeoJSON.Feature, [minX, minY, maxX, maxY]: [number, number, number, number], margin: number): boolean {
  let first: unknown = feature.geometry && 'coordinates' in feature.geometry ? feature.geometry.coordinates : undefined;
  while (Array.isArray(first) && Array.isArray(first[0])) first = first[0];
  if (!Array.isArray(first)) return false;
  const [x, y] = first as [number, number];
  return x >= minX - margin && x <= maxX + margin && y >= minY - margin && y <= maxY + margin;
}

/** The bounds of every vertex of the features. */
function pointBounds(features: GeoJSON.Feature[]): LngLatBounds {
  const bounds = new LngLatBounds();
  const visit = (coordinates: unknown): void => {
    if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') bounds.extend(coordinates as [number, number]);
    else if (Array.isArray(coordinates)) coordinates.forEach(visit);
  };
  for (const feature of features) {
    if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  }
  return bounds;
}
