/**
 * Applies a point transformer to every position of a GeoJSON geometry, returning a new geometry
 * (the input is left as it was, so a rejected row can still show its source coordinates).
 * Z and M values ride along unchanged.
 */
import type { Geometry, Position } from 'geojson';
import type { PointTransformer } from './point-transformer.ts';
import { NonFiniteGeometryError } from './reproject-errors.ts';

/**
 * Projects a geometry with a point transformer; throws NonFiniteGeometryError
 * (`geometry.not_finite`) when a coordinate is NaN or infinite, before or after projection.
 *
 * @example
 * projectGeometry({ type: 'Point', coordinates: [557122.865, 3464391.326] }, toWgs84);
 * // { type: 'Point', coordinates: [120.6, 31.3] }
 */
export function projectGeometry(geometry: Geometry, transform: PointTransformer): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: projectPosition(geometry.coordinates, transform) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: projectLine(geometry.coordinates, transform) };
    case 'LineString':
      return { type: 'LineString', coordinates: projectLine(geometry.coordinates, transform) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: projectLines(geometry.coordinates, transform) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: projectLines(geometry.coordinates, transform) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => projectLines(polygon, transform)) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => projectGeometry(g, transform)) };
  }
}

// module-level helpers and one scratch pair: no closures or arrays made per geometry
const out = [0, 0];

function projectPosition(p: Position, transform: PointTransformer): Position {
  const x = p[0]!;
  const y = p[1]!;
  transform(x, y, out);
  const lon = out[0]!;
  const lat = out[1]!;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    const where = Number.isFinite(x) && Number.isFinite(y) ? 'has no position in WGS 84' : 'is not a finite number';
    throw new NonFiniteGeometryError(`coordinate (${x}, ${y}) ${where}`);
  }
  if (p.length === 2) return [lon, lat];
  const projected = p.slice();
  projected[0] = lon;
  projected[1] = lat;
  return projected;
}

function projectLine(positions: Position[], transform: PointTransformer): Position[] {
  const projected = new Array<Position>(positions.length);
  for (let i = 0; i < positions.length; i++) projected[i] = projectPosition(positions[i]!, transform);
  return projected;
}

function projectLines(lines: Position[][], transform: PointTransformer): Position[][] {
  const projected = new Array<Position[]>(lines.length);
  for (let i = 0; i < lines.length; i++) projected[i] = projectLine(lines[i]!, transform);
  return projected;
}
