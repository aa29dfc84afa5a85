/**
 * Reassigning owners in bulk (权属调整): an admin moves components to another department — say a
 * survey's owner field was wrong for a whole street. The components become pending for the new
 * owner, who confirms them as usual; an open dispute about one of them is closed as reassigned.
 * All or nothing, with optimistic versions and an audit entry per component.
 */
import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import { closeDispute, lockOpenDisputes } from './ownership-dispute.repository.ts';
import { departmentCodes, findDepartmentRef, lockComponents, setOwnership } from './ownership.repository.ts';
import { refuseListed } from './ownership-rules.ts';
import { actorOf } from './ownership.service.ts';

export interface Reassignment {
  components: { code: string; version: number }[];
  /** the new owner's department code */
  department: string;
  reason: string;
}

/** Moves the components to the department; those it owns already are left as they are. */
export async function reassignOwners(knex: Knex, principal: Principal, request: Reassignment, requestId?: string) {
  if (principal.role !== 'admin') throw forbidden('only an admin reassigns owners');
  const reason = request.reason.trim();
  if (!reason) throw badRequest('a reassignment needs a reason');
  const actor = actorOf(principal);

  return knex.transaction(async (trx) => {
    const target = await findDepartmentRef(trx, request.department);
    if (!target) throw badRequest(`unknown department ${request.department}: see GET /api/departments`);
    const locked = await lockComponents(trx, request.components.map((c) => c.code));
    const refusal = refuseListed(request.components, locked, true);
    if (refusal) throw refusal;

    const moving = locked.filter((c) => c.department_id !== target.id);
    const unchanged = locked.filter((c) => c.department_id === target.id).map((c) => c.code);
    if (moving.length === 0) return { department: target.code, components: [], unchanged };

    const previousOwners = await departmentCodes(trx, moving.map((c) => c.department_id).filter((id): id is number => id !== null));
    const updated = new Map((await setOwnership(trx, moving.map((c) => c.id), { status: 'pending', departmentId: target.id })).map((row) => [row.id, row]));
    const openDisputes = await lockOpenDisputes(trx, moving.map((c) => c.id));
    for (const [, disputeId] of openDisputes) {
      await closeDispute(trx, disputeId, { state: 'reassigned', userId: principal.userId, departmentId: target.id, note: reason });
    }
    for (const component of moving) {
      await recordAudit(trx, {
        actor,
        action: 'ownership_reassign',
        entity: 'component',
        entityId: component.code,
        details: {
          from: { ownership_status: component.ownership_status, department: component.department_id === null ? null : previousOwners.get(component.department_id) ?? null },
          to: { ownership_status: 'pending', department: target.code },
          version: updated.get(component.id)!.version,
          reason,
          ...(openDisputes.has(component.id) ? { dispute_id: openDisputes.get(component.id) } : {}),
        },
        requestId: requestId ?? null,
      });
    }
    return {
      department: target.code,
      components: moving.map((c) => ({ code: c.code, ownership_status: 'pending' as const, version: updated.get(c.id)!.version })),
      unchanged,
    };
  });
}
