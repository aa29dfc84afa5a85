/**
 * Sources and layers that draw the grid hierarchy: the land outside the district, town tints,
 * boundaries by level (district thick … base grid hairline, appearing by zoom) and name labels
 * (towns, then communities, then base grids as you zoom in). The data arrives later through
 * `setData` (see grid-loader.ts).
 *
 * Few layers cover the whole screen. A client without a GPU shades every pixel of every fill in
 * software, and a click waits behind a frame (MapLibre repaints on mouseup): the district colour is
 * the map container's background (see MapView.tsx), not a background layer and a district fill; the
 * outside (GET /api/grids/outside: the world minus the district) is a fill with no pixel in view
 * once zoomed into the district; the town tints step back by street level, where one town fills the screen anyway.
 */
import type {
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { GridLevel } from '../api/client.ts';
import { nameField, type Locale } from '../i18n.ts';
import { gridLevels, mapColors, townTints, type GridLevelStyle } from './grid-levels.ts';
import { labelFonts } from './label-fonts.ts';

/** Every polygon the grid layers draw, one source for all levels (see gridSources). */
export const gridSourceId = 'grids';
export const labelSourceId = (level: GridLevel) => `grid-${level}-labels`;
export const fillLayerId = (level: GridLevel) => `grid-${level}-fill`;
export const lineLayerId = (level: GridLevel) => `grid-${level}-line`;
export const labelLayerId = (level: GridLevel) => `grid-${level}-label`;
/** The `level` of the feature that is the world outside the district (GET /api/grids/outside). */
export const outsideLevel = 0;

const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** Zoom from which the towns are no longer tinted. */
const townTintMaxzoom = 16;

/**
 * One polygon source for the outside and every level (told apart by `level`), and one point source
 * per labelled level, empty until loaded. One source, not one per level: MapLibre masks the tiles
 * of a source in the stencil buffer again each time the layers it draws switch source — a pass
 * over the whole screen, a third of a frame in software for the four levels' fills and lines.
 */
export function gridSources(): Record<string, GeoJSONSourceSpecification> {
  // promoteId lets queryRenderedFeatures and feature-state address a grid by its database id
  const sources: Record<string, GeoJSONSourceSpecification> = { [gridSourceId]: { type: 'geojson', data: emptyCollection, promoteId: 'id' } };
  for (const { level, label } of gridLevels) {
    if (label) sources[labelSourceId(level)] = { type: 'geojson', data: emptyCollection, promoteId: 'id' };
  }
  return sources;
}

/** The grid layers, bottom to top: the outside, fills, boundaries (finest first), labels (finest first). */
export function gridLayers(locale: Locale): LayerSpecification[] {
  const finestFirst = [...gridLevels].reverse();
  return [
    {
      id: 'district-outside-fill',
      type: 'fill',
      source: gridSourceId,
      filter: ofLevel(outsideLevel),
      paint: { 'fill-color': mapColors.background },
    },
    {
      id: fillLayerId(2),
      type: 'fill',
      source: gridSourceId,
      filter: ofLevel(2),
      maxzoom: townTintMaxzoom,
      paint: {
        'fill-color': townTintExpression(),
        // tints step back once finer boundaries need the contrast, and are gone by street level
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 10, 1, 15, 0.55, townTintMaxzoom, 0],
      },
    },
    ...finestFirst.filter((style) => style.level !== 1).map(lineLayer),
    {
      id: 'grid-1-halo',
      type: 'line',
      source: gridSourceId,
      filter: ofLevel(1),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': mapColors.districtHalo, 'line-width': widthByZoom(7), 'line-opacity': 0.7, 'line-blur': 2 },
    },
    lineLayer(gridLevels[0]!),
    ...finestFirst.flatMap((style) => (style.label ? [labelLayer(style, locale)] : [])),
  ];
}

function ofLevel(level: number): ExpressionSpecification {
  return ['==', ['get', 'level'], level];
}

/** Switches every label layer to the names of `locale`. */
export function setLabelLocale(map: MapLibreMap, locale: Locale): void {
  for (const { level, label } of gridLevels) {
    if (!label || !map.getLayer(labelLayerId(level))) continue;
    map.setLayoutProperty(labelLayerId(level), 'text-field', labelText(locale));
    map.setLayoutProperty(labelLayerId(level), 'text-letter-spacing', letterSpacing(level, locale));
  }
}

function lineLayer(style: GridLevelStyle): LayerSpecification {
  const fadeIn: ExpressionSpecification | number =
    style.lineMinzoom > 0 ? ['interpolate', ['linear'], ['zoom'], style.lineMinzoom, 0, style.lineMinzoom + 1, 1] : 1;
  return {
    id: lineLayerId(style.level),
    type: 'line',
    source: gridSourceId,
    filter: ofLevel(style.level),
    minzoom: style.lineMinzoom,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': style.lineColor,
      'line-width': widthByZoom(style.lineWidth),
      'line-opacity': fadeIn,
    },
  };
}

function labelLayer(style: GridLevelStyle, locale: Locale): SymbolLayerSpecification {
  const label = style.label!;
  return {
    id: labelLayerId(style.level),
    type: 'symbol',
    source: labelSourceId(style.level),
    minzoom: label.minzoom,
    maxzoom: label.maxzoom,
    layout: {
      'text-field': labelText(locale),
      'text-font': label.bold ? labelFonts.bold : labelFonts.regular,
      'text-size': ['interpolate', ['linear'], ['zoom'], label.minzoom, label.size, label.minzoom + 3, label.size + 2],
      'text-letter-spacing': letterSpacing(style.level, locale),
      'text-max-width': 8,
      'text-padding': 6,
    },
    paint: {
      'text-color': label.color,
      'text-halo-color': mapColors.labelHalo,
      'text-halo-width': 1.6,
      'text-halo-blur': 0.4,
    },
  };
}

function labelText(locale: Locale): ExpressionSpecification {
  // the short label (short-names.ts) where there is one; a grid without an English name still
  // shows its Chinese one
  return ['coalesce', ['get', `label_${locale}`], ['get', nameField(locale)], ['get', 'label_zh'], ['get', 'name_zh']];
}

// spaced-out town names are the cartographic convention for areas in Chinese maps
function letterSpacing(level: GridLevel, locale: Locale): number {
  return level === 2 && locale === 'zh' ? 0.2 : 0.02;
}

function widthByZoom(width: number): ExpressionSpecification {
  return ['interpolate', ['exponential', 1.4], ['zoom'], 8, width * 0.7, 11, width, 16, width * 1.8];
}

function townTintExpression(): ExpressionSpecification {
  const cases = townTints.flatMap((color, index) => [index, color]);
  // the spec's tuple type cannot describe a match built from a list
  return ['match', ['get', 'tint'], ...cases, townTints[0]!] as unknown as ExpressionSpecification;
}
