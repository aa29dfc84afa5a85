/**
 * Stage 5, map fields: a RawRecord's attributes become the fields civicgrid understands
 * (MappedFields) plus every other column, kept unchanged in `extra`. Nothing is dropped: the raw
 * attributes stay on the record as well.
 */
import type { MappedFields, MappedRecord, RawRecord } from '../survey-record.ts';
import type { FieldProfile } from './field-profile.ts';
import { resolveProfile, type FieldResolution } from './resolve-profile.ts';

/**
 * Maps one record through a layer's resolution (computed once with resolveProfile). Field values
 * become trimmed text, blank → null; numbers are written without exponent or trailing '.0', so a
 * numeric ObjID 3205060118000001 stays '3205060118000001'. A bare profile is accepted for
 * one-off calls and resolved against this record's columns (slower: resolve once per layer).
 *
 * @example
 * const resolution = resolveProfile(Object.keys(first.attributes), loadFieldProfile());
 * const mapped = mapFields(record, resolution);
 * mapped.fields.classText // '路灯杆'
 * mapped.extra            // { 巡查人: '张三' }
 */
export function mapFields(record: RawRecord, resolution: FieldResolution | FieldProfile): MappedRecord {
  const columns = 'columns' in resolution ? resolution.columns : resolveProfile(Object.keys(record.attributes), resolution).columns;
  const fields: MappedFields = {};
  const extra: MappedRecord['extra'] = {};
  const attributes = record.attributes;
  for (const column in attributes) {
    const value = attributes[column]!;
    const key = columns.get(column);
    if (key === undefined) extra[column] = value;
    else fields[key] = fieldText(value);
  }
  return { layer: record.layer, row: record.row, geometry: record.geometry, attributes, fields, extra };
}

/**
 * The text of an attribute value as a field holds it.
 *
 * @example
 * fieldText('  路灯 ') // '路灯'
 * fieldText(3205060118000001) // '3205060118000001'
 * fieldText('') // null
 */
export function fieldText(value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? null : text;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  }
  return String(value);
}
