/**
 * Who acts on a case, and what they may see: a signed-in user (with role and department), a
 * citizen through an Open311 client, or the system. A department sees only the cases it handles
 * or reported; the centre's roles see all.
 */
import type { Actor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { ActorRole } from './case-state-machine.ts';
import type { CaseRow } from './case.repository.ts';

export interface CaseActor {
  userId: number | null;
  username: string;
  role: ActorRole;
  departmentId: number | null;
}

export function caseActorOf(principal: Principal): CaseActor {
  return { userId: principal.userId, username: principal.username, role: principal.role, departmentId: principal.departmentId };
}

/** A citizen reporting through an Open311 client (no user account). */
export function citizenActor(clientName: string): CaseActor {
  return { userId: null, username: `open311:${clientName}`, role: 'citizen', departmentId: null };
}

/** The actor the audit log records. */
export function auditActor(actor: CaseActor): Actor {
  return { userId: actor.userId, username: actor.username, role: actor.role };
}

/** Owners see the cases of their department (handling or reporting); everyone else on the loop sees all. */
export function canSeeCase(actor: CaseActor, row: Pick<CaseRow, 'department_id' | 'reporter_department_id'>): boolean {
  if (actor.role !== 'owner') return true;
  return actor.departmentId !== null && (row.department_id === actor.departmentId || row.reporter_department_id === actor.departmentId);
}
