-- Every grid with its parent and a label point inside it.
select g.id, g.parent_id, g.code, g.level, g.name_zh, g.name_en,
       ST_X(p.point) as lon, ST_Y(p.point) as lat
from grids g, lateral (select ST_PointOnSurface(g.geom) as point) p
order by g.level, g.code
