/**
 * Photos (照片): one row per stored image, keyed by its content hash. Components point at one
 * (components.photo), case events list theirs (case_events.photos, a jsonb array of hashes), and a
 * staged survey row carries its photo until the batch is committed.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('photos', (t) => {
    /** sha256 of the uploaded bytes, hex: also the file name under <dataDir>/photos/ */
    t.specificType('hash', 'char(64)').primary();
    t.integer('bytes').notNullable();
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.timestamp('taken_at', { useTz: true });
    t.double('lon');
    t.double('lat');
    t.text('original_name');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table photos add constraint photos_hash_check check (hash ~ '^[0-9a-f]{64}$')`);
  await knex.schema.alterTable('survey_staged', (t) => {
    t.specificType('photo', 'char(64)');
  });
  // who may fetch a photo is decided by what refers to it: both lookups go through an index
  await knex.raw('create index components_photo on components (photo) where photo is not null');
  await knex.raw('create index case_events_photos on case_events using gin (photos jsonb_path_ops)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index case_events_photos');
  await knex.raw('drop index components_photo');
  await knex.schema.alterTable('survey_staged', (t) => t.dropColumn('photo'));
  await knex.schema.dropTable('photos');
}
