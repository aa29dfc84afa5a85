/**
 * 超时督办 — the overdue sweep: appends an `overdue` event to every open case whose running step
 * has passed its deadline, at most once per step occurrence. Run it on a timer; it is safe to run
 * from several processes at once (they take turns on an advisory lock).
 */
import fs from 'node:fs';
import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../../audit/audit.repository.ts';
import { caseActions, stepStartedBy } from '../case-state-machine.ts';

const sweepSql = fs.readFileSync(new URL('./overdue-sweep.sql', import.meta.url), 'utf8');

/** The sweep writes as the system. */
export const overdueSweepActor: Actor = { userId: null, username: 'overdue-sweep', role: 'system' };

/** Each action that starts a step, with the step it starts. */
const stepsByAction = Object.fromEntries(
  caseActions.flatMap((action) => {
    const step = stepStartedBy(action);
    return step ? [[action, step]] : [];
  }),
);

/**
 * Records what has run over by `now` and returns how many overdue events it appended. The events
 * and the sweep's audit entry are written in one transaction.
 *
 * @example
 * setInterval(() => void sweepOverdue(knex).catch(log), 60_000);
 */
export async function sweepOverdue(knex: Knex, now: Date = new Date()): Promise<number> {
  return knex.transaction(async (trx) => {
    // two sweeps at once would each see the other's cases as not yet marked
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['civicgrid:overdue-sweep']);
    const result = await trx.raw(sweepSql, { steps: JSON.stringify(stepsByAction), now });
    const rows = result.rows as { id: string; case_id: string; details: { step: string } }[];
    // one entry for the sweep, as for other bulk writes; each case's log has its own event
    if (rows.length > 0) {
      await recordAudit(trx, {
        actor: overdueSweepActor,
        action: 'overdue',
        entity: 'case',
        details: { at: now.toISOString(), count: rows.length, events: rows.map((row) => ({ case_id: Number(row.case_id), event_id: Number(row.id), step: row.details.step })) },
      });
    }
    return rows.length;
  });
}
