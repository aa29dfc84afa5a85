/** SQL for the GB/T 30428.2 component (部件) and event (事件) classes. */
import type { Knex } from 'knex';

export interface ComponentClass {
  code: string;
  major_code: string;
  major_name_zh: string;
  major_name_en: string;
  name_zh: string;
  name_en: string;
  geometry_kind: 'point' | 'line' | 'polygon';
  default_department: string | null;
  default_case_class: 'A' | 'B' | 'C' | null;
}

export interface EventClass {
  code: string;
  major_code: string;
  major_name_zh: string;
  major_name_en: string;
  name_zh: string;
  name_en: string;
}

/** Component classes with their district-wide default owner and case class. */
export function listComponentClasses(knex: Knex): Promise<ComponentClass[]> {
  return knex('component_classes as c')
    .leftJoin('responsibility_rules as r', (join) => join.on('r.component_class_code', 'c.code').andOnNull('r.grid_id'))
    .leftJoin('departments as d', 'd.id', 'r.department_id')
    .select('c.code', 'c.major_code', 'c.major_name_zh', 'c.major_name_en', 'c.name_zh', 'c.name_en', 'c.geometry_kind', 'd.code as default_department', 'r.case_class as default_case_class')
    .orderBy('c.code');
}

export function listEventClasses(knex: Knex): Promise<EventClass[]> {
  return knex('event_classes').select('code', 'major_code', 'major_name_zh', 'major_name_en', 'name_zh', 'name_en').orderBy('code');
}
