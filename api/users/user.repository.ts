/** SQL for users. */
import type { Knex } from 'knex';
import type { Role } from './role.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string | null;
  password_hash: string;
  role: Role;
  department_id: number | null;
  active: boolean;
  created_at: Date;
}

/** A user as shown to clients: never the password hash. */
export type PublicUser = Omit<UserRow, 'password_hash'>;

const publicColumns = ['id', 'username', 'display_name', 'role', 'department_id', 'active', 'created_at'];

export function findUserByUsername(knex: Knex, username: string): Promise<UserRow | undefined> {
  return knex('users').where({ username }).first();
}

export function findPublicUser(knex: Knex, id: number): Promise<PublicUser | undefined> {
  return knex('users').select(publicColumns).where({ id }).first();
}

export function listUsers(knex: Knex): Promise<PublicUser[]> {
  return knex('users').select(publicColumns).orderBy('username');
}

export async function insertUser(
  knex: Knex,
  user: Pick<UserRow, 'username' | 'display_name' | 'password_hash' | 'role' | 'department_id'>,
): Promise<PublicUser> {
  const [row] = await knex('users').insert(user).returning(publicColumns);
  return row as PublicUser;
}

export async function countUsers(knex: Knex): Promise<number> {
  const row = await knex('users').count<{ count: number }>({ count: '*' }).first();
  return row?.count ?? 0;
}
