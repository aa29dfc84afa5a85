/** Repair cases (案件) and their append-only event log. */
import type { Knex } from 'knex';

/** The six-step closed loop's states. */
export const caseStates = ['reported', 'filed', 'not_filed', 'dispatched', 'disposed', 'returned', 'closed', 'evaluated'] as const;
export const caseSources = ['inspector', 'dispatcher', 'citizen', 'owner'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cases', (t) => {
    t.bigIncrements('id');
    t.text('number').notNullable().unique();
    t.text('source').notNullable().checkIn([...caseSources], 'cases_source_check');
    t.specificType('event_class_code', 'char(4)').references('event_classes.code');
    t.bigInteger('component_id').references('components.id');
    t.text('problem_type');
    t.specificType('location', 'geometry(Point, 4326)').notNullable();
    t.integer('grid_id').references('grids.id');
    t.specificType('case_class', 'char(1)').notNullable().checkIn(['A', 'B', 'C'], 'cases_case_class_check');
    t.integer('department_id').references('departments.id');
    t.text('state').notNullable().defaultTo('reported').checkIn([...caseStates], 'cases_state_check');
    t.jsonb('deadlines').notNullable().defaultTo('{}');
    t.text('description');
    t.integer('reporter_id').references('users.id');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamps(true, true);
    t.index('location', 'cases_location_gist', 'gist');
    t.index(['state', 'department_id']);
    t.index('component_id');
    t.index('grid_id');
  });
  await knex.raw(`alter table cases add constraint cases_subject_check
    check (component_id is not null or event_class_code is not null)`);

  await knex.schema.createTable('case_events', (t) => {
    t.bigIncrements('id');
    t.bigInteger('case_id').notNullable().references('cases.id');
    t.text('action').notNullable();
    t.text('from_state').checkIn([...caseStates], 'case_events_from_state_check');
    t.text('to_state').notNullable().checkIn([...caseStates], 'case_events_to_state_check');
    t.integer('user_id').references('users.id');
    t.text('role');
    t.integer('department_id').references('departments.id');
    t.text('note');
    t.jsonb('photos').notNullable().defaultTo('[]');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['case_id', 'at']);
  });
  // the log is the evidence for assessment: rows are added, never changed
  await knex.raw(`create function case_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_events is append-only (% refused)', tg_op using errcode = 'restrict_violation';
    end $$`);
  await knex.raw(`create trigger case_events_append_only before update or delete on case_events
    for each row execute function case_events_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_events');
  await knex.raw('drop function case_events_append_only()');
  await knex.schema.dropTable('cases');
}
