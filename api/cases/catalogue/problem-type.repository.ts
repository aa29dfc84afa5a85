/** SQL for the problem-type catalogue (问题类型), table problem_types. */
import type { Knex } from 'knex';
import type { ProblemTypeRow } from './problem-type-catalogue.ts';

/** A problem type: of a component class (class_code) or an event class (event_class_code). */
export type ProblemType = ProblemTypeRow;

const columns = ['code', 'class_code', 'event_class_code', 'name_zh', 'name_en', 'case_class'] as const;

/**
 * The problem type `problemCode` if it belongs to `classCode` — a component class code for
 * component problems (`0118`, `0118-01`), an event class code for event problems (`0401`, `E0401`);
 * undefined when there is no such code or it belongs to another class.
 *
 * @example
 * await findProblemType(knex, '0101', '0101-02') // { code: '0101-02', name_zh: '缺失', case_class: 'A', … }
 * await findProblemType(knex, '0102', '0101-02') // undefined: a 上水井盖 problem, not a 污水井盖 one
 */
export async function findProblemType(knex: Knex, classCode: string, problemCode: string): Promise<ProblemType | undefined> {
  return knex('problem_types')
    .select(columns)
    .where({ code: problemCode })
    .andWhere((where) => where.where({ class_code: classCode }).orWhere({ event_class_code: classCode }))
    .first();
}

/** Problem types, component ones first, by code; narrowed to one component class or one event class. */
export async function listProblemTypes(knex: Knex, filter: { classCode?: string; eventClassCode?: string } = {}): Promise<ProblemType[]> {
  const query = knex('problem_types').select(columns).orderByRaw('event_class_code is not null, code');
  if (filter.classCode !== undefined) query.where({ class_code: filter.classCode });
  if (filter.eventClassCode !== undefined) query.where({ event_class_code: filter.eventClassCode });
  return query;
}
