/** The census: survey batches and their rejects, code serials, components. */
import type { Knex } from 'knex';

export const surveyBatchStates = ['uploaded', 'validated', 'committed', 'discarded', 'failed'] as const;
export const ownershipStatuses = ['pending', 'confirmed', 'disputed'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('survey_batches', (t) => {
    t.increments('id');
    t.integer('contractor_id').references('users.id');
    t.jsonb('files').notNullable().defaultTo('[]');
    t.text('checksum').notNullable();
    t.text('encoding');
    t.text('crs');
    t.jsonb('counts').notNullable().defaultTo('{}');
    t.text('state').notNullable().defaultTo('uploaded').checkIn([...surveyBatchStates], 'survey_batches_state_check');
    t.jsonb('report');
    t.timestamps(true, true);
    t.timestamp('committed_at', { useTz: true });
    t.index('checksum');
  });

  await knex.schema.createTable('survey_rejects', (t) => {
    t.bigIncrements('id');
    t.integer('batch_id').notNullable().references('survey_batches.id').onDelete('cascade');
    t.text('layer').notNullable();
    t.integer('row_number').notNullable();
    t.text('source_id');
    t.text('rule').notNullable();
    t.text('message').notNullable();
    t.jsonb('attributes').notNullable().defaultTo('{}');
    t.specificType('geom', 'geometry(Geometry, 4326)');
    t.index(['batch_id', 'rule']);
  });

  // serials are per (district, sub-class) and never reused, so they live apart from the components
  await knex.schema.createTable('component_serials', (t) => {
    t.specificType('district_code', 'char(6)').notNullable();
    t.specificType('class_code', 'char(4)').notNullable().references('component_classes.code');
    t.integer('last_serial').notNullable().defaultTo(0);
    t.primary(['district_code', 'class_code']);
  });
  await knex.raw(`alter table component_serials add constraint component_serials_range_check
    check (last_serial between 0 and 999999)`);

  await knex.schema.createTable('components', (t) => {
    t.bigIncrements('id');
    t.specificType('code', 'char(16)').notNullable().unique();
    t.specificType('class_code', 'char(4)').notNullable().references('component_classes.code');
    t.specificType('geom', 'geometry(Geometry, 4326)').notNullable();
    t.specificType('point', 'geometry(Point, 4326)').notNullable();
    t.jsonb('attributes').notNullable().defaultTo('{}');
    t.integer('grid_id').references('grids.id');
    t.integer('department_id').references('departments.id');
    t.text('ownership_status').notNullable().defaultTo('pending').checkIn([...ownershipStatuses], 'components_ownership_status_check');
    t.integer('survey_batch_id').references('survey_batches.id');
    t.text('photo');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamps(true, true);
    t.index('geom', 'components_geom_gist', 'gist');
    t.index('point', 'components_point_gist', 'gist');
    t.index('class_code');
    t.index('grid_id');
    t.index(['department_id', 'ownership_status']);
  });
  await knex.raw(`alter table components
    add constraint components_code_check check (code ~ '^[0-9]{16}$' and substr(code, 7, 4) = class_code),
    add constraint components_version_check check (version >= 1)`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['components', 'component_serials', 'survey_rejects', 'survey_batches']) await knex.schema.dropTable(table);
}
