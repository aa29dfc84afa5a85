-- New components (rows that matched nothing) get their 16-digit codes: district + class + serial.
-- The allocations parameter holds each class's first serial for this batch, taken from component_serials just
-- before in the same transaction (see survey-loader.ts#allocateSerials).
insert into components (code, class_code, geom, point, attributes, grid_id, department_id, ownership_status, survey_batch_id, photo)
select
  :district || s.class_code || lpad((a.first_serial - 1 + row_number() over (partition by s.class_code order by s.layer, s.row_number))::text, 6, '0'),
  s.class_code, s.geom, s.point, s.attributes, s.grid_id, s.department_id, 'pending', s.batch_id, s.photo
from survey_staged s
join jsonb_to_recordset(cast(:allocations as jsonb)) as a(class_code text, first_serial int) on a.class_code::char(4) = s.class_code
where s.batch_id = :batchId and s.action is null
-- neighbours on neighbouring pages: a tile or a grid then reads a few pages, not one per component
order by s.grid_id, s.class_code;
