/**
 * SQL for one component's card: the component with its batch, its grid path, its history from the
 * audit log and its open cases (its open dispute is in ownership-dispute.repository.ts).
 */
import type { Knex } from 'knex';
import { selectComponents, type ComponentRow } from './component.repository.ts';

export interface ComponentRecord extends ComponentRow {
  grid_id: number | null;
  attributes: Record<string, unknown>;
  photo: string | null;
  ownership_changed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  survey_batch_id: number | null;
  survey_batch_name: string | null;
  survey_batch_committed_at: Date | null;
}

/** The component with this code, or undefined. */
export function findComponentRecord(knex: Knex, code: string): Promise<ComponentRecord | undefined> {
  return selectComponents(knex)
    .leftJoin('survey_batches as b', 'b.id', 'c.survey_batch_id')
    .select(
      'c.attributes',
      'c.grid_id',
      'c.photo',
      'c.ownership_changed_at',
      'c.created_at',
      'c.updated_at',
      'b.id as survey_batch_id',
      'b.name as survey_batch_name',
      'b.committed_at as survey_batch_committed_at',
    )
    .where('c.code', code)
    .first();
}

export interface GridStep {
  level: number;
  code: string;
  name_zh: string;
  name_en: string;
}

/** The grids above and including this one, town first (the district itself left out). */
export async function gridPath(knex: Knex, gridId: number): Promise<GridStep[]> {
  const result = await knex.raw(
    `with recursive up as (
       select id, parent_id, level, code, name_zh, name_en from grids where id = ?
       union all
       select g.id, g.parent_id, g.level, g.code, g.name_zh, g.name_en from grids g join up on g.id = up.parent_id)
     select level, code, name_zh, name_en from up where level >= 2 order by level`,
    [gridId],
  );
  return result.rows;
}

export interface HistoryEntry {
  id: number;
  at: Date;
  action: string;
  username: string | null;
  role: string | null;
  details: Record<string, unknown>;
}

/** Audit entries about the component, newest first. */
export function componentHistory(knex: Knex, code: string, limit = 200): Promise<HistoryEntry[]> {
  return knex('audit_log')
    .select('id', 'at', 'action', 'username', 'role', 'details')
    .where({ entity: 'component', entity_id: code })
    .orderBy('id', 'desc')
    .limit(limit);
}

/** Case states in which a case is no longer open. */
export const finishedCaseStates = ['not_filed', 'closed', 'evaluated'] as const;

export interface OpenCase {
  id: number;
  number: string;
  state: string;
  case_class: string;
  event_class_code: string | null;
  department_code: string | null;
  created_at: Date;
}

/** The component's cases that are still open, oldest first. */
export function openCasesOf(knex: Knex, componentId: number): Promise<OpenCase[]> {
  return knex('cases as k')
    .leftJoin('departments as d', 'd.id', 'k.department_id')
    // the columns the case loop keeps stable; the case itself is at /api/cases
    .select('k.id', 'k.number', 'k.state', 'k.case_class', 'k.event_class_code', 'd.code as department_code', 'k.created_at')
    .where('k.component_id', componentId)
    .whereNotIn('k.state', finishedCaseStates)
    .orderBy('k.id');
}
