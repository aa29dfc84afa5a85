/**
 * `civicgrid inspect` and `civicgrid import`: the survey pipeline from the command line.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { commandLineActor, type Actor } from '../audit/audit.repository.ts';
import { badRequest } from '../http/errors.ts';
import { inspectSource, type InspectedLayer } from '../../etl/pipeline/inspect-source.ts';
import type { ImportOptions, ImportReport } from '../../etl/pipeline/import-survey.ts';
import { BatchProgressHub } from '../survey-batches/batch-progress.ts';
import { describeInput } from '../survey-batches/input-files.ts';
import { commitBatch, createBatch, validateBatch } from '../survey-batches/survey-batch.service.ts';
import type { SurveyBatchRow } from '../survey-batches/survey-batch.repository.ts';
import { findUserByUsername } from '../users/user.repository.ts';
import { ProgressBar } from './progress-bar.ts';

/** Streams the input's features as one WGS 84 FeatureCollection to `out`; layer facts go to `log`. */
export async function runInspect(inputPath: string, options: ImportOptions, out: NodeJS.WritableStream, log: (line: string) => void): Promise<void> {
  const layers: InspectedLayer[] = [];
  const features = inspectSource(inputPath, options, (layer) => layers.push(layer));
  // the first feature is read before anything is written, so bad input fails with nothing printed
  const first = await features.next();
  // respect back-pressure: a slow reader (a pipe) must not make the whole survey pile up in memory
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"type":"FeatureCollection","features":[');
  if (!first.done) await write(`\n${JSON.stringify(first.value)}`);
  for await (const feature of features) await write(`,\n${JSON.stringify(feature)}`);
  await write('\n]}\n');
  for (const l of layers) log(`${l.path}: ${l.rows} features, ${l.encoding}, ${l.crs}${l.warnings.length ? `; ${l.warnings.join('; ')}` : ''}`);
}

export interface ImportCommandOptions extends ImportOptions {
  contractor?: string;
  commit: boolean;
  json: boolean;
}

/** Imports into a new batch (and commits it with --commit); returns the batch. */
export async function runImport(knex: Knex, inputPath: string, options: ImportCommandOptions): Promise<SurveyBatchRow> {
  if (!fs.existsSync(inputPath)) throw badRequest(`${inputPath}: no such file or folder`);
  const actor = await contractorActor(knex, options.contractor);
  const { checksum, files } = await describeInput(inputPath);
  const importOptions: ImportOptions = { srs: options.srs, encoding: options.encoding, datum: options.datum, towgs84: options.towgs84, profile: options.profile };
  const batch = await createBatch(knex, { name: path.basename(inputPath), files, checksum, options: withoutUndefined(importOptions) }, actor);

  const hub = new BatchProgressHub();
  const bar = new ProgressBar();
  if (!options.json) hub.subscribe(batch.id, (p) => bar.update(p));
  const validated = await validateBatch(knex, batch.id, inputPath, hub);
  bar.done();
  if (validated.state !== 'validated' || !options.commit) return validated;
  return commitBatch(knex, batch.id, actor);
}

/** The text summary of an imported batch. */
export function formatBatch(batch: SurveyBatchRow): string {
  if (batch.state === 'failed') return `survey batch ${batch.id} failed: ${batch.error}`;
  const report = batch.report as unknown as ImportReport;
  const c = report.counts;
  const lines = [
    `survey batch ${batch.id}: ${batch.state}`,
    ...report.layers.map((l) => `  ${l.path}: ${l.rows} rows, ${l.encoding.encoding} (${l.encoding.source}), ${l.crs.epsg ? `EPSG:${l.crs.epsg} ` : ''}${l.crs.name} (${l.crs.source})`),
    `  read ${c.read}, accepted ${c.accepted} (new ${c.new}, updated ${c.update}, unchanged ${c.unchanged}), rejected ${c.rejected} in ${report.seconds.toFixed(1)} s`,
    ...Object.entries(report.rejectsByRule).map(([rule, n]) => `  rejected by ${rule}: ${n}`),
    ...Object.entries(report.warningsByRule).map(([rule, w]) => `  warning ${rule}: ${w.count}`),
    ...report.warnings.map((w) => `  note: ${w}`),
  ];
  if (batch.state === 'validated') lines.push(`  commit with: civicgrid import … --commit, or POST /api/survey-batches/${batch.id}/commit`);
  return lines.join('\n');
}

/** The JSON summary of an imported batch (--json). */
export function batchSummary(batch: SurveyBatchRow): object {
  const report = batch.report as unknown as ImportReport | null;
  return {
    batch: batch.id,
    state: batch.state,
    error: batch.error,
    encoding: batch.encoding,
    crs: batch.crs,
    counts: report ? batch.counts : null,
    rejects_by_rule: report?.rejectsByRule ?? {},
    warnings_by_rule: Object.fromEntries(Object.entries(report?.warningsByRule ?? {}).map(([rule, w]) => [rule, w.count])),
    layers: report?.layers ?? [],
  };
}

async function contractorActor(knex: Knex, username: string | undefined): Promise<Actor> {
  if (!username) return commandLineActor;
  const user = await findUserByUsername(knex, username);
  if (!user || user.role !== 'contractor') throw badRequest(`--contractor ${username}: no contractor user of that name (civicgrid user add … --role contractor)`);
  return { userId: user.id, username: user.username, role: user.role };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
