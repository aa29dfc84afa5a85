/**
 * SQL for ID cards: what a card prints about each component (class, owner, grid path up to the
 * town, survey date sources, photo, version) in one query for many codes, the district's name, and
 * the components of a grid for a sheet run.
 */
import type { Knex } from 'knex';

/** One component as a card prints it. */
export interface CardRow {
  id: number;
  code: string;
  version: number;
  photo: string | null;
  class_name_zh: string;
  class_name_en: string;
  department_name_zh: string | null;
  department_name_en: string | null;
  /** attributes.survey_date as the contractor wrote it */
  survey_date_text: string | null;
  survey_batch_committed_at: Date | null;
  /** the base grid and its parents (null where the component has none) */
  grid_code: string | null;
  grid_name_zh: string | null;
  community_name_zh: string | null;
  town_name_zh: string | null;
}

/** The cards' rows for these codes, in code order; unknown codes are simply absent. */
export function findCardRows(knex: Knex, codes: readonly string[]): Promise<CardRow[]> {
  return knex('components as c')
    .join('component_classes as cc', 'cc.code', 'c.class_code')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .leftJoin('survey_batches as b', 'b.id', 'c.survey_batch_id')
    // base grid → community → town: components sit in level-4 grids
    .leftJoin('grids as g4', 'g4.id', 'c.grid_id')
    .leftJoin('grids as g3', 'g3.id', 'g4.parent_id')
    .leftJoin('grids as g2', 'g2.id', 'g3.parent_id')
    .select(
      'c.id',
      'c.code',
      'c.version',
      'c.photo',
      'cc.name_zh as class_name_zh',
      'cc.name_en as class_name_en',
      'd.name_zh as department_name_zh',
      'd.name_en as department_name_en',
      knex.raw(`c.attributes->>'survey_date' as survey_date_text`),
      'b.committed_at as survey_batch_committed_at',
      'g4.code as grid_code',
      'g4.name_zh as grid_name_zh',
      'g3.name_zh as community_name_zh',
      'g2.name_zh as town_name_zh',
    )
    .whereIn('c.code', codes)
    .orderBy('c.code');
}

/** The version and photo of one component: all an ETag needs, without the joins. */
export function findCardVersion(knex: Knex, code: string): Promise<{ version: number; photo: string | null } | undefined> {
  return knex('components').where({ code }).first('version', 'photo');
}

/** The district (the level-1 grid): its name on every card. */
export function findDistrict(knex: Knex): Promise<{ code: string; name_zh: string; name_en: string } | undefined> {
  return knex('grids').where({ level: 1 }).orderBy('id').first('code', 'name_zh', 'name_en');
}

/** A grid by code: its id and level. */
export function findGrid(knex: Knex, code: string): Promise<{ id: number; level: number } | undefined> {
  return knex('grids').where({ code }).first('id', 'level');
}

/**
 * Codes of the components in a grid of any level (through its base grids), in code order, at most
 * `limit` of them; the count tells the caller whether there were more.
 */
export async function findGridComponentCodes(knex: Knex, gridId: number, limit: number): Promise<{ codes: string[]; count: number }> {
  const below = `with recursive below(id, level) as (
      select id, level from grids where id = ?
      union all
      select g.id, g.level from grids g join below on g.parent_id = below.id)
    select id from below where level = 4`;
  const [count, codes] = await Promise.all([
    knex('components').whereRaw(`grid_id in (${below})`, [gridId]).count<{ count: string }[]>('* as count').first(),
    knex('components').whereRaw(`grid_id in (${below})`, [gridId]).orderBy('code').limit(limit).pluck('code'),
  ]);
  return { codes, count: Number(count?.count ?? 0) };
}
