/**
 * The demo users a new database gets, one per role, with random passwords that are shown once.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { commandLineActor } from '../audit/audit.repository.ts';
import type { Role } from './role.ts';
import { countUsers } from './user.repository.ts';
import { createUser } from './user.service.ts';

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  department?: string;
  display_name: string;
}

const demoUsers: Omit<DemoUser, 'password'>[] = [
  { username: 'admin', role: 'admin', department: 'command-centre', display_name: '系统管理员 Administrator' },
  { username: 'dispatcher', role: 'dispatcher', department: 'command-centre', display_name: '派遣员 Dispatcher' },
  { username: 'inspector', role: 'inspector', department: 'command-centre', display_name: '监督员 Inspector' },
  { username: 'water', role: 'owner', department: 'water-supply', display_name: '供水公司 Water supply' },
  { username: 'lighting', role: 'owner', department: 'street-lighting', display_name: '路灯管理所 Street lighting' },
  { username: 'contractor', role: 'contractor', display_name: '调查单位 Survey contractor' },
];

/** Creates the demo users when the database has no users yet; returns them with their passwords. */
export async function createDemoUsersIfEmpty(knex: Knex): Promise<DemoUser[]> {
  if ((await countUsers(knex)) > 0) return [];
  const created: DemoUser[] = [];
  for (const user of demoUsers) {
    const department = user.department && (await knex('departments').where({ code: user.department }).first('id')) ? user.department : undefined;
    if (user.role === 'owner' && !department) continue;
    const password = randomBytes(9).toString('base64url');
    await createUser(knex, { ...user, department, password }, commandLineActor);
    created.push({ ...user, department, password });
  }
  return created;
}

/** The console text that shows the demo accounts once. */
export function formatDemoUsers(users: DemoUser[], url: string): string {
  const lines = users.map((u) => `  ${u.username.padEnd(12)} ${u.password.padEnd(14)} ${u.role.padEnd(11)} ${u.display_name}`);
  return [
    '',
    `civicgrid demo accounts (shown once; sign in at ${url}):`,
    `  ${'username'.padEnd(12)} ${'password'.padEnd(14)} ${'role'.padEnd(11)} name`,
    ...lines,
    '  add more with: civicgrid user add --username NAME --role ROLE [--department CODE] --password-stdin',
    '',
  ].join('\n');
}
