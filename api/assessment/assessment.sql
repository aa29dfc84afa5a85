-- 考核评价 — assessment counts per department or per grid, read from the case log alone, so a
-- changed rule or weight can be recomputed for any period. The cohort is the cases dispatched in
-- [from, to); everything else is what happened to them up to as_of.
--
-- A dispose step starts with the dispatch or a return (its event carries the deadline in due_at)
-- and ends with the next disposal. It is on time when that disposal is not after the deadline (a
-- step without a deadline cannot run over), overdue when the disposal came late or the step is
-- still running past its deadline at as_of.
--
-- Bindings (no colon-names in comments: knex would bind them): by ('department' or 'grid'),
-- grid_level (2 town, 3 community, 4 base grid), department_id (or null for all), from, to, as_of.
with recursive lineage as (
  -- each grid with itself and every ancestor
  select id as grid_id, id as ancestor_id, level from grids
  union all
  select l.grid_id, g.parent_id, p.level
  from lineage l
  join grids g on g.id = l.ancestor_id
  join grids p on p.id = g.parent_id
), cohort as (
  select d.case_id,
         case when :by = 'department' then d.department_id else l.ancestor_id end as group_id
  from case_events d
  join cases k on k.id = d.case_id
  left join lineage l on l.grid_id = k.grid_id and l.level = :grid_level
  where d.action = 'dispatch'
    and d.at >= :from and d.at < :to and d.at <= :as_of
    and (cast(:department_id as integer) is null or d.department_id = :department_id)
), occurrences as (
  -- in the loop a start is followed by its disposal, if any, before anything else of the kind
  select group_id, started_at, due_at, case when next_action = 'dispose' then next_at end as ended_at
  from (
    select c.group_id, s.action, s.at as started_at, s.due_at,
           lead(s.action) over chain as next_action, lead(s.at) over chain as next_at
    from cohort c
    join case_events s on s.case_id = c.case_id and s.action in ('dispatch', 'return', 'dispose') and s.at <= :as_of
    window chain as (partition by s.case_id order by s.at, s.id)
  ) chained
  where action in ('dispatch', 'return')
), steps as (
  select group_id,
         count(ended_at) as disposals,
         count(*) filter (where ended_at is not null and (due_at is null or ended_at <= due_at)) as disposed_on_time,
         count(*) filter (where ended_at > due_at or (ended_at is null and due_at < :as_of)) as overdue,
         count(*) filter (where ended_at is not null or due_at < :as_of) as judged_dispose_steps,
         avg(extract(epoch from ended_at - started_at)) / 3600 as avg_disposal_hours
  from occurrences
  group by group_id
), outcomes as (
  select c.group_id,
         count(*) filter (where o.action = 'return') as returns,
         count(distinct o.case_id) filter (where o.action = 'close') as closed
  from cohort c
  join case_events o on o.case_id = c.case_id and o.action in ('return', 'close') and o.at <= :as_of
  group by c.group_id
), received as (
  select group_id, count(*) as received
  from cohort
  where group_id is not null
  group by group_id
)
select r.group_id,
       coalesce(dep.code, g.code) as code,
       coalesce(dep.name_zh, g.name_zh) as name_zh,
       coalesce(dep.name_en, g.name_en) as name_en,
       g.level,
       r.received,
       coalesce(s.disposals, 0) as disposals,
       coalesce(s.disposed_on_time, 0) as disposed_on_time,
       coalesce(s.overdue, 0) as overdue,
       coalesce(s.judged_dispose_steps, 0) as judged_dispose_steps,
       coalesce(o.returns, 0) as returns,
       coalesce(o.closed, 0) as closed,
       s.avg_disposal_hours
from received r
left join steps s on s.group_id = r.group_id
left join outcomes o on o.group_id = r.group_id
left join departments dep on :by = 'department' and dep.id = r.group_id
left join grids g on :by = 'grid' and g.id = r.group_id
order by r.group_id
