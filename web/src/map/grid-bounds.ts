/**
 * Bounding boxes of grid geometries, as `[west, south, east, north]` in degrees.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type Bounds = [number, number, number, number];

/** @example geometryBounds({ type: 'Polygon', coordinates: [[[1,2],[3,2],[3,5],[1,2]]] }) // [1, 2, 3, 5] */
export function geometryBounds(geometry: Polygon | MultiPolygon): Bounds {
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        bounds[0] = Math.min(bounds[0], x!);
        bounds[1] = Math.min(bounds[1], y!);
        bounds[2] = Math.max(bounds[2], x!);
        bounds[3] = Math.max(bounds[3], y!);
      }
    }
  }
  return bounds;
}

/** The bounds of every feature together, or undefined for an empty collection. */
export function collectionBounds(collection: FeatureCollection<Polygon | MultiPolygon, unknown>): Bounds | undefined {
  if (collection.features.length === 0) return undefined;
  const all: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of collection.features) {
    const [west, south, east, north] = geometryBounds(feature.geometry);
    all[0] = Math.min(all[0], west);
    all[1] = Math.min(all[1], south);
    all[2] = Math.max(all[2], east);
    all[3] = Math.max(all[3], north);
  }
  return all;
}
