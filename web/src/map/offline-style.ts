/**
 * The default map style: fully offline. No tiles, sprites, fonts or scripts are fetched from
 * anywhere; the only data is the grid hierarchy from our own api. Labels are drawn from local
 * fonts (see label-fonts.ts), which is why the style has no `glyphs` URL. It has no background
 * layer either: the map container's background is the district's colour (see grid-layers.ts).
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { Locale } from '../i18n.ts';
import { aggregateCircleLayers, aggregateLabelLayers, componentLayers, componentSource, componentSourceId } from './component-layers.ts';
import type { DisplayDatum } from './display-shift.ts';
import { gridLayers, gridSources } from './grid-layers.ts';
import { mapColors } from './grid-levels.ts';

/** The background of a map container drawing this style, which has no background layer: the
 * district's colour, the outside being shaded over it (see grid-layers.ts). */
export const offlineMapBackground = { background: mapColors.district } as const;

/**
 * The whole default style, with grid labels in `locale`. Given `origin`, it also draws the
 * components tileset of that (same) origin between the grid boundaries and their labels, in
 * `datum` (default WGS84; see display-shift.ts).
 */
export function offlineStyle(locale: Locale, options: { componentsFrom?: string; datum?: DisplayDatum } = {}): StyleSpecification {
  const grids = gridLayers(locale);
  const firstLabel = grids.findIndex((layer) => layer.type === 'symbol');
  const boundaries = firstLabel < 0 ? grids : grids.slice(0, firstLabel);
  const labels = firstLabel < 0 ? [] : grids.slice(firstLabel);
  const origin = options.componentsFrom;
  return {
    version: 8,
    name: 'civicgrid offline',
    // deliberately no `glyphs` and no `sprite`: nothing to fetch, labels come from local fonts
    // (the component symbols are drawn in the browser, see component-icons.ts)
    sources: { ...gridSources(), ...(origin ? { [componentSourceId]: componentSource(origin, options.datum) } : {}) },
    layers: [
      ...boundaries,
      ...(origin ? [...componentLayers(), ...aggregateCircleLayers()] : []),
      ...labels,
      ...(origin ? aggregateLabelLayers() : []),
    ],
  };
}
