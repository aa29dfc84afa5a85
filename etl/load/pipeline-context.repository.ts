/**
 * Reads what the pipeline stages need from the database, once per import: component classes,
 * departments with their aliases, responsibility rules, and the base grids with their ancestors.
 */
import type { MultiPolygon } from 'geojson';
import type { Knex } from 'knex';

export interface ContextClass {
  code: string;
  name_zh: string;
  name_en: string;
  geometry_kind: 'point' | 'line' | 'polygon';
}

export interface ContextDepartment {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  aliases: string[];
}

export interface ContextRule {
  classCode: string;
  gridId: number | null;
  departmentId: number;
}

export interface ContextGrid {
  id: number;
  code: string;
  geometry: MultiPolygon;
  /** The grid, then its community and town (and the district): most specific first. */
  path: number[];
}

export interface PipelineData {
  classes: ContextClass[];
  departments: ContextDepartment[];
  rules: ContextRule[];
  baseGrids: ContextGrid[];
  /** The district (level 1) outline. */
  district: { code: string; name_zh: string; geometry: MultiPolygon };
}

export async function loadPipelineData(knex: Knex): Promise<PipelineData> {
  const classes: ContextClass[] = await knex('component_classes').select('code', 'name_zh', 'name_en', 'geometry_kind').orderBy('code');
  const departments: ContextDepartment[] = await knex('departments').select('id', 'code', 'name_zh', 'name_en', 'aliases').orderBy('id');
  const rules: ContextRule[] = (await knex('responsibility_rules').select('component_class_code', 'grid_id', 'department_id')).map(
    (r: { component_class_code: string; grid_id: number | null; department_id: number }) => ({ classCode: r.component_class_code, gridId: r.grid_id, departmentId: r.department_id }),
  );
  const grids: { id: number; code: string; name_zh: string; level: number; parent_id: number | null; geometry: string | null }[] = await knex('grids').select(
    'id',
    'code',
    'name_zh',
    'level',
    'parent_id',
    knex.raw('case when level in (1, 4) then ST_AsGeoJSON(geom) end as geometry'),
  );
  const district = grids.find((g) => g.level === 1);
  if (!district?.geometry) throw new Error('the database has no district grid: run civicgrid db migrate');
  const parent = new Map(grids.map((g) => [g.id, g.parent_id]));
  const pathOf = (id: number) => {
    const path: number[] = [];
    for (let at: number | null | undefined = id; at != null; at = parent.get(at)) path.push(at);
    return path;
  };
  const baseGrids = grids
    .filter((g) => g.level === 4 && g.geometry)
    .map((g) => ({ id: g.id, code: g.code, geometry: JSON.parse(g.geometry!) as MultiPolygon, path: pathOf(g.id) }));
  return { classes, departments, rules, baseGrids, district: { code: district.code, name_zh: district.name_zh, geometry: JSON.parse(district.geometry) } };
}
