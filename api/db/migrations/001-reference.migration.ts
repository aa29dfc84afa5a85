/** Reference data: departments, GB/T 30428.2 classes, the grid hierarchy and responsibility rules. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // small facts about this database, e.g. which reference data it was seeded with
  await knex.schema.createTable('meta', (t) => {
    t.text('key').primary();
    t.jsonb('value').notNullable();
  });

  await knex.schema.createTable('departments', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.text('kind').notNullable().checkIn(['centre', 'government', 'enterprise'], 'departments_kind_check');
    t.timestamps(true, true);
  });

  await knex.schema.createTable('component_classes', (t) => {
    t.specificType('code', 'char(4)').primary();
    t.specificType('major_code', 'char(2)').notNullable();
    t.text('major_name_zh').notNullable();
    t.text('major_name_en').notNullable();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.text('geometry_kind').notNullable().checkIn(['point', 'line', 'polygon'], 'component_classes_geometry_kind_check');
    t.text('notes');
  });
  await knex.raw(`alter table component_classes add constraint component_classes_code_check
    check (code ~ '^[0-9]{4}$' and left(code, 2) = major_code)`);

  await knex.schema.createTable('event_classes', (t) => {
    t.specificType('code', 'char(4)').primary();
    t.specificType('major_code', 'char(2)').notNullable();
    t.text('major_name_zh').notNullable();
    t.text('major_name_en').notNullable();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.text('notes');
  });
  await knex.raw(`alter table event_classes add constraint event_classes_code_check
    check (code ~ '^[0-9]{4}$' and left(code, 2) = major_code)`);

  await knex.schema.createTable('grids', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.smallint('level').notNullable();
    t.integer('parent_id').references('grids.id').onDelete('restrict');
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.specificType('geom', 'geometry(MultiPolygon, 4326)').notNullable();
    t.index('parent_id');
    t.index('geom', 'grids_geom_gist', 'gist');
  });
  await knex.raw(`alter table grids
    add constraint grids_level_check check (level between 1 and 4),
    add constraint grids_parent_check check ((level = 1) = (parent_id is null)),
    add constraint grids_geom_valid_check check (ST_IsValid(geom))`);

  await knex.schema.createTable('responsibility_rules', (t) => {
    t.increments('id');
    t.specificType('component_class_code', 'char(4)').notNullable().references('component_classes.code');
    t.integer('grid_id').references('grids.id').onDelete('cascade');
    t.integer('department_id').notNullable().references('departments.id');
    t.specificType('case_class', 'char(1)').notNullable().checkIn(['A', 'B', 'C'], 'responsibility_rules_case_class_check');
    t.text('note');
  });
  // one rule per class and grid scope; the district-wide rule has no grid
  await knex.raw(`create unique index responsibility_rules_scope_unique
    on responsibility_rules (component_class_code, coalesce(grid_id, 0))`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['responsibility_rules', 'grids', 'event_classes', 'component_classes', 'departments', 'meta']) {
    await knex.schema.dropTable(table);
  }
}
