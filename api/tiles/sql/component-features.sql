-- The components of a (buffered) tile in one pass: points through the point GiST index, lines and
-- polygons crossing the tile through the partial geometry index (a BitmapOr of the two). Points
-- come back as lon/lat, other shapes as GeoJSON simplified to about a tile unit and clipped to the
-- tile. open_case: the component has a case that is not finished. The statement is prepared once
-- per connection: the tile envelope is built once (the CTE), not once per row of the generic plan.
with tile as materialized (select ST_MakeEnvelope(:west, :south, :east, :north, 4326) as box)
select c.id, c.code, c.class_code, d.code as department, c.ownership_status,
       (o.component_id is not null) as open_case,
       ST_X(c.point) as lon, ST_Y(c.point) as lat,
       case when GeometryType(c.geom) <> 'POINT' then
         ST_AsGeoJSON(ST_ClipByBox2D(ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(c.geom, :tolerance)), tile.box), 7)
       end as geometry
from tile
join components c on (c.point && tile.box and GeometryType(c.geom) = 'POINT')
                  or (c.geom && tile.box and GeometryType(c.geom) <> 'POINT')
left join departments d on d.id = c.department_id
left join (
  select distinct component_id from cases
  where component_id is not null and state not in ('not_filed', 'closed', 'evaluated')
) o on o.component_id = c.id
