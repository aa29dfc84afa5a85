/**
 * The full-screen grid map. Owns the MapLibre instance; everything it shows comes from the offline
 * style (grids and, with `components`, the components tileset), the grid loader and, when one is
 * chosen, an online basemap under them, in whose datum it then draws (see display-shift.ts). It
 * reports back plain state (loaded counts, zoom) and hands the instance to `onMap` for the page's
 * interactions.
 */
import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, type VectorTileSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../map/maplibre-worker.ts';
import { t, type Locale } from '../i18n.ts';
import { basemapShift, setBasemap, withBasemap, type Basemap } from '../map/basemap-layers.ts';
import { addComponentIcons } from '../map/component-icons.ts';
import { componentSourceId, componentSourceUrl } from '../map/component-layers.ts';
import { boundsToDisplay } from '../map/display-shift.ts';
import { collectionBounds, type Bounds } from '../map/grid-bounds.ts';
import { setLabelLocale } from '../map/grid-layers.ts';
import { createGridLoader, type GridLoader, type GridLoadState } from '../map/grid-loader.ts';
import { exposeMapProbe } from '../map/map-probe.ts';
import { offlineMapBackground, offlineStyle } from '../map/offline-style.ts';
import { skipTransparentSky } from '../map/transparent-sky.ts';

/** Where the map opens before the district is loaded: Wuzhong, the reference district. */
const initialBounds: Bounds = [120.25, 30.95, 120.95, 31.33];
const fitPadding = { top: 40, bottom: 40, left: 40, right: 40 };

export interface MapViewProps {
  locale: Locale;
  onGridState(state: GridLoadState): void;
  /** The district's names, once level 1 is loaded. */
  onDistrict(names: { name_zh: string; name_en: string }): void;
  onZoom(zoom: number): void;
  /** Draw the components tileset (vector tiles of this origin). */
  components?: boolean;
  /** Receives the map once its style is loaded, and null when it is removed. */
  onMap?(map: MapLibreMap | null): void;
  /** Called once the first view is loaded and drawn (`data-map-ready`). */
  onReady?(): void;
  /** An online basemap to draw under the map; the map then draws in its datum. Default: none. */
  basemap?: Basemap | null;
}

export function MapView({ locale, onGridState, onDistrict, onZoom, components = false, onMap, onReady, basemap = null }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const styleLoaded = useRef(false);
  const localeRef = useRef(locale);
  const callbacks = useRef({ onGridState, onDistrict, onZoom, onMap, onReady });
  callbacks.current = { onGridState, onDistrict, onZoom, onMap, onReady };
  const withComponents = useRef(components);
  const loaderRef = useRef<GridLoader | undefined>(undefined);
  /** The basemap the map draws; the first one is in its initial style. */
  const drawnBasemap = useRef(basemap);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // a `#zoom/lat/lng` link decides the view; otherwise the district is fitted once loaded
    // (`?component=<code>` on the map page flies to a component instead)
    const openedFromLink = /^#\d/.test(window.location.hash) || (withComponents.current && new URLSearchParams(window.location.search).has('component'));

    const shift = basemapShift(drawnBasemap.current);
    const map = new MapLibreMap({
      container,
      style: withBasemap(offlineStyle(localeRef.current, withComponents.current ? { componentsFrom: window.location.origin, datum: shift.datum } : {}), drawnBasemap.current),
      hash: true,
      // shift-drag selects components on the map page (see use-box-select.ts), it does not zoom
      boxZoom: !withComponents.current,
      bounds: initialBounds,
      fitBoundsOptions: { padding: fitPadding },
      maxZoom: 19,
      // no label fade: each fade is 300 ms of repainting, and a frame costs a software-rendered
      // client (no GPU) up to 200 ms of its main thread, which a click then waits behind
      fadeDuration: 0,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: { compact: true, customAttribution: 'civicgrid' },
    });
    mapRef.current = map;
    const sky = skipTransparentSky(map);
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');

    const loader = createGridLoader(map, (state) => callbacks.current.onGridState(state), shift);
    loaderRef.current = loader;
    // the grids this view needs are fetched now, alongside the style and the first tiles, not after them
    const gridsForView = Promise.all([loader.load(1), loader.load(2), loader.loadForZoom(map.getZoom())]);
    gridsForView.catch(() => undefined); // failures are reported through onGridState
    const hideProbe = exposeMapProbe(map, () => localeRef.current, sky);
    let userMoved = false;

    map.on('movestart', (event) => {
      if (event.originalEvent) userMoved = true;
    });
    map.on('zoom', () => callbacks.current.onZoom(map.getZoom()));
    map.on('moveend', () => {
      loader.loadForZoom(map.getZoom()).catch(() => undefined); // failures are reported through onGridState
    });
    // the district fitted as soon as its extent is known, before the first tiles are laid out (a fit
    // once the map had loaded changed the zoom, and the whole view was loaded a second time)
    loader
      .load(1)
      .then((district) => {
        const first = district.features[0]?.properties;
        if (first) callbacks.current.onDistrict({ name_zh: first.name_zh, name_en: first.name_en });
        const bounds = collectionBounds(district);
        if (bounds && !openedFromLink && !userMoved) map.fitBounds(boundsToDisplay(basemapShift(drawnBasemap.current), bounds), { padding: fitPadding, animate: false });
      })
      .catch(() => undefined); // failures are reported through onGridState
    // the component symbols are drawn in the browser: registered before the first tile is laid
    // out (added after, they would send every tile back to the worker for a second layout)
    if (withComponents.current) addComponentIcons(map);
    map.on('styleimagemissing', () => addComponentIcons(map));
    map.on('load', () => {
      styleLoaded.current = true;
      setLabelLocale(map, localeRef.current);
      callbacks.current.onMap?.(map);
      callbacks.current.onZoom(map.getZoom());
      // ready = everything this view needs is loaded and drawn
      Promise.all([gridsForView, loader.loadForZoom(map.getZoom())])
        .then(() =>
          map.once('idle', () => {
            setReady(true);
            callbacks.current.onReady?.();
          }),
        )
        .catch(() => undefined);
    });

    return () => {
      callbacks.current.onMap?.(null);
      hideProbe();
      loader.destroy();
      loaderRef.current = undefined;
      // map.remove() clears the URL hash; keep the view there so a remount (StrictMode mounts
      // twice in development) reopens at the same place
      const hash = window.location.hash;
      map.remove();
      if (hash) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
      mapRef.current = null;
      styleLoaded.current = false;
    };
  }, []);

  // another basemap: put it under the map and redraw the grids and components in its datum
  useEffect(() => {
    const map = mapRef.current;
    if (!map || sameBasemap(basemap, drawnBasemap.current)) return;
    const apply = () => {
      const before = basemapShift(drawnBasemap.current);
      drawnBasemap.current = basemap;
      setBasemap(map, basemap);
      const shift = basemapShift(basemap);
      loaderRef.current?.setShift(shift);
      if (shift !== before) (map.getSource(componentSourceId) as VectorTileSource | undefined)?.setUrl(componentSourceUrl(window.location.origin, shift.datum));
    };
    if (styleLoaded.current) apply();
    else map.once('load', apply);
    return () => void map.off('load', apply);
  }, [basemap]);

  useEffect(() => {
    localeRef.current = locale;
    const map = mapRef.current;
    if (map && styleLoaded.current) setLabelLocale(map, locale);
  }, [locale]);

  return (
    <div
      ref={containerRef}
      className="map-view"
      data-testid="map"
      data-map-ready={ready ? 'true' : 'false'}
      data-locale={locale}
      // glyphs drawn locally take their CJK forms from the container's language
      lang="zh-CN"
      // the district's colour under the (transparent) map canvas: see grid-layers.ts
      style={offlineMapBackground}
      role="region"
      aria-label={t(locale, 'mapLabel')}
    />
  );
}

function sameBasemap(a: Basemap | null, b: Basemap | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}
