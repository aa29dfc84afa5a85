-- New components get their 16-digit codes: district + class + a serial from component_serials,
-- which is advanced by the number of new components per class (a row lock per class keeps two
-- concurrent commits from sharing serials; serials are never reused).
with counts as (
  select class_code, count(*)::int as n
  from survey_staged
  where batch_id = :batchId and action = 'new'
  group by class_code
),
allocated as (
  insert into component_serials (district_code, class_code, last_serial)
  select :district, class_code, n from counts
  on conflict (district_code, class_code)
  do update set last_serial = component_serials.last_serial + excluded.last_serial
  returning class_code, last_serial
)
insert into components (code, class_code, geom, point, attributes, grid_id, department_id, ownership_status, survey_batch_id)
select
  :district || s.class_code || lpad((a.last_serial - c.n + row_number() over (partition by s.class_code order by s.layer, s.row_number))::text, 6, '0'),
  s.class_code, s.geom, s.point, s.attributes, s.grid_id, s.department_id, 'pending', s.batch_id
from survey_staged s
join counts c on c.class_code = s.class_code
join allocated a on a.class_code = s.class_code
where s.batch_id = :batchId and s.action = 'new';
