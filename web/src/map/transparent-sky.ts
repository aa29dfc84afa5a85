/**
 * MapLibre draws the sky on every frame — a quad the size of the canvas, shaded pixel by pixel —
 * even when the style has none: its default sky is transparent everywhere, and a map that cannot
 * pitch never shows a horizon anyway. A GPU does not notice; a client without one (a virtual
 * desktop, headless Chromium: WebGL in software) spends 40–60 ms of a 140 ms frame on it at
 * 1140 × 752, and a click waits behind a frame (MapLibre repaints on every mouseup). This map's
 * painter skips the sky while all of its colours are transparent; a visible sky (setSky) is drawn
 * as before. The map's browser test checks that skipping it changes no pixel.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

type DrawFunctions = MapLibreMap['painter']['drawFunctions'];
type Sky = Parameters<DrawFunctions['sky']>[1]['data']['sky'];

/** Whether the transparent sky is skipped (on unless a test compares frames with and without). */
export interface SkySkipping {
  enabled: boolean;
}

export function skipTransparentSky(map: MapLibreMap): SkySkipping {
  const skipping = { enabled: true };
  const { painter } = map;
  const drawSky = painter.drawFunctions.sky;
  // a copy: the draw functions MapLibre starts from are shared by every map on the page
  painter.drawFunctions = {
    ...painter.drawFunctions,
    sky: (mesh, context) => {
      if (!skipping.enabled || !isTransparent(context.data.sky)) drawSky(mesh, context);
    },
  };
  return skipping;
}

/** Whether drawing the sky would leave every pixel as it was. */
export function isTransparent(sky: Sky): boolean {
  return !sky || (sky['sky-color'].a === 0 && sky['horizon-color'].a === 0 && sky['fog-color'].a === 0);
}
