/**
 * SQL for ownership disputes (权属异议): a department's "not ours", waiting in the centre's queue
 * until it is reassigned or upheld.
 */
import type { Knex } from 'knex';
import { disputeStates } from '../db/migrations/007-ownership.migration.ts';

export type DisputeState = (typeof disputeStates)[number];

export interface DisputeRow {
  id: number;
  component_id: number;
  department_id: number;
  state: DisputeState;
}

/** A dispute as the queue shows it: the component as it is now, and who said what. */
export interface DisputeView {
  id: number;
  state: DisputeState;
  component_code: string;
  component_version: number;
  class_code: string;
  class_name_zh: string;
  class_name_en: string;
  grid_code: string | null;
  current_department_code: string | null;
  ownership_status: string;
  lon: number;
  lat: number;
  department_code: string;
  department_name_zh: string;
  suggested_department_code: string | null;
  suggested_department_name_zh: string | null;
  reason: string;
  created_by: string | null;
  created_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolved_department_code: string | null;
  resolution_note: string | null;
}

/** Opens one dispute per component; returns their ids by component id. */
export async function insertDisputes(
  trx: Knex.Transaction,
  componentIds: readonly number[],
  dispute: { departmentId: number; suggestedDepartmentId: number | null; reason: string; userId: number },
): Promise<Map<number, number>> {
  if (componentIds.length === 0) return new Map();
  const rows: { id: number; component_id: number }[] = await trx('ownership_disputes')
    .insert(
      componentIds.map((componentId) => ({
        component_id: componentId,
        department_id: dispute.departmentId,
        suggested_department_id: dispute.suggestedDepartmentId,
        reason: dispute.reason,
        created_by: dispute.userId,
      })),
    )
    .returning(['id', 'component_id']);
  return new Map(rows.map((row) => [row.component_id, row.id]));
}

/** The dispute, locked until the transaction ends. */
export function lockDispute(trx: Knex.Transaction, id: number): Promise<DisputeRow | undefined> {
  return trx('ownership_disputes').select('id', 'component_id', 'department_id', 'state').where({ id }).forUpdate().first();
}

/** Records the centre's decision. */
export async function closeDispute(
  trx: Knex.Transaction,
  id: number,
  decision: { state: Exclude<DisputeState, 'open'>; userId: number; departmentId: number; note: string },
): Promise<void> {
  await trx('ownership_disputes').where({ id }).update({
    state: decision.state,
    resolved_by: decision.userId,
    resolved_at: trx.fn.now(),
    resolved_department_id: decision.departmentId,
    resolution_note: decision.note,
  });
}

function selectDisputes(knex: Knex): Knex.QueryBuilder {
  return knex('ownership_disputes as o')
    .join('components as c', 'c.id', 'o.component_id')
    .join('component_classes as cc', 'cc.code', 'c.class_code')
    .join('departments as d', 'd.id', 'o.department_id')
    .leftJoin('departments as s', 's.id', 'o.suggested_department_id')
    .leftJoin('departments as cd', 'cd.id', 'c.department_id')
    .leftJoin('departments as rd', 'rd.id', 'o.resolved_department_id')
    .leftJoin('grids as g', 'g.id', 'c.grid_id')
    .leftJoin('users as cu', 'cu.id', 'o.created_by')
    .leftJoin('users as ru', 'ru.id', 'o.resolved_by')
    .select(
      'o.id',
      'o.state',
      'c.code as component_code',
      'c.version as component_version',
      'c.class_code',
      'cc.name_zh as class_name_zh',
      'cc.name_en as class_name_en',
      'g.code as grid_code',
      'cd.code as current_department_code',
      'c.ownership_status',
      knex.raw('round(ST_X(c.point)::numeric, 7) as lon'),
      knex.raw('round(ST_Y(c.point)::numeric, 7) as lat'),
      'd.code as department_code',
      'd.name_zh as department_name_zh',
      's.code as suggested_department_code',
      's.name_zh as suggested_department_name_zh',
      'o.reason',
      'cu.username as created_by',
      'o.created_at',
      'ru.username as resolved_by',
      'o.resolved_at',
      'rd.code as resolved_department_code',
      'o.resolution_note',
    );
}

export interface DisputeFilter {
  state?: DisputeState;
  /** the disputing department */
  departmentId?: number;
}

/** Disputes after `afterId` in id order (oldest first: the queue), `limit + 1` of them. */
export function listDisputeViews(knex: Knex, filter: DisputeFilter, afterId: number, limit: number): Promise<DisputeView[]> {
  const query = selectDisputes(knex).where('o.id', '>', afterId).orderBy('o.id').limit(limit + 1);
  if (filter.state) query.where('o.state', filter.state);
  if (filter.departmentId !== undefined) query.where('o.department_id', filter.departmentId);
  return query;
}

export function findDisputeView(knex: Knex, id: number): Promise<DisputeView | undefined> {
  return selectDisputes(knex).where('o.id', id).first();
}

export interface OpenDispute {
  id: number;
  department_code: string;
  suggested_department_code: string | null;
  reason: string;
  created_at: Date;
}

/** The component's open dispute, if any (for the component card). */
export function openDisputeOf(knex: Knex, componentId: number): Promise<OpenDispute | undefined> {
  return knex('ownership_disputes as o')
    .join('departments as d', 'd.id', 'o.department_id')
    .leftJoin('departments as s', 's.id', 'o.suggested_department_id')
    .select('o.id', 'd.code as department_code', 's.code as suggested_department_code', 'o.reason', 'o.created_at')
    .where({ 'o.component_id': componentId, 'o.state': 'open' })
    .first();
}

/** The open disputes about these components, locked: component id → dispute id. */
export async function lockOpenDisputes(trx: Knex.Transaction, componentIds: readonly number[]): Promise<Map<number, number>> {
  const rows: { id: number; component_id: number }[] = await trx('ownership_disputes').select('id', 'component_id').whereIn('component_id', componentIds).andWhere({ state: 'open' }).orderBy('id').forUpdate();
  return new Map(rows.map((row) => [row.component_id, row.id]));
}
