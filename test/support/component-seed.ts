/**
 * Components for tests: a demo survey (the same generator `civicgrid demo` uses: GBK, CGCS2000 GK
 * CM 120E, every common class, spread over the district's base grids) imported and committed.
 */
import type { Knex } from 'knex';
import { pino } from 'pino';
import { importDemoSurvey } from '../../api/survey-batches/demo-survey-import.ts';

/** Imports and commits `count` demo components; returns how many components the database holds. */
export async function seedComponents(knex: Knex, count = 2000): Promise<number> {
  await importDemoSurvey(knex, pino({ level: 'silent' }), count);
  const row = await knex('components').count<{ count: string }[]>('* as count').first();
  return Number(row?.count ?? 0);
}
