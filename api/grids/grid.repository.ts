/** SQL for the grid hierarchy (1 district, towns/streets, communities, base grids). */
import type { Knex } from 'knex';

export interface GridFeature {
  type: 'Feature';
  id: number;
  properties: { id: number; code: string; level: number; parent_code: string | null; name_zh: string; name_en: string };
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface GridFilter {
  level?: number;
  parentCode?: string;
  code?: string;
}

/** Grids as GeoJSON features, ordered by code. */
export async function listGridFeatures(knex: Knex, filter: GridFilter = {}): Promise<GridFeature[]> {
  const query = knex('grids as g')
    .leftJoin('grids as p', 'p.id', 'g.parent_id')
    .select('g.id', 'g.code', 'g.level', 'p.code as parent_code', 'g.name_zh', 'g.name_en', knex.raw('ST_AsGeoJSON(g.geom, 6) as geometry'))
    .orderBy('g.code');
  if (filter.level !== undefined) query.where('g.level', filter.level);
  if (filter.parentCode !== undefined) query.where('p.code', filter.parentCode);
  if (filter.code !== undefined) query.where('g.code', filter.code);
  const rows: (GridFeature['properties'] & { geometry: string })[] = await query;
  return rows.map(({ geometry, ...properties }) => ({ type: 'Feature', id: properties.id, properties, geometry: JSON.parse(geometry) }));
}

/** The world (as far as Web Mercator reaches, ±85°) minus the district: what the map draws as
 * "not ours" — enclaves of other districts in the district's holes included. Null before the grids
 * are seeded. */
export async function selectDistrictOutside(knex: Knex): Promise<GridFeature['geometry'] | null> {
  const result = await knex.raw(
    `select ST_AsGeoJSON(ST_Multi(ST_Difference(ST_MakeEnvelope(-180, -85, 180, 85, 4326), ST_Union(geom))), 6) as geometry
     from grids where level = 1 having count(*) > 0`,
  );
  const row = result.rows[0] as { geometry: string } | undefined;
  return row ? JSON.parse(row.geometry) : null;
}

/** Number of grids at each level, e.g. {1: 1, 2: 14, 3: 205, 4: 942}. */
export async function countGridsByLevel(knex: Knex): Promise<Record<string, number>> {
  const rows = (await knex('grids').select('level').count({ count: '*' }).groupBy('level').orderBy('level')) as { level: number; count: number }[];
  return Object.fromEntries(rows.map((row) => [String(row.level), row.count]));
}
