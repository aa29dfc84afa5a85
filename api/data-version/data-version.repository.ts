/**
 * Reads the data version (see migration 006): a number that grows with every committed write to
 * components or cases. Caches key their entries by it.
 */
import type { Knex } from 'knex';

/** The statement that reads it (the tile path runs it on a pooled connection of its own). */
export const dataVersionSql = 'select version from data_version limit 1';

/** The current data version (also inside a transaction): a statement prepared once per connection. */
export async function readDataVersion(knex: Knex): Promise<number> {
  const result = await knex.raw(dataVersionSql).options({ name: 'data-version', rowMode: 'array' });
  const row = (result.rows as [number][])[0];
  return Number(row?.[0] ?? 0);
}
