/**
 * The one point that stands for a component: where it is drawn at low zoom, matched against the
 * inventory and located in a base grid. Points are themselves; lines use the point halfway along;
 * polygons a point guaranteed inside (not the centroid, which can fall outside a U shape).
 */
import { along } from '@turf/along';
import { length } from '@turf/length';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Geometry, Position } from 'geojson';

/**
 * @example
 * representativePoint({ type: 'LineString', coordinates: [[0, 0], [0, 2]] }); // [0, 1]
 */
export function representativePoint(geometry: Geometry): Position | undefined {
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates;
    case 'MultiPoint':
      return geometry.coordinates[0];
    case 'LineString':
    case 'MultiLineString': {
      const line = geometry.type === 'LineString' ? geometry.coordinates : longest(geometry.coordinates);
      if (!line || line.length === 0) return undefined;
      const feature = { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: line } };
      return along(feature, length(feature) / 2).geometry.coordinates;
    }
    case 'Polygon':
    case 'MultiPolygon':
      return pointOnFeature(geometry).geometry.coordinates;
    default:
      return undefined;
  }
}

function longest(lines: Position[][]): Position[] | undefined {
  let best: Position[] | undefined;
  let bestLength = -1;
  for (const line of lines) {
    const feature = { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: line } };
    const l = line.length > 1 ? length(feature) : 0;
    if (l > bestLength) [best, bestLength] = [line, l];
  }
  return best;
}
