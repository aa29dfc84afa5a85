-- Advances each class's serial by the number of new components in the batch and returns each
-- class's first serial for the batch. The row lock on each component_serials row keeps concurrent
-- commits apart; serials are never reused.
with per_class as (
  select class_code, count(*)::int as n
  from survey_staged
  where batch_id = :batchId and action is null
  group by class_code
),
taken as (
  insert into component_serials (district_code, class_code, last_serial)
  select :district, class_code, n from per_class
  on conflict (district_code, class_code)
  do update set last_serial = component_serials.last_serial + excluded.last_serial
  returning class_code, last_serial
)
select t.class_code, t.last_serial - p.n + 1 as first_serial
from taken t
join per_class p on p.class_code = t.class_code;
