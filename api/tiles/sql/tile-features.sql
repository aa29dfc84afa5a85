-- The features of a (buffered) tile in one statement, one row per feature, the layer first, and the
-- data version the statement saw (its snapshot's: the tile is of exactly that version):
--   'component'  id, code, class_code, department_id, ownership_status, open_case, lon, lat, geometry
--   'case'       id, number, state, department_id, case_class, overdue, lon, lat, null
--   'version'    version, null…
-- Parameters: $1 west, $2 south, $3 east, $4 north (degrees), $5 simplification tolerance (degrees),
-- $6 whether the zoom shows components one by one, $7 whether it shows cases.
--
-- Components: points through the point GiST index, lines and polygons crossing the tile through the
-- partial geometry index (a BitmapOr of the two); points come back as lon/lat, other shapes as
-- GeoJSON simplified to about a tile unit and clipped to the tile. open_case: the component has a
-- case that is not finished. Cases: the unfinished ones; overdue: the deadline of the step the case
-- is in has passed (cases.deadlines holds one per step started). Departments come as ids (reference
-- data the tile service keeps): the join to departments was an eighth of a small tile's statement.
--
-- The statement is prepared once per connection: the envelope is built once (the CTE), not once per
-- row of the generic plan, and $6/$7 become one-time filters that skip a branch without running it.
with tile as materialized (select ST_MakeEnvelope($1, $2, $3, $4, 4326) as box)
select 'component' as layer, c.id, c.code::text as name, c.class_code::text as kind, c.department_id as department,
       c.ownership_status as status, (o.component_id is not null) as flag,
       ST_X(c.point) as lon, ST_Y(c.point) as lat,
       case when GeometryType(c.geom) <> 'POINT' then
         ST_AsGeoJSON(ST_ClipByBox2D(ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(c.geom, $5)), tile.box), 7)
       end as geometry
from tile
join components c on (c.point && tile.box and GeometryType(c.geom) = 'POINT')
                  or (c.geom && tile.box and GeometryType(c.geom) <> 'POINT')
left join (
  select distinct component_id from cases
  where component_id is not null and state not in ('not_filed', 'closed', 'evaluated')
) o on o.component_id = c.id
where $6::boolean
union all
select 'case', k.id, k.number, k.state, k.department_id, k.case_class::text,
       coalesce((k.deadlines ->> case k.state
                   when 'reported' then 'verify' when 'verified' then 'file' when 'filed' then 'dispatch'
                   when 'dispatched' then 'dispose' when 'returned' then 'dispose' when 'disposed' then 'check'
                 end)::timestamptz < now(), false),
       ST_X(k.location), ST_Y(k.location), null
from tile
join cases k on k.location && tile.box
where $7::boolean and k.state not in ('not_filed', 'closed', 'evaluated')
union all
select 'version', version, null, null, null, null, null, null, null, null from data_version
