/**
 * Database test (PGlite, or PostgreSQL with DATABASE_URL): the overdue sweep over hand-made cases
 * and events, inserted directly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Knex } from 'knex';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { sweepOverdue } from './overdue-sweep.ts';

let db: TestDatabase;
let departmentId: number;
before(async () => {
  db = await openTestDatabase();
  departmentId = (await db.knex('departments').where({ code: 'water-affairs' }).first('id')).id;
});
after(() => db?.close());

const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const now = cst('2026-03-10 12:00');
let serial = 0;

type Event = [action: string, at: string, due?: string];

/** A case in `state` with its log: each event [action, at, due_at?] in China Standard Time. */
async function makeCase(knex: Knex, state: string, events: Event[]): Promise<number> {
  serial += 1;
  const [row] = await knex('cases')
    .insert({
      number: `320506-20260310-${String(serial).padStart(4, '0')}`,
      source: 'inspector',
      event_class_code: '0404',
      location: knex.raw('ST_SetSRID(ST_MakePoint(120.6, 31.2), 4326)'),
      case_class: 'B',
      department_id: departmentId,
      state,
    })
    .returning('id');
  const caseId = Number(row.id);
  let from: string | null = null;
  for (const [action, at, due] of events) {
    const to: string = toState[action] ?? from ?? 'reported';
    await knex('case_events').insert({ case_id: caseId, action, from_state: from, to_state: to, role: 'inspector', at: cst(at), due_at: due ? cst(due) : null });
    from = to;
  }
  return caseId;
}

const toState: Record<string, string> = {
  report: 'reported', verify: 'verified', not_file: 'not_filed', file: 'filed', dispatch: 'dispatched',
  dispose: 'disposed', return: 'returned', close: 'closed', evaluate: 'evaluated',
};

const overdueEvents = (caseId: number) =>
  db.knex('case_events').where({ case_id: caseId, action: 'overdue' }).orderBy('id').select('from_state', 'to_state', 'role', 'user_id', 'department_id', 'at', 'details');

describe('sweepOverdue', () => {
  const ids: Record<string, number> = {};

  before(async () => {
    const k = db.knex;
    ids.lateVerify = await makeCase(k, 'reported', [['report', '2026-03-10 09:00', '2026-03-10 10:00']]);
    ids.notYetDue = await makeCase(k, 'reported', [['report', '2026-03-10 11:00', '2026-03-10 12:30']]);
    ids.dueExactlyNow = await makeCase(k, 'reported', [['report', '2026-03-10 11:00', '2026-03-10 12:00']]);
    ids.joinedAfterLate = await makeCase(k, 'reported', [['report', '2026-03-09 09:00', '2026-03-09 10:00'], ['join', '2026-03-10 08:00']]);
    ids.lateDispose = await makeCase(k, 'dispatched', [
      ['report', '2026-03-02 09:00', '2026-03-02 10:00'],
      // verify ran over, but it ended: the evaluation judges it, the sweep only watches running steps
      ['verify', '2026-03-02 11:00', '2026-03-02 12:00'],
      ['file', '2026-03-02 11:30', '2026-03-02 12:30'],
      ['dispatch', '2026-03-02 12:00', '2026-03-04 12:00'],
    ]);
    ids.closedLate = await makeCase(k, 'evaluated', [
      ['report', '2026-03-02 09:00', '2026-03-02 10:00'],
      ['verify', '2026-03-02 09:30', '2026-03-02 10:30'],
      ['file', '2026-03-02 10:00', '2026-03-02 11:00'],
      ['dispatch', '2026-03-02 10:30', '2026-03-02 12:00'],
      ['dispose', '2026-03-03 09:00', '2026-03-03 11:00'],
      ['close', '2026-03-03 15:00'],
      ['evaluate', '2026-03-03 15:00'],
    ]);
    ids.notFiled = await makeCase(k, 'not_filed', [['report', '2026-03-02 09:00', '2026-03-02 10:00'], ['not_file', '2026-03-05 09:00']]);
    ids.lateCheck = await makeCase(k, 'disposed', [
      ['report', '2026-03-02 09:00', '2026-03-02 10:00'],
      ['verify', '2026-03-02 09:30', '2026-03-02 10:30'],
      ['file', '2026-03-02 10:00', '2026-03-02 11:00'],
      ['dispatch', '2026-03-02 10:30', '2026-03-04 10:30'],
      ['dispose', '2026-03-03 09:00', '2026-03-03 11:00'],
    ]);
  });

  test('appends one overdue event to each open case whose running step has passed its deadline', async () => {
    assert.equal(await sweepOverdue(db.knex, now), 4);
    const late = await overdueEvents(ids.lateVerify!);
    assert.equal(late.length, 1);
    assert.deepEqual(
      { ...late[0], at: late[0].at.toISOString(), due_at: new Date(late[0].details.due_at).toISOString(), details: undefined },
      { from_state: 'reported', to_state: 'reported', role: 'system', user_id: null, department_id: null, at: now.toISOString(), due_at: cst('2026-03-10 10:00').toISOString(), details: undefined },
    );
    assert.equal(late[0].details.step, 'verify');
    assert.equal((await overdueEvents(ids.joinedAfterLate!))[0]?.details.step, 'verify', 'a join starts no step: verify is still running');
    const dispose = await overdueEvents(ids.lateDispose!);
    assert.deepEqual(dispose.map((e) => [e.details.step, e.department_id]), [['dispose', departmentId]], 'a late disposal is marked on the department');
    assert.deepEqual((await overdueEvents(ids.lateCheck!)).map((e) => e.details.step), ['check']);
  });

  test('leaves steps not yet due (or due this very instant), finished cases and ended steps alone', async () => {
    for (const name of ['notYetDue', 'dueExactlyNow', 'closedLate', 'notFiled']) assert.deepEqual(await overdueEvents(ids[name]!), [], name);
  });

  test('never twice for the same step occurrence', async () => {
    assert.equal(await sweepOverdue(db.knex, now), 0);
    assert.equal(await sweepOverdue(db.knex, cst('2026-03-20 12:00')), 2, 'later, only the two steps that came due since');
    assert.equal((await overdueEvents(ids.lateVerify!)).length, 1);
    assert.equal((await overdueEvents(ids.notYetDue!)).length, 1);
    assert.equal((await overdueEvents(ids.dueExactlyNow!)).length, 1);
  });

  test('a new occurrence of a step (rework after a return) may run over again', async () => {
    const k = db.knex;
    const caseId = ids.lateDispose!;
    await k('case_events').insert([
      { case_id: caseId, action: 'dispose', from_state: 'dispatched', to_state: 'disposed', role: 'owner', department_id: departmentId, at: cst('2026-03-11 09:00'), due_at: cst('2026-03-11 11:00') },
      { case_id: caseId, action: 'return', from_state: 'disposed', to_state: 'returned', role: 'inspector', at: cst('2026-03-11 10:00'), due_at: cst('2026-03-12 10:00') },
    ]);
    await k('cases').where({ id: caseId }).update({ state: 'returned' });
    assert.equal(await sweepOverdue(k, cst('2026-03-12 09:59')), 0);
    assert.equal(await sweepOverdue(k, cst('2026-03-12 10:01')), 1);
    assert.deepEqual((await overdueEvents(caseId)).map((e) => e.details.step), ['dispose', 'dispose']);
  });

  test('a mark that landed after the next step began (a transition racing the sweep) does not hide that step', async () => {
    const k = db.knex;
    const caseId = await makeCase(k, 'verified', [['report', '2026-03-05 09:00', '2026-03-05 10:00'], ['verify', '2026-03-05 11:00', '2026-03-05 12:00']]);
    const report = await k('case_events').where({ case_id: caseId, action: 'report' }).first('id');
    // the sweep saw the case still reported and marked verify, committing after the verify event
    await k('case_events').insert({ case_id: caseId, action: 'overdue', from_state: 'reported', to_state: 'reported', role: 'system', at: cst('2026-03-05 11:00'), details: { step: 'verify', started_event_id: Number(report.id) } });
    // counts one case here: the sweeps before have marked every other running step
    assert.equal(await sweepOverdue(k, cst('2026-03-20 12:00')), 1);
    assert.deepEqual((await overdueEvents(caseId)).map((e) => e.details.step), ['verify', 'file']);
  });

  test('each sweep that found something leaves one audit entry listing its events', async () => {
    const audits = await db.knex('audit_log').where({ action: 'overdue', entity: 'case', username: 'overdue-sweep' }).orderBy('id').select('role', 'details');
    // the sweeps so far appended 4, 2, 1 and 1 events; the empty ones wrote nothing
    assert.deepEqual(audits.map((a) => [a.role, a.details.count]), [['system', 4], ['system', 2], ['system', 1], ['system', 1]]);
    const logged = audits.flatMap((a) => a.details.events.map((e: { event_id: number }) => e.event_id)).sort((a, b) => a - b);
    // every overdue event the sweeps wrote (the race test wrote one by hand, at 11:00)
    const events = await db.knex('case_events').where({ action: 'overdue', role: 'system' }).whereNot({ at: cst('2026-03-05 11:00') }).orderBy('id').pluck('id');
    assert.deepEqual(logged, events.map(Number));
    assert.ok(audits[0].details.events.some((e: { case_id: number; step: string }) => e.case_id === ids.lateCheck && e.step === 'check'));
  });

  test('two sweeps at once record each overdue step once', async () => {
    const caseId = await makeCase(db.knex, 'reported', [['report', '2026-04-01 09:00', '2026-04-01 10:00']]);
    const counts = await Promise.all([sweepOverdue(db.knex, cst('2026-04-01 12:00')), sweepOverdue(db.knex, cst('2026-04-01 12:00'))]);
    assert.deepEqual(counts.sort(), [0, 1]);
    assert.equal((await overdueEvents(caseId)).length, 1);
  });
});
