-- An update that would change nothing (same geometry, attributes, grid and, while ownership is
-- still pending, the same owner; no new photo) is unchanged. Rows left with no action are new.
update survey_staged s
set action = 'unchanged'
from components c
where s.batch_id = :batchId
  and s.action = 'update'
  and c.id = s.component_id
  and ST_OrderingEquals(c.geom, s.geom)
  and c.attributes = s.attributes
  and c.grid_id is not distinct from s.grid_id
  and (c.ownership_status <> 'pending' or c.department_id is not distinct from s.department_id)
  and (s.photo is null or c.photo is not distinct from s.photo);
