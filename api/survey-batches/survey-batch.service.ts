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
import { commitStaged, dropStaged, rematchStaged } from '../../etl/load/survey-loader.ts';
import { readMatchTolerance } from '../../data/reference-data.ts';
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
  const options = batch.options as ImportOptions;
  try {
    const report = await importSurvey(knex, batchId, inputPath, options, (progress) => hub.publish(progress), batch.name ?? undefined);
    const identical = await findCommittedByChecksum(knex, batch.checksum, batchId);
    if (identical) report.warnings.push(`the same files were committed in survey batch ${identical.id}: nothing will change`);
    const still = await finishValidation(knex, batchId, { state: 'validated', report: report as unknown as Record<string, unknown>, counts: report.counts, encoding: report.encoding, crs: report.crs });
    hub.publish({
      batchId,
      phase: 'done',
      rowsDone: report.counts.read,
      rowsTotal: report.counts.read,
      accepted: report.counts.accepted,
      rejected: report.counts.rejected,
      rate: 0,
      ...(still ? {} : { message: 'the batch was discarded while it was being validated: nothing is staged' }),
    });
  } catch (error) {
    const reason = reasonOf(error);
    const rule = (error as { rule?: unknown }).rule;
    await finishValidation(knex, batchId, { state: 'failed', error: reason, report: typeof rule === 'string' ? { error_rule: rule } : null });
    hub.publish({ batchId, phase: 'failed', rowsDone: 0, rowsTotal: 0, accepted: 0, rejected: 0, rate: 0, message: reason });
  }
  return (await findBatch(knex, batchId))!;
}

/**
 * Moves a batch out of `uploaded` — unless it left that state meanwhile (discarded while it was
 * validating): then what validation staged is dropped and the batch keeps its state. Returns
 * whether the batch was still validating.
 */
async function finishValidation(knex: Knex, batchId: number, changes: Parameters<typeof updateBatch>[2]): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const batch = await lockBatch(trx, batchId);
    if (!batch || batch.state !== 'uploaded' || changes.state === 'failed') await dropStaged(trx, batchId);
    if (!batch || batch.state !== 'uploaded') return false;
    await updateBatch(trx, batchId, changes);
    return true;
  });
}

/** A sentence for the batch's error: the input's fault as it was said, a database error without its SQL. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // knex prefixes database errors with the statement: keep only what PostgreSQL said
  if (typeof (error as { routine?: unknown }).routine === 'string') return `database error: ${error.message.split(' - ').pop()}`;
  return error.message;
}

/**
 * Batches still validating when the server stopped can never finish: at start-up they are marked
 * failed with the reason, and their staged rows dropped. Returns how many there were.
 */
export async function failInterruptedBatches(knex: Knex): Promise<number> {
  return knex.transaction(async (trx) => {
    const ids: number[] = await trx('survey_batches').where({ state: 'uploaded' }).pluck('id');
    if (ids.length === 0) return 0;
    await trx('survey_staged').whereIn('batch_id', ids).delete();
    await trx('survey_batches').whereIn('id', ids).update({ state: 'failed', error: 'interrupted: the server stopped while this batch was being validated; upload it again', updated_at: trx.fn.now() });
    return ids.length;
  });
}

/** Applies a validated batch to the inventory in one transaction. */
export async function commitBatch(knex: Knex, batchId: number, actor: Actor, requestId?: string): Promise<SurveyBatchRow> {
  await knex.transaction(async (trx) => {
    const batch = await lockBatch(trx, batchId);
    if (!batch) throw notFound(`no survey batch ${batchId}`);
    assertCanDecide(batch, actor);
    if (batch.state !== 'validated') throw conflict(`survey batch ${batchId} is ${batch.state}; only a validated batch can be committed`, { state: batch.state, allowed: ['validated'] });
    // commits take turns, and each matches against the inventory as it is now: a batch committed
    // since this one was validated is seen, so the same survey validated twice is applied once
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['civicgrid.survey-commit']);
    await rematchStaged(trx, batchId, readMatchTolerance());
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
