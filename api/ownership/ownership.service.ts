/**
 * Ownership confirmation (确权): an owner department's worklist, its bulk confirm / dispute (all or
 * nothing, audited per component, optimistic versions), and per-department progress. Which
 * department a request may see or act for is decided here, never by the client.
 */
import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { ComponentFilter, OwnershipStatus } from '../components/component-filter.ts';
import { listComponents } from '../components/component.service.ts';
import { insertDisputes } from './ownership-dispute.repository.ts';
import { countByDepartment, countUnowned, findDepartmentById, findDepartmentRef, lockComponents, setOwnership, type DepartmentRef } from './ownership.repository.ts';
import { actionResult, refuseOwnershipAction, withPercentages, type OwnershipAction } from './ownership-rules.ts';

/** Who acted, for the audit log. */
export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, username: principal.username, role: principal.role };
}

/**
 * The department a request is about. An owner: its own, and asking for another is a 403. The
 * centre (dispatcher, admin): the department asked for, or undefined for all.
 */
export async function scopeDepartment(knex: Knex, principal: Principal, asked: string | undefined): Promise<DepartmentRef | undefined> {
  if (principal.role === 'owner') {
    const own = principal.departmentId === null ? undefined : await findDepartmentById(knex, principal.departmentId);
    if (!own) throw forbidden('your user belongs to no department: an admin must assign one');
    if (asked !== undefined && asked !== own.code) throw forbidden(`an owner user sees only its own department (${own.code}), not ${asked}`);
    return own;
  }
  if (asked === undefined) return undefined;
  const department = await findDepartmentRef(knex, asked);
  if (!department) throw badRequest(`unknown department ${asked}: see GET /api/departments`);
  return department;
}

export interface WorklistQuery extends Omit<ComponentFilter, 'department' | 'ownership'> {
  status: OwnershipStatus;
  department?: string;
  limit: number;
  cursor?: string;
}

/** 待确权清单 — the components of a department in one ownership status, cursor-paged. */
export async function listWorklist(knex: Knex, principal: Principal, query: WorklistQuery) {
  const department = await scopeDepartment(knex, principal, query.department);
  const { status, limit, cursor, department: _asked, ...rest } = query;
  const filter: ComponentFilter = { ...rest, ownership: [status], ...(department ? { department: [department.code] } : {}) };
  return listComponents(knex, filter, { limit, cursor });
}

export interface OwnershipRequest {
  components: { code: string; version: number }[];
  action: OwnershipAction;
  reason?: string;
  suggested_department?: string;
}

/**
 * Confirms or disputes components of the caller's department, all or nothing: each component's
 * version goes up by one and gets its own audit entry; a dispute also opens a dispute per
 * component in the centre's queue.
 */
export async function actOnOwnership(knex: Knex, principal: Principal, request: OwnershipRequest, requestId?: string) {
  if (principal.role !== 'owner' || principal.departmentId === null) throw forbidden('only an owner department confirms or disputes its components');
  const reason = request.reason?.trim();
  if (request.action === 'dispute' && !reason) throw badRequest('a dispute needs a reason: say why the component is not yours');
  const departmentId = principal.departmentId;
  const actor = actorOf(principal);

  return knex.transaction(async (trx) => {
    const own = (await findDepartmentById(trx, departmentId))!;
    let suggested: DepartmentRef | undefined;
    if (request.action === 'dispute' && request.suggested_department !== undefined) {
      suggested = await findDepartmentRef(trx, request.suggested_department);
      if (!suggested) throw badRequest(`unknown suggested department ${request.suggested_department}: see GET /api/departments`);
      if (suggested.id === departmentId) throw badRequest('the suggested department is your own: suggest the department that should own them');
    }

    const locked = await lockComponents(trx, request.components.map((c) => c.code));
    const refusal = refuseOwnershipAction(request.components, locked, departmentId, request.action);
    if (refusal) throw refusal;

    const status = actionResult[request.action];
    const updated = new Map((await setOwnership(trx, locked.map((c) => c.id), { status })).map((row) => [row.id, row]));
    const disputes =
      request.action === 'dispute'
        ? await insertDisputes(trx, locked.map((c) => c.id), { departmentId, suggestedDepartmentId: suggested?.id ?? null, reason: reason!, userId: principal.userId })
        : new Map<number, number>();

    for (const component of locked) {
      await recordAudit(trx, {
        actor,
        action: `ownership_${request.action}`,
        entity: 'component',
        entityId: component.code,
        details: {
          from: { ownership_status: component.ownership_status, department: own.code },
          to: { ownership_status: status, department: own.code },
          version: updated.get(component.id)!.version,
          ...(request.action === 'dispute' ? { dispute_id: disputes.get(component.id), reason, suggested_department: suggested?.code ?? null } : {}),
        },
        requestId: requestId ?? null,
      });
    }
    return {
      action: request.action,
      components: locked.map((c) => ({ code: c.code, ownership_status: status, version: updated.get(c.id)!.version })),
      disputes: locked.filter((c) => disputes.has(c.id)).map((c) => ({ id: disputes.get(c.id)!, code: c.code })),
    };
  });
}

/** 确权进度 — counts and percentages per department; an owner sees its own, the centre all or one. */
export async function ownershipProgress(knex: Knex, principal: Principal, asked: string | undefined) {
  const department = await scopeDepartment(knex, principal, asked);
  const rows = await countByDepartment(knex, department?.id);
  const sum = (key: 'total' | 'confirmed' | 'pending' | 'disputed') => rows.reduce((n, row) => n + row[key], 0);
  return {
    departments: rows.map(({ id: _id, ...row }) => withPercentages(row)),
    total: withPercentages({ total: sum('total'), confirmed: sum('confirmed'), pending: sum('pending'), disputed: sum('disputed') }),
    // components no rule gave an owner: only meaningful in the district-wide view
    unowned: department ? null : await countUnowned(knex),
  };
}
