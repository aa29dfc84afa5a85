/**
 * The batch on a map: the district and its towns from the offline style, the accepted rows (staged
 * until the commit) coloured by what the commit will do with them — new, update, unchanged — and
 * the rejected rows that have a position in red over them. The accepted rows come for the view
 * (`GET …/staged?bbox=`): all of them, or an even sample when the view holds more than a map can
 * show at once; the caption says which.
 */
import { useEffect, useRef, useState } from 'react';
import { LngLatBounds, Map as MapLibreMap, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../../map/maplibre-worker.ts';
import { api } from '../../api/api-client.ts';
import type { Locale } from '../../i18n.ts';
import { collectionBounds } from '../../map/grid-bounds.ts';
import { setLabelLocale } from '../../map/grid-layers.ts';
import { viewBbox } from '../../map/view-bbox.ts';
import { createGridLoader } from '../../map/grid-loader.ts';
import { offlineMapBackground, offlineStyle } from '../../map/offline-style.ts';
import { tr } from './surveys.messages.ts';

export interface BatchMapProps {
  locale: Locale;
  batchId: number;
}

/** The most accepted rows drawn at once (an even sample beyond). */
const stagedLimit = 3000;
export const stagedColors = { new: '#2563eb', update: '#d97706', unchanged: '#8a94a6' } as const;
const rejectColor = '#d0342c';

const districtBounds: [number, number, number, number] = [120.25, 30.95, 120.95, 31.33];
/** How far outside the district a reject may lie and still be framed. */
const nearMarginDegrees = 0.2;

export function BatchMap({ locale, batchId }: BatchMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const localeRef = useRef(locale);
  const [shown, setShown] = useState<number>();
  const [outside, setOutside] = useState(0);
  const [staged, setStaged] = useState<{ shown: number; total: number }>();
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

    /** The accepted rows in the view (or, without a box, in the whole batch, with its extent). */
    let viewRequest: AbortController | undefined;
    const loadStaged = async (bbox?: string) => {
      viewRequest?.abort();
      // the unmount aborts the request under way (see the cleanup)
      const request = (viewRequest = new AbortController());
      const { data } = await api.GET('/api/survey-batches/{id}/staged', { params: { path: { id: batchId }, query: { limit: stagedLimit, ...(bbox ? { bbox } : {}) } }, signal: request.signal });
      if (!data || request.signal.aborted) return undefined;
      (map.getSource('batch-staged') as GeoJSONSource | undefined)?.setData(data as GeoJSON.FeatureCollection);
      setStaged({ shown: data.features.length, total: data.total });
      return data;
    };
    const onMoveEnd = () => {
      loadStaged(viewBbox(map)).catch(() => undefined); // aborted by a later move: that one draws
    };

    map.on('load', () => {
      setLabelLocale(map, localeRef.current);
      const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
      map.addSource('batch-staged', { type: 'geojson', data: empty });
      map.addLayer({
        id: 'batch-staged',
        type: 'circle',
        source: 'batch-staged',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3, 16, 6],
          'circle-color': ['match', ['get', 'action'], 'update', stagedColors.update, 'unchanged', stagedColors.unchanged, stagedColors.new],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      });
      map.addSource('batch-rejects', { type: 'geojson', data: empty });
      map.addLayer({
        id: 'batch-rejects',
        type: 'circle',
        source: 'batch-rejects',
        paint: { 'circle-radius': 6, 'circle-color': rejectColor, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      });
      const grids = Promise.all([loader.load(1), loader.load(2)]);
      const rejects = fetch(`/api/survey-batches/${batchId}/rejects?format=geojson`, { signal: abort.signal }).then((response) => response.json() as Promise<GeoJSON.FeatureCollection>);
      Promise.all([grids, rejects, loadStaged()])
        .then(([[district], collection, accepted]) => {
          const located = collection.features.filter((feature) => feature.geometry);
          (map.getSource('batch-rejects') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: located });
          setShown(located.length);
          // rows far outside the district (a wrong CRS, a row in the sea) would zoom the map out to
          // the world: the view keeps to the district and says how many rejects lie outside it
          const area = collectionBounds(district) ?? districtBounds;
          const near = located.filter((feature) => insideBounds(feature, area, nearMarginDegrees));
          setOutside(distinctRows(located) - distinctRows(near));
          const bounds = pointBounds(near);
          const extent = accepted?.extent;
          if (extent) bounds.extend(clampBounds(extent, area, nearMarginDegrees));
          map.fitBounds(bounds.isEmpty() ? area : bounds, { padding: 40, maxZoom: 15, animate: false });
          map.on('moveend', onMoveEnd);
          // the view after the fit: its own sample of the accepted rows
          onMoveEnd();
          map.once('idle', () => setReady(true));
        })
        .catch(() => setShown(0));
    });
    return () => {
      viewRequest?.abort();
      abort.abort();
      loader.destroy();
      map.remove();
      mapRef.current = null;
    };
  }, [batchId]);

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
        <span className="batch-map-key">
          {(['new', 'update', 'unchanged'] as const).map((action) => (
            <span key={action}>
              <span className="batch-map-dot" style={{ background: stagedColors[action] }} aria-hidden="true" />
              {tr(locale, `map.${action}`)}
            </span>
          ))}
          <span>
            <span className="batch-map-dot batch-map-dot-reject" style={{ background: rejectColor }} aria-hidden="true" />
            {tr(locale, 'map.rejected')}
          </span>
        </span>
        {staged && (
          <span data-testid="staged-shown" data-shown={staged.shown} data-total={staged.total}>
            {' '}
            {staged.shown < staged.total ? tr(locale, 'mapSample', { shown: staged.shown, total: staged.total }) : tr(locale, 'mapAllAccepted', { total: staged.total })}
          </span>
        )}
        {shown === 0 && <span> {tr(locale, 'mapNoGeometry')}</span>}
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

/** `extent` kept within `area` grown by `margin` degrees. */
function clampBounds(extent: number[], [minX, minY, maxX, maxY]: [number, number, number, number], margin: number): LngLatBounds {
  const clamp = (value: number, low: number, high: number) => Math.min(high + margin, Math.max(low - margin, value));
  const [west = minX, south = minY, east = maxX, north = maxY] = extent;
  return new LngLatBounds([clamp(west, minX, maxX), clamp(south, minY, maxY)], [clamp(east, minX, maxX), clamp(north, minY, maxY)]);
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
