/**
 * Shared by the validate tests: a context on the real reference data and a record builder.
 */
import type { Geometry } from 'geojson';
import { readReferenceData } from '../../data/reference-data.ts';
import type { MappedFields, MappedRecord } from '../survey-record.ts';
import { polygonPredicate } from './district-predicate.ts';
import { createValidationContext } from './validate-record.ts';
import type { ValidationContext } from './validation-rule.ts';

const reference = readReferenceData();
const outline = reference.grids.find((g) => g.properties.level === 1)!.geometry as Parameters<typeof polygonPredicate>[0];

/** Reference classes, the Wuzhong outline with 50 m tolerance, and a fixed today. */
export const testContext: ValidationContext = createValidationContext({
  classes: reference.componentClasses,
  insideDistrict: polygonPredicate(outline, 50),
  today: '2025-01-01',
});

/** A point in 吴中区 (near 东吴北路). */
export const IN_WUZHONG: [number, number] = [120.62, 31.26];

/** A mapped record with the given geometry and fields. */
export function recordOf(geometry: Geometry | null, fields: MappedFields = {}, row = 1, layer = '部件调查'): MappedRecord {
  return { layer, row, geometry, attributes: {}, fields, extra: {} };
}

export function point(lon = IN_WUZHONG[0], lat = IN_WUZHONG[1]): Geometry {
  return { type: 'Point', coordinates: [lon, lat] };
}

/** A square polygon of `metres` side at a position. */
export function square(metres: number, [lon, lat] = IN_WUZHONG): Geometry {
  const dx = metres / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dy = metres / 111_320;
  return { type: 'Polygon', coordinates: [[[lon, lat], [lon + dx, lat], [lon + dx, lat + dy], [lon, lat + dy], [lon, lat]]] };
}
