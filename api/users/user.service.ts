/**
 * Creating users: the rules (owner users belong to a department, usernames are unique) and the
 * audit entry, shared by `civicgrid user add` and `POST /api/users`.
 */
import type { Knex } from 'knex';
import { z } from '../http/zod.ts';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import { hashPassword } from '../auth/password.ts';
import { badRequest, conflict } from '../http/errors.ts';
import { findUserByUsername, insertUser, type PublicUser } from './user.repository.ts';
import { roles } from './role.ts';

export const newUserSchema = z
  .object({
    username: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'lower-case letters, digits, dot, dash or underscore; 2 to 63 characters'),
    password: z.string().min(10, 'at least 10 characters').max(200),
    role: z.enum(roles),
    department: z.string().min(1).optional().describe('department code, required for the owner role'),
    display_name: z.string().max(100).optional(),
  })
  .openapi('NewUser');

export type NewUser = z.infer<typeof newUserSchema>;

/** Creates a user in one audited transaction. */
export async function createUser(knex: Knex, input: NewUser, actor: Actor, requestId?: string): Promise<PublicUser> {
  const user = newUserSchema.parse(input);
  const passwordHash = await hashPassword(user.password);
  return knex.transaction(async (trx) => {
    let departmentId: number | null = null;
    if (user.department !== undefined) {
      const department = await trx('departments').where({ code: user.department }).first('id');
      if (!department) throw badRequest(`unknown department ${user.department}: see GET /api/departments`);
      departmentId = department.id;
    }
    if (user.role === 'owner' && departmentId === null) {
      throw badRequest('an owner user belongs to a department: give --department <code>');
    }
    if (await findUserByUsername(trx, user.username)) throw conflict(`the username ${user.username} is taken`);
    const created = await insertUser(trx, {
      username: user.username,
      display_name: user.display_name ?? null,
      password_hash: passwordHash,
      role: user.role,
      department_id: departmentId,
    });
    await recordAudit(trx, {
      actor,
      action: 'create',
      entity: 'user',
      entityId: created.id,
      details: { username: created.username, role: created.role, department: user.department ?? null },
      requestId: requestId ?? null,
    });
    return created;
  });
}
