/**
 * Every rule a survey row can fail, in one list: the report shows their ids, severities and
 * descriptions, and filters rejects by id. Classify (stage 6) and the batch-wide duplicate check
 * use the ids listed here; the per-row checks run from here.
 */
import { CODE_RULES } from './code-rules.ts';
import { DATE_RULES } from './date-rules.ts';
import { GEOMETRY_RULES } from './geometry-rules.ts';
import type { Severity, ValidationRule } from './validation-rule.ts';

const CLASS_RULES: readonly ValidationRule[] = [
  {
    id: 'class.missing',
    severity: 'reject',
    group: 'class',
    description: {
      zh: '没有部件类型，图层名、部件标识码和名称也无法确定类型',
      en: 'No type, and neither the layer name, the ObjID nor the name implies one',
    },
  },
  {
    id: 'class.unknown',
    severity: 'reject',
    group: 'class',
    description: {
      zh: '部件类型不是已知的部件小类名称、别名或代码（提示最接近的 3 个）',
      en: 'The type is not a known class name, alias or code (the 3 nearest are suggested)',
    },
  },
  {
    id: 'class.ambiguous',
    severity: 'reject',
    group: 'class',
    description: {
      zh: '部件类型可指多个小类（如“井盖”“护栏”），需写明具体小类',
      en: 'The type could mean several classes (e.g. 井盖, 护栏): write the exact class',
    },
  },
  {
    id: 'class.conflict',
    severity: 'reject',
    group: 'class',
    description: {
      zh: '部件类型中的代码与名称不一致（如“0118 雨水井盖”）',
      en: 'The type gives a code and a name that disagree (e.g. 0118 雨水井盖)',
    },
  },
];

const BATCH_RULES: readonly ValidationRule[] = [
  {
    id: 'batch.duplicate',
    severity: 'reject',
    group: 'batch',
    description: {
      zh: '同一批次中重复：同类部件位于同一位置（0.1 米以内），或部件标识码重复；保留第一条',
      en: 'A duplicate in the batch: the same class at the same position (within 0.1 m), or the same ObjID twice; the first row is kept',
    },
  },
];

/** All rules, in the order the report lists them. */
export const VALIDATION_RULES: readonly ValidationRule[] = [...CLASS_RULES, ...GEOMETRY_RULES, ...CODE_RULES, ...DATE_RULES, ...BATCH_RULES];

const byId = new Map(VALIDATION_RULES.map((rule) => [rule.id, rule]));

/**
 * The rule with this id; throws for an unknown id (a typo in a rule id is a bug).
 *
 * @example
 * ruleById('geometry.null').severity // 'reject'
 */
export function ruleById(id: string): ValidationRule {
  const rule = byId.get(id);
  if (!rule) throw new Error(`unknown validation rule '${id}'`);
  return rule;
}

/**
 * The severity of a rule by id.
 *
 * @example
 * severityOf('date.invalid') // 'warn'
 */
export function severityOf(id: string): Severity {
  return ruleById(id).severity;
}

/**
 * The rule table for a report or the API: id, severity, group and descriptions, without the checks.
 *
 * @example
 * ruleTable()[0] // { id: 'class.missing', severity: 'reject', group: 'class', description: { zh: …, en: … } }
 */
export function ruleTable(): Array<Omit<ValidationRule, 'check'>> {
  return VALIDATION_RULES.map(({ id, severity, group, description }) => ({ id, severity, group, description }));
}
