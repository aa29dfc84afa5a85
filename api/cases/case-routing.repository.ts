/**
 * Routing (派遣建议): the department a case should go to. The component's owner when it is
 * confirmed or still pending; else (no component, no owner, or the ownership is disputed) the
 * responsibility rule for the component class, the most specific grid scope holding the case first.
 */
import type { Knex } from 'knex';

export type SuggestionSource = 'component_owner' | 'responsibility_rule';

export interface DepartmentSuggestion {
  department_id: number;
  code: string;
  name_zh: string;
  source: SuggestionSource;
}

export interface RoutingSubject {
  componentId: number | null;
  /** The component's class (rules are per class); null for an event without a component. */
  classCode: string | null;
  gridId: number | null;
}

/** The suggested department, or undefined when neither an owner nor a rule says. */
export async function suggestDepartment(knex: Knex, subject: RoutingSubject): Promise<DepartmentSuggestion | undefined> {
  if (subject.componentId !== null) {
    const owner = await knex('components as comp')
      .join('departments as d', 'd.id', 'comp.department_id')
      .where('comp.id', subject.componentId)
      .whereIn('comp.ownership_status', ['confirmed', 'pending'])
      .first('d.id as department_id', 'd.code', 'd.name_zh');
    if (owner) return { ...owner, source: 'component_owner' };
  }
  if (subject.classCode === null) return undefined;
  // the case's grid and its ancestors, nearest first; a rule scoped to one of them beats the district-wide rule
  const result = await knex.raw(
    `with recursive up(id, depth) as (
       select ?::int, 0
       union all
       select g.parent_id, up.depth + 1 from grids g join up on g.id = up.id where g.parent_id is not null
     )
     select d.id as department_id, d.code, d.name_zh
       from responsibility_rules r
       join departments d on d.id = r.department_id
       left join up on up.id = r.grid_id
      where r.component_class_code = ? and (r.grid_id is null or up.id is not null)
      order by (r.grid_id is null), up.depth
      limit 1`,
    [subject.gridId, subject.classCode],
  );
  const rule = result.rows[0] as Omit<DepartmentSuggestion, 'source'> | undefined;
  return rule && { ...rule, source: 'responsibility_rule' };
}
