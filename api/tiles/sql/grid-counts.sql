-- Components per base grid and class, and unfinished cases per base grid: the numbers the
-- low-zoom aggregate tiles roll up the grid hierarchy (by major class, see grid-aggregates.ts).
-- Grouped by the columns of the (grid_id, class_code) index, in its order: an index-only scan
-- with no hashing (an expression such as substr(class_code, 1, 2) would cost a third of a second
-- over 680,000 rows).
select grid_id, class_code, count(*)::int as count, 0 as open_cases
from components
where grid_id is not null
group by grid_id, class_code
union all
select grid_id, null, 0, count(*)::int
from cases
where grid_id is not null and state not in ('not_filed', 'closed', 'evaluated')
group by grid_id
