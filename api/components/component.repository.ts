/**
 * SQL for reading components (部件): filtered keyset pages, batches for exports, and the nearby
 * pick-list. Every listing shares one select (class, owner and grid joined) and one filter.
 */
import type { Knex } from 'knex';
import { finishedStates } from '../cases/case-state-machine.ts';
import type { Bbox, OwnershipStatus } from './component-filter.ts';

/** A component as listings show it; geometry is GeoJSON text straight from PostGIS. */
export interface ComponentRow {
  id: number;
  code: string;
  class_code: string;
  class_name_zh: string;
  class_name_en: string;
  major_code: string;
  major_name_zh: string;
  major_name_en: string;
  department_code: string | null;
  department_name_zh: string | null;
  department_name_en: string | null;
  ownership_status: OwnershipStatus;
  grid_code: string | null;
  version: number;
  geometry: string;
  lon: number;
  lat: number;
  /** the surveyed attributes as JSON text, when asked for (GeoJSON exports splice it in unparsed) */
  attributes_json?: string;
  /** the same JSON as a quoted CSV field, when asked for (CSV exports) */
  attributes_csv?: string;
}

/** Decimal places of coordinates on the wire: 7 is about 1 cm. */
const precision = 7;

/** The select every listing starts from. */
export function selectComponents(knex: Knex, options: { attributes?: 'json' | 'csv' } = {}): Knex.QueryBuilder {
  const query = knex('components as c')
    .join('component_classes as cc', 'cc.code', 'c.class_code')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .leftJoin('grids as g', 'g.id', 'c.grid_id')
    .select(
      'c.id',
      'c.code',
      'c.class_code',
      'cc.name_zh as class_name_zh',
      'cc.name_en as class_name_en',
      'cc.major_code',
      'cc.major_name_zh',
      'cc.major_name_en',
      'd.code as department_code',
      'd.name_zh as department_name_zh',
      'd.name_en as department_name_en',
      'c.ownership_status',
      'g.code as grid_code',
      'c.version',
      knex.raw(`ST_AsGeoJSON(c.geom, ${precision}) as geometry`),
      knex.raw(`round(ST_X(c.point)::numeric, ${precision}) as lon`),
      knex.raw(`round(ST_Y(c.point)::numeric, ${precision}) as lat`),
    );
  if (options.attributes === 'json') query.select(knex.raw('c.attributes::text as attributes_json'));
  // quoting in SQL: the same replace in JavaScript cost 27 µs a row, most of a CSV export's time
  if (options.attributes === 'csv') query.select(knex.raw(`'"' || replace(c.attributes::text, '"', '""') || '"' as attributes_csv`));
  return query;
}

/**
 * A filter with its references resolved to the values the table holds (sub-class codes, department
 * ids, base-grid ids): literal lists let the planner use column statistics — a subquery in their
 * place made it walk the primary key through 680,000 rows for one base grid's 700 components.
 */
export interface ResolvedFilter {
  bbox?: Bbox;
  classCodes?: string[];
  departmentIds?: number[];
  ownership?: OwnershipStatus[];
  /** base grid ids; 'any' for the whole district (every component with a grid) */
  gridIds?: number[] | 'any';
  q?: string;
  /** only components with an unfinished repair case */
  openCase?: boolean;
}

/** Narrows a query built on `components as c` (joined to `component_classes as cc`) by a resolved filter. */
export function applyComponentFilter(query: Knex.QueryBuilder, filter: ResolvedFilter): Knex.QueryBuilder {
  if (filter.bbox) {
    // && on the point GiST index; points are what the map and the tiles place
    query.whereRaw('c.point && ST_MakeEnvelope(?, ?, ?, ?, 4326)', filter.bbox);
  }
  if (filter.classCodes) query.whereIn('c.class_code', filter.classCodes);
  if (filter.departmentIds) query.whereIn('c.department_id', filter.departmentIds);
  if (filter.ownership) query.whereIn('c.ownership_status', filter.ownership);
  if (filter.gridIds === 'any') query.whereNotNull('c.grid_id');
  else if (filter.gridIds) query.whereIn('c.grid_id', filter.gridIds);
  if (filter.q) applySearch(query, filter.q);
  if (filter.openCase) {
    query.whereExists((cases) => cases.select(1).from('cases as k').whereRaw('k.component_id = c.id').whereNotIn('k.state', finishedStates));
  }
  return query;
}

/** The sub-classes named, and those of the major classes named. */
export function subClassCodes(knex: Knex, classes: readonly string[]): Promise<string[]> {
  const subs = classes.filter((code) => code.length === 4);
  const majors = classes.filter((code) => code.length === 2);
  return knex('component_classes')
    .where((b) => {
      if (subs.length) b.orWhereIn('code', subs);
      if (majors.length) b.orWhereIn('major_code', majors);
    })
    .orderBy('code')
    .pluck('code');
}

/** Department ids by code. */
export async function departmentIdsByCode(knex: Knex, codes: readonly string[]): Promise<Map<string, number>> {
  const rows: { id: number; code: string }[] = await knex('departments').whereIn('code', codes).select('id', 'code');
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** A grid by code with the ids of the base grids (level 4) under it — itself, when it is one. */
export async function findGridWithBaseGrids(knex: Knex, code: string): Promise<{ level: number; baseGridIds: number[] } | undefined> {
  const grid = await knex('grids').where({ code }).first('id', 'level');
  if (!grid) return undefined;
  const rows: { id: number }[] = (
    await knex.raw(
      `with recursive below(id, level) as (
         select id, level from grids where id = ?
         union all
         select g.id, g.level from grids g join below on g.parent_id = below.id)
       select id from below where level = 4 order by id`,
      [grid.id],
    )
  ).rows;
  return { level: grid.level, baseGridIds: rows.map((row) => row.id) };
}

/** Digits: a code prefix, as a range on the unique code index. Text: part of a class name. */
function applySearch(query: Knex.QueryBuilder, q: string): void {
  if (/^\d+$/.test(q)) {
    if (q.length > 16) query.whereRaw('false');
    else query.whereBetween('c.code', [q.padEnd(16, '0'), q.padEnd(16, '9')]);
    return;
  }
  const pattern = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
  query.where((b) =>
    b
      .where('cc.name_zh', 'like', pattern)
      .orWhere('cc.major_name_zh', 'like', pattern)
      .orWhereILike('cc.name_en', pattern)
      .orWhereILike('cc.major_name_en', pattern),
  );
}

/** Rows after `afterId` in id order, `limit + 1` of them so the caller knows whether more follow. */
export function listComponentRows(knex: Knex, filter: ResolvedFilter, afterId: number, limit: number): Promise<ComponentRow[]> {
  const query = selectComponents(knex).where('c.id', '>', afterId).orderBy('c.id').limit(limit + 1);
  return applyComponentFilter(query, filter);
}

/**
 * Every matching component in id order, fetched in keyset batches: memory stays flat and the
 * connection is free between batches (PGlite has only one).
 */
export async function* iterateComponentRows(
  knex: Knex,
  filter: ResolvedFilter,
  options: { batchSize?: number; attributes?: 'json' | 'csv' } = {},
): AsyncGenerator<ComponentRow[]> {
  const batchSize = options.batchSize ?? 5000;
  let afterId = 0;
  for (;;) {
    const query = selectComponents(knex, { attributes: options.attributes }).where('c.id', '>', afterId).orderBy('c.id').limit(batchSize);
    const rows: ComponentRow[] = await applyComponentFilter(query, filter);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    afterId = rows[rows.length - 1]!.id;
  }
}

/** A component with its distance from the asked point, in metres on the spheroid. */
export type NearbyRow = ComponentRow & { distance_m: number };

/**
 * Components within `radius` metres of a point, nearest first. A degree box around the point
 * (wide enough at this latitude) lets the point GiST index cut the candidates before the exact
 * geography distance is computed.
 */
export function listNearbyRows(knex: Knex, at: { lon: number; lat: number }, radius: number, limit: number): Promise<NearbyRow[]> {
  const dy = (radius / 110_574) * 1.01;
  const dx = dy / Math.max(Math.cos((Math.abs(at.lat) * Math.PI) / 180), 0.01);
  const here = 'ST_SetSRID(ST_MakePoint(?, ?), 4326)';
  return selectComponents(knex)
    .select(knex.raw(`round(ST_Distance(c.point::geography, ${here}::geography)::numeric, 2) as distance_m`, [at.lon, at.lat]))
    .whereRaw(`c.point && ST_Expand(${here}, ?, ?)`, [at.lon, at.lat, dx, dy])
    .whereRaw(`ST_DWithin(c.point::geography, ${here}::geography, ?)`, [at.lon, at.lat, radius])
    .orderBy([{ column: 'distance_m' }, { column: 'c.id' }])
    .limit(limit);
}
