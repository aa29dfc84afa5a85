/**
 * Signing in and out. A successful login creates a session (an audited write) and returns a
 * bearer token; the web client gets the same token in an httpOnly cookie.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.repository.ts';
import { unauthorized } from '../http/errors.ts';
import { findUserByUsername, type PublicUser } from '../users/user.repository.ts';
import { verifyPassword } from './password.ts';
import type { Principal } from './principal.ts';
import { deleteSession, insertSession } from './session.repository.ts';

/** How long a session lasts. */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;

// verifying against a real hash for unknown users keeps the timing of both failures alike
const unknownUserHash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface LoginResult {
  token: string;
  expires_at: string;
  user: Omit<PublicUser, 'created_at'>;
}

/** Checks the password and opens a session, or throws 401 with one message for every failure. */
export async function login(knex: Knex, username: string, password: string, requestId?: string): Promise<LoginResult> {
  const user = await findUserByUsername(knex, username);
  const valid = await verifyPassword(password, user?.password_hash ?? unknownUserHash);
  if (!user || !valid || !user.active) throw unauthorized('wrong username or password');

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await knex.transaction(async (trx) => {
    const sessionId = await insertSession(trx, user.id, token, expiresAt);
    await recordAudit(trx, {
      actor: { userId: user.id, username: user.username, role: user.role },
      action: 'login',
      entity: 'session',
      entityId: sessionId,
      requestId: requestId ?? null,
    });
  });
  const { id, username: name, display_name, role, department_id, active } = user;
  return { token, expires_at: expiresAt.toISOString(), user: { id, username: name, display_name, role, department_id, active } };
}

/** Ends the session the request came with. */
export async function logout(knex: Knex, principal: Principal, requestId?: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await deleteSession(trx, principal.sessionId);
    await recordAudit(trx, {
      actor: { userId: principal.userId, username: principal.username, role: principal.role },
      action: 'logout',
      entity: 'session',
      entityId: principal.sessionId,
      requestId: requestId ?? null,
    });
  });
}
