/**
 * Survey staging: accepted rows of a batch wait here, already classified, located and owned, until
 * the batch is committed (copied into components in one transaction) or discarded.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // short names crews write in 权属单位, to recognise the owner a survey names
  await knex.schema.alterTable('departments', (t) => {
    t.jsonb('aliases').notNullable().defaultTo('[]');
  });

  await knex.schema.alterTable('survey_batches', (t) => {
    t.text('name');
    t.text('profile');
    t.jsonb('options').notNullable().defaultTo('{}');
    t.jsonb('progress').notNullable().defaultTo('{}');
    t.text('error');
  });

  await knex.schema.createTable('survey_staged', (t) => {
    t.bigIncrements('id');
    t.integer('batch_id').notNullable().references('survey_batches.id').onDelete('cascade');
    t.text('layer').notNullable();
    t.integer('row_number').notNullable();
    t.specificType('class_code', 'char(4)').notNullable().references('component_classes.code');
    t.specificType('source_code', 'char(16)');
    t.specificType('geom', 'geometry(Geometry, 4326)').notNullable();
    t.specificType('point', 'geometry(Point, 4326)').notNullable();
    t.jsonb('attributes').notNullable().defaultTo('{}');
    t.integer('grid_id').references('grids.id');
    t.integer('department_id').references('departments.id');
    t.text('photo');
    /** new | update | unchanged, decided by matching against the inventory */
    t.text('action').checkIn(['new', 'update', 'unchanged'], 'survey_staged_action_check');
    t.bigInteger('component_id').references('components.id');
    t.index(['batch_id', 'class_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('survey_staged');
  await knex.schema.alterTable('departments', (t) => t.dropColumn('aliases'));
  await knex.schema.alterTable('survey_batches', (t) => {
    for (const column of ['name', 'profile', 'options', 'progress', 'error']) t.dropColumn(column);
  });
}
