/**
 * Predicates for geometry.outside_district: is a WGS84 position in the district? A bounding box
 * for a quick check, or the district outline (the level-1 grid) with a tolerance, since the
 * outline is approximate and components stand on the boundary roads. The outline test is a raster
 * of answers with ray casting only near the boundary: turf's point-to-polygon distance costs
 * milliseconds a call, far too much for 680,000 rows.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { METRES_PER_DEGREE } from './geometry-position.ts';

export type PositionPredicate = (lon: number, lat: number) => boolean;

/**
 * Inside a [west, south, east, north] box (edges included).
 *
 * @example
 * const inWuzhong = bboxPredicate([120.2, 30.9, 120.95, 31.4]);
 * inWuzhong(120.6, 31.2) // true
 */
export function bboxPredicate([west, south, east, north]: readonly [number, number, number, number]): PositionPredicate {
  return (lon, lat) => lon >= west && lon <= east && lat >= south && lat <= north;
}

/**
 * Inside a polygon (holes respected), or within `toleranceMetres` of its boundary. Positions
 * outside the grown bounding box are refused at once.
 *
 * @example
 * const district = grids.find((g) => g.properties.level === 1)!.geometry;
 * const inside = polygonPredicate(district, 50);
 * inside(120.6, 31.2) // true
 */
export function polygonPredicate(outline: Polygon | MultiPolygon, toleranceMetres = 0): PositionPredicate {
  const rings = (outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates).flatMap((polygon) =>
    polygon.map((ring) => Float64Array.from(ring.flatMap((p) => [p[0]!, p[1]!]))),
  );
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      west = Math.min(west, ring[i]!);
      east = Math.max(east, ring[i]!);
      south = Math.min(south, ring[i + 1]!);
      north = Math.max(north, ring[i + 1]!);
    }
  }
  const metresPerLon = METRES_PER_DEGREE * Math.cos((((south + north) / 2) * Math.PI) / 180);
  const box: [number, number, number, number] = [
    west - toleranceMetres / metresPerLon, south - toleranceMetres / METRES_PER_DEGREE,
    east + toleranceMetres / metresPerLon, north + toleranceMetres / METRES_PER_DEGREE,
  ];
  const exact = (lon: number, lat: number) =>
    insideRings(rings, lon, lat) || (toleranceMetres > 0 && distanceToRings(rings, lon, lat, metresPerLon) <= toleranceMetres);
  const cells = new CellAnswers(box, rings, toleranceMetres, metresPerLon, exact);
  const inBox = bboxPredicate(box);
  return (lon, lat) => inBox(lon, lat) && cells.answer(lon, lat);
}

const GRID = 128;

/**
 * A GRID × GRID raster over the bounding box: a cell no ring edge comes near (within the
 * tolerance) is wholly inside or wholly outside, answered by one test at its centre; only
 * positions in cells along the boundary run the exact test.
 */
class CellAnswers {
  /** 0: along the boundary, 1: inside, 2: outside. */
  private readonly cells = new Uint8Array(GRID * GRID);
  private readonly x0: number;
  private readonly y0: number;
  private readonly cellW: number;
  private readonly cellH: number;

  constructor(
    box: readonly [number, number, number, number],
    rings: readonly Float64Array[],
    toleranceMetres: number,
    metresPerLon: number,
    private readonly exact: (lon: number, lat: number) => boolean,
  ) {
    [this.x0, this.y0] = box;
    this.cellW = (box[2] - box[0]) / GRID || 1e-9;
    this.cellH = (box[3] - box[1]) / GRID || 1e-9;
    const mx = toleranceMetres / metresPerLon;
    const my = toleranceMetres / METRES_PER_DEGREE;
    const boundary = new Uint8Array(GRID * GRID);
    // walk each edge in steps of half a cell, marking the cells within the tolerance (plus half a
    // step) of each sample: every cell the edge or its tolerance band touches gets marked
    const step = Math.min(this.cellW, this.cellH) / 2;
    for (const r of rings) {
      for (let i = 2; i < r.length; i += 2) {
        const [ax, ay, bx, by] = [r[i - 2]!, r[i - 1]!, r[i]!, r[i + 1]!];
        const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
        for (let k = 0; k <= steps; k++) {
          const x = ax + ((bx - ax) * k) / steps;
          const y = ay + ((by - ay) * k) / steps;
          const [c0, c1] = [this.column(x - mx - step), this.column(x + mx + step)];
          const [w0, w1] = [this.row(y - my - step), this.row(y + my + step)];
          for (let c = c0; c <= c1; c++) for (let w = w0; w <= w1; w++) boundary[w * GRID + c] = 1;
        }
      }
    }
    for (let w = 0; w < GRID; w++) {
      for (let c = 0; c < GRID; c++) {
        const k = w * GRID + c;
        if (!boundary[k]) this.cells[k] = exact(this.x0 + (c + 0.5) * this.cellW, this.y0 + (w + 0.5) * this.cellH) ? 1 : 2;
      }
    }
  }

  answer(lon: number, lat: number): boolean {
    const cell = this.cells[this.row(lat) * GRID + this.column(lon)];
    return cell === 0 ? this.exact(lon, lat) : cell === 1;
  }

  private column(x: number): number {
    return Math.min(GRID - 1, Math.max(0, Math.floor((x - this.x0) / this.cellW)));
  }

  private row(y: number): number {
    return Math.min(GRID - 1, Math.max(0, Math.floor((y - this.y0) / this.cellH)));
  }
}

/** Even-odd ray casting over all rings: holes and the parts of a MultiPolygon come out right. */
function insideRings(rings: readonly Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
      const xi = r[i]!;
      const yi = r[i + 1]!;
      const xj = r[j]!;
      const yj = r[j + 1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Metres from a position to the nearest ring edge (local equirectangular frame). */
function distanceToRings(rings: readonly Float64Array[], lon: number, lat: number, metresPerLon: number): number {
  let best = Infinity;
  for (const r of rings) {
    for (let i = 2; i < r.length; i += 2) {
      const ax = (r[i - 2]! - lon) * metresPerLon;
      const ay = (r[i - 1]! - lat) * METRES_PER_DEGREE;
      const bx = (r[i]! - lon) * metresPerLon;
      const by = (r[i + 1]! - lat) * METRES_PER_DEGREE;
      const dx = bx - ax;
      const dy = by - ay;
      const length2 = dx * dx + dy * dy;
      const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
      const ex = ax + t * dx;
      const ey = ay + t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 < best) best = d2;
    }
  }
  return Math.sqrt(best);
}
