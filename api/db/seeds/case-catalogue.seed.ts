/**
 * Loads the problem-type catalogue (data/cases/problem-types.json) into problem_types. Runs after
 * the reference seed (its rows name component and event classes); upserts by code, removes codes
 * the file no longer lists, and is skipped when the file's hash equals the one last seeded.
 */
import type { Knex } from 'knex';
import { readProblemTypeCatalogue, type ProblemTypeCatalogue } from '../../cases/catalogue/problem-type-catalogue.ts';

const metaKey = 'case_catalogue_hash';

/** Seeds when the catalogue differs from what the database was last seeded with. Returns true if it seeded. */
export async function seedCaseCatalogue(knex: Knex, catalogue: ProblemTypeCatalogue = readProblemTypeCatalogue()): Promise<boolean> {
  const seeded = await knex('meta').where({ key: metaKey }).first();
  if (seeded?.value === catalogue.hash) return false;

  await knex.transaction(async (trx) => {
    const codes = catalogue.problemTypes.map((row) => row.code);
    // cases keep their problem_type_code as text, so dropping a retired code loses no case
    await trx('problem_types').whereNotIn('code', codes).delete();
    for (let start = 0; start < catalogue.problemTypes.length; start += 500) {
      await trx('problem_types').insert(catalogue.problemTypes.slice(start, start + 500)).onConflict('code').merge();
    }
    await trx('meta').insert({ key: metaKey, value: JSON.stringify(catalogue.hash) }).onConflict('key').merge();
  });
  return true;
}
