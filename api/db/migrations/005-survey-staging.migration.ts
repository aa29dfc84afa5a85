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

  // no foreign keys but the batch's: the loader writes hundreds of thousands of rows here and the
  // commit checks classes, grids and owners again when it writes components (FK checks were 70 %
  // of each staging insert)
  await knex.schema.createTable('survey_staged', (t) => {
    t.bigIncrements('id');
    t.integer('batch_id').notNullable().references('survey_batches.id').onDelete('cascade');
    t.text('layer').notNullable();
    t.integer('row_number').notNullable();
    t.specificType('class_code', 'char(4)').notNullable();
    t.specificType('source_code', 'char(16)');
    t.specificType('geom', 'geometry(Geometry, 4326)').notNullable();
    t.specificType('point', 'geometry(Point, 4326)').notNullable();
    t.jsonb('attributes').notNullable().defaultTo('{}');
    t.integer('grid_id');
    t.integer('department_id');
    /** null until matched: new; update or unchanged once matched to an inventory component */
    t.text('action').checkIn(['update', 'unchanged'], 'survey_staged_action_check');
    t.bigInteger('component_id');
    t.index(['batch_id', 'class_code']);
  });
  await knex.raw('create index survey_staged_component on survey_staged (component_id) where component_id is not null');

  // points are found through components.point; the geom index serves lines and polygons only
  await knex.raw('drop index components_geom_gist');
  await knex.raw(`create index components_geom_gist on components using gist (geom) where GeometryType(geom) <> 'POINT'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index components_geom_gist');
  await knex.raw('create index components_geom_gist on components using gist (geom)');
  await knex.schema.dropTable('survey_staged');
  await knex.schema.alterTable('departments', (t) => t.dropColumn('aliases'));
  await knex.schema.alterTable('survey_batches', (t) => {
    for (const column of ['name', 'profile', 'options', 'progress', 'error']) t.dropColumn(column);
  });
}
