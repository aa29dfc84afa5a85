/**
 * Positions of a GeoJSON geometry: walking its coordinates, the one point that stands for it
 * (for the district test and duplicate detection), and its extent in metres.
 */
import type { Geometry, Position } from 'geojson';

/** Metres per degree of latitude (and of longitude at the equator), WGS84 mean. */
export const METRES_PER_DEGREE = 111_320;

/**
 * Calls `visit` for every position of a geometry, including those of a GeometryCollection.
 *
 * @example
 * forEachPosition({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, (p) => console.log(p));
 */
export function forEachPosition(geometry: Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) line.forEach(visit);
      return;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) ring.forEach(visit);
      return;
    case 'GeometryCollection':
      for (const part of geometry.geometries) forEachPosition(part, visit);
  }
}

/**
 * The position that stands for a geometry: a point itself, else the mean of the vertices (outer
 * rings only for polygons, without the closing vertex). Null when it has no positions.
 *
 * @example
 * representativePosition({ type: 'Point', coordinates: [120.6, 31.2] }) // [120.6, 31.2]
 */
export function representativePosition(geometry: Geometry): [number, number] | null {
  if (geometry.type === 'Point') {
    const [x, y] = geometry.coordinates;
    return x === undefined || y === undefined ? null : [x, y];
  }
  let sx = 0;
  let sy = 0;
  let n = 0;
  const add = (p: Position) => {
    sx += p[0]!;
    sy += p[1]!;
    n++;
  };
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) polygon[0]?.slice(0, -1).forEach(add);
  } else {
    forEachPosition(geometry, add);
  }
  return n === 0 ? null : [sx / n, sy / n];
}

/**
 * The diagonal of a geometry's bounding box in metres (local equirectangular approximation).
 *
 * @example
 * extentMetres({ type: 'Polygon', coordinates: [[[120, 31], [120.0001, 31], [120.0001, 31.0001], [120, 31]]] }) // ≈ 14.7
 */
export function extentMetres(geometry: Geometry): number {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  forEachPosition(geometry, ([x, y]) => {
    minX = Math.min(minX, x!);
    maxX = Math.max(maxX, x!);
    minY = Math.min(minY, y!);
    maxY = Math.max(maxY, y!);
  });
  if (minX > maxX) return 0;
  const dx = (maxX - minX) * METRES_PER_DEGREE * Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const dy = (maxY - minY) * METRES_PER_DEGREE;
  return Math.hypot(dx, dy);
}
