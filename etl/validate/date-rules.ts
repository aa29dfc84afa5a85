/**
 * The date rule: a survey (or change) date must be a real calendar date in an accepted format,
 * not before digital urban management existed and not in the future.
 */
import type { MappedFieldKey } from '../fields/field-profile.ts';
import { parseSurveyDate } from './survey-date.ts';
import type { RuleInput, ValidationRule } from './validation-rule.ts';
import { columnName } from './validation-rule.ts';

/** Dates before this are taken as placeholders (1899-12-30, 1900-01-01) or typos. */
export const EARLIEST_SURVEY_DATE = '1990-01-01';

const DATE_FIELDS: ReadonlyArray<[MappedFieldKey, string]> = [
  ['surveyDate', '调查日期'],
  ['changeDate', 'CHDate'],
];

export const dateInvalid: ValidationRule = {
  id: 'date.invalid',
  severity: 'warn',
  group: 'date',
  description: {
    zh: '日期无法识别、早于 1990 年或晚于今天（格式：YYYY-MM-DD、YYYYMMDD、YYYY/MM/DD、YYYY年MM月DD日）；部件保留，日期置空',
    en: 'A date that cannot be read, is before 1990 or is in the future (formats: YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYY年MM月DD日); the component is kept without the date',
  },
  check: ({ record, context }: RuleInput) => {
    for (const [key, fallback] of DATE_FIELDS) {
      const text = record.fields[key];
      if (!text || text === '0') continue; // a numeric date column's blank
      const column = columnName(context, key, fallback);
      const date = parseSurveyDate(text);
      if (date === null) return `${column} '${text}' is not a date: write YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD or YYYY年MM月DD日`;
      if (date > context.today) return `${column} ${date} is in the future (today is ${context.today})`;
      if (date < EARLIEST_SURVEY_DATE) return `${column} ${date} is before ${EARLIEST_SURVEY_DATE.slice(0, 4)}: a placeholder or a typo`;
    }
    return null;
  },
};

/** The date rules in the order they are checked. */
export const DATE_RULES: readonly ValidationRule[] = [dateInvalid];
