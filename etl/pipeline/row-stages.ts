/**
 * One row through the pure stages: reproject → map fields → classify → validate → de-duplicate →
 * locate → own. The result is a row ready for staging, or the reasons it is refused — never an
 * exception for bad data.
 */
import type { Geometry } from 'geojson';
import { classify, isRowRejection } from '../classify/classify.ts';
import type { ClassIndex } from '../classify/class-index.ts';
import { mapFields } from '../fields/map-fields.ts';
import type { FieldResolution } from '../fields/resolve-profile.ts';
import type { StagedRow, RejectRow } from '../load/survey-loader.ts';
import type { GridLocator } from '../locate/grid-locator.ts';
import { representativePoint } from '../locate/representative-point.ts';
import type { OwnerResolver } from '../own/owner-resolver.ts';
import type { Reprojector } from '../reproject/reprojector.ts';
import type { MappedRecord, RawRecord, RowRejection } from '../survey-record.ts';
import type { DuplicateDetector } from '../validate/duplicate-detector.ts';
import { validateRecord } from '../validate/validate-record.ts';
import type { ValidationContext } from '../validate/validation-rule.ts';

/** What every row of a batch shares. */
export interface BatchStages {
  classIndex: ClassIndex;
  validation: ValidationContext;
  duplicates: DuplicateDetector;
  locator: GridLocator;
  /** Base grid id → [base grid, community, town, district] ids. */
  gridPaths: ReadonlyMap<number, number[]>;
  owners: OwnerResolver;
}

/** What every row of one layer shares. */
export interface LayerStages {
  name: string;
  reprojector: Reprojector;
  resolution: FieldResolution;
  validation: ValidationContext;
}

/** A finding that keeps the row but belongs in the report. */
export interface RowWarning {
  layer: string;
  row: number;
  rule: string;
  message: string;
}

export type RowOutcome = { accepted: StagedRow; warnings: RowWarning[] } | { rejected: RejectRow[] };

const codePattern = /^\d{16}$/;

export function processRow(raw: RawRecord, batch: BatchStages, layer: LayerStages): RowOutcome {
  let geometry: Geometry | null = raw.geometry;
  if (geometry) {
    try {
      geometry = layer.reprojector.project(geometry);
    } catch (error) {
      const rule = (error as { rule?: string }).rule ?? 'geometry.not_finite';
      return refusal(raw, geometry, [{ rule, message: (error as Error).message }]);
    }
  }
  const mapped = mapFields({ ...raw, geometry }, layer.resolution);

  const classification = classify(mapped.fields, layer.name, batch.classIndex, { columns: layer.resolution.fed });
  const classCode = isRowRejection(classification) ? null : classification.classCode;
  const findings = validateRecord(mapped, classCode, layer.validation);
  const problems: RowRejection[] = findings.filter((f) => f.severity === 'reject');
  if (isRowRejection(classification)) problems.unshift(classification);
  if (problems.length > 0 || classCode === null || geometry === null) return refusal(raw, geometry, problems, mapped);

  const duplicate = batch.duplicates.check(mapped, classCode);
  if (duplicate) return refusal(raw, geometry, [duplicate], mapped);

  const point = representativePoint(geometry);
  const grid = point ? batch.locator.locate(point) : undefined;
  if (!point || !grid) {
    const where = point ? `${point[0]!.toFixed(6)}, ${point[1]!.toFixed(6)}` : 'its position';
    return refusal(raw, geometry, [{ rule: 'geometry.outside_district', message: `${where} lies in no base grid of ${layer.validation.districtName} (${layer.validation.districtCode})` }], mapped);
  }

  const warnings: RowWarning[] = findings.filter((f) => f.severity !== 'reject').map((f) => ({ layer: raw.layer, row: raw.row, rule: f.rule, message: f.message }));
  const owner = batch.owners.decide(classCode, batch.gridPaths.get(grid.id) ?? [grid.id], mapped.fields.ownerText);
  if (owner?.unrecognised) {
    warnings.push({ layer: raw.layer, row: raw.row, rule: 'owner.unrecognised', message: `权属单位 '${owner.unrecognised}' matches no department: the class's default owner is used` });
  }

  return {
    accepted: {
      layer: raw.layer,
      row: raw.row,
      classCode,
      sourceCode: mapped.fields.code && codePattern.test(mapped.fields.code) ? mapped.fields.code : null,
      geometry,
      point,
      attributes: componentAttributes(mapped),
      gridId: grid.id,
      departmentId: owner?.departmentId ?? null,
    },
    warnings,
  };
}

// a module function rather than a closure per row: closures made per row showed in profiles
function refusal(raw: RawRecord, geometry: Geometry | null, problems: RowRejection[], mapped?: MappedRecord): RowOutcome {
  return {
    rejected: problems.map((p) => ({
      layer: raw.layer,
      row: raw.row,
      sourceId: mapped?.fields.code ?? null,
      rule: p.rule,
      message: p.message,
      attributes: raw.attributes,
      geometry,
    })),
  };
}

/** The fields a component's attributes keep, by attribute key, in this order. */
const knownFields: [string, keyof MappedRecord['fields']][] = [
  ['name', 'name'],
  ['state', 'state'],
  ['material', 'material'],
  ['owner_text', 'ownerText'],
  ['owner_code', 'ownerCode'],
  ['grid_code', 'gridCode'],
  ['survey_date', 'surveyDate'],
  ['change_date', 'changeDate'],
  ['photo', 'photo'],
  ['data_source', 'dataSource'],
  ['note', 'note'],
  ['class_text', 'classText'],
];

/**
 * What a component keeps of its survey row: the fields civicgrid understands (snake_case, blanks
 * left out) and every other column under `extra`, as the contractor wrote it.
 */
export function componentAttributes(mapped: MappedRecord): Record<string, unknown> {
  const fields = mapped.fields;
  const attributes: Record<string, unknown> = {};
  for (const [key, field] of knownFields) {
    const value = fields[field];
    if (value !== null && value !== undefined) attributes[key] = value;
  }
  for (const _ in mapped.extra) {
    attributes.extra = mapped.extra;
    break;
  }
  return attributes;
}
