/**
 * Fetches the grid levels into the map's sources as the zoom calls for them: district and towns
 * at once, communities and base grids once the map comes near the zoom where they are drawn.
 * Holds no UI: it reports what it has loaded through `onChange`.
 */
import type { Feature } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { getDistrictOutside, getGrids, type GridCollection, type GridLevel } from '../api/client.ts';
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
  /** Loads one level (once) and resolves with its features. */
  load(level: GridLevel): Promise<GridCollection>;
  destroy(): void;
}

export function createGridLoader(map: MapLibreMap, onChange: (state: GridLoadState) => void): GridLoader {
  const requests = new Map<GridLevel, Promise<GridCollection>>();
  const abort = new AbortController();
  const state: GridLoadState = { counts: {} };
  const failures = new Map<GridLevel, string>();
  /** The polygons in the grid source, by level (the outside as level 0). */
  const drawn = new Map<number, Feature[]>();

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
      // one source holds every level (see grid-layers.ts); the map may have been removed while the request was in flight
      (map.getSource(gridSourceId) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: [...drawn.keys()].sort((a, b) => a - b).flatMap((key) => drawn.get(key)!) });

      const labelSource = map.getSource(labelSourceId(level)) as GeoJSONSource | undefined;
      if (labelSource) {
        // labels leave out the parent's name, so they wait for the parent level (fetched alongside)
        const parents = level > 1 ? await load((level - 1) as GridLevel).catch(() => undefined) : undefined;
        if (abort.signal.aborted) return grids;
        const parentsByCode = new Map(parents?.features.map((parent) => [parent.properties.code, parent.properties]));
        const points = labelPoints(grids);
        for (const point of points.features) {
          const parentCode = point.properties.parent_code;
          point.properties = withShortNames(point.properties, parentCode ? parentsByCode.get(parentCode) : undefined);
        }
        labelSource.setData(points);
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
    destroy() {
      abort.abort();
    },
  };
}
