/** SQL for survey batches (调查批次) and their rejects. */
import type { Knex } from 'knex';

export type SurveyBatchState = 'uploaded' | 'validated' | 'committed' | 'discarded' | 'failed';

export interface SurveyBatchRow {
  id: number;
  name: string | null;
  contractor_id: number | null;
  files: { name: string; bytes: number }[];
  checksum: string;
  encoding: string | null;
  crs: string | null;
  counts: Record<string, unknown>;
  state: SurveyBatchState;
  report: Record<string, unknown> | null;
  options: Record<string, unknown>;
  progress: Record<string, unknown>;
  profile: string | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
  committed_at: Date | null;
}

export async function insertBatch(
  knex: Knex,
  batch: Pick<SurveyBatchRow, 'name' | 'contractor_id' | 'files' | 'checksum' | 'options' | 'profile'>,
): Promise<SurveyBatchRow> {
  const [row] = await knex('survey_batches')
    .insert({ ...batch, files: JSON.stringify(batch.files), options: JSON.stringify(batch.options) })
    .returning('*');
  return row;
}

export function findBatch(knex: Knex, id: number): Promise<SurveyBatchRow | undefined> {
  return knex('survey_batches').where({ id }).first();
}

/** The batch row locked for the rest of the transaction (commit and discard serialise on it). */
export function lockBatch(trx: Knex.Transaction, id: number): Promise<SurveyBatchRow | undefined> {
  return trx('survey_batches').where({ id }).forUpdate().first();
}

export async function updateBatch(knex: Knex, id: number, changes: Partial<Omit<SurveyBatchRow, 'id'>>): Promise<void> {
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  await knex('survey_batches')
    .where({ id })
    .update({
      ...changes,
      counts: json(changes.counts),
      report: json(changes.report),
      progress: json(changes.progress),
      files: json(changes.files),
      options: json(changes.options),
      updated_at: knex.fn.now(),
    });
}

export interface BatchListFilter {
  contractorId?: number;
  state?: SurveyBatchState;
  limit: number;
}

export function listBatches(knex: Knex, filter: BatchListFilter): Promise<SurveyBatchRow[]> {
  const query = knex('survey_batches').orderBy('id', 'desc').limit(filter.limit);
  if (filter.contractorId !== undefined) query.where({ contractor_id: filter.contractorId });
  if (filter.state !== undefined) query.where({ state: filter.state });
  return query;
}

/** The committed batch with the same checksum, if any: the same files were imported before. */
export function findCommittedByChecksum(knex: Knex, checksum: string, exceptId: number): Promise<{ id: number } | undefined> {
  return knex('survey_batches').where({ checksum, state: 'committed' }).whereNot({ id: exceptId }).orderBy('id').first('id');
}

export interface RejectRecord {
  id: number;
  layer: string;
  row_number: number;
  source_id: string | null;
  rule: string;
  message: string;
  attributes: Record<string, unknown>;
  geometry: string | null;
}

/** Rejects of a batch in row order, optionally of one rule, streamed from the database in pages. */
export async function* iterateRejects(knex: Knex, batchId: number, rule?: string, pageSize = 5000): AsyncGenerator<RejectRecord> {
  let afterId = 0;
  for (;;) {
    const query = knex('survey_rejects')
      .select('id', 'layer', 'row_number', 'source_id', 'rule', 'message', 'attributes', knex.raw('ST_AsGeoJSON(geom, 7) as geometry'))
      .where({ batch_id: batchId })
      .andWhere('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize);
    if (rule) query.andWhere({ rule });
    const page: RejectRecord[] = await query;
    yield* page;
    if (page.length < pageSize) return;
    afterId = page[page.length - 1]!.id;
  }
}

/** A staged row as a GeoJSON point, with what the commit will do with it. */
export interface StagedRowFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { layer: string; row: number; class_code: string; action: 'new' | 'update' | 'unchanged' };
}

export interface StagedSample {
  features: StagedRowFeature[];
  total: number;
  extent: [number, number, number, number] | null;
}

/**
 * A batch's accepted rows (staged until the commit) in a box, for the preview map: every one up to
 * `limit`, an even sample beyond (every n-th row by staging order, so the same rows stay drawn as
 * the map moves). Without a box: the whole batch, and its extent.
 */
export async function selectStagedSample(knex: Knex, batchId: number, bbox: [number, number, number, number] | undefined, limit: number): Promise<StagedSample> {
  const inBatch = (query: Knex.QueryBuilder) => {
    query.where('batch_id', batchId);
    if (bbox) query.whereRaw('point && ST_MakeEnvelope(?, ?, ?, ?, 4326)', bbox);
  };
  const summary = await knex('survey_staged')
    .modify(inBatch)
    .first(knex.raw('count(*)::int as total'), knex.raw('ST_XMin(ST_Extent(point)) as west, ST_YMin(ST_Extent(point)) as south, ST_XMax(ST_Extent(point)) as east, ST_YMax(ST_Extent(point)) as north'));
  const total = Number(summary?.total ?? 0);
  const step = Math.max(1, Math.ceil(total / limit));
  const rows: { id: number; layer: string; row_number: number; class_code: string; action: StagedRowFeature['properties']['action']; lon: number; lat: number }[] = total === 0 ? [] : await knex('survey_staged')
    .modify(inBatch)
    .whereRaw('id % ? = 0', [step])
    .orderBy('id')
    .limit(limit)
    .select('id', 'layer', 'row_number', 'class_code', knex.raw(`coalesce(action, 'new') as action`), knex.raw('ST_X(point) as lon, ST_Y(point) as lat'));
  const extent: StagedSample['extent'] = !bbox && summary?.west !== null && summary?.west !== undefined ? [summary.west, summary.south, summary.east, summary.north] : null;
  const features = rows.map(({ id, layer, row_number, class_code, action, lon, lat }): StagedRowFeature => ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { layer, row: row_number, class_code, action },
  }));
  return { features, total, extent };
}
