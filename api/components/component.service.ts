/**
 * Reading components: filters checked against the reference data (an unknown department or grid
 * is the caller's mistake, not an empty answer), cursor pages, the component card, the nearby
 * pick-list.
 */
import type { Knex } from 'knex';
import { badRequest, notFound } from '../http/errors.ts';
import type { ComponentFilter } from './component-filter.ts';
import { toFeature } from './component-feature.ts';
import { departmentIdsByCode, findGridWithBaseGrids, listComponentRows, listNearbyRows, subClassCodes, type ResolvedFilter } from './component.repository.ts';
import { componentHistory, findComponentRecord, gridPath, openCasesOf } from './component-detail.repository.ts';
import { openDisputeOf } from '../ownership/ownership-dispute.repository.ts';
import { cutPage, decodeCursor } from './page-cursor.ts';

/**
 * Resolves a filter's references to what the table holds, refusing departments and grids that do
 * not exist (unknown class codes simply match nothing).
 */
export async function resolveFilter(knex: Knex, filter: ComponentFilter): Promise<ResolvedFilter> {
  const resolved: ResolvedFilter = { bbox: filter.bbox, ownership: filter.ownership, q: filter.q, openCase: filter.openCase };
  if (filter.class) resolved.classCodes = await subClassCodes(knex, filter.class);
  if (filter.department) {
    const ids = await departmentIdsByCode(knex, filter.department);
    const unknown = filter.department.filter((code) => !ids.has(code));
    if (unknown.length) throw badRequest(`unknown department ${unknown.join(', ')}: see GET /api/departments`, { unknown });
    resolved.departmentIds = [...ids.values()];
  }
  if (filter.grid) {
    const grid = await findGridWithBaseGrids(knex, filter.grid);
    if (!grid) throw badRequest(`unknown grid ${filter.grid}: see GET /api/grids`);
    resolved.gridIds = grid.level === 1 ? 'any' : grid.baseGridIds;
  }
  return resolved;
}

/** One page of components as a FeatureCollection with the cursor of the next page (null on the last). */
export async function listComponents(knex: Knex, filter: ComponentFilter, page: { limit: number; cursor?: string }) {
  const afterId = decodeCursor(page.cursor);
  const resolved = await resolveFilter(knex, filter);
  const { rows, next } = cutPage(await listComponentRows(knex, resolved, afterId, page.limit), page.limit);
  return { type: 'FeatureCollection' as const, features: rows.map(toFeature), returned: rows.length, next };
}

/** The component card: class, owner, ownership, grid path, attributes, batch, history, open cases. */
export async function getComponent(knex: Knex, code: string) {
  const row = await findComponentRecord(knex, code);
  if (!row) throw notFound(`no component with code ${code}`);
  const [path, history, openCases, dispute] = await Promise.all([
    row.grid_id === null ? [] : gridPath(knex, row.grid_id),
    componentHistory(knex, code),
    openCasesOf(knex, row.id),
    openDisputeOf(knex, row.id),
  ]);
  return {
    code: row.code,
    class: {
      code: row.class_code,
      name_zh: row.class_name_zh,
      name_en: row.class_name_en,
      major_code: row.major_code,
      major_name_zh: row.major_name_zh,
      major_name_en: row.major_name_en,
    },
    department: row.department_code === null ? null : { code: row.department_code, name_zh: row.department_name_zh!, name_en: row.department_name_en! },
    ownership_status: row.ownership_status,
    ownership_changed_at: row.ownership_changed_at,
    open_dispute: dispute ?? null,
    grid_path: path,
    geometry: JSON.parse(row.geometry),
    point: [row.lon, row.lat],
    attributes: row.attributes,
    photo: row.photo,
    survey_batch: row.survey_batch_id === null ? null : { id: row.survey_batch_id, name: row.survey_batch_name, committed_at: row.survey_batch_committed_at },
    history,
    open_cases: openCases,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Components within `radius` metres of a point, nearest first, each with its distance. */
export async function nearbyComponents(knex: Knex, at: { lon: number; lat: number }, radius: number, limit: number) {
  const rows = await listNearbyRows(knex, at, radius, limit);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((row) => {
      const feature = toFeature(row);
      return { ...feature, properties: { ...feature.properties, distance_m: row.distance_m } };
    }),
  };
}
