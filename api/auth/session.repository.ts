/** SQL for login sessions. Only a hash of each token is stored. */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Principal } from './principal.ts';

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function insertSession(knex: Knex, userId: number, token: string, expiresAt: Date): Promise<number> {
  const [row] = await knex('sessions').insert({ user_id: userId, token_hash: hashToken(token), expires_at: expiresAt }).returning('id');
  return row.id;
}

/** The principal for a live token of an active user, or undefined. */
export async function findPrincipalByToken(knex: Knex, token: string): Promise<Principal | undefined> {
  const row = await knex('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.token_hash', hashToken(token))
    .andWhere('s.expires_at', '>', knex.fn.now())
    .andWhere('u.active', true)
    .first('s.id as session_id', 'u.id as user_id', 'u.username', 'u.role', 'u.department_id');
  if (!row) return undefined;
  return { sessionId: row.session_id, userId: row.user_id, username: row.username, role: row.role, departmentId: row.department_id };
}

export async function deleteSession(knex: Knex, sessionId: number): Promise<void> {
  await knex('sessions').where({ id: sessionId }).delete();
}
