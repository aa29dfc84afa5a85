/**
 * Reads the data version (see migration 006): a number that grows with every committed write to
 * components or cases. Caches key their entries by it.
 */
import type { Knex } from 'knex';

/** The current data version. */
export async function readDataVersion(knex: Knex): Promise<number> {
  const row = await knex('data_version').first('version');
  return Number(row?.version ?? 0);
}
