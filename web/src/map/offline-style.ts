/**
 * The default map style: fully offline. No tiles, sprites, fonts or scripts are fetched from
 * anywhere; the only data is the grid hierarchy from our own api. Labels are drawn from local
 * fonts (see label-fonts.ts), which is why the style has no `glyphs` URL.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { Locale } from '../i18n.ts';
import { gridLayers, gridSources } from './grid-layers.ts';
import { mapColors } from './grid-levels.ts';

/** The whole default style, with grid labels in `locale`. */
export function offlineStyle(locale: Locale): StyleSpecification {
  return {
    version: 8,
    name: 'civicgrid offline',
    // deliberately no `glyphs` and no `sprite`: nothing to fetch, labels come from local fonts
    sources: gridSources(),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': mapColors.background } }, ...gridLayers(locale)],
  };
}
