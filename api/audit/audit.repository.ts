/**
 * The audit log: who did what, when, to which entity. Written in the same transaction as the
 * change it records, so there is never a change without its entry or an entry without its change.
 */
import type { Knex } from 'knex';

/** Who acted: a signed-in user, or the command line (system). */
export interface Actor {
  userId: number | null;
  username: string;
  role: string;
}

export interface AuditEntry {
  actor: Actor;
  action: string;
  entity: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/** The actor used for changes made from the command line. */
export const commandLineActor: Actor = { userId: null, username: 'cli', role: 'system' };

/** Appends one entry; pass the transaction that makes the change. */
export async function recordAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
  await trx('audit_log').insert({
    user_id: entry.actor.userId,
    username: entry.actor.username,
    role: entry.actor.role,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    details: JSON.stringify(entry.details ?? {}),
    request_id: entry.requestId ?? null,
  });
}

export interface AuditRow {
  id: number;
  at: Date;
  user_id: number | null;
  username: string | null;
  role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
}

/** Entries about one entity, newest first. */
export async function listAudit(knex: Knex, entity: string, entityId?: string): Promise<AuditRow[]> {
  const query = knex('audit_log').where({ entity }).orderBy('id', 'desc');
  if (entityId !== undefined) query.andWhere({ entity_id: entityId });
  return query;
}
