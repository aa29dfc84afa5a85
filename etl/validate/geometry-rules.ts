/**
 * The geometry rules: a row must have a shape, with finite coordinates, that is valid, of the kind
 * its class is surveyed as, and inside the district. Each is a small pure check over one row:
 *
 * @example
 * geometryTypeMismatch.check!({ record, classCode: '0118', context })
 * // '路灯 (0118) is surveyed as a point, but this row is a LineString'
 */
import { kinks } from '@turf/kinks';
import type { Geometry, Position } from 'geojson';
import { extentMetres, forEachPosition, representativePosition } from './geometry-position.ts';
import type { GeometryKind, RuleInput, ValidationRule } from './validation-rule.ts';

/**
 * A point class (e.g. 公共厕所) drawn as a polygon at most this wide (bounding-box diagonal) is
 * taken as the component's footprint and kept with a warning; a larger one is a type mismatch.
 */
export const POINT_FOOTPRINT_MAX_METRES = 50;
/** Self-intersection is checked on polygons up to this many vertices; larger ones are left to PostGIS. */
export const KINKS_MAX_VERTICES = 5_000;

export const geometryNull: ValidationRule = {
  id: 'geometry.null',
  severity: 'reject',
  group: 'geometry',
  description: { zh: '没有几何图形（空记录）', en: 'The row has no geometry (a null shape)' },
  check: ({ record }) => (record.geometry === null ? 'the row has no geometry (null shape): draw the component or delete the row' : null),
};

export const geometryEmpty: ValidationRule = {
  id: 'geometry.empty',
  severity: 'reject',
  group: 'geometry',
  description: { zh: '几何图形没有坐标', en: 'The geometry has no coordinates' },
  check: ({ record: { geometry } }) => {
    if (geometry === null) return null;
    if (geometry.type === 'Point') return geometry.coordinates.length > 0 ? null : 'the Point has no coordinates';
    let count = 0;
    forEachPosition(geometry, (p) => (count += p.length > 0 ? 1 : 0));
    return count === 0 ? `the ${geometry.type} has no coordinates` : null;
  },
};

export const geometryNotFinite: ValidationRule = {
  id: 'geometry.not_finite',
  severity: 'reject',
  group: 'geometry',
  description: { zh: '坐标不是有限数值（NaN 或无穷大）', en: 'A coordinate is not a finite number (NaN or infinity)' },
  check: ({ record: { geometry } }) => {
    if (geometry === null) return null;
    if (geometry.type === 'Point' && geometry.coordinates.length >= 2 && Number.isFinite(geometry.coordinates[0]) && Number.isFinite(geometry.coordinates[1])) return null;
    let bad: string | null = null;
    let vertex = 0;
    forEachPosition(geometry, (p) => {
      vertex++;
      if (bad !== null) return;
      if (p.length < 2) bad = `vertex ${vertex} has ${p.length} coordinate${p.length === 1 ? '' : 's'}, not x and y`;
      else if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) bad = `vertex ${vertex} has x = ${p[0]}, y = ${p[1]}: not finite numbers`;
    });
    return bad;
  },
};

export const geometryInvalid: ValidationRule = {
  id: 'geometry.invalid',
  severity: 'reject',
  group: 'geometry',
  description: {
    zh: '几何图形无效：线少于 2 个点或长度为零，面环少于 4 个点、未闭合或自相交',
    en: 'Invalid geometry: a line with fewer than 2 vertices or no length, a polygon ring with fewer than 4 vertices, not closed, or crossing itself',
  },
  check: ({ record: { geometry } }) => (geometry === null ? null : invalidReason(geometry)),
};

export const geometryTypeMismatch: ValidationRule = {
  id: 'geometry.type_mismatch',
  severity: 'reject',
  group: 'geometry',
  description: {
    zh: '几何类型与部件小类不符（如路灯画成了线）；单点的多点视为点',
    en: 'The geometry type does not match the class (e.g. a street lamp drawn as a line); a MultiPoint of one point counts as a point',
  },
  check: (input) => {
    const expected = expectedKind(input);
    const geometry = input.record.geometry;
    if (expected === null || geometry === null) return null;
    const actual = geometryKind(geometry);
    if (actual === expected) return null;
    if (expected === 'point' && actual === 'polygon' && extentMetres(geometry) <= POINT_FOOTPRINT_MAX_METRES) return null; // footprint: warned below
    const name = `${input.context.classNames.get(input.classCode!) ?? ''} (${input.classCode})`;
    const detail = geometry.type === 'MultiPoint' ? `a MultiPoint of ${geometry.coordinates.length} points` : `a ${geometry.type}`;
    const extra = expected === 'point' && actual === 'polygon' ? ` over ${Math.round(extentMetres(geometry))} m across (a footprint may be at most ${POINT_FOOTPRINT_MAX_METRES} m)` : '';
    return `${name} is surveyed as a ${expected}, but this row is ${detail}${extra}`;
  },
};

export const geometryPointFootprint: ValidationRule = {
  id: 'geometry.point_footprint',
  severity: 'warn',
  group: 'geometry',
  description: {
    zh: `点状部件画成了面（${POINT_FOOTPRINT_MAX_METRES} 米以内），按占地面保留，代表点取其中心`,
    en: `A point class drawn as a polygon (at most ${POINT_FOOTPRINT_MAX_METRES} m across): kept as the component's footprint, its centre as the representative point`,
  },
  check: (input) => {
    const geometry = input.record.geometry;
    if (expectedKind(input) !== 'point' || geometry === null || geometryKind(geometry) !== 'polygon') return null;
    const name = `${input.context.classNames.get(input.classCode!) ?? ''} (${input.classCode})`;
    return `${name} is surveyed as a point; this ${geometry.type} (${extentMetres(geometry).toFixed(1)} m across) is kept as its footprint`;
  },
};

export const geometryOutsideDistrict: ValidationRule = {
  id: 'geometry.outside_district',
  severity: 'reject',
  group: 'geometry',
  description: {
    zh: '位置不在本区范围内（或不是经纬度坐标）',
    en: 'The position is outside the district (or not a longitude/latitude)',
  },
  check: ({ record: { geometry }, context }) => {
    const at = geometry === null ? null : representativePosition(geometry);
    if (at === null) return null;
    const [lon, lat] = at;
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return `position ${where(lon, lat)} is not a longitude/latitude: check the layer's coordinate system (.prj or --srs)`;
    if (context.insideDistrict && !context.insideDistrict(lon, lat)) return `position ${where(lon, lat)} is outside ${context.districtName} (${context.districtCode}): check the coordinates or the coordinate system`;
    return null;
  },
};

/** The geometry rules in the order they are checked. */
export const GEOMETRY_RULES: readonly ValidationRule[] = [
  geometryNull, geometryEmpty, geometryNotFinite, geometryInvalid, geometryTypeMismatch, geometryPointFootprint, geometryOutsideDistrict,
];

/**
 * The kind of shape a geometry is; a MultiPoint of one point is a point, of several is none.
 *
 * @example
 * geometryKind({ type: 'MultiPoint', coordinates: [[120.6, 31.2]] }) // 'point'
 */
export function geometryKind(geometry: Geometry): GeometryKind | null {
  switch (geometry.type) {
    case 'Point':
      return 'point';
    case 'MultiPoint':
      return geometry.coordinates.length === 1 ? 'point' : null;
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
    default:
      return null;
  }
}

function where(lon: number, lat: number): string {
  return `${lon.toFixed(6)}, ${lat.toFixed(6)}`;
}

function expectedKind({ classCode, context }: RuleInput): GeometryKind | null {
  return classCode === null ? null : (context.classGeometry.get(classCode) ?? null);
}

function invalidReason(geometry: Geometry): string | null {
  switch (geometry.type) {
    case 'LineString':
      return lineReason(geometry.coordinates, 'the line');
    case 'MultiLineString':
      return firstReason(geometry.coordinates, (line, i) => lineReason(line, `part ${i + 1} of the line`));
    case 'Polygon':
      return firstReason(geometry.coordinates, (ring, i) => ringReason(ring, `ring ${i + 1}`)) ?? crossingReason(geometry);
    case 'MultiPolygon':
      return (
        firstReason(geometry.coordinates, (polygon, p) => firstReason(polygon, (ring, r) => ringReason(ring, `ring ${r + 1} of part ${p + 1}`))) ??
        crossingReason(geometry)
      );
    default:
      return null;
  }
}

function firstReason<T>(items: readonly T[], reason: (item: T, index: number) => string | null): string | null {
  for (let i = 0; i < items.length; i++) {
    const found = reason(items[i]!, i);
    if (found !== null) return found;
  }
  return null;
}

function lineReason(line: Position[], what: string): string | null {
  if (line.length < 2) return `${what} has ${line.length} vertex; a line needs at least 2`;
  const [x, y] = line[0]!;
  if (line.every((p) => p[0] === x && p[1] === y)) return `${what} has no length: all ${line.length} vertices are at the same place`;
  return null;
}

function ringReason(ring: Position[], what: string): string | null {
  if (ring.length < 4) return `${what} has ${ring.length} vertices; a polygon ring needs at least 4 (3 corners and the closing vertex)`;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return `${what} is not closed: its last vertex differs from its first`;
  return null;
}

function crossingReason(geometry: Extract<Geometry, { type: 'Polygon' | 'MultiPolygon' }>): string | null {
  let vertices = 0;
  forEachPosition(geometry, () => vertices++);
  if (vertices > KINKS_MAX_VERTICES) return null;
  const crossing = kinks(geometry).features[0];
  if (!crossing) return null;
  const [x, y] = crossing.geometry.coordinates;
  return `the polygon's boundary crosses itself near ${x!.toFixed(6)}, ${y!.toFixed(6)}`;
}
