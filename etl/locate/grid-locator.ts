/**
 * Finds the base grid (基础网格) that holds a point: a flatbush index over the grids' bounding
 * boxes narrows the search to a few candidates, then an exact point-in-polygon test decides.
 * A point on a shared edge goes to the grid with the lowest code, so the answer is stable.
 */
import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface LocatableGrid {
  id: number;
  code: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * @example
 * const locator = new GridLocator(baseGrids);
 * locator.locate([120.61, 31.25])?.code; // '32050600100101'
 */
export class GridLocator {
  private readonly grids: LocatableGrid[];
  private readonly index: Flatbush;

  constructor(grids: LocatableGrid[]) {
    this.grids = [...grids].sort((a, b) => a.code.localeCompare(b.code));
    this.index = new Flatbush(Math.max(this.grids.length, 1));
    for (const grid of this.grids) {
      const [minX, minY, maxX, maxY] = bbox(grid.geometry);
      this.index.add(minX, minY, maxX, maxY);
    }
    if (this.grids.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  /** The grid holding the point, or undefined when it lies in none. */
  locate(point: Position): LocatableGrid | undefined {
    const [x, y] = point as [number, number];
    const candidates = this.index.search(x, y, x, y).sort((a, b) => a - b);
    for (const i of candidates) {
      const grid = this.grids[i];
      if (grid && booleanPointInPolygon(point, grid.geometry)) return grid;
    }
    return undefined;
  }
}

function bbox(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x! < minX) minX = x!;
      if (x! > maxX) maxX = x!;
      if (y! < minY) minY = y!;
      if (y! > maxY) maxY = y!;
    }
  }
  return [minX, minY, maxX, maxY];
}
