-- Components per base grid and major class, and unfinished cases per base grid: the numbers the
-- low-zoom aggregate tiles roll up the grid hierarchy.
select grid_id, substr(class_code, 1, 2) as major_code, count(*)::int as count, 0 as open_cases
from components
where grid_id is not null
group by grid_id, substr(class_code, 1, 2)
union all
select grid_id, null, 0, count(*)::int
from cases
where grid_id is not null and state not in ('not_filed', 'closed', 'evaluated')
group by grid_id
