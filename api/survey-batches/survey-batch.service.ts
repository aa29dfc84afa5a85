/**
 * Survey batches: a contractor's upload becomes a batch that is validated into staging
 * (uploaded → validated | failed), then committed into the inventory in one transaction or
 * discarded. Who may see and act on a batch is decided here.
 */
import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { importSurvey, type ImportOptions } from '../../etl/pipeline/import-survey.ts';
import { commitStaged, dropStaged } from '../../etl/load/survey-loader.ts';
import type { BatchProgressHub } from './batch-progress.ts';
import { findBatch, findCommittedByChecksum, insertBatch, lockBatch, updateBatch, type SurveyBatchRow } from './survey-batch.repository.ts';

export interface NewBatch {
  name: string;
  files: { name: string; bytes: number }[];
  checksum: string;
  options: ImportOptions;
}

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, username: principal.username, role: principal.role };
}

/** A contractor sees only its own batches; dispatchers and admins see all; others none. */
export function assertCanSee(batch: SurveyBatchRow | undefined, principal: Principal | undefined, id: number): SurveyBatchRow {
  if (!batch) throw notFound(`no survey batch ${id}`);
  if (principal && (principal.role === 'admin' || principal.role === 'dispatcher')) return batch;
  if (principal?.role === 'contractor' && batch.contractor_id === principal.userId) return batch;
  // a batch that is not yours does not exist for you
  throw notFound(`no survey batch ${id}`);
}

/** Only the uploading contractor or an admin may commit or discard. */
function assertCanDecide(batch: SurveyBatchRow, actor: Actor): void {
  if (actor.role === 'admin' || actor.role === 'system') return;
  if (actor.role === 'contractor' && batch.contractor_id === actor.userId) return;
  throw forbidden(`survey batch ${batch.id} belongs to another contractor`);
}

/** Records a new batch (state uploaded), audited. */
export async function createBatch(knex: Knex, batch: NewBatch, actor: Actor, requestId?: string): Promise<SurveyBatchRow> {
  return knex.transaction(async (trx) => {
    const row = await insertBatch(trx, {
      name: batch.name,
      contractor_id: actor.role === 'contractor' ? actor.userId : null,
      files: batch.files,
      checksum: batch.checksum,
      options: batch.options as Record<string, unknown>,
      profile: batch.options.profile ?? null,
    });
    await recordAudit(trx, { actor, action: 'upload', entity: 'survey_batch', entityId: row.id, details: { name: batch.name, files: batch.files, checksum: batch.checksum }, requestId: requestId ?? null });
    return row;
  });
}

/**
 * Runs the pipeline over the uploaded files into staging. Never throws for bad input: the batch
 * ends validated (with its report) or failed (with the reason), and the inventory is untouched.
 */
export async function validateBatch(knex: Knex, batchId: number, inputPath: string, hub: BatchProgressHub): Promise<SurveyBatchRow> {
  const batch = await findBatch(knex, batchId);
  if (!batch) throw notFound(`no survey batch ${batchId}`);
  try {
    const report = await importSurvey(knex, batchId, inputPath, batch.options as ImportOptions, (progress) => hub.publish(progress));
    const identical = await findCommittedByChecksum(knex, batch.checksum, batchId);
    if (identical) report.warnings.push(`the same files were committed in survey batch ${identical.id}: nothing will change`);
    await updateBatch(knex, batchId, { state: 'validated', report: report as unknown as Record<string, unknown>, counts: report.counts, encoding: report.encoding, crs: report.crs });
    hub.publish({ batchId, phase: 'done', rowsDone: report.counts.read, rowsTotal: report.counts.read, accepted: report.counts.accepted, rejected: report.counts.rejected, rate: 0 });
  } catch (error) {
    const reason = reasonOf(error);
    await dropStaged(knex, batchId);
    await updateBatch(knex, batchId, { state: 'failed', error: reason });
    hub.publish({ batchId, phase: 'failed', rowsDone: 0, rowsTotal: 0, accepted: 0, rejected: 0, rate: 0, message: reason });
  }
  return (await findBatch(knex, batchId))!;
}

/** A sentence for the batch's error: the input's fault as it was said, a database error without its SQL. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // knex prefixes database errors with the statement: keep only what PostgreSQL said
  if (typeof (error as { routine?: unknown }).routine === 'string') return `database error: ${error.message.split(' - ').pop()}`;
  return error.message;
}

/** Applies a validated batch to the inventory in one transaction. */
export async function commitBatch(knex: Knex, batchId: number, actor: Actor, requestId?: string): Promise<SurveyBatchRow> {
  await knex.transaction(async (trx) => {
    const batch = await lockBatch(trx, batchId);
    if (!batch) throw notFound(`no survey batch ${batchId}`);
    assertCanDecide(batch, actor);
    if (batch.state !== 'validated') throw conflict(`survey batch ${batchId} is ${batch.state}; only a validated batch can be committed`, { state: batch.state, allowed: ['validated'] });
    const result = await commitStaged(trx, batchId, actor, requestId ?? null);
    const counts = { ...batch.counts, new: result.created, update: result.updated, unchanged: result.unchanged };
    await trx('survey_batches').where({ id: batchId }).update({ state: 'committed', committed_at: trx.fn.now(), updated_at: trx.fn.now(), counts: JSON.stringify(counts) });
    await recordAudit(trx, { actor, action: 'commit', entity: 'survey_batch', entityId: batchId, details: { ...result }, requestId: requestId ?? null });
  });
  return (await findBatch(knex, batchId))!;
}

/** Drops a batch that has not been committed. */
export async function discardBatch(knex: Knex, batchId: number, actor: Actor, requestId?: string): Promise<SurveyBatchRow> {
  await knex.transaction(async (trx) => {
    const batch = await lockBatch(trx, batchId);
    if (!batch) throw notFound(`no survey batch ${batchId}`);
    assertCanDecide(batch, actor);
    if (batch.state === 'committed' || batch.state === 'discarded') {
      throw conflict(`survey batch ${batchId} is ${batch.state} and cannot be discarded`, { state: batch.state, allowed: ['uploaded', 'validated', 'failed'] });
    }
    await dropStaged(trx, batchId);
    await trx('survey_batches').where({ id: batchId }).update({ state: 'discarded', updated_at: trx.fn.now() });
    await recordAudit(trx, { actor, action: 'discard', entity: 'survey_batch', entityId: batchId, requestId: requestId ?? null });
  });
  return (await findBatch(knex, batchId))!;
}
