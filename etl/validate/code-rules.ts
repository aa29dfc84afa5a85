/**
 * The component-code rules: an ObjID the survey carries must be a 16-digit code of this district
 * (division code + 4-digit class + 6-digit serial) and of the class the row was classified as.
 */
import type { RuleInput, ValidationRule } from './validation-rule.ts';
import { columnName } from './validation-rule.ts';

const COMPONENT_CODE = /^(\d{6})(\d{4})(\d{6})$/;
/** A numeric .dbf column cannot be blank: writers put 0 where a new component has no code yet. */
const BLANK_CODE = /^0+$/;

export const codeMalformed: ValidationRule = {
  id: 'code.malformed',
  severity: 'reject',
  group: 'code',
  description: {
    zh: '部件标识码不是本区 16 位编码（6 位区划码 + 4 位小类 + 6 位序号）',
    en: 'The ObjID is not a 16-digit code of this district (6-digit division code + 4-digit class + 6-digit serial)',
  },
  check: ({ record, context }) => {
    const code = record.fields.code;
    if (!code || BLANK_CODE.test(code)) return null;
    const column = columnName(context, 'code', 'ObjID');
    const m = COMPONENT_CODE.exec(code);
    if (!m) {
      return `${column} '${code}' is not a 16-digit component code (${context.districtCode} + 4-digit class + 6-digit serial); leave it blank for a component new to the census`;
    }
    const [, district, classCode, serial] = m;
    if (district !== context.districtCode) return `${column} '${code}' starts with ${district}, not ${context.districtName}'s division code ${context.districtCode}`;
    if (!context.classGeometry.has(classCode!)) return `${column} '${code}': ${classCode} (digits 7–10) is not a component class`;
    if (serial === '000000') return `${column} '${code}': serial 000000 is not used (serials start at 000001)`;
    return null;
  },
};

export const codeClassMismatch: ValidationRule = {
  id: 'code.class_mismatch',
  severity: 'reject',
  group: 'code',
  description: {
    zh: '部件标识码中的小类与该行的部件类型不一致',
    en: "The ObjID's class digits differ from the row's class",
  },
  check: ({ record, classCode, context }: RuleInput) => {
    const code = record.fields.code;
    const m = code ? COMPONENT_CODE.exec(code) : null;
    if (!m || classCode === null || m[2] === classCode) return null;
    const name = (c: string) => `${context.classNames.get(c) ?? '?'} (${c})`;
    return `${columnName(context, 'code', 'ObjID')} '${code}' is the code of a ${name(m[2]!)}, but the row is a ${name(classCode)}: correct the type or the code`;
  },
};

/** The code rules in the order they are checked. */
export const CODE_RULES: readonly ValidationRule[] = [codeMalformed, codeClassMismatch];
