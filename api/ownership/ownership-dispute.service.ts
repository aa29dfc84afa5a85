/**
 * The centre's dispute queue (权属异议处理): a dispatcher or admin reassigns a disputed component
 * to another department (pending again, for the new owner to confirm) or upholds the original
 * owner (confirmed, by the centre's decision — see ownership-rules.ts). Audited, with optimistic
 * concurrency on the component's version.
 */
import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { cutPage, decodeCursor } from '../components/page-cursor.ts';
import { closeDispute, findDisputeView, listDisputeViews, lockDispute, type DisputeState } from './ownership-dispute.repository.ts';
import { findDepartmentById, findDepartmentRef, lockComponentById, setOwnership } from './ownership.repository.ts';
import { staleConflict } from './ownership-rules.ts';
import { actorOf, scopeDepartment } from './ownership.service.ts';

export interface DisputeQuery {
  state?: DisputeState;
  department?: string;
  limit: number;
  cursor?: string;
}

/** Disputes oldest first; an owner sees those its department raised. */
export async function listDisputes(knex: Knex, principal: Principal, query: DisputeQuery) {
  const afterId = decodeCursor(query.cursor);
  const department = await scopeDepartment(knex, principal, query.department);
  const rows = await listDisputeViews(knex, { state: query.state, departmentId: department?.id }, afterId, query.limit);
  const { rows: disputes, next } = cutPage(rows, query.limit);
  return { disputes, next };
}

export interface Resolution {
  decision: 'reassign' | 'uphold';
  department?: string;
  note: string;
  /** the component's version the decision was made on */
  version: number;
}

/** Decides an open dispute; returns the dispute as it now is. */
export async function resolveDispute(knex: Knex, principal: Principal, id: number, resolution: Resolution, requestId?: string) {
  const actor = actorOf(principal);
  await knex.transaction(async (trx) => {
    const dispute = await lockDispute(trx, id);
    if (!dispute) throw notFound(`no ownership dispute ${id}`);
    if (dispute.state !== 'open') throw conflict(`ownership dispute ${id} is already ${dispute.state}`, { state: dispute.state });
    const component = (await lockComponentById(trx, dispute.component_id))!;
    if (component.version !== resolution.version) throw staleConflict([{ code: component.code, version: component.version }]);

    const fromDepartmentId = component.department_id ?? dispute.department_id;
    const from = (await findDepartmentById(trx, fromDepartmentId))!;
    let to = from;
    if (resolution.decision === 'reassign') {
      if (!resolution.department) throw badRequest('reassign needs the department that owns the component');
      const target = await findDepartmentRef(trx, resolution.department);
      if (!target) throw badRequest(`unknown department ${resolution.department}: see GET /api/departments`);
      if (target.id === fromDepartmentId) throw badRequest(`the component already belongs to ${target.code}: uphold the dispute instead`);
      to = target;
    }
    const status = resolution.decision === 'reassign' ? 'pending' : 'confirmed';
    const [updated] = await setOwnership(trx, [component.id], { status, departmentId: to.id });
    await closeDispute(trx, id, { state: resolution.decision === 'reassign' ? 'reassigned' : 'upheld', userId: principal.userId, departmentId: to.id, note: resolution.note });
    await recordAudit(trx, {
      actor,
      action: `ownership_${resolution.decision}`,
      entity: 'component',
      entityId: component.code,
      details: {
        from: { ownership_status: component.ownership_status, department: from.code },
        to: { ownership_status: status, department: to.code },
        version: updated!.version,
        dispute_id: id,
        note: resolution.note,
      },
      requestId: requestId ?? null,
    });
  });
  return (await findDisputeView(knex, id))!;
}
