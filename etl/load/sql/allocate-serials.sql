-- Advances each class's serial by the number of new components in the batch and returns the new
-- last serial. The row lock on each component_serials row keeps concurrent commits apart; serials
-- are never reused.
insert into component_serials (district_code, class_code, last_serial)
select :district, class_code, count(*)
from survey_staged
where batch_id = :batchId and action is null
group by class_code
on conflict (district_code, class_code)
do update set last_serial = component_serials.last_serial + excluded.last_serial
returning class_code, last_serial;
