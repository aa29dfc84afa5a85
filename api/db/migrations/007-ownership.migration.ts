/**
 * Ownership confirmation (确权): owner departments confirm or dispute the components assigned to
 * them; disputes wait in the centre's queue until a dispatcher or admin reassigns or upholds them.
 */
import type { Knex } from 'knex';

export const disputeStates = ['open', 'reassigned', 'upheld'] as const;

export async function up(knex: Knex): Promise<void> {
  // when the owner or the centre last acted on the ownership (null: as surveyed)
  await knex.schema.alterTable('components', (t) => {
    t.timestamp('ownership_changed_at', { useTz: true });
  });

  await knex.schema.createTable('ownership_disputes', (t) => {
    t.bigIncrements('id');
    t.bigInteger('component_id').notNullable().references('components.id');
    /** the department that said "not ours" */
    t.integer('department_id').notNullable().references('departments.id');
    t.integer('suggested_department_id').references('departments.id');
    t.text('reason').notNullable();
    t.text('state').notNullable().defaultTo('open').checkIn([...disputeStates], 'ownership_disputes_state_check');
    t.integer('created_by').references('users.id').onDelete('set null');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('resolved_by').references('users.id').onDelete('set null');
    t.timestamp('resolved_at', { useTz: true });
    /** the owner after the decision: the new department (reassigned) or the disputing one (upheld) */
    t.integer('resolved_department_id').references('departments.id');
    t.text('resolution_note');
    t.index(['state', 'id']);
    t.index('component_id');
    t.index('department_id');
  });
  await knex.raw(`alter table ownership_disputes
    add constraint ownership_disputes_reason_check check (length(btrim(reason)) > 0),
    add constraint ownership_disputes_resolved_check check ((state = 'open') = (resolved_at is null))`);
  // a component waits on at most one open dispute
  await knex.raw(`create unique index ownership_disputes_one_open on ownership_disputes (component_id) where state = 'open'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ownership_disputes');
  await knex.schema.alterTable('components', (t) => t.dropColumn('ownership_changed_at'));
}
