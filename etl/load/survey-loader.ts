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
import { insertPhotos } from '../../api/photos/photo.repository.ts';
import type { StoredPhoto } from '../../api/photos/photo-store.ts';
import { canCopyFromStdin, copyStagedPoints, isPointRow } from './staged-point-copy.ts';

const sqlDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');
const sql = (name: string) => fs.readFileSync(path.join(sqlDir, `${name}.sql`), 'utf8');
const statements = {
  matchByCode: sql('match-by-code'),
  matchByPosition: sql('match-by-position'),
  markUnchanged: sql('mark-unchanged'),
  allocateSerials: sql('allocate-serials'),
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
  /** The hash of the row's stored photo (照片), when the upload carried it. */
  photo?: string | null;
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

/**
 * Inserts staged rows. On a PostgreSQL server point rows go in one COPY (staged-point-copy.ts);
 * the others, and every row on PGlite, in one statement: the chunk goes as one JSON document that
 * PostgreSQL unpacks (far cheaper for the driver than one array parameter per column). Points
 * travel as x/y.
 */
export async function stageRows(knex: Knex, batchId: number, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (await canCopyFromStdin(knex)) {
    await copyStagedPoints(knex, batchId, rows.filter(isPointRow));
    rows = rows.filter((row) => !isPointRow(row));
    if (rows.length === 0) return;
  }
  const payload = rows.map((r) => ({
    layer: r.layer,
    row_number: r.row,
    class_code: r.classCode,
    source_code: r.sourceCode,
    geometry: r.geometry.type === 'Point' ? null : r.geometry,
    x: r.point[0],
    y: r.point[1],
    attributes: r.attributes,
    grid_id: r.gridId,
    department_id: r.departmentId,
    photo: r.photo ?? null,
  }));
  await knex.raw(
    `insert into survey_staged (batch_id, layer, row_number, class_code, source_code, geom, point, attributes, grid_id, department_id, photo)
     select ?, r.layer, r.row_number, r.class_code, r.source_code,
            coalesce(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326), ST_SetSRID(ST_MakePoint(r.x, r.y), 4326)),
            ST_SetSRID(ST_MakePoint(r.x, r.y), 4326),
            r.attributes, r.grid_id, r.department_id, r.photo
     from jsonb_to_recordset(?::jsonb)
       as r(layer text, row_number int, class_code text, source_code text, geometry jsonb, x float8, y float8, attributes jsonb, grid_id int, department_id int, photo text)`,
    [batchId, JSON.stringify(payload)],
  );
}

/** Records the photos a batch stored (the files are already under the data dir); known ones are left as they are. */
export async function stagePhotos(knex: Knex, photos: (StoredPhoto & { originalName: string })[]): Promise<void> {
  await insertPhotos(knex, photos);
}

/** Records refused rows with their rule, message, raw attributes and geometry when readable. */
export async function stageRejects(knex: Knex, batchId: number, rejects: RejectRow[]): Promise<void> {
  if (rejects.length === 0) return;
  const payload = rejects.map((r) => ({
    layer: r.layer,
    row_number: r.row,
    source_id: r.sourceId,
    rule: r.rule,
    message: r.message,
    attributes: r.attributes,
    geometry: r.geometry && isFiniteGeometry(r.geometry) ? r.geometry : null,
  }));
  await knex.raw(
    `insert into survey_rejects (batch_id, layer, row_number, source_id, rule, message, attributes, geom)
     select ?, r.layer, r.row_number, r.source_id, r.rule, r.message, r.attributes, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)
     from jsonb_to_recordset(?::jsonb)
       as r(layer text, row_number int, source_id text, rule text, message text, attributes jsonb, geometry jsonb)`,
    [batchId, JSON.stringify(payload)],
  );
}

// JSON turns NaN and Infinity into null: such a geometry is not stored, its reject still is
function isFiniteGeometry(geometry: Geometry): boolean {
  return !JSON.stringify(geometry).includes('null');
}

/**
 * Decides for every staged row whether it is an update of an inventory component (by code, then
 * by position within the class's tolerance) or unchanged; rows left unmatched are new. The
 * position match is skipped when the inventory holds no component of the batch's classes.
 */
export async function matchStaged(knex: Knex, batchId: number, tolerance: MatchTolerance): Promise<void> {
  const inventoryHasClasses = (
    await knex.raw(
      `select exists (select 1 from components c where c.class_code in (select distinct class_code from survey_staged where batch_id = ?)) as found`,
      [batchId],
    )
  ).rows[0].found as boolean;
  if (!inventoryHasClasses) return;
  await knex.raw(statements.matchByCode, { batchId });
  await knex.raw(statements.matchByPosition, { batchId, byClass: JSON.stringify(tolerance.by_class), defaultMetres: tolerance.default_m });
  await knex.raw(statements.markUnchanged, { batchId });
}

/**
 * Matches again inside the commit transaction when another batch was committed since this one
 * was validated (its components would otherwise be missed); touches only rows matched before.
 */
export async function rematchStaged(trx: Knex.Transaction, batchId: number, tolerance: MatchTolerance): Promise<void> {
  const stale = (
    await trx.raw(
      `select exists (
         select 1 from survey_batches other, survey_batches this
         where this.id = ? and other.state = 'committed' and other.id <> this.id and other.committed_at >= this.updated_at
       ) as stale`,
      [batchId],
    )
  ).rows[0].stale as boolean;
  if (!stale) return;
  await trx('survey_staged').where({ batch_id: batchId }).whereNotNull('component_id').update({ action: null, component_id: null });
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
export async function commitStaged(
  trx: Knex.Transaction,
  batchId: number,
  actor: Actor,
  requestId: string | null,
  options: { bulkRows?: number } = {},
): Promise<CommitResult> {
  const counts: { action: string; count: number }[] = (
    await trx.raw(`select coalesce(action, 'new') as action, count(*)::int as count from survey_staged where batch_id = ? group by 1`, [batchId])
  ).rows;
  const count = (action: string) => counts.find((c) => c.action === action)?.count ?? 0;
  if (count('new') > 0) {
    const allocations = await allocateSerials(trx, batchId);
    await asBulkLoad(trx, count('new'), options.bulkRows ?? bulkLoadRows, () =>
      trx.raw(statements.commitNew, { batchId, district: districtCode, allocations: JSON.stringify(allocations) }),
    );
  }
  if (count('update') > 0) {
    await trx.raw(statements.commitUpdates, { batchId, userId: actor.userId, username: actor.username, role: actor.role, requestId });
  }
  await trx('survey_staged').where({ batch_id: batchId }).delete();
  return { created: count('new'), updated: count('update'), unchanged: count('unchanged') };
}

/** From this many new components on, a commit loads them the way PostgreSQL advises for bulk loads. */
export const bulkLoadRows = 20_000;

/**
 * Runs `insert` as a bulk load when it adds at least `threshold` components (PostgreSQL manual,
 * "Populating a Database"): the foreign keys of components are dropped, then added back and
 * validated in one set-based check each; when the table at least doubles, its secondary indexes
 * are dropped and rebuilt too, and so are its unique constraints that no foreign key uses; then the
 * table is analyzed. All inside the commit transaction, so a failure restores everything — at the
 * price of an exclusive lock on components while the commit runs.
 * Measured on 680,000 points: the insert takes 31 s with per-row foreign-key checks and index
 * upkeep, 15 s without the checks, 5.5 s + ~3 s of index builds without both. The code's unique
 * index alone: 8.7 s to insert into a table that keeps it, 2.6 s without it + 1.5 s to rebuild it.
 */
async function asBulkLoad(trx: Knex.Transaction, rows: number, threshold: number, insert: () => Promise<unknown>): Promise<void> {
  if (rows < threshold) {
    await insert();
    return;
  }
  const foreignKeys: { name: string; definition: string }[] = (
    await trx.raw(`select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = 'components'::regclass and contype = 'f' order by conname`)
  ).rows;
  const existing = Number((await trx.raw('select count(*) as n from components')).rows[0].n);
  const doubles = rows >= existing;
  const indexes: { name: string; definition: string }[] = doubles
    ? (
        await trx.raw(`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
           from pg_index i
           where i.indrelid = 'components'::regclass
             and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
           order by 1`)
      ).rows
    : [];
  // a unique constraint no foreign key leans on (the code's) is an index too: new codes arrive in
  // grid order, not code order, and inserting them one by one into its b-tree cost more than the
  // rest of the insert; rebuilt in one sort afterwards, and checked then
  const uniques: { name: string; definition: string }[] = doubles
    ? (
        await trx.raw(`select conname as name, pg_get_constraintdef(oid) as definition
           from pg_constraint u
           where u.conrelid = 'components'::regclass and u.contype = 'u'
             and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = u.conindid)
           order by 1`)
      ).rows
    : [];
  for (const fk of foreignKeys) await trx.raw(`alter table components drop constraint ${quoteIdentifier(fk.name)}`);
  for (const index of indexes) await trx.raw(`drop index ${index.name}`);
  for (const unique of uniques) await trx.raw(`alter table components drop constraint ${quoteIdentifier(unique.name)}`);
  await insert();
  for (const unique of uniques) await trx.raw(`alter table components add constraint ${quoteIdentifier(unique.name)} ${unique.definition}`);
  for (const index of indexes) await trx.raw(index.definition);
  for (const fk of foreignKeys) {
    await trx.raw(`alter table components add constraint ${quoteIdentifier(fk.name)} ${fk.definition} not valid`);
    await trx.raw(`alter table components validate constraint ${quoteIdentifier(fk.name)}`);
  }
  // fresh statistics, as the manual advises after a bulk load: tile and grid queries plan by them
  await trx.raw('analyze components');
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Takes serials for the batch's new components: each class's first serial. */
async function allocateSerials(trx: Knex.Transaction, batchId: number): Promise<{ class_code: string; first_serial: number }[]> {
  return (await trx.raw(statements.allocateSerials, { batchId, district: districtCode })).rows;
}

/** Drops a batch's staged rows (discard, or cleaning up after a failure). */
export async function dropStaged(knex: Knex, batchId: number): Promise<void> {
  await knex('survey_staged').where({ batch_id: batchId }).delete();
}
