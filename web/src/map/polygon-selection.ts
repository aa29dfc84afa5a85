/**
 * The components inside a drawn box or lasso: the polygon's bounding box asks the component API
 * (with the map's filters: class, department, ownership, open cases only), and turf keeps what lies inside the
 * polygon itself.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import pointOnFeature from '@turf/point-on-feature';
import type { Feature, Polygon, Position } from 'geojson';

/** [west, south, east, north] of a ring. */
export function ringBounds(ring: Position[]): [number, number, number, number] {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [x, y] of ring) {
    west = Math.min(west, x!);
    south = Math.min(south, y!);
    east = Math.max(east, x!);
    north = Math.max(north, y!);
  }
  return [west, south, east, north];
}

/**
 * Keeps the features whose point (or, for lines and polygons, a point on them) lies in `polygon`.
 * @example insidePolygon(features, { type: 'Polygon', coordinates: [[[0,0],[1,0],[1,1],[0,0]]] })
 */
export function insidePolygon<F extends { geometry: { type: string; coordinates: unknown[] } }>(features: F[], polygon: Polygon): F[] {
  return features.filter((feature) => {
    const geometry = feature.geometry as Feature['geometry'];
    const point = geometry.type === 'Point' ? geometry.coordinates : pointOnFeature({ type: 'Feature', properties: {}, geometry }).geometry.coordinates;
    return booleanPointInPolygon(point, polygon);
  });
}

/** A closed ring from screen-drawn positions (the first position repeated at the end). */
export function closedPolygon(ring: Position[]): Polygon {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  const closed = first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
  return { type: 'Polygon', coordinates: [closed] };
}
