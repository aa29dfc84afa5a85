/**
 * How a component row goes on the wire: a GeoJSON Feature (id = the 16-digit code) for lists and
 * GeoJSON exports, a flat row for CSV.
 *
 * @example
 * toFeature(row) // → { type: 'Feature', id: '3205060101000001', geometry: {...}, properties: { code, class_code, ... } }
 */
import type { ComponentRow } from './component.repository.ts';

/** The properties every component feature carries. */
export function featureProperties(row: ComponentRow) {
  return {
    code: row.code,
    class_code: row.class_code,
    class_name_zh: row.class_name_zh,
    class_name_en: row.class_name_en,
    major_code: row.major_code,
    major_name_zh: row.major_name_zh,
    major_name_en: row.major_name_en,
    department_code: row.department_code,
    department_name_zh: row.department_name_zh,
    department_name_en: row.department_name_en,
    ownership_status: row.ownership_status,
    grid_code: row.grid_code,
    version: row.version,
  };
}

export type ComponentProperties = ReturnType<typeof featureProperties>;

/** A component as a GeoJSON Feature. */
export function toFeature(row: ComponentRow): { type: 'Feature'; id: string; geometry: unknown; properties: ComponentProperties } {
  return { type: 'Feature', id: row.code, geometry: JSON.parse(row.geometry), properties: featureProperties(row) };
}

/**
 * The same feature as JSON text, with the geometry and attributes PostGIS wrote spliced in
 * unparsed (exports write hundreds of thousands of these); attributes join the properties when
 * the row has them.
 */
export function toFeatureJson(row: ComponentRow): string {
  const properties = JSON.stringify(featureProperties(row));
  const withAttributes = row.attributes_json === undefined ? properties : `${properties.slice(0, -1)},"attributes":${row.attributes_json}}`;
  return `{"type":"Feature","id":${JSON.stringify(row.code)},"geometry":${row.geometry},"properties":${withAttributes}}`;
}

/** CSV columns: the feature properties, the representative point, the surveyed attributes. */
export const csvColumns = [
  'code',
  'class_code',
  'class_name_zh',
  'class_name_en',
  'major_code',
  'major_name_zh',
  'department_code',
  'department_name_zh',
  'ownership_status',
  'grid_code',
  'version',
  'lon',
  'lat',
  'attributes',
] as const;

/** One CSV line (RFC 4180, CRLF) in the order of csvColumns; the attributes come quoted from SQL. */
export function toCsvLine(row: ComponentRow): string {
  const line = csvLine([
    row.code,
    row.class_code,
    row.class_name_zh,
    row.class_name_en,
    row.major_code,
    row.major_name_zh,
    row.department_code ?? '',
    row.department_name_zh ?? '',
    row.ownership_status,
    row.grid_code ?? '',
    row.version,
    row.lon,
    row.lat,
  ]);
  return `${line.slice(0, -2)},${row.attributes_csv ?? '"{}"'}\r\n`;
}

const needsQuotes = /[",\r\n]/;

/**
 * Fields joined into one RFC 4180 line: quoted only when they hold a comma, quote or line break.
 * Written out because csv-stringify spent 40 µs a row here — 8 s of a 200,000-row export, more
 * than the database took.
 */
export function csvLine(fields: readonly (string | number)[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const text = String(fields[i]);
    if (i > 0) line += ',';
    line += needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return line + '\r\n';
}
