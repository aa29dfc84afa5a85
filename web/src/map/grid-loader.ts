/**
 * Fetches the grid levels into the map's sources as the zoom calls for them: district and towns
 * at once, communities and base grids once the map comes near the zoom where they are drawn.
 * Keeps what it fetched (WGS84) and draws it in the map's datum, again when that changes (see
 * display-shift.ts). Holds no UI: it reports what it has loaded through `onChange`.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { getDistrictOutside, getGrids, type GridCollection, type GridLevel } from '../api/client.ts';
import { noShift, type DisplayShift } from './display-shift.ts';
import { gridSourceId, labelSourceId, outsideLevel } from './grid-layers.ts';
import { gridLevels, townTints } from './grid-levels.ts';
import { labelPoints } from './label-points.ts';
import { withShortNames } from './short-names.ts';
import { assignTownTints } from './town-tints.ts';

export interface GridLoadState {
  /** Feature count per level loaded so far. */
  counts: Partial<Record<GridLevel, number>>;
  /** The last failure, if any. */
  error?: string;
}

export interface GridLoader {
  /** Starts loading every level needed at this zoom; resolves with the collections fetched. */
  loadForZoom(zoom: number): Promise<GridCollection[]>;
  /** Loads one level (once) and resolves with its features (WGS84). */
  load(level: GridLevel): Promise<GridCollection>;
  /** Draws everything loaded, and what comes later, in this datum. */
  setShift(shift: DisplayShift): void;
  destroy(): void;
}

export function createGridLoader(map: MapLibreMap, onChange: (state: GridLoadState) => void, initialShift: DisplayShift = noShift): GridLoader {
  const requests = new Map<GridLevel, Promise<GridCollection>>();
  const abort = new AbortController();
  const state: GridLoadState = { counts: {} };
  const failures = new Map<GridLevel, string>();
  /** The polygons in the grid source, by level (the outside as level 0), in WGS84. */
  const drawn = new Map<number, Feature[]>();
  /** The label points of each level, in WGS84. */
  const labels = new Map<GridLevel, FeatureCollection<Point>>();
  let shift = initialShift;

  /** One source holds every level (see grid-layers.ts); the map may have been removed while a request was in flight. */
  function drawPolygons(): void {
    const features = [...drawn.keys()].sort((a, b) => a - b).flatMap((key) => drawn.get(key)!);
    (map.getSource(gridSourceId) as GeoJSONSource | undefined)?.setData(shift.geojson({ type: 'FeatureCollection', features }));
  }

  function drawLabels(level: GridLevel): void {
    const points = labels.get(level);
    if (points) (map.getSource(labelSourceId(level)) as GeoJSONSource | undefined)?.setData(shift.geojson(points));
  }

  function report(): void {
    state.error = failures.values().next().value;
    onChange({ ...state });
  }

  /** Resolves once the style has created its sources: a level may be fetched before the map has
   * finished loading its style, and its data waits for them (not for the map's first tiles). */
  function sourcesReady(): Promise<void> {
    if (map.getSource(gridSourceId)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!map.getSource(gridSourceId) && !abort.signal.aborted) return;
        map.off('styledata', check);
        resolve();
      };
      map.on('styledata', check);
      abort.signal.addEventListener('abort', check);
    });
  }

  async function fetchLevel(level: GridLevel): Promise<GridCollection> {
    try {
      // with the district comes what lies outside it, which the map shades (see grid-layers.ts)
      const [grids, outside] = await Promise.all([getGrids(level, abort.signal), level === 1 ? getDistrictOutside(abort.signal) : undefined]);
      const shown = level === 2 ? assignTownTints(grids, townTints.length) : grids;
      await sourcesReady();
      drawn.set(level, shown.features);
      if (outside) drawn.set(outsideLevel, outside.features.map((feature) => ({ ...feature, properties: { level: outsideLevel } })));
      drawPolygons();

      if (map.getSource(labelSourceId(level))) {
        // labels leave out the parent's name, so they wait for the parent level (fetched alongside)
        const parents = level > 1 ? await load((level - 1) as GridLevel).catch(() => undefined) : undefined;
        if (abort.signal.aborted) return grids;
        const parentsByCode = new Map(parents?.features.map((parent) => [parent.properties.code, parent.properties]));
        const points = labelPoints(grids);
        for (const point of points.features) {
          const parentCode = point.properties.parent_code;
          point.properties = withShortNames(point.properties, parentCode ? parentsByCode.get(parentCode) : undefined);
        }
        labels.set(level, points);
        drawLabels(level);
      }
      state.counts = { ...state.counts, [level]: grids.features.length };
      failures.delete(level);
      report();
      return grids;
    } catch (error) {
      requests.delete(level); // let a later move retry
      if (!abort.signal.aborted) {
        failures.set(level, error instanceof Error ? error.message : String(error));
        report();
      }
      throw error;
    }
  }

  function load(level: GridLevel): Promise<GridCollection> {
    let request = requests.get(level);
    if (!request) {
      request = fetchLevel(level);
      requests.set(level, request);
    }
    return request;
  }

  return {
    load,
    loadForZoom(zoom) {
      const due = gridLevels.filter((style) => zoom >= style.prefetchZoom).map((style) => load(style.level));
      return Promise.all(due);
    },
    setShift(next) {
      if (next === shift) return;
      shift = next;
      drawPolygons();
      for (const level of labels.keys()) drawLabels(level);
    },
    destroy() {
      abort.abort();
    },
  };
}
