-- A staged row without a code matches the nearest inventory component of its class within the
-- class's tolerance (metres). When several staged rows reach one component, the nearest keeps it
-- and the others are new components.
with tolerance(class_code, metres) as (
  select key, value::float8 from jsonb_each_text(cast(:byClass as jsonb))
),
candidates as (
  select s.id as staged_id, nearest.id as component_id, nearest.distance
  from survey_staged s
  cross join lateral (
    select c.id, ST_Distance(c.point::geography, s.point::geography) as distance
    from components c
    where c.class_code = s.class_code
      -- a cheap box first (1e-5 degrees is at least 0.94 m at these latitudes), then metres
      and c.point && ST_Expand(s.point, coalesce((select metres from tolerance t where t.class_code = s.class_code), :defaultMetres) * 1.1e-5)
      and ST_DWithin(c.point::geography, s.point::geography, coalesce((select metres from tolerance t where t.class_code = s.class_code), :defaultMetres))
      and not exists (select 1 from survey_staged taken where taken.batch_id = s.batch_id and taken.component_id = c.id)
    order by c.point <-> s.point
    limit 1
  ) nearest
  where s.batch_id = :batchId and s.component_id is null
),
ranked as (
  select staged_id, component_id, row_number() over (partition by component_id order by distance, staged_id) as rank
  from candidates
)
update survey_staged s
set component_id = r.component_id, action = 'update'
from ranked r
where s.id = r.staged_id and r.rank = 1;
