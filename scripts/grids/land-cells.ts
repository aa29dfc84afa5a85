import { Delaunay } from 'd3-delaunay';
import type { Position } from 'geojson';
import { toLonLat, toPlane, type PlanePoint } from './local-plane.ts';
import { pointInRing, ringCentroid, signedArea2 } from './ring-geometry.ts';

/** Land cells: a Voronoi tessellation of the land, the base grids before naming. */
export interface LandCells {
  /** Cell seeds in the local plane (km), rounded through lon/lat to 6 decimals. */
  seeds: PlanePoint[];
  /** Closed counter-clockwise lon/lat rings, one per seed, coordinates rounded to 6 decimals. */
  rings: Position[][];
  /** Indices of the cells sharing an edge with each cell, ascending. */
  neighbours: number[][];
}

/** Options of {@link buildLandCells}. */
export interface LandCellOptions {
  /** Land outline parts, WGS84 lon/lat rings. */
  land: readonly (readonly (readonly number[])[])[];
  /** Exact number of land cells to produce. */
  count: number;
  /** Seeded random source in [0, 1). */
  random: () => number;
  /** Lloyd relaxation rounds; more gives rounder, more even cells. */
  relaxations?: number;
}

const MARGIN_KM = 5;

/**
 * Tessellate a land outline into exactly `count` Voronoi cells.
 *
 * Seeds are scattered over a box around the outline at one density; those
 * inside the outline are land, the rest water, and both are Lloyd-relaxed
 * without crossing the shore, so cells come out even and the coast is
 * traced by the bisectors between land and water seeds. Land cells lie well
 * inside the box, so none is clipped: every vertex is a Delaunay
 * circumcentre shared by the cells around it, and rounding it once to 6
 * decimals gives every cell the same coordinates for that vertex.
 *
 * @example
 * const cells = buildLandCells({ land: [ring], count: 942, random: seededRandom(1) });
 * cells.rings.length; // 942
 */
export function buildLandCells({ land, count, random, relaxations = 30 }: LandCellOptions): LandCells {
  const parts = land.map((ring) => ring.map(toPlane));
  const isLand = (p: readonly number[]) => parts.some((ring) => pointInRing(p, ring));
  const box = boundsOf(parts.flat(), MARGIN_KM);
  const [x0, y0, x1, y1] = box;
  const landArea = parts.reduce((sum, ring) => sum + Math.abs(signedArea2(ring)) / 2, 0);
  const waterCount = Math.round((count * ((x1 - x0) * (y1 - y0) - landArea)) / landArea);

  // land seeds first, so seed i < count is land cell i
  let points: PlanePoint[] = [...scatter(count, true), ...scatter(waterCount, false)];
  for (let round = 0; round < relaxations; round++) points = relax(points);
  points = points.map((p) => toPlane(toLonLat(p)));

  const voronoi = Delaunay.from(points).voronoi(box);
  const rings: Position[][] = [];
  for (let i = 0; i < count; i++) {
    const polygon = voronoi.cellPolygon(i);
    if (polygon.some(([x, y]) => x === x0 || x === x1 || y === y0 || y === y1)) {
      throw new Error(`land cell ${i} touches the bounding box; widen the margin`);
    }
    const ring = dropRepeats(polygon.map((p) => toLonLat(p)));
    if (ring.length < 4) throw new Error(`land cell ${i} collapsed when rounded`);
    rings.push(signedArea2(ring) > 0 ? ring : ring.reverse());
  }
  return { seeds: points.slice(0, count), rings, neighbours: edgeNeighbours(rings) };

  function scatter(n: number, onLand: boolean): PlanePoint[] {
    const out: PlanePoint[] = [];
    while (out.length < n) {
      const p: PlanePoint = [x0 + random() * (x1 - x0), y0 + random() * (y1 - y0)];
      if (isLand(p) === onLand) out.push(p);
    }
    return out;
  }

  /** One Lloyd round: move each seed to its cell centroid unless that crosses the shore. */
  function relax(seeds: PlanePoint[]): PlanePoint[] {
    const cells = Delaunay.from(seeds).voronoi(box);
    return seeds.map((seed, i) => {
      const polygon = cells.cellPolygon(i);
      if (!polygon) return seed;
      const centroid = ringCentroid(polygon.slice(0, -1));
      return isLand(centroid) === i < count ? centroid : seed;
    });
  }
}

/** Pairs of cells that share an edge (not just a vertex), as adjacency lists. */
function edgeNeighbours(rings: Position[][]): number[][] {
  const owner = new Map<string, number>();
  const neighbours: Set<number>[] = rings.map(() => new Set());
  rings.forEach((ring, i) => {
    for (let k = 0; k + 1 < ring.length; k++) {
      const a = `${ring[k]}`;
      const b = `${ring[k + 1]}`;
      const j = owner.get(`${b}|${a}`);
      if (j === undefined) owner.set(`${a}|${b}`, i);
      else neighbours[i]!.add(j), neighbours[j]!.add(i);
    }
  });
  return neighbours.map((set) => [...set].sort((a, b) => a - b));
}

/** Drop consecutive duplicates (an edge shorter than the rounding collapses) and close the ring. */
function dropRepeats(ring: Position[]): Position[] {
  const out = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (first[0] === last[0] && first[1] === last[1]) out.pop();
  return [...out, first];
}

function boundsOf(points: PlanePoint[], margin: number): [number, number, number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs) - margin, Math.min(...ys) - margin, Math.max(...xs) + margin, Math.max(...ys) + margin];
}
