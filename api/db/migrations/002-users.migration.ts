/** People and accountability: users, login sessions and the audit log. */
import type { Knex } from 'knex';

export const roles = ['admin', 'dispatcher', 'inspector', 'owner', 'contractor'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.text('username').notNullable().unique();
    t.text('display_name');
    t.text('password_hash').notNullable();
    t.text('role').notNullable().checkIn([...roles], 'users_role_check');
    t.integer('department_id').references('departments.id');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  await knex.raw(`alter table users
    add constraint users_username_check check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    add constraint users_owner_department_check check (role <> 'owner' or department_id is not null)`);

  await knex.schema.createTable('sessions', (t) => {
    t.increments('id');
    t.text('token_hash').notNullable().unique();
    t.integer('user_id').notNullable().references('users.id').onDelete('cascade');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index('user_id');
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('user_id').references('users.id').onDelete('set null');
    t.text('username');
    t.text('role');
    t.text('action').notNullable();
    t.text('entity').notNullable();
    t.text('entity_id');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.text('request_id');
    t.index(['entity', 'entity_id']);
    t.index('at');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['audit_log', 'sessions', 'users']) await knex.schema.dropTable(table);
}
