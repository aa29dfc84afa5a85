/**
 * SQL for ownership confirmation (确权): locking the components a request names, changing their
 * ownership, and counting each department's progress.
 */
import type { Knex } from 'knex';
import type { OwnershipStatus } from '../components/component-filter.ts';
import type { LockedComponent, StatusCounts } from './ownership-rules.ts';

/** The named components, locked until the transaction ends; in id order so that bulk requests never deadlock. */
export function lockComponents(trx: Knex.Transaction, codes: readonly string[]): Promise<LockedComponent[]> {
  return trx('components').select('id', 'code', 'department_id', 'ownership_status', 'version').whereIn('code', codes).orderBy('id').forUpdate();
}

/** The component with this id, locked. */
export function lockComponentById(trx: Knex.Transaction, id: number): Promise<LockedComponent | undefined> {
  return trx('components').select('id', 'code', 'department_id', 'ownership_status', 'version').where({ id }).forUpdate().first();
}

/**
 * Sets the ownership of components in one statement (one data-version bump) and bumps each
 * version; a department given moves them to it. Returns the new versions.
 */
export async function setOwnership(
  trx: Knex.Transaction,
  ids: readonly number[],
  change: { status: OwnershipStatus; departmentId?: number },
): Promise<{ id: number; code: string; version: number }[]> {
  return trx('components')
    .whereIn('id', ids)
    .update({
      ownership_status: change.status,
      ...(change.departmentId === undefined ? {} : { department_id: change.departmentId }),
      version: trx.raw('version + 1'),
      ownership_changed_at: trx.fn.now(),
      updated_at: trx.fn.now(),
    })
    .returning(['id', 'code', 'version']);
}

export interface DepartmentRef {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
}

export function findDepartmentById(knex: Knex, id: number): Promise<DepartmentRef | undefined> {
  return knex('departments').select('id', 'code', 'name_zh', 'name_en').where({ id }).first();
}

export function findDepartmentRef(knex: Knex, code: string): Promise<DepartmentRef | undefined> {
  return knex('departments').select('id', 'code', 'name_zh', 'name_en').where({ code }).first();
}

/** Department codes by id. */
export async function departmentCodes(knex: Knex, ids: readonly number[]): Promise<Map<number, string>> {
  const rows: { id: number; code: string }[] = await knex('departments').select('id', 'code').whereIn('id', [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.code]));
}

export type DepartmentProgressRow = DepartmentRef & StatusCounts;

/**
 * Counts by ownership status per department: one department (even with no components), or every
 * department that owns at least one. Components are counted first, by (department, status), so the
 * count runs as an index-only scan: 0.1 s instead of 0.6 s for 680,000 components on PostgreSQL.
 */
export async function countByDepartment(knex: Knex, departmentId?: number): Promise<DepartmentProgressRow[]> {
  const counted = knex('components').select('department_id', 'ownership_status').count('* as n').groupBy('department_id', 'ownership_status');
  if (departmentId !== undefined) counted.where({ department_id: departmentId });
  const sum = (status?: string) => knex.raw(`coalesce(sum(s.n)${status ? ` filter (where s.ownership_status = '${status}')` : ''}, 0)::int`);
  const query = knex('departments as d')
    .leftJoin(counted.as('s'), 's.department_id', 'd.id')
    .select('d.id', 'd.code', 'd.name_zh', 'd.name_en', { total: sum(), confirmed: sum('confirmed'), pending: sum('pending'), disputed: sum('disputed') })
    .groupBy('d.id')
    .orderBy('d.code');
  if (departmentId === undefined) query.havingRaw('coalesce(sum(s.n), 0) > 0');
  else query.where('d.id', departmentId);
  return query;
}

/** Components that no department owns (no responsibility rule matched them). */
export async function countUnowned(knex: Knex): Promise<number> {
  const row = await knex('components').whereNull('department_id').count<{ count: number }[]>('* as count').first();
  return Number(row?.count ?? 0);
}
