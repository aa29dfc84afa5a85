-- Point components in a (buffered) tile: found through the point GiST index; lines and polygons
-- come from component-shapes.sql. open_case: the component has a case that is not finished.
select c.id, c.code, c.class_code, d.code as department, c.ownership_status,
       (o.component_id is not null) as open_case,
       ST_X(c.point) as lon, ST_Y(c.point) as lat
from components c
left join departments d on d.id = c.department_id
left join (
  select distinct component_id from cases
  where component_id is not null and state not in ('not_filed', 'closed', 'evaluated')
) o on o.component_id = c.id
where c.point && ST_MakeEnvelope(:west, :south, :east, :north, 4326)
  and GeometryType(c.geom) = 'POINT'
