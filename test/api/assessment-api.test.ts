/**
 * HTTP end to end: GET /api/assessment over a month of cases (March 2026) inserted directly as cases
 * and case_events rows by a small deterministic generator, checked against figures worked out by
 * hand below.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Knex } from 'knex';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

const hour = 3600_000;
const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/**
 * What happens after the dispatch at t, as [action, hours after t, deadline hours after t?]. The
 * dispatch is due in 24 h; a return starts a new dispose step due 24 h later.
 */
const outcomes = {
  /** disposed in 6 h, closed */
  onTime: [['dispose', 6], ['close', 26]],
  /** disposed in 30 h (6 h late), closed */
  late: [['dispose', 30], ['close', 32]],
  /** disposed in 4 h, returned at 5 h, disposed again at 20 h (15 h, on time), closed */
  reworked: [['dispose', 4], ['return', 5, 29], ['dispose', 20], ['close', 22]],
  /** disposed in 2 h, returned at 3 h, never disposed again: the second step runs over at 27 h */
  reworkStuck: [['dispose', 2], ['return', 3, 27]],
  /** never disposed: runs over at 24 h */
  stuck: [],
  /** disposed in 10 h, not yet checked */
  awaitingCheck: [['dispose', 10]],
} satisfies Record<string, [string, number, number?][]>;
type Outcome = keyof typeof outcomes;

const toState: Record<string, string> = { dispatch: 'dispatched', dispose: 'disposed', return: 'returned', close: 'closed', evaluate: 'evaluated' };

let db: TestDatabase;
let app: TestApp;
const ids = { water: 0, lighting: 0, townA: { id: 0, code: '' }, townB: { id: 0, code: '' }, grids: [] as number[] };
let serial = 0;

/** One case of `department` in base grid `gridId`, dispatched at `dispatchedAt`, then `outcome`. */
async function seedCase(knex: Knex, department: number, gridId: number, dispatchedAt: Date, outcome: Outcome): Promise<void> {
  serial += 1;
  const t = dispatchedAt.getTime();
  const at = (hours: number) => new Date(t + hours * hour);
  const steps = outcomes[outcome] as [string, number, number?][];
  const finalState = steps.some(([action]) => action === 'close') ? 'evaluated' : toState[steps.at(-1)?.[0] ?? 'dispatch']!;
  const [row] = await knex('cases')
    .insert({
      number: `320506-20260301-${String(serial).padStart(4, '0')}`,
      source: 'inspector',
      event_class_code: '0404',
      location: knex.raw('ST_SetSRID(ST_MakePoint(120.6, 31.2), 4326)'),
      grid_id: gridId,
      case_class: 'B',
      department_id: department,
      state: finalState,
    })
    .returning('id');
  const events: object[] = [
    { action: 'report', from_state: null, to_state: 'reported', role: 'inspector', at: at(-3), due_at: at(-2) },
    { action: 'verify', from_state: 'reported', to_state: 'verified', role: 'inspector', at: at(-2.5), due_at: at(-1.5) },
    { action: 'file', from_state: 'verified', to_state: 'filed', role: 'inspector', at: at(-2), due_at: at(-1) },
    { action: 'dispatch', from_state: 'filed', to_state: 'dispatched', role: 'dispatcher', department_id: department, at: at(0), due_at: at(24) },
  ];
  let state = 'dispatched';
  for (const [action, hours, due] of steps) {
    events.push({ action, from_state: state, to_state: toState[action], role: action === 'dispose' ? 'owner' : 'inspector', at: at(hours), due_at: due === undefined ? (action === 'dispose' ? at(hours + 2) : null) : at(due) });
    state = toState[action]!;
    if (action === 'close') events.push({ action: 'evaluate', from_state: 'closed', to_state: 'evaluated', role: 'system', at: at(hours), due_at: null });
  }
  await knex('case_events').insert(events.map((event) => ({ case_id: row.id, ...event })));
}

/** Base grids: the first two of town A, the first of town B. */
async function pickGrids(knex: Knex) {
  const towns = await knex('grids').where({ level: 2 }).orderBy('code').limit(2).select('id', 'code');
  const baseGridsOf = (townId: number) =>
    knex('grids as b').join('grids as c', 'c.id', 'b.parent_id').where('c.parent_id', townId).andWhere('b.level', 4).orderBy('b.code').limit(2).pluck('b.id');
  const [a1, a2] = await baseGridsOf(towns[0].id);
  const [b1] = await baseGridsOf(towns[1].id);
  return { townA: towns[0], townB: towns[1], grids: [a1, a2, b1] as number[] };
}

before(async () => {
  db = await openTestDatabase();
  app = await startTestApp(db);
  const k = db.knex;
  const department = (code: string) => k('departments').where({ code }).first('id').then((row) => row.id as number);
  ids.water = await department('water-affairs');
  ids.lighting = await department('street-lighting');
  Object.assign(ids, await pickGrids(k));
  const [a1, a2, b1] = ids.grids as [number, number, number];

  // the month: one dispatch a day at 09:00, in this order
  const march: [number, number, Outcome][] = [
    [ids.water, a1, 'onTime'], [ids.water, a2, 'onTime'], [ids.water, a1, 'onTime'], [ids.water, a2, 'onTime'],
    [ids.water, a1, 'late'], [ids.water, a1, 'late'],
    [ids.water, b1, 'reworked'], [ids.water, b1, 'stuck'],
    [ids.lighting, b1, 'onTime'], [ids.lighting, b1, 'onTime'],
    [ids.lighting, a2, 'reworkStuck'], [ids.lighting, b1, 'awaitingCheck'],
  ];
  for (const [index, [department, grid, outcome]] of march.entries()) {
    await seedCase(k, department, grid, cst(`2026-03-${String(index + 2).padStart(2, '0')} 09:00`), outcome);
  }
  // dispatched on the last evening of the month: not due until 1 April 20:00
  await seedCase(k, ids.lighting, b1, cst('2026-03-31 20:00'), 'stuck');
  // outside the period: dispatched before it (closed in March) and after it
  await seedCase(k, ids.water, a1, cst('2026-02-27 10:00'), 'onTime');
  await seedCase(k, ids.lighting, b1, cst('2026-04-01 09:00'), 'onTime');
});
after(async () => {
  await app?.close();
  await db?.close();
});

const monthEnd = encodeURIComponent('2026-04-01T00:00:00+08:00');
const march = `from=2026-03-01&to=2026-03-31&as_of=${monthEnd}`;

/*
 * Worked out by hand, as of 1 April 00:00 (+08:00):
 *
 * water-affairs: 8 received (4 onTime, 2 late, reworked, stuck)
 *   dispose steps ended: 4 + 2 + 2 = 8, on time 4 + 2 (reworked twice) = 6
 *   overdue: 2 late + stuck (due 10 Mar, still running) = 3; judged: 8 ended + 1 running late = 9
 *   returns 1, closed 4 + 2 + 1 = 7; hours (4 × 6 + 2 × 30 + 4 + 15) / 8 = 12.875
 *   rates 6/8, 7/8, 1/8, 3/9 → score 40 × .75 + 30 × .875 + 20 × .875 + 10 × 2/3 = 80.4167 → 80.4
 * street-lighting: 5 received (2 onTime, reworkStuck, awaitingCheck, the 31 March stuck one)
 *   ended: 2 + 1 + 1 = 4, all on time; overdue: reworkStuck's second step (due at 27 h) = 1; the
 *   31 March case is not due before 1 April 20:00, so judged = 4 + 1 = 5
 *   returns 1, closed 2; hours (6 + 6 + 2 + 10) / 4 = 6
 *   rates 4/4, 2/5, 1/4, 1/5 → score 40 + 12 + 15 + 8 = 75
 */
const water = {
  received: 8, disposals: 8, disposed_on_time: 6, overdue: 3, judged_dispose_steps: 9, returns: 1, closed: 7,
  on_time_rate: 0.75, closure_rate: 0.875, rework_rate: 0.125, overdue_rate: 0.3333, avg_disposal_hours: 12.88, score: 80.4,
};
const lighting = {
  received: 5, disposals: 4, disposed_on_time: 4, overdue: 1, judged_dispose_steps: 5, returns: 1, closed: 2,
  on_time_rate: 1, closure_rate: 0.4, rework_rate: 0.25, overdue_rate: 0.2, avg_disposal_hours: 6, score: 75,
};
const figures = (row: Record<string, unknown>) => {
  const { group: _group, ...rest } = row;
  return rest;
};

describe('GET /api/assessment by department', () => {
  test('every figure of March matches the hand count, best score first', async () => {
    const token = await app.signIn('assess-dispatcher', 'dispatcher');
    const { status, body } = await app.request('GET', `/api/assessment?${march}`, { token });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.from, '2026-03-01');
    assert.equal(body.to, '2026-03-31');
    assert.equal(body.as_of, '2026-03-31T16:00:00.000Z');
    assert.equal(body.by, 'department');
    assert.equal(body.grid_level, null);
    assert.deepEqual(body.groups.map((g: any) => g.group.code), ['water-affairs', 'street-lighting']);
    assert.deepEqual(body.groups[0].group, { id: ids.water, code: 'water-affairs', name_zh: body.groups[0].group.name_zh, name_en: body.groups[0].group.name_en, level: null });
    assert.deepEqual(figures(body.groups[0]), water);
    assert.deepEqual(figures(body.groups[1]), lighting);
    assert.deepEqual(body.weights.rework_rate, { weight: 20, better: 'lower' });
  });

  test('as of now the case dispatched on 31 March has run over too: the report is recomputed from the log', async () => {
    const token = await app.signIn('assess-admin', 'admin');
    const { body } = await app.request('GET', '/api/assessment?from=2026-03-01&to=2026-03-31', { token });
    const now = body.groups.find((g: any) => g.group.code === 'street-lighting');
    // overdue 2 of 6 judged steps: 40 + 12 + 15 + 10 × 4/6 = 73.67
    assert.deepEqual(figures(now), { ...lighting, overdue: 2, judged_dispose_steps: 6, overdue_rate: 0.3333, score: 73.7 });
    assert.deepEqual(figures(body.groups.find((g: any) => g.group.code === 'water-affairs')), water, 'nothing of water-affairs changed after March');
  });

  test('a period is whole Asia/Shanghai days: 1–8 March holds the first seven dispatches', async () => {
    const token = await app.signIn('assess-dispatcher-2', 'dispatcher');
    const { body } = await app.request('GET', `/api/assessment?from=2026-03-01&to=2026-03-08&as_of=${monthEnd}`, { token });
    // 2–8 March: 4 onTime, 2 late, reworked — the stuck case came on the 9th
    assert.deepEqual(body.groups.map((g: any) => [g.group.code, g.received, g.overdue]), [['water-affairs', 7, 2]]);
  });

  test('department= narrows a dispatcher to one department; an empty period is an empty list', async () => {
    const token = await app.signIn('assess-dispatcher-3', 'dispatcher');
    const one = await app.request('GET', `/api/assessment?${march}&department=street-lighting`, { token });
    assert.deepEqual(one.body.groups.map((g: any) => g.group.code), ['street-lighting']);
    const empty = await app.request('GET', `/api/assessment?from=2025-06-01&to=2025-06-30&as_of=${monthEnd}`, { token });
    assert.deepEqual(empty.body.groups, []);
    assert.equal((await app.request('GET', `/api/assessment?${march}&department=no-such`, { token })).status, 400);
  });
});

describe('GET /api/assessment by grid', () => {
  /*
   * Town A (base grids a1, a2): water's 4 onTime and 2 late, lighting's reworkStuck → 7 received;
   *   ended 4 + 2 + 1 = 7, on time 5; overdue 2 late + 1 running = 3, judged 8; returns 1, closed 6;
   *   hours (24 + 60 + 2) / 7 = 12.2857; score 40 × 5/7 + 30 × 6/7 + 20 × 6/7 + 10 × 5/8 = 77.68 → 77.7
   * Town B (b1): water's reworked and stuck, lighting's 2 onTime, awaitingCheck and 31 March → 6;
   *   ended 2 + 2 + 1 = 5, all on time; overdue 1 (stuck), judged 6; returns 1, closed 3;
   *   hours (4 + 15 + 6 + 6 + 10) / 5 = 8.2; score 40 + 15 + 16 + 10 × 5/6 = 79.33 → 79.3
   */
  test('towns (grid_level=2, the default) match the hand count', async () => {
    const token = await app.signIn('assess-dispatcher-4', 'dispatcher');
    const { status, body } = await app.request('GET', `/api/assessment?${march}&by=grid`, { token });
    assert.equal(status, 200);
    assert.equal(body.grid_level, 2);
    assert.deepEqual(body.groups.map((g: any) => [g.group.id, g.group.level]), [[ids.townB.id, 2], [ids.townA.id, 2]], 'town B scores higher');
    assert.deepEqual(figures(body.groups[0]), {
      received: 6, disposals: 5, disposed_on_time: 5, overdue: 1, judged_dispose_steps: 6, returns: 1, closed: 3,
      on_time_rate: 1, closure_rate: 0.5, rework_rate: 0.2, overdue_rate: 0.1667, avg_disposal_hours: 8.2, score: 79.3,
    });
    assert.deepEqual(figures(body.groups[1]), {
      received: 7, disposals: 7, disposed_on_time: 5, overdue: 3, judged_dispose_steps: 8, returns: 1, closed: 6,
      on_time_rate: 0.7143, closure_rate: 0.8571, rework_rate: 0.1429, overdue_rate: 0.375, avg_disposal_hours: 12.29, score: 77.7,
    });
  });

  test('base grids (grid_level=4): the three grids used, adding up to the 13 cases', async () => {
    const token = await app.signIn('assess-dispatcher-5', 'dispatcher');
    const { body } = await app.request('GET', `/api/assessment?${march}&by=grid&grid_level=4`, { token });
    const received = Object.fromEntries(body.groups.map((g: any) => [g.group.id, g.received]));
    const [a1, a2, b1] = ids.grids;
    // a1: 2 onTime + 2 late; a2: 2 onTime + reworkStuck; b1: the other 6
    assert.deepEqual(received, { [a1!]: 4, [a2!]: 3, [b1!]: 6 });
    assert.ok(body.groups.every((g: any) => g.group.level === 4));
  });
});

describe('who sees what', () => {
  test('an owner sees only its own department, whatever it asks for', async () => {
    const token = await app.signIn('assess-lighting', 'owner', 'street-lighting');
    const { status, body } = await app.request('GET', `/api/assessment?${march}&department=water-affairs`, { token });
    assert.equal(status, 200);
    assert.deepEqual(body.groups.map((g: any) => g.group.code), ['street-lighting']);
    assert.deepEqual(figures(body.groups[0]), lighting);
    // by grid, only its own cases: reworkStuck in town A, four in town B
    const grids = await app.request('GET', `/api/assessment?${march}&by=grid`, { token });
    assert.deepEqual(Object.fromEntries(grids.body.groups.map((g: any) => [g.group.id, g.received])), { [ids.townA.id]: 1, [ids.townB.id]: 4 });
  });

  test('inspectors and contractors may not; nobody without signing in', async () => {
    for (const role of ['inspector', 'contractor'] as const) {
      const token = await app.signIn(`assess-${role}`, role);
      assert.equal((await app.request('GET', `/api/assessment?${march}`, { token })).status, 403, role);
    }
    assert.equal((await app.request('GET', `/api/assessment?${march}`)).status, 401);
  });

  test('bad periods and levels are 400s naming the field', async () => {
    const token = await app.signIn('assess-dispatcher-6', 'dispatcher');
    for (const [query, field] of [
      ['from=2026-03-31&to=2026-03-01', 'from'],
      ['from=2026-02-30', 'from'],
      ['by=grid&grid_level=5', 'grid_level'],
      ['by=town', 'by'],
      ['as_of=yesterday', 'as_of'],
    ] as const) {
      const { status, body } = await app.request('GET', `/api/assessment?${query}`, { token });
      assert.equal(status, 400, query);
      assert.match(body.error.message, new RegExp(field), query);
    }
  });
});
