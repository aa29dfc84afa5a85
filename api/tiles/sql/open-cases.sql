-- Unfinished repair cases in a (buffered) tile. overdue: the deadline of the step the case is in
-- has passed (cases.deadlines holds one per step started).
select k.id, k.number, k.state, k.case_class, d.code as department,
       coalesce((k.deadlines ->> case k.state
                   when 'reported' then 'verify' when 'verified' then 'file' when 'filed' then 'dispatch'
                   when 'dispatched' then 'dispose' when 'returned' then 'dispose' when 'disposed' then 'check'
                 end)::timestamptz < now(), false) as overdue,
       ST_X(k.location) as lon, ST_Y(k.location) as lat
from cases k
left join departments d on d.id = k.department_id
where k.location && ST_MakeEnvelope(:west, :south, :east, :north, 4326)
  and k.state not in ('not_filed', 'closed', 'evaluated')
