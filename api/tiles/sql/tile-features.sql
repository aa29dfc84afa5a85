-- The features of a (buffered) tile in one statement and one row: each layer as one text, a line
-- per feature and a tab between its fields, and the data version the statement saw (its
-- snapshot's: the tile is of exactly that version):
--   components  id, code, class_code, department_id, ownership_status, open_case (1/0), lon, lat, geometry
--   cases       id, number, state, department_id, case_class, overdue (1/0), lon, lat
--   version
-- Parameters: $1 west, $2 south, $3 east, $4 north (degrees), $5 simplification tolerance (degrees),
-- $6 whether the zoom shows components one by one, $7 whether it shows cases.
--
-- One text, not a row per feature: node-pg spends more on each row and field it decodes than
-- PostgreSQL spends finding them (a dense z14 tile's 4,125 components: 22 ms as rows, 7.5 ms as
-- one text split in JavaScript, 4.6 ms of it in PostgreSQL). No field holds a tab or a line break:
-- codes and classes are digits, states and statuses words, GeoJSON is written on one line. A NULL
-- (no department, a point's geometry) is an empty field.
--
-- Components: points through the point GiST index, lines and polygons crossing the tile through the
-- partial geometry index (a BitmapOr of the two); points come back as lon/lat, other shapes as
-- GeoJSON simplified to about a tile unit and clipped to the tile. open_case: the component has a
-- case that is not finished. Cases: the unfinished ones; overdue: the deadline of the step the case
-- is in has passed (cases.deadlines holds one per step started). Departments come as ids (reference
-- data the tile service keeps): the join to departments was an eighth of a small tile's statement.
--
-- The statement is prepared once per connection: the envelope is built once (the CTE), not once per
-- row of the generic plan, and $6/$7 become one-time filters that skip a layer without running it.
with tile as materialized (select ST_MakeEnvelope($1, $2, $3, $4, 4326) as box)
select
  (select string_agg(concat(c.id, E'\t', c.code, E'\t', c.class_code, E'\t', c.department_id, E'\t', c.ownership_status, E'\t',
                            (o.component_id is not null)::int, E'\t', ST_X(c.point), E'\t', ST_Y(c.point), E'\t',
                            case when GeometryType(c.geom) <> 'POINT' then
                              ST_AsGeoJSON(ST_ClipByBox2D(ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(c.geom, $5)), tile.box), 7)
                            end), E'\n')
   from tile
   join components c on (c.point && tile.box and GeometryType(c.geom) = 'POINT')
                     or (c.geom && tile.box and GeometryType(c.geom) <> 'POINT')
   left join (
     select distinct component_id from cases
     where component_id is not null and state not in ('not_filed', 'closed', 'evaluated')
   ) o on o.component_id = c.id
   where $6::boolean) as components,
  (select string_agg(concat(k.id, E'\t', k.number, E'\t', k.state, E'\t', k.department_id, E'\t', k.case_class, E'\t',
                            coalesce((k.deadlines ->> case k.state
                                        when 'reported' then 'verify' when 'verified' then 'file' when 'filed' then 'dispatch'
                                        when 'dispatched' then 'dispose' when 'returned' then 'dispose' when 'disposed' then 'check'
                                      end)::timestamptz < now(), false)::int, E'\t',
                            ST_X(k.location), E'\t', ST_Y(k.location)), E'\n')
   from tile
   join cases k on k.location && tile.box
   where $7::boolean and k.state not in ('not_filed', 'closed', 'evaluated')) as cases,
  (select version from data_version) as version
