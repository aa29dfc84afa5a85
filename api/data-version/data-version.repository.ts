/**
 * Reads the data version (see migration 006): a number that grows with every committed write to
 * components or cases. Caches key their entries by it.
 */
import type { Knex } from 'knex';

/** The current data version. Asked on every tile request: a statement prepared once per connection. */
export async function readDataVersion(knex: Knex): Promise<number> {
  const result = await knex.raw('select version from data_version limit 1').options({ name: 'data-version', rowMode: 'array' });
  const row = (result.rows as [number][])[0];
  return Number(row?.[0] ?? 0);
}
