/**
 * The raw baselines of the tile bench: the tile civicgrid serves, built by PostGIS alone with
 * ST_AsMVT(ST_AsMVTGeom(…)) in one statement — its layers, or the components layer alone.
 * Each returns the tile's size in bytes.
 */
import type { Knex } from 'knex';
import type { TileAddress } from '../api/tiles/tile-address.ts';
import { gridLevelAt } from '../api/tiles/tile-layers.ts';

/** The tile's envelopes for the raw baselines: `t.merc` (EPSG:3857) and `t.buffered` (degrees, with
 * the 64-unit buffer). */
const tileEnvelopesSql = `with t as (select ST_TileEnvelope(:z, :x, :y) as merc,
                       ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => 64.0 / 4096), 4326) as buffered)`;

/** The components of the buffered tile with the properties civicgrid's tiles carry. */
const componentRowsSql = `select c.id, c.code, c.class_code as class, substr(c.class_code, 1, 2) as major, d.code as department,
              c.ownership_status as ownership, (o.component_id is not null) as open_case,
              ST_AsMVTGeom(ST_Transform(c.geom, 3857), t.merc, 4096, 64, true) as geom
       from t, components c
       left join departments d on d.id = c.department_id
       left join (select distinct component_id from cases where component_id is not null and state not in ('not_filed', 'closed', 'evaluated')) o
         on o.component_id = c.id
       where c.point && t.buffered`;

/** The components layer alone, through PostGIS's own MVT encoder. */
export async function stAsMvt(knex: Knex, { z, x, y }: TileAddress): Promise<number> {
  // PostgreSQL plans this one in parallel (Gather over a parallel bitmap scan, partial ST_AsMVT
  // aggregates): on two shared cores that is 2–3× slower than the serial plan the same-layers
  // query gets, which flattered the ratios of earlier runs — it is printed, not the target
  const result = await knex.raw(
    `${tileEnvelopesSql}
     select ST_AsMVT(q, 'components', 4096, 'geom', 'id') as tile from (
       ${componentRowsSql}
     ) q`,
    { z, x, y },
  );
  return (result.rows[0].tile as Buffer | null)?.length ?? 0;
}

/** The same tile as one raw statement: ST_AsMVT of each layer civicgrid's tile has — components
 * (every one, where civicgrid ships aggregates below z13), unfinished cases, the grid boundaries
 * down to the level the zoom draws, and the labels of the towns and of that level — concatenated,
 * as PostGIS's documentation builds a tile of several layers. */
export async function stAsMvtSameLayers(knex: Knex, { z, x, y }: TileAddress): Promise<number> {
  const result = await knex.raw(
    `${tileEnvelopesSql}
     select coalesce((select ST_AsMVT(q, 'components', 4096, 'geom', 'id') from (
               ${componentRowsSql}) q), ''::bytea)
         || coalesce((select ST_AsMVT(q, 'cases', 4096, 'geom', 'id') from (
               select k.id, k.number, k.state, k.case_class, coalesce(d.code, '') as department,
                      coalesce((k.deadlines ->> case k.state
                                  when 'reported' then 'verify' when 'verified' then 'file' when 'filed' then 'dispatch'
                                  when 'dispatched' then 'dispose' when 'returned' then 'dispose' when 'disposed' then 'check'
                                end)::timestamptz < now(), false) as overdue,
                      ST_AsMVTGeom(ST_Transform(k.location, 3857), t.merc, 4096, 64, true) as geom
               from t, cases k
               left join departments d on d.id = k.department_id
               where k.location && t.buffered and k.state not in ('not_filed', 'closed', 'evaluated')) q), ''::bytea)
         || coalesce((select ST_AsMVT(q, 'grids', 4096, 'geom', 'id') from (
               select g.id, g.code, g.level, g.name_zh, g.name_en, ST_AsMVTGeom(ST_Transform(g.geom, 3857), t.merc, 4096, 64, true) as geom
               from t, grids g where g.geom && t.buffered and g.level <= :gridLevel) q), ''::bytea)
         || coalesce((select ST_AsMVT(q, 'grid_labels', 4096, 'geom', 'id') from (
               select g.id, g.code, g.level, g.name_zh, g.name_en, ST_AsMVTGeom(ST_Transform(p.point, 3857), t.merc, 4096, 64, true) as geom
               from t, grids g, lateral (select ST_PointOnSurface(g.geom) as point) p
               where g.level in (2, :gridLevel) and g.geom && t.buffered and p.point && t.buffered) q), ''::bytea) as tile`,
    { z, x, y, gridLevel: gridLevelAt(z) },
  );
  return (result.rows[0].tile as Buffer).length;
}
