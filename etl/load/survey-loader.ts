/**
 * The loader: the only ETL stage that touches the database. It stages accepted rows and rejects
 * of a survey batch, matches them against the inventory, summarises them for the preview, and
 * commits (one transaction) or discards them. The spatial SQL lives in sql/ beside this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Geometry, Position } from 'geojson';
import type { Knex } from 'knex';
import type { Actor } from '../../api/audit/audit.repository.ts';
import type { MatchTolerance } from '../../data/reference-data.ts';

const sqlDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');
const sql = (name: string) => fs.readFileSync(path.join(sqlDir, `${name}.sql`), 'utf8');
const statements = {
  matchByCode: sql('match-by-code'),
  matchByPosition: sql('match-by-position'),
  markUnchanged: sql('mark-unchanged'),
  markNew: sql('mark-new'),
  commitNew: sql('commit-new'),
  commitUpdates: sql('commit-updates'),
  summary: sql('batch-summary'),
};

/** The district code that prefixes every component code (吴中区). */
export const districtCode = '320506';

/** An accepted row, ready for staging. */
export interface StagedRow {
  layer: string;
  row: number;
  classCode: string;
  sourceCode: string | null;
  geometry: Geometry;
  point: Position;
  attributes: Record<string, unknown>;
  gridId: number | null;
  departmentId: number | null;
}

/** A refused row, kept with everything that was readable. */
export interface RejectRow {
  layer: string;
  row: number;
  sourceId: string | null;
  rule: string;
  message: string;
  attributes: Record<string, unknown>;
  geometry: Geometry | null;
}

/** Inserts staged rows in one statement per call (arrays unnested in SQL: fast on both backends). */
export async function stageRows(knex: Knex, batchId: number, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const isPoint = (g: Geometry) => g.type === 'Point';
  await knex.raw(
    `insert into survey_staged (batch_id, layer, row_number, class_code, source_code, geom, point, attributes, grid_id, department_id)
     select ?, r.layer, r.row_number, r.class_code, r.source_code,
            coalesce(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326), ST_SetSRID(ST_MakePoint(r.x, r.y), 4326)),
            ST_SetSRID(ST_MakePoint(r.x, r.y), 4326),
            r.attributes::jsonb, r.grid_id, r.department_id
     from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[], ?::int[], ?::int[])
       as r(layer, row_number, class_code, source_code, geometry, x, y, attributes, grid_id, department_id)`,
    arrays([
      batchId,
      rows.map((r) => r.layer),
      rows.map((r) => r.row),
      rows.map((r) => r.classCode),
      rows.map((r) => r.sourceCode),
      rows.map((r) => (isPoint(r.geometry) ? null : JSON.stringify(r.geometry))),
      rows.map((r) => r.point[0]),
      rows.map((r) => r.point[1]),
      rows.map((r) => JSON.stringify(r.attributes)),
      rows.map((r) => r.gridId),
      rows.map((r) => r.departmentId),
    ]),
  );
}

/** Records refused rows with their rule, message, raw attributes and geometry when readable. */
export async function stageRejects(knex: Knex, batchId: number, rejects: RejectRow[]): Promise<void> {
  if (rejects.length === 0) return;
  await knex.raw(
    `insert into survey_rejects (batch_id, layer, row_number, source_id, rule, message, attributes, geom)
     select ?, r.layer, r.row_number, r.source_id, r.rule, r.message, r.attributes::jsonb,
            ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)
     from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
       as r(layer, row_number, source_id, rule, message, attributes, geometry)`,
    arrays([
      batchId,
      rejects.map((r) => r.layer),
      rejects.map((r) => r.row),
      rejects.map((r) => r.sourceId),
      rejects.map((r) => r.rule),
      rejects.map((r) => r.message),
      rejects.map((r) => JSON.stringify(r.attributes)),
      rejects.map((r) => (r.geometry && isFiniteGeometry(r.geometry) ? JSON.stringify(r.geometry) : null)),
    ]),
  );
}

/** Column arrays as bindings: `pg` sends a JS array as one PostgreSQL array parameter. */
function arrays(bindings: unknown[]): Knex.RawBinding[] {
  return bindings as Knex.RawBinding[];
}

// JSON turns NaN and Infinity into null: such a geometry is not stored, its reject still is
function isFiniteGeometry(geometry: Geometry): boolean {
  return !JSON.stringify(geometry).includes('null');
}

/** Decides for every staged row whether it is new, an update of an inventory component, or unchanged. */
export async function matchStaged(knex: Knex, batchId: number, tolerance: MatchTolerance): Promise<void> {
  await knex.raw(statements.matchByCode, { batchId });
  await knex.raw(statements.matchByPosition, { batchId, byClass: JSON.stringify(tolerance.by_class), defaultMetres: tolerance.default_m });
  await knex.raw(statements.markUnchanged, { batchId });
  await knex.raw(statements.markNew, { batchId });
}

/** Forgets the matching done at validation and matches again (inside the commit transaction). */
export async function rematchStaged(trx: Knex.Transaction, batchId: number, tolerance: MatchTolerance): Promise<void> {
  await trx('survey_staged').where({ batch_id: batchId }).update({ action: null, component_id: null });
  await matchStaged(trx, batchId, tolerance);
}

export interface SummaryRow {
  action: 'new' | 'update' | 'unchanged';
  class_code: string;
  class_name_zh: string;
  class_name_en: string;
  town_code: string | null;
  town_name_zh: string | null;
  department_code: string | null;
  department_name_zh: string | null;
  count: number;
}

/** Staged rows grouped by action, class, town and owner. */
export async function summariseStaged(knex: Knex, batchId: number): Promise<SummaryRow[]> {
  return (await knex.raw(statements.summary, { batchId })).rows;
}

/** Rejects grouped by rule. */
export async function countRejects(knex: Knex, batchId: number): Promise<Record<string, number>> {
  const rows: { rule: string; count: number }[] = (
    await knex.raw('select rule, count(*)::int as count from survey_rejects where batch_id = ? group by rule order by rule', [batchId])
  ).rows;
  return Object.fromEntries(rows.map((r) => [r.rule, r.count]));
}

export interface CommitResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Applies a staged batch to the inventory inside the caller's transaction: new components with
 * fresh codes, updates (audited one by one), then the staging rows are dropped.
 */
export async function commitStaged(trx: Knex.Transaction, batchId: number, actor: Actor, requestId: string | null): Promise<CommitResult> {
  const counts: { action: string; count: number }[] = (
    await trx.raw('select action, count(*)::int as count from survey_staged where batch_id = ? group by action', [batchId])
  ).rows;
  const count = (action: string) => counts.find((c) => c.action === action)?.count ?? 0;
  await trx.raw(statements.commitNew, { batchId, district: districtCode });
  await trx.raw(statements.commitUpdates, { batchId, userId: actor.userId, username: actor.username, role: actor.role, requestId });
  await trx('survey_staged').where({ batch_id: batchId }).delete();
  return { created: count('new'), updated: count('update'), unchanged: count('unchanged') };
}

/** Drops a batch's staged rows (discard, or cleaning up after a failure). */
export async function dropStaged(knex: Knex, batchId: number): Promise<void> {
  await knex('survey_staged').where({ batch_id: batchId }).delete();
}
