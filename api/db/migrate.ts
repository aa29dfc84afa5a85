/**
 * Brings a database up to date: migrations, then the reference data and case catalogue seeds.
 */
import type { Knex } from 'knex';
import { migrationSource } from './migrations/index.ts';
import { seedCaseCatalogue } from './seeds/case-catalogue.seed.ts';
import { seedReferenceData } from './seeds/reference-data.seed.ts';

export interface PrepareResult {
  migrations: string[];
  seeded: boolean;
}

/** Runs pending migrations and (re)seeds reference data and the case catalogue when data/ changed. */
export async function prepareDatabase(knex: Knex): Promise<PrepareResult> {
  const [, migrations] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
  const referenceSeeded = await seedReferenceData(knex);
  // the catalogue names classes, so it follows the reference data
  const catalogueSeeded = await seedCaseCatalogue(knex);
  return { migrations, seeded: referenceSeeded || catalogueSeeded };
}

/** Rolls back every migration (used by `civicgrid db reset` and the migration tests). */
export async function rollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource }, true);
}

/** Names of applied and pending migrations. */
export async function migrationStatus(knex: Knex): Promise<{ applied: string[]; pending: string[] }> {
  const [applied, pending] = (await knex.migrate.list({ migrationSource })) as [{ name: string }[], string[]];
  return { applied: applied.map((m) => m.name), pending };
}
