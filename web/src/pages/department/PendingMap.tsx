/**
 * The pending components on a small map: the offline style with the grid boundaries, the
 * components as a GeoJSON circle layer, the selected ones ringed. Clicking a component toggles it.
 */
import { useEffect, useRef, useState } from 'react';
import { LngLatBounds, Map as MapLibreMap, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../../map/maplibre-worker.ts';
import type { Locale } from '../../i18n.ts';
import { setLabelLocale } from '../../map/grid-layers.ts';
import { createGridLoader } from '../../map/grid-loader.ts';
import { offlineMapBackground, offlineStyle } from '../../map/offline-style.ts';
import { td } from './department.messages.ts';
import type { PendingComponent } from './department.state.ts';

/** Wuzhong, until the components are known. */
const districtBounds: [number, number, number, number] = [120.25, 30.95, 120.95, 31.33];
const sourceId = 'pending-components';

interface Props {
  locale: Locale;
  components: PendingComponent[];
  selected: ReadonlySet<string>;
  /** The component to show: the map flies to it. */
  focus?: PendingComponent;
  onToggle(code: string): void;
}

export function PendingMap({ locale, components, selected, focus, onToggle }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const onToggleRef = useRef(onToggle);
  onToggleRef.current = onToggle;
  const [loaded, setLoaded] = useState(false);
  // the view fits the components once; later reloads (after a confirmation) keep the user's view
  const fitted = useRef(false);

  useEffect(() => {
    const map = new MapLibreMap({
      container: containerRef.current!,
      style: offlineStyle(locale),
      bounds: districtBounds,
      maxZoom: 19,
      dragRotate: false,
      attributionControl: { compact: true, customAttribution: 'civicgrid' },
    });
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    const loader = createGridLoader(map, () => undefined);
    map.on('load', () => {
      map.addSource(sourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: 'pending-selected',
        type: 'circle',
        source: sourceId,
        filter: ['in', ['get', 'code'], ['literal', []]],
        paint: { 'circle-radius': 9, 'circle-color': 'rgba(11, 61, 145, 0.25)', 'circle-stroke-color': '#0b3d91', 'circle-stroke-width': 2 },
      });
      map.addLayer({
        id: 'pending-focus',
        type: 'circle',
        source: sourceId,
        filter: ['==', ['get', 'code'], ''],
        paint: { 'circle-radius': 14, 'circle-color': 'rgba(0, 0, 0, 0)', 'circle-stroke-color': '#b3261e', 'circle-stroke-width': 3 },
      });
      map.addLayer({
        id: 'pending-points',
        type: 'circle',
        source: sourceId,
        paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 2.5, 16, 5], 'circle-color': '#c9a227', 'circle-stroke-color': '#5b4500', 'circle-stroke-width': 1 },
      });
      setLabelLocale(map, locale);
      void Promise.all([loader.load(1), loader.load(2)]).catch(() => undefined);
      setLoaded(true);
    });
    map.on('moveend', () => void loader.loadForZoom(map.getZoom()).catch(() => undefined));
    map.on('click', 'pending-points', (event) => {
      const code = event.features?.[0]?.properties?.code;
      if (typeof code === 'string') onToggleRef.current(code);
    });
    map.on('mouseenter', 'pending-points', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'pending-points', () => (map.getCanvas().style.cursor = ''));
    return () => {
      loader.destroy();
      map.remove();
      mapRef.current = null;
    };
    // the map is made once; locale and data follow in the effects below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (map && loaded) setLabelLocale(map, locale);
  }, [locale, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    (map.getSource(sourceId) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: components.map((c) => ({ type: 'Feature', geometry: c.geometry as GeoJSON.Point, properties: { code: c.properties.code } })),
    });
    if (components.length > 0 && !fitted.current) {
      fitted.current = true;
      const bounds = new LngLatBounds();
      for (const c of components) bounds.extend(c.geometry.coordinates as [number, number]);
      map.fitBounds(bounds, { padding: 30, maxZoom: 16, animate: false });
    }
  }, [components, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && loaded) map.setFilter('pending-selected', ['in', ['get', 'code'], ['literal', [...selected]]]);
  }, [selected, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !focus) return;
    map.flyTo({ center: focus.geometry.coordinates as [number, number], zoom: Math.max(map.getZoom(), 16) });
    map.setFilter('pending-focus', ['==', ['get', 'code'], focus.properties.code]);
  }, [focus, loaded]);

  return <div ref={containerRef} className="pending-map" style={offlineMapBackground} data-testid="pending-map" data-map-loaded={String(loaded)} data-focus={focus?.properties.code} role="region" aria-label={td(locale, 'mapLabel')} lang="zh-CN" />;
}
