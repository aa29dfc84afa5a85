-- Line and polygon components crossing a (buffered) tile, simplified to about a tile unit and
-- clipped to the tile (components_geom_gist is a partial index on exactly these rows).
select c.id, c.code, c.class_code, d.code as department, c.ownership_status,
       (o.component_id is not null) as open_case,
       ST_AsGeoJSON(ST_ClipByBox2D(ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(c.geom, :tolerance)),
                                   ST_MakeEnvelope(:west, :south, :east, :north, 4326)), 7) as geometry
from components c
left join departments d on d.id = c.department_id
left join (
  select distinct component_id from cases
  where component_id is not null and state not in ('not_filed', 'closed', 'evaluated')
) o on o.component_id = c.id
where c.geom && ST_MakeEnvelope(:west, :south, :east, :north, 4326)
  and GeometryType(c.geom) <> 'POINT'
