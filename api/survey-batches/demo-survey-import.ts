/**
 * A new database's first survey: `npm start` writes a demo contractor survey (the same files
 * `civicgrid demo` writes) and imports and commits it as the demo contractor, so the first run
 * shows real components.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { writeDemoSurvey } from '../../etl/demo/demo-survey.ts';
import { commandLineActor, type Actor } from '../audit/audit.repository.ts';
import { findUserByUsername } from '../users/user.repository.ts';
import { BatchProgressHub } from './batch-progress.ts';
import { describeInput } from './input-files.ts';
import { commitBatch, createBatch, validateBatch } from './survey-batch.service.ts';

/** How many components the first start imports. */
export const demoSurveySize = 10_000;

export async function importDemoSurvey(knex: Knex, logger: Logger, count = demoSurveySize): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-demo-survey-'));
  try {
    logger.info(`writing a demo survey of ${count.toLocaleString('en')} components (GBK, CGCS2000 GK CM 120E) and importing it`);
    await writeDemoSurvey({ count, outDir: dir });
    const contractor = await findUserByUsername(knex, 'contractor');
    const actor: Actor = contractor ? { userId: contractor.id, username: contractor.username, role: contractor.role } : commandLineActor;
    const { checksum, files } = await describeInput(dir);
    const batch = await createBatch(knex, { name: 'demo survey (civicgrid demo)', files, checksum, options: {} }, actor);
    const hub = new BatchProgressHub();
    let logged = 0;
    hub.subscribe(batch.id, (p) => {
      if (p.phase === 'read' && Date.now() - logged > 2000) {
        logged = Date.now();
        logger.info(`demo survey: ${p.rowsDone.toLocaleString('en')} of ${p.rowsTotal.toLocaleString('en')} rows`);
      }
    });
    const validated = await validateBatch(knex, batch.id, dir, hub);
    if (validated.state !== 'validated') throw new Error(`the demo survey did not validate: ${validated.error}`);
    const committed = await commitBatch(knex, batch.id, actor);
    logger.info({ batch: batch.id, counts: committed.counts }, `demo survey committed: ${String(committed.counts.new)} components`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
