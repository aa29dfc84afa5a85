-- 超时 — the overdue sweep. For each open case, the step running now is the one its latest
-- step-starting event began (that event carries the step's deadline in due_at). When the deadline
-- has passed and no overdue event marks that start (details.started_event_id), one is appended; a
-- later start (a return for rework, the next step) is a new occurrence and may run over again.
-- Open means not in one of the finished states (finishedStates in case-state-machine.ts), written
-- out so the planner can use the partial indexes on open cases.
-- Bindings (no colon-names in comments: knex would bind them): steps, jsonb mapping each starting
-- action to its step ({"report": "verify", "dispatch": "dispose", …}); now, the sweep's instant
-- (deadlines before it have passed, and it stamps the new events).
with overdue as (
  select k.id as case_id, k.state, k.department_id, s.id as started_event_id, cast(:steps as jsonb) ->> s.action as step, s.due_at
  from cases k
  cross join lateral (
    select e.id, e.action, e.due_at,
           -- asked per case (not as a join) so the plan stays an index probe whatever the statistics
           exists (
             select 1 from case_events o
             where o.case_id = e.case_id and o.action = 'overdue' and o.details ->> 'started_event_id' = cast(e.id as text)
           ) as marked
    from case_events e
    where e.case_id = k.id and cast(:steps as jsonb) ->> e.action is not null
    order by e.id desc
    limit 1
  ) s
  where k.state not in ('not_filed', 'closed', 'evaluated')
    and s.due_at < :now
    and not s.marked
)
insert into case_events (case_id, action, from_state, to_state, user_id, role, department_id, note, at, details)
select case_id, 'overdue', state, state, null, 'system',
       -- a late disposal is the disposing department's; the other steps are the centre's
       case when step = 'dispose' then department_id end,
       'step ' || step || ' ran over its deadline',
       :now,
       jsonb_build_object('step', step, 'due_at', due_at, 'started_event_id', started_event_id)
from overdue
order by case_id
returning id, case_id, details
