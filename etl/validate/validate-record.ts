/**
 * Stage 7, validate one row: every per-row rule of the registry, each group (geometry, code,
 * date) stopping at its first rejection. The batch-wide duplicate rule is DuplicateDetector's.
 */
import type { ComponentClassInfo } from '../classify/class-index.ts';
import type { MappedRecord } from '../survey-record.ts';
import { chinaToday } from './survey-date.ts';
import { VALIDATION_RULES } from './rule-registry.ts';
import type { ValidationContext, ValidationFinding } from './validation-rule.ts';

/** The reference district: 苏州市吴中区. */
export const WUZHONG = { code: '320506', name: '吴中区' } as const;

/**
 * Builds the context once per batch (spread in `columns` per layer).
 *
 * @example
 * const context = createValidationContext({ classes: reference.componentClasses, insideDistrict: polygonPredicate(outline, 50) });
 * const layerContext = { ...context, columns: resolution.fed };
 */
export function createValidationContext(options: {
  classes: readonly ComponentClassInfo[];
  districtCode?: string;
  districtName?: string;
  insideDistrict?: (lon: number, lat: number) => boolean;
  today?: string;
}): ValidationContext {
  return {
    classGeometry: new Map(options.classes.map((c) => [c.sub_code, c.geometry])),
    classNames: new Map(options.classes.map((c) => [c.sub_code, c.sub_name_zh])),
    districtCode: options.districtCode ?? WUZHONG.code,
    districtName: options.districtName ?? WUZHONG.name,
    insideDistrict: options.insideDistrict,
    today: options.today ?? chinaToday(),
  };
}

const CHECKED = VALIDATION_RULES.filter((rule) => rule.check !== undefined);

/**
 * All findings for one row: rejections and warnings, in registry order. The row is kept when no
 * finding has severity 'reject'. `classCode` is null when classification failed: the geometry,
 * code and date checks still run so the contractor sees every problem at once.
 *
 * @example
 * validateRecord(mapped, '0118', context)
 * // [{ rule: 'geometry.outside_district', severity: 'reject', message: 'position 121.900000, 31.200000 is outside 吴中区 (320506): …' }]
 */
export function validateRecord(record: MappedRecord, classCode: string | null, context: ValidationContext): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  const input = { record, classCode, context };
  let stoppedGroup: string | null = null;
  for (const rule of CHECKED) {
    if (rule.group === stoppedGroup) continue;
    const message = rule.check!(input);
    if (message === null) continue;
    findings.push({ rule: rule.id, severity: rule.severity, message });
    if (rule.severity === 'reject') stoppedGroup = rule.group;
  }
  return findings;
}

/**
 * True when a finding keeps the row out of the inventory.
 *
 * @example
 * const kept = !validateRecord(mapped, code, context).some(rejects);
 */
export function rejects(finding: ValidationFinding): boolean {
  return finding.severity === 'reject';
}
