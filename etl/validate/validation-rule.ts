/**
 * What a validation rule is: a stable id the report and filters use, a severity, a description in
 * Chinese and English, and — for rules checked row by row — a small pure check.
 */
import type { MappedRecord, RowRejection } from '../survey-record.ts';
import type { MappedFieldKey } from '../fields/field-profile.ts';

/** reject: the row stays out of the inventory. warn: the row goes in; the report shows the warning. */
export type Severity = 'reject' | 'warn';

/** Where a rule is checked: classify (stage 6), per row (stage 7), or across the batch. */
export type RuleGroup = 'class' | 'geometry' | 'code' | 'date' | 'batch';

export type GeometryKind = 'point' | 'line' | 'polygon';

/** What the per-row checks need to know beyond the row. Build once per batch, spread per layer. */
export interface ValidationContext {
  /** Class code → its expected geometry (components.csv `geometry`). */
  classGeometry: ReadonlyMap<string, GeometryKind>;
  /** Class code → its Chinese name, for messages. */
  classNames: ReadonlyMap<string, string>;
  /** The 6-digit division code every ObjID must start with, e.g. '320506'. */
  districtCode: string;
  /** The district's name for messages, e.g. '吴中区'. */
  districtName: string;
  /** True when a WGS84 position lies in the district; absent: only the WGS84 range is checked. */
  insideDistrict?: (lon: number, lat: number) => boolean;
  /** Today as 'YYYY-MM-DD' (China Standard Time): survey dates after it are invalid. */
  today: string;
  /** Source column per field (FieldResolution.fed), so messages name the contractor's columns. */
  columns?: Partial<Record<MappedFieldKey, string>>;
}

/** One row's input to a check. */
export interface RuleInput {
  record: MappedRecord;
  /** The classified class; null when classification failed (class-dependent checks then pass). */
  classCode: string | null;
  context: ValidationContext;
}

export interface ValidationRule {
  /** Stable id, e.g. 'geometry.null'. Never renamed: reports and saved filters use it. */
  id: string;
  severity: Severity;
  group: RuleGroup;
  description: { zh: string; en: string };
  /**
   * Per-row check: a message naming the field and value when the row fails, else null. Within a
   * group, checks run in registry order and stop at the first rejection (a null geometry is not
   * also reported as empty). Absent for rules checked by classify or across the batch.
   */
  check?: (input: RuleInput) => string | null;
}

/** A rule a row failed, with the rule's severity. */
export interface ValidationFinding extends RowRejection {
  severity: Severity;
}

/** The column a field came from, for messages: the contractor's name, else a default. */
export function columnName(context: ValidationContext, key: MappedFieldKey, fallback: string): string {
  return context.columns?.[key] ?? fallback;
}
