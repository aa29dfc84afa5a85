/**
 * Sources and layers that draw the components tileset (`/tiles/components.json`, same origin, the
 * session cookie travels with every tile): grid aggregates below z13 (circles sized by count, the
 * count as label), components from z13 coloured by major class, per-class symbols from z16.5, and
 * a red ring round components with an unfinished case.
 */
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap, VectorSourceSpecification } from 'maplibre-gl';
import { aggregateCount, componentFilter, type ComponentFilters } from './component-filters.ts';
import type { DisplayDatum } from './display-shift.ts';
import { labelFonts } from './label-fonts.ts';
import { majorClasses, otherMajorColor } from './major-classes.ts';

export const componentSourceId = 'components';

/** Layer ids, by what the layer switcher turns on and off together. */
export const componentLayerIds = {
  components: ['components-fill', 'components-line', 'components-open-ring', 'components-circle', 'components-symbol'],
  aggregates: ['aggregates-circle', 'aggregates-label'],
} as const;

/** The layer a click on a component is tested against. */
export const clickableComponentLayers = ['components-circle', 'components-symbol', 'components-line', 'components-fill'];

/** From this zoom the symbols replace the plain circles. */
export const symbolMinZoom = 16.5;
const componentMinZoom = 13;
const openCaseColor = '#dc2626';

/** The tileset's TileJSON, its tiles drawn in the map's datum (see display-shift.ts). */
export function componentSourceUrl(origin: string, datum: DisplayDatum): string {
  return `${origin}/tiles/components.json${datum === 'wgs84' ? '' : `?datum=${datum}`}`;
}

export function componentSource(origin: string, datum: DisplayDatum = 'wgs84'): VectorSourceSpecification {
  return { type: 'vector', url: componentSourceUrl(origin, datum) };
}

const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isLine: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
const isPolygon: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon'];
const hasOpenCase: ExpressionSpecification = ['==', ['get', 'open_case'], true];

/** Below the grid labels: component features. */
export function componentLayers(): LayerSpecification[] {
  const source = componentSourceId;
  const sourceLayer = 'components';
  return [
    {
      id: 'components-fill',
      type: 'fill',
      source,
      'source-layer': sourceLayer,
      minzoom: componentMinZoom,
      filter: isPolygon,
      paint: { 'fill-color': majorColor(), 'fill-opacity': 0.25, 'fill-outline-color': majorColor() },
    },
    {
      id: 'components-line',
      type: 'line',
      source,
      'source-layer': sourceLayer,
      minzoom: componentMinZoom,
      filter: isLine,
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': ['case', hasOpenCase, openCaseColor, majorColor()], 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1, 18, 3] },
    },
    {
      id: 'components-open-ring',
      type: 'circle',
      source,
      'source-layer': sourceLayer,
      minzoom: componentMinZoom,
      filter: ['all', isPoint, hasOpenCase],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 4.5, 16, 7, 16.5, 10, 19, 12],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': openCaseColor,
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'components-circle',
      type: 'circle',
      source,
      'source-layer': sourceLayer,
      minzoom: componentMinZoom,
      maxzoom: symbolMinZoom,
      filter: isPoint,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 2.2, 16, 4.5],
        'circle-color': majorColor(),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 13, 0.3, 16, 1],
      },
    },
    {
      id: 'components-symbol',
      type: 'symbol',
      source,
      'source-layer': sourceLayer,
      minzoom: symbolMinZoom,
      filter: isPoint,
      layout: {
        'icon-image': ['concat', 'major-', ['get', 'major']],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 16.5, 0.9, 19, 1.3],
      },
    },
  ];
}

const aggregateCountAll = aggregateCount({ majors: [], departments: [], ownership: [], openCasesOnly: false });
/** Aggregates sit just below their grid's name label, which stays on top and readable. */
const aggregateShift: [number, number] = [0, 18];

/** Below the grid labels: the aggregate circles. */
export function aggregateCircleLayers(): LayerSpecification[] {
  return [
    {
      id: 'aggregates-circle',
      type: 'circle',
      source: componentSourceId,
      'source-layer': 'component_aggregates',
      maxzoom: componentMinZoom,
      filter: ['>', aggregateCountAll, 0],
      paint: {
        'circle-radius': aggregateRadius(aggregateCountAll),
        'circle-color': '#1d5fd1',
        'circle-opacity': 0.7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-translate': aggregateShift,
      },
    },
  ];
}

/**
 * Above the grid labels: the counts. They never take a grid label's place (ignore-placement), so
 * the names are placed as without them.
 */
export function aggregateLabelLayers(): LayerSpecification[] {
  return [
    {
      id: 'aggregates-label',
      type: 'symbol',
      source: componentSourceId,
      'source-layer': 'component_aggregates',
      maxzoom: componentMinZoom,
      filter: ['>', aggregateCountAll, 0],
      layout: {
        'text-field': ['number-format', aggregateCountAll, {}],
        'text-font': labelFonts.bold,
        'text-size': 11,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(16, 40, 90, 0.6)', 'text-halo-width': 1, 'text-translate': aggregateShift },
    },
  ];
}

/** Applies the user's filters to the component and aggregate layers. */
export function applyComponentFilters(map: MapLibreMap, filters: ComponentFilters): void {
  const chosen = componentFilter(filters);
  const geometryFilters: Record<string, ExpressionSpecification> = {
    'components-fill': isPolygon,
    'components-line': isLine,
    'components-open-ring': ['all', isPoint, hasOpenCase],
    'components-circle': isPoint,
    'components-symbol': isPoint,
  };
  for (const [id, geometry] of Object.entries(geometryFilters)) {
    if (map.getLayer(id)) map.setFilter(id, chosen ? ['all', geometry, chosen] : geometry);
  }
  const count = aggregateCount(filters);
  if (map.getLayer('aggregates-circle')) {
    map.setFilter('aggregates-circle', ['>', count, 0]);
    map.setPaintProperty('aggregates-circle', 'circle-radius', aggregateRadius(count));
    map.setPaintProperty('aggregates-circle', 'circle-color', filters.openCasesOnly ? openCaseColor : aggregateColor(filters.majors));
  }
  if (map.getLayer('aggregates-label')) {
    map.setFilter('aggregates-label', ['>', count, 0]);
    map.setLayoutProperty('aggregates-label', 'text-field', ['number-format', count, {}]);
  }
}

/** Shows or hides a group of layers. A layer already so is left alone: MapLibre takes 'visible'
 * on a layer whose style left visibility out as a change, and lays out every tile of its source
 * again (the whole first view's tiles, a second time, on every page load). */
export function setLayerGroupVisible(map: MapLibreMap, ids: readonly string[], visible: boolean): void {
  const visibility = visible ? 'visible' : 'none';
  for (const id of ids) {
    if (map.getLayer(id) && (map.getLayoutProperty(id, 'visibility') ?? 'visible') !== visibility) map.setLayoutProperty(id, 'visibility', visibility);
  }
}

function majorColor(): ExpressionSpecification {
  const cases = majorClasses.flatMap((style) => [style.code, style.color]);
  // the spec's tuple type cannot describe a match built from a list
  return ['match', ['get', 'major'], ...cases, otherMajorColor] as unknown as ExpressionSpecification;
}

// area grows with the count, so the radius with its square root; capped so towns stay apart
function aggregateRadius(count: ExpressionSpecification): ExpressionSpecification {
  return ['min', 42, ['+', 8, ['*', 0.16, ['sqrt', count]]]];
}

function aggregateColor(majors: string[]): string {
  if (majors.length !== 1) return '#1d5fd1';
  return majorClasses.find((style) => style.code === majors[0])?.color ?? '#1d5fd1';
}

