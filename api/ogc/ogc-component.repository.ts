/**
 * SQL behind the OGC `components` collection: one GeoJSON feature per component, its geometry the
 * representative point (部件定位点), found through the GiST index on `components.point`.
 */
import type { Knex } from 'knex';
import type { Point } from 'geojson';
import type { LonLatBbox } from './ogc-crs.ts';
import type { TimeInterval } from './ogc-datetime.ts';
import { toFeaturePage, type FeaturePage, type FeaturePageRequest } from './ogc-feature-page.ts';

/** The properties a component feature carries. */
export interface ComponentFeatureProperties {
  code: string;
  class_code: string;
  class_name_zh: string;
  class_name_en: string;
  major_code: string;
  department_code: string | null;
  department_name_zh: string | null;
  ownership_status: string;
  grid_code: string | null;
  version: number;
  updated_at: string;
}

/** A component as an OGC feature: the component code is its id. */
export interface ComponentFeature {
  type: 'Feature';
  id: string;
  geometry: Point;
  properties: ComponentFeatureProperties;
}

/** Which components: every given filter must hold. */
export interface ComponentFeatureFilter {
  bbox?: LonLatBbox;
  /** Compared with updated_at. */
  datetime?: TimeInterval;
  classCode?: string;
  majorCode?: string;
  departmentCode?: string;
  ownership?: string;
}

/** One page of components in id order. */
export async function listComponentFeatures(knex: Knex, filter: ComponentFeatureFilter, page: FeaturePageRequest): Promise<FeaturePage<ComponentFeature>> {
  const query = selectFeatures(knex, filtered(knex, filter)).orderBy('c.id').limit(page.limit + 1);
  if (page.afterId !== undefined) query.where('c.id', '>', page.afterId);
  return toFeaturePage<FeatureRow, ComponentFeature>(await query, page.limit, toFeature(page.latFirst));
}

/** How many components the filter matches. */
export async function countComponentFeatures(knex: Knex, filter: ComponentFeatureFilter): Promise<number> {
  const row = await filtered(knex, filter).count<{ count: string | number }[]>({ count: '*' }).first();
  return Number(row?.count ?? 0);
}

/** One component by code, or undefined. */
export async function findComponentFeature(knex: Knex, code: string, latFirst: boolean): Promise<ComponentFeature | undefined> {
  const row: FeatureRow | undefined = await selectFeatures(knex, knex('components as c').where('c.code', code)).first();
  return row ? toFeature(latFirst)(row) : undefined;
}

/** The components' extent and update times, or undefined when there are none. */
export async function componentExtent(knex: Knex): Promise<{ bbox: LonLatBbox; firstUpdate: string; lastUpdate: string } | undefined> {
  const row = await knex
    .select(
      knex.raw('ST_XMin(e) as min_lon, ST_YMin(e) as min_lat, ST_XMax(e) as max_lon, ST_YMax(e) as max_lat'),
      'first_update',
      'last_update',
    )
    // timestamps hold microseconds and JavaScript dates milliseconds: the last update rounds up, so the interval holds it
    .from(knex.raw(`(select ST_Extent(point) as e, min(updated_at) as first_update, max(updated_at) + interval '999 microseconds' as last_update
      from components) as s`))
    .first();
  if (!row || row.min_lon === null) return undefined;
  return {
    bbox: [Number(row.min_lon), Number(row.min_lat), Number(row.max_lon), Number(row.max_lat)],
    firstUpdate: new Date(row.first_update).toISOString(),
    lastUpdate: new Date(row.last_update).toISOString(),
  };
}

interface FeatureRow extends ComponentFeatureProperties {
  id: string | number;
  x: number;
  y: number;
}

function filtered(knex: Knex, filter: ComponentFeatureFilter): Knex.QueryBuilder {
  const query = knex('components as c');
  // && on the indexed point column: for points, box overlap is exactly "inside the bbox"
  if (filter.bbox) query.whereRaw('c.point && ST_MakeEnvelope(?, ?, ?, ?, 4326)', filter.bbox);
  if (filter.classCode) query.where('c.class_code', filter.classCode);
  if (filter.majorCode) query.whereIn('c.class_code', knex('component_classes').select('code').where('major_code', filter.majorCode));
  if (filter.departmentCode) query.where('c.department_id', knex('departments').select('id').where('code', filter.departmentCode));
  if (filter.ownership) query.where('c.ownership_status', filter.ownership);
  if (filter.datetime?.start) query.where('c.updated_at', '>=', filter.datetime.start);
  if (filter.datetime?.end) query.where('c.updated_at', '<=', filter.datetime.end);
  return query;
}

function selectFeatures(knex: Knex, query: Knex.QueryBuilder): Knex.QueryBuilder {
  // coordinates and times leave SQL as plain numbers and ISO text: a third less work per row than
  // parsing GeoJSON and dates in JavaScript; 7 decimals is about a centimetre
  return query
    .join('component_classes as k', 'k.code', 'c.class_code')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .leftJoin('grids as g', 'g.id', 'c.grid_id')
    .select(
      'c.id',
      'c.code',
      'c.class_code',
      'k.name_zh as class_name_zh',
      'k.name_en as class_name_en',
      'k.major_code',
      'd.code as department_code',
      'd.name_zh as department_name_zh',
      'c.ownership_status',
      'g.code as grid_code',
      'c.version',
      knex.raw(`to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at`),
      knex.raw('round(ST_X(c.point)::numeric, 7)::float8 as x, round(ST_Y(c.point)::numeric, 7)::float8 as y'),
    );
}

/** Rows to features; EPSG axis order puts latitude first. */
function toFeature(latFirst: boolean): (row: FeatureRow) => ComponentFeature {
  return ({ id: _id, x, y, ...properties }) => ({
    type: 'Feature',
    id: properties.code,
    geometry: { type: 'Point', coordinates: latFirst ? [y, x] : [x, y] },
    properties,
  });
}
