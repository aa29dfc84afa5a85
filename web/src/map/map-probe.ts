/**
 * `window.__civicgrid`: a read-only window onto the live map for browser tests and for debugging
 * from the console (`__civicgrid.map.getZoom()`). Nothing in the app reads it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GridLevel } from '../api/client.ts';
import type { Locale } from '../i18n.ts';
import { labelLayerId, lineLayerId } from './grid-layers.ts';
import type { SkySkipping } from './transparent-sky.ts';

export interface MapProbe {
  map: MapLibreMap;
  /** The language the labels are drawn in. */
  locale(): Locale;
  /** The label texts MapLibre has placed for a level in the current view. */
  renderedLabels(level: GridLevel): string[];
  /** How many boundary features of a level are drawn in the current view. */
  renderedGrids(level: GridLevel): number;
  /** The switch of the transparent sky's skipping (see transparent-sky.ts). */
  sky: SkySkipping;
}

declare global {
  interface Window {
    __civicgrid?: MapProbe;
  }
}

export function exposeMapProbe(map: MapLibreMap, locale: () => Locale, sky: SkySkipping): () => void {
  window.__civicgrid = {
    map,
    locale,
    sky,
    renderedLabels(level) {
      if (!map.getLayer(labelLayerId(level))) return [];
      return map
        .queryRenderedFeatures({ layers: [labelLayerId(level)] })
        .map((feature) => formattedText((feature.layer.layout as Record<string, unknown> | undefined)?.['text-field']));
    },
    renderedGrids(level) {
      const ids = new Set(map.queryRenderedFeatures({ layers: [lineLayerId(level)] }).map((feature) => feature.id));
      return ids.size;
    },
  };
  return () => {
    if (window.__civicgrid?.map === map) delete window.__civicgrid;
  };
}

// a queried feature carries its evaluated layout: text-field is a Formatted value with sections
function formattedText(value: unknown): string {
  if (typeof value === 'string') return value;
  const sections = (value as { sections?: { text: string }[] } | undefined)?.sections;
  return sections ? sections.map((section) => section.text).join('') : String(value ?? '');
}
