/**
 * The data version: one counter that every statement writing components or cases bumps, by
 * trigger, so caches keyed by it (tiles, feature pages) are never stale — whoever wrote (the API,
 * the CLI's import, psql). The counter lives in a row, so a reader sees a new version only once the
 * write that bumped it has committed.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('data_version', (t) => {
    t.boolean('singleton').primary().defaultTo(true);
    t.bigInteger('version').notNullable().defaultTo(1);
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('alter table data_version add constraint data_version_singleton_check check (singleton)');
  await knex('data_version').insert({ singleton: true, version: 1 });
  await knex.raw(`create function bump_data_version() returns trigger language plpgsql as $$
    begin
      update data_version set version = version + 1, changed_at = now();
      return null;
    end $$`);
  for (const table of ['components', 'cases']) {
    await knex.raw(`create trigger ${table}_bump_data_version after insert or update or delete or truncate on ${table}
      for each statement execute function bump_data_version()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['components', 'cases']) await knex.raw(`drop trigger ${table}_bump_data_version on ${table}`);
  await knex.raw('drop function bump_data_version()');
  await knex.schema.dropTable('data_version');
}
