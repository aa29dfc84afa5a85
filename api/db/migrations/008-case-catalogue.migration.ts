/**
 * The problem-type catalogue (问题类型): what can be wrong with a component class, or which event
 * class a problem without a component is, with the default case class A/B/C. Seeded from
 * data/cases/problem-types.json by api/db/seeds/case-catalogue.seed.ts.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('problem_types', (t) => {
    t.text('code').primary();
    t.specificType('class_code', 'char(4)').references('component_classes.code');
    t.specificType('event_class_code', 'char(4)').references('event_classes.code');
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.specificType('case_class', 'char(1)').notNullable().checkIn(['A', 'B', 'C'], 'problem_types_case_class_check');
    t.index('class_code');
    t.index('event_class_code');
  });
  // a problem belongs to a component class or an event class, never both
  await knex.raw(`alter table problem_types add constraint problem_types_subject_check
    check ((class_code is null) <> (event_class_code is null))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('problem_types');
}
