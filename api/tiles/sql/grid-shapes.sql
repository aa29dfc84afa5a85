-- Grid boundaries down to a level, crossing a (buffered) tile, simplified and clipped.
select g.id, g.code, g.level, g.name_zh, g.name_en,
       ST_AsGeoJSON(ST_ClipByBox2D(ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(g.geom, :tolerance)),
                                   ST_MakeEnvelope(:west, :south, :east, :north, 4326)), 7) as geometry
from grids g
where g.geom && ST_MakeEnvelope(:west, :south, :east, :north, 4326)
  and g.level <= :maxLevel
