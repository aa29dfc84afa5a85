/**
 * The repair-case loop (六步闭环): the `verified` state, deadlines on the events that start a step,
 * the fields the loop keeps on a case, human-readable case numbers, queue indexes and the Open311
 * clients that may report on citizens' behalf.
 */
import type { Knex } from 'knex';

/** The loop's states, `verified` (核实) between reported and filed. */
export const caseLoopStates = ['reported', 'verified', 'filed', 'not_filed', 'dispatched', 'disposed', 'returned', 'closed', 'evaluated'] as const;
/** Every action a case_events row can record. */
export const caseLoopActions = ['report', 'join', 'verify', 'not_file', 'file', 'dispatch', 'dispose', 'return', 'close', 'evaluate', 'overdue'] as const;
const previousStates = ['reported', 'filed', 'not_filed', 'dispatched', 'disposed', 'returned', 'closed', 'evaluated'];

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table cases drop constraint cases_state_check,
    add constraint cases_state_check check (state in (${list(caseLoopStates)}))`);
  await knex.raw(`alter table case_events
    drop constraint case_events_from_state_check,
    drop constraint case_events_to_state_check,
    add constraint case_events_from_state_check check (from_state in (${list(caseLoopStates)})),
    add constraint case_events_to_state_check check (to_state in (${list(caseLoopStates)})),
    add constraint case_events_action_check check (action in (${list(caseLoopActions)}))`);

  await knex.schema.alterTable('case_events', (t) => {
    // the deadline of the step this event starts (report → verify's, dispatch → dispose's …)
    t.timestamp('due_at', { useTz: true });
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['action', 'at']);
    t.index(['department_id', 'action']);
  });

  await knex.schema.alterTable('cases', (t) => {
    t.renameColumn('problem_type', 'problem_type_code');
    t.integer('rework_count').notNullable().defaultTo(0);
    // 巡办分离: the reporting department may never dispose
    t.integer('reporter_department_id').references('departments.id');
    // the deadline of the step running now; null once the case is closed or not filed
    t.timestamp('due_at', { useTz: true });
  });
  const open = `state not in ('not_filed', 'closed', 'evaluated')`;
  // a component has at most one open case: a second report joins it
  await knex.raw(`create unique index cases_one_open_per_component on cases (component_id) where component_id is not null and ${open}`);
  await knex.raw(`create index cases_open_due_at on cases (due_at) where ${open}`);
  await knex.raw('create index cases_department_state_due on cases (department_id, state, due_at)');
  await knex.raw('alter table cases add constraint cases_rework_count_check check (rework_count >= 0)');

  // case numbers run per district and day (320506-20261128-0001); the row is the lock
  await knex.schema.createTable('case_number_days', (t) => {
    t.specificType('district_code', 'char(6)').notNullable();
    t.date('day').notNullable();
    t.integer('last_serial').notNullable().defaultTo(0);
    t.primary(['district_code', 'day']);
  });

  // GeoReport v2 clients (apps, hotlines): a key each, stored only as its sha-256
  await knex.schema.createTable('open311_clients', (t) => {
    t.increments('id');
    t.text('name').notNullable().unique();
    t.text('api_key_hash').notNullable().unique();
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('created_by').references('users.id').onDelete('set null');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  // the log is append-only: events through `verified` cannot be rewritten to fit the old states
  const verified = await knex('case_events').where({ from_state: 'verified' }).orWhere({ to_state: 'verified' }).first('id');
  if (verified) throw new Error('009-case-loop cannot go down: case_events record verified steps, and the log is append-only');
  await knex.schema.dropTable('open311_clients');
  await knex.schema.dropTable('case_number_days');
  await knex.raw('alter table cases drop constraint cases_rework_count_check');
  for (const index of ['cases_one_open_per_component', 'cases_open_due_at', 'cases_department_state_due']) {
    await knex.raw(`drop index ${index}`);
  }
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('due_at');
    t.dropColumn('reporter_department_id');
    t.dropColumn('rework_count');
    t.renameColumn('problem_type_code', 'problem_type');
  });
  await knex.schema.alterTable('case_events', (t) => {
    t.dropIndex(['action', 'at']);
    t.dropIndex(['department_id', 'action']);
    t.dropColumn('details');
    t.dropColumn('due_at');
  });
  await knex.raw(`alter table case_events
    drop constraint case_events_action_check,
    drop constraint case_events_from_state_check,
    drop constraint case_events_to_state_check,
    add constraint case_events_from_state_check check (from_state in (${list(previousStates)})),
    add constraint case_events_to_state_check check (to_state in (${list(previousStates)}))`);
  await knex.raw(`alter table cases drop constraint cases_state_check,
    add constraint cases_state_check check (state in (${list(previousStates)}))`);
}
