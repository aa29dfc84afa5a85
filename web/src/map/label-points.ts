/**
 * One label point per grid polygon, always inside it.
 *
 * A symbol layer on a polygon source would label every tile a polygon touches, so a town would show
 * its name several times; a point source with one point per grid labels it once.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

type Ring = Position[];

/**
 * A point inside the polygon, near its visual centre: the middle of the widest horizontal run
 * through the polygon, tried at a few heights around its middle (a cheap stand-in for polylabel).
 * @example labelPoint({ type: 'Polygon', coordinates: [[[0,0],[4,0],[4,2],[0,2],[0,0]]] }) // [2, 1]
 */
export function labelPoint(geometry: Polygon | MultiPolygon): Position {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  // label the largest part of a multipolygon (an island town is labelled on its main land)
  let rings: Ring[] = polygons[0] ?? [];
  let largest = -Infinity;
  for (const polygon of polygons) {
    const area = Math.abs(ringArea(polygon[0] ?? []));
    if (area > largest) {
      largest = area;
      rings = polygon;
    }
  }
  const outer = rings[0] ?? [];
  if (outer.length === 0) return [0, 0];

  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of outer) {
    minY = Math.min(minY, y!);
    maxY = Math.max(maxY, y!);
  }

  let best: { x: number; y: number; width: number } | undefined;
  for (const fraction of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const y = minY + (maxY - minY) * fraction;
    const run = widestRun(rings, y);
    // prefer the middle unless another height is clearly roomier
    if (run && (!best || run.width > best.width * 1.25)) best = { x: run.x, y, width: run.width };
  }
  return best ? [best.x, best.y] : (outer[0] as Position);
}

/** Label points for every feature, carrying the feature's properties. */
export function labelPoints<P>(collection: FeatureCollection<Polygon | MultiPolygon, P>): FeatureCollection<Point, P> {
  return {
    type: 'FeatureCollection',
    features: collection.features.map(
      (feature): Feature<Point, P> => ({
        type: 'Feature',
        ...(feature.id === undefined ? {} : { id: feature.id }),
        properties: feature.properties,
        geometry: { type: 'Point', coordinates: labelPoint(feature.geometry) },
      }),
    ),
  };
}

/** The widest span inside the polygon (holes excluded) along the horizontal line at `y`. */
function widestRun(rings: Ring[], y: number): { x: number; width: number } | undefined {
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[i] as [number, number];
      const [x2, y2] = ring[j] as [number, number];
      // half-open test so a vertex exactly on the line is counted once
      if (y1 > y !== y2 > y) crossings.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: { x: number; width: number } | undefined;
  for (let k = 0; k + 1 < crossings.length; k += 2) {
    const width = crossings[k + 1]! - crossings[k]!;
    if (!best || width > best.width) best = { x: (crossings[k]! + crossings[k + 1]!) / 2, width };
  }
  return best;
}

/** Shoelace area in squared degrees; only compared, never shown. */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return sum / 2;
}
