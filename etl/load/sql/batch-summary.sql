-- What a batch would do, for the preview: staged rows by action, class, town and owner.
-- The rows are counted by grid first and named after: a few thousand groups meet the grids and
-- departments, not every staged row.
with counted as (
  select coalesce(action, 'new') as action, class_code, grid_id, department_id, count(*)::int as count
  from survey_staged
  where batch_id = :batchId
  group by 1, 2, 3, 4
)
select
  s.action,
  s.class_code,
  cc.name_zh as class_name_zh,
  cc.name_en as class_name_en,
  town.code as town_code,
  town.name_zh as town_name_zh,
  d.code as department_code,
  d.name_zh as department_name_zh,
  sum(s.count)::int as count
from counted s
join component_classes cc on cc.code = s.class_code
left join grids base on base.id = s.grid_id
left join grids community on community.id = base.parent_id
left join grids town on town.id = community.parent_id
left join departments d on d.id = s.department_id
group by 1, 2, 3, 4, 5, 6, 7, 8
order by 2, 5, 7, 1;
