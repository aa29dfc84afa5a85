/**
 * An online basemap under the map (Settings → Basemap): raster tiles below every layer of the
 * style, with the label tiles some basemaps serve apart over them. The map has none by default:
 * the offline style needs no network (see offline-style.ts).
 */
import type { LayerSpecification, Map as MapLibreMap, RasterSourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { Schema } from '../api/api-client.ts';
import { displayShift, type DisplayShift } from './display-shift.ts';

export type Basemap = Schema<'Basemap'>;

const baseId = 'basemap';
const labelsId = 'basemap-labels';

function sources(basemap: Basemap): Record<string, RasterSourceSpecification> {
  const raster = (tiles: string[]): RasterSourceSpecification => ({ type: 'raster', tiles, tileSize: basemap.tile_size, maxzoom: basemap.maxzoom, attribution: basemap.attribution });
  return { [baseId]: raster(basemap.tiles), ...(basemap.labels ? { [labelsId]: { ...raster(basemap.labels), attribution: undefined } } : {}) };
}

function layers(basemap: Basemap): LayerSpecification[] {
  return [{ id: baseId, type: 'raster', source: baseId }, ...(basemap.labels ? [{ id: labelsId, type: 'raster', source: labelsId } as const] : [])];
}

/** The datum the map draws in over `basemap`: its own (none: WGS84, as stored). */
export function basemapShift(basemap: Basemap | null): DisplayShift {
  return displayShift(basemap?.datum ?? 'wgs84');
}

/** The style with the basemap under everything it draws. */
export function withBasemap(style: StyleSpecification, basemap: Basemap | null): StyleSpecification {
  if (!basemap) return style;
  return { ...style, sources: { ...sources(basemap), ...style.sources }, layers: [...layers(basemap), ...style.layers] };
}

/** Puts `basemap` under a loaded map's layers in place of the one it has (none: the offline map). */
export function setBasemap(map: MapLibreMap, basemap: Basemap | null): void {
  for (const id of [labelsId, baseId]) {
    if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(id)) map.removeSource(id);
  }
  if (!basemap) return;
  const below = map.getStyle().layers[0]?.id;
  for (const [id, source] of Object.entries(sources(basemap))) map.addSource(id, source);
  for (const layer of layers(basemap)) map.addLayer(layer, below);
}
