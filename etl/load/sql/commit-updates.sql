-- Matched components take the surveyed geometry and attributes and keep their codes. The owner
-- changes only while ownership is still pending and no one has decided it: a confirmed or disputed
-- owner is the owner's word, and a reassignment by the centre (ownership_changed_at) stands.
-- A re-survey without a photo keeps the component's photo. The audit entry carries what changed.
with updated as (
  update components c
  set geom = s.geom,
      point = s.point,
      attributes = s.attributes,
      grid_id = s.grid_id,
      department_id = case when c.ownership_status = 'pending' and c.ownership_changed_at is null then s.department_id else c.department_id end,
      survey_batch_id = s.batch_id,
      photo = coalesce(s.photo, c.photo),
      version = c.version + 1,
      updated_at = now()
  from survey_staged s, components before
  where s.batch_id = :batchId and s.action = 'update' and c.id = s.component_id and before.id = c.id
  returning c.id, c.code, c.version,
    jsonb_build_object(
      'moved_m', round(ST_Distance(before.point::geography, s.point::geography)::numeric, 2),
      'attributes_before', before.attributes,
      'grid_before', before.grid_id,
      'department_before', before.department_id
    ) as change
)
insert into audit_log (user_id, username, role, action, entity, entity_id, details, request_id)
select :userId, :username, :role, 'update', 'component', u.code,
       u.change || jsonb_build_object('survey_batch', cast(:batchId as int), 'version', u.version), :requestId
from updated u;
