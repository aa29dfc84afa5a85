/**
 * Runs the overdue sweep every minute while the server is up, so a case that runs past a step's
 * deadline gets its `overdue` event within a minute even when nobody touches it.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { sweepOverdue } from './overdue-sweep.ts';

/** Starts the schedule; the returned function stops it and waits for a sweep under way. */
export function scheduleOverdueSweep(knex: Knex, logger: Logger, everyMs = 60_000): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        const added = await sweepOverdue(knex);
        if (added > 0) logger.info({ overdue: added }, `overdue sweep: ${added} step(s) ran past their deadline`);
      } catch (error) {
        logger.error({ err: error }, 'overdue sweep failed; it runs again in a minute');
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
