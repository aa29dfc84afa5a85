import { readFile } from 'node:fs/promises';
import type { SeededRandom } from './seeded-random.ts';

/** A grid feature as `data/grids/wuzhong-grids.geojson` holds it (level 4 = base grid, 基础网格). */
interface GridFeature {
  type: 'Feature';
  properties: { code: string; level: number; parent_code?: string | null; name_zh?: string; name_en?: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/** A base grid prepared for sampling: every ring flattened to [x0, y0, x1, y1, …]. */
export interface BaseGrid {
  code: string;
  nameZh: string;
  rings: Float64Array[];
  bbox: [minX: number, minY: number, maxX: number, maxY: number];
}

/** A sampled location: lon/lat (CGCS2000 ≈ WGS84) and the index of the base grid it fell in. */
export interface GridSample {
  lon: number;
  lat: number;
  gridIndex: number;
}

const MAX_TRIES = 10_000;

/**
 * Picks base grids uniformly and points uniformly inside them (rejection sampling in the grid's
 * bounding box). Grids are drawn with equal weight rather than by area: base grids are cut to
 * similar workloads, so small urban grids end up dense and large rural ones sparse, as in a real
 * census.
 *
 * @example
 * const sampler = await BaseGridSampler.load('data/grids/wuzhong-grids.geojson');
 * const { lon, lat, gridIndex } = sampler.sample(random);
 */
export class BaseGridSampler {
  constructor(readonly grids: readonly BaseGrid[]) {
    if (grids.length === 0) throw new Error('no base grids (level 4) to sample from');
  }

  /** Reads a grid GeoJSON FeatureCollection and keeps its level-4 polygons. */
  static async load(path: string): Promise<BaseGridSampler> {
    const collection = JSON.parse(await readFile(path, 'utf8')) as { features: GridFeature[] };
    return new BaseGridSampler(collection.features.filter((f) => f.properties.level === 4).map(prepareGrid));
  }

  /** A uniform point inside a uniformly chosen base grid. */
  sample(random: SeededRandom): GridSample {
    const gridIndex = random.int(this.grids.length);
    const grid = this.grids[gridIndex]!;
    const [minX, minY, maxX, maxY] = grid.bbox;
    for (let i = 0; i < MAX_TRIES; i++) {
      const lon = minX + random.next() * (maxX - minX);
      const lat = minY + random.next() * (maxY - minY);
      if (pointInRings(lon, lat, grid.rings)) return { lon, lat, gridIndex };
    }
    throw new Error(`could not sample a point inside base grid ${grid.code}`);
  }
}

/**
 * Even-odd point-in-polygon over all rings, so holes and multipolygon parts need no special case
 * (parts of one grid do not overlap).
 */
export function pointInRings(x: number, y: number, rings: readonly Float64Array[]): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const xi = ring[i]!;
      const yi = ring[i + 1]!;
      const xj = ring[j]!;
      const yj = ring[j + 1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function prepareGrid(feature: GridFeature): BaseGrid {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const rings = polygons.flat().map((ring) => Float64Array.from(ring.flatMap(([x, y]) => [x!, y!])));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      minX = Math.min(minX, ring[i]!);
      maxX = Math.max(maxX, ring[i]!);
      minY = Math.min(minY, ring[i + 1]!);
      maxY = Math.max(maxY, ring[i + 1]!);
    }
  }
  return { code: feature.properties.code, nameZh: feature.properties.name_zh ?? '', rings, bbox: [minX, minY, maxX, maxY] };
}
