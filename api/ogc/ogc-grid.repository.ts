/**
 * SQL behind the OGC `grids` collection: the grid hierarchy (district, towns, communities, base
 * grids — 区/镇街道/社区/基础网格) as MultiPolygon features, found through the GiST index on `grids.geom`.
 */
import type { Knex } from 'knex';
import type { MultiPolygon } from 'geojson';
import type { LonLatBbox } from './ogc-crs.ts';
import { toFeaturePage, type FeaturePage, type FeaturePageRequest } from './ogc-feature-page.ts';

export interface GridFeatureProperties {
  code: string;
  name_zh: string;
  name_en: string;
  level: number;
  parent_code: string | null;
}

/** A grid as an OGC feature: the grid code is its id. */
export interface GridFeature {
  type: 'Feature';
  id: string;
  geometry: MultiPolygon;
  properties: GridFeatureProperties;
}

export interface GridFeatureFilter {
  bbox?: LonLatBbox;
  level?: number;
  parentCode?: string;
}

export interface GridPageRequest extends FeaturePageRequest {
  /** Simplify outlines to this tolerance in degrees; full geometry when absent. */
  tolerance?: number;
}

/** One page of grids in id order. */
export async function listGridFeatures(knex: Knex, filter: GridFeatureFilter, page: GridPageRequest): Promise<FeaturePage<GridFeature>> {
  const query = selectFeatures(knex, filtered(knex, filter), page.latFirst, page.tolerance).orderBy('g.id').limit(page.limit + 1);
  if (page.afterId !== undefined) query.where('g.id', '>', page.afterId);
  return toFeaturePage<FeatureRow, GridFeature>(await query, page.limit, toFeature);
}

/** How many grids the filter matches. */
export async function countGridFeatures(knex: Knex, filter: GridFeatureFilter): Promise<number> {
  const row = await filtered(knex, filter).count<{ count: string | number }[]>({ count: '*' }).first();
  return Number(row?.count ?? 0);
}

/** One grid by code, or undefined. */
export async function findGridFeature(knex: Knex, code: string, latFirst: boolean): Promise<GridFeature | undefined> {
  const row: FeatureRow | undefined = await selectFeatures(knex, knex('grids as g').where('g.code', code), latFirst).first();
  return row ? toFeature(row) : undefined;
}

/** The district's bounding box (the level-1 grid holds every other), or undefined before grids are loaded. */
export async function gridExtent(knex: Knex): Promise<LonLatBbox | undefined> {
  const row = await knex
    .select(knex.raw('ST_XMin(e) as min_lon, ST_YMin(e) as min_lat, ST_XMax(e) as max_lon, ST_YMax(e) as max_lat'))
    .from(knex.raw('(select ST_Extent(geom) as e from grids where level = 1) as s'))
    .first();
  if (!row || row.min_lon === null) return undefined;
  return [Number(row.min_lon), Number(row.min_lat), Number(row.max_lon), Number(row.max_lat)];
}

interface FeatureRow extends GridFeatureProperties {
  id: number;
  geometry: string;
}

function filtered(knex: Knex, filter: GridFeatureFilter): Knex.QueryBuilder {
  const query = knex('grids as g');
  // ST_Intersects filters with the index (&&) first, then drops grids whose box but not outline meets the bbox
  if (filter.bbox) query.whereRaw('ST_Intersects(g.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))', filter.bbox);
  if (filter.level !== undefined) query.where('g.level', filter.level);
  if (filter.parentCode !== undefined) query.where('g.parent_id', knex('grids').select('id').where('code', filter.parentCode));
  return query;
}

function selectFeatures(knex: Knex, query: Knex.QueryBuilder, latFirst: boolean, tolerance?: number): Knex.QueryBuilder {
  // each outline is simplified on its own, so neighbours may no longer share edges exactly: a display aid only
  let geometry = tolerance === undefined ? 'g.geom' : 'ST_Multi(ST_SimplifyPreserveTopology(g.geom, ?))';
  if (latFirst) geometry = `ST_FlipCoordinates(${geometry})`;
  return query
    .leftJoin('grids as p', 'p.id', 'g.parent_id')
    .select('g.id', 'g.code', 'g.name_zh', 'g.name_en', 'g.level', 'p.code as parent_code', knex.raw(`ST_AsGeoJSON(${geometry}, 6) as geometry`, tolerance === undefined ? [] : [tolerance]));
}

function toFeature({ id: _id, geometry, ...properties }: FeatureRow): GridFeature {
  return { type: 'Feature', id: properties.code, geometry: JSON.parse(geometry) as MultiPolygon, properties };
}
