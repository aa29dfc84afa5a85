/**
 * The deck.gl overlay over the MapLibre map (MapboxOverlay, overlaid on its own canvas): rings
 * round the selected components and the open card's component, unfinished cases (overdue ones in
 * red) and a heatmap of the cases. Loaded on demand (see use-deck-overlay.ts), so deck.gl is not
 * part of the first map render.
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';

export interface CasePoint {
  id: number;
  number: string;
  position: [number, number];
  overdue: boolean;
  caseClass: string;
}

export interface OverlayContent {
  /** lon/lat of the components to ring */
  highlights: [number, number][];
  cases: CasePoint[];
  showCases: boolean;
  showHeatmap: boolean;
}

export interface DeckOverlay {
  update(content: OverlayContent): void;
  remove(): void;
}

type Rgba = [number, number, number, number];
const overdueColor: Rgba = [220, 38, 38, 230];
const openColor: Rgba = [234, 138, 12, 220];
const highlightColor: Rgba = [250, 204, 21, 255];

export function createDeckOverlay(map: MapLibreMap): DeckOverlay {
  const overlay = new MapboxOverlay({ interleaved: false, layers: [] });
  // MapboxOverlay implements the mapbox-gl IControl, which MapLibre's matches at runtime
  map.addControl(overlay as unknown as IControl);
  return {
    update({ highlights, cases, showCases, showHeatmap }) {
      // a hidden layer is left out, not made invisible: deck.gl would still build and update it, and
      // the heatmap's aggregation costs a software-rendered client seconds on every new set of cases
      const layers: Layer[] = [];
      if (showHeatmap && cases.length > 0) {
        layers.push(
          new HeatmapLayer<CasePoint>({
            id: 'case-heatmap',
            data: cases,
            getPosition: (c) => c.position,
            getWeight: (c) => (c.overdue ? 2 : 1),
            radiusPixels: 40,
            intensity: 1.2,
            threshold: 0.05,
          }),
        );
      }
      if (showCases && cases.length > 0) {
        layers.push(
          new ScatterplotLayer<CasePoint>({
            id: 'open-cases',
            data: cases,
            getPosition: (c) => c.position,
            getFillColor: (c) => (c.overdue ? overdueColor : openColor),
            getLineColor: [255, 255, 255, 255],
            stroked: true,
            lineWidthMinPixels: 1.5,
            radiusUnits: 'pixels',
            getRadius: (c) => (c.overdue ? 7 : 5.5),
            updateTriggers: { getFillColor: cases.length },
          }),
        );
      }
      if (highlights.length > 0) {
        layers.push(
          new ScatterplotLayer<[number, number]>({
            id: 'selection-highlights',
            data: highlights,
            getPosition: (p) => p,
            filled: false,
            stroked: true,
            getLineColor: highlightColor,
            lineWidthMinPixels: 3,
            radiusUnits: 'pixels',
            getRadius: 12,
          }),
        );
      }
      overlay.setProps({ layers });
    },
    remove() {
      map.removeControl(overlay as unknown as IControl);
      overlay.finalize();
    },
  };
}
