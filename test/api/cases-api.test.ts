/**
 * HTTP end to end: the six-step loop on a street lamp, deadlines stored as the policy computes
 * them, a second report joining the open case, reports without a component (grid, duplicates
 * within 50 m, outside the district), routing (owner, rule, grid-scoped rule, override with a
 * reason), not filing, illegal and stale transitions, and the list's filters and paging.
 * Roles and 巡办分离 are in cases-roles.test.ts; races in cases-concurrency.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { transitionCase } from '../../api/cases/case-transition.service.ts';
import { loadDeadlinePolicy, stepDeadline, type CaseStep } from '../../api/cases/deadlines/deadline-policy.ts';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { CaseClient } from './case-client.ts';

let db: TestDatabase;
let app: TestApp;
let cases: CaseClient;
let inspector: string;
let inspector2: string;
let dispatcher: string;
let lampOwner: string;

before(async () => {
  db = await openTestDatabase();
  await seedComponents(db.knex, 500);
  app = await startTestApp(db);
  cases = new CaseClient(app, db);
  inspector = await app.signIn('insp1', 'inspector', 'command-centre');
  inspector2 = await app.signIn('insp2', 'inspector', 'command-centre');
  dispatcher = await app.signIn('disp1', 'dispatcher', 'command-centre');
  lampOwner = await app.signIn('lamp-owner', 'owner', 'street-lighting');
});
after(async () => {
  await app?.close();
  await db?.close();
});

const policy = () => loadDeadlinePolicy();
const deadline = (caseClass: 'A' | 'B' | 'C', step: CaseStep, at: string) => stepDeadline(policy(), caseClass, step, new Date(at)).toISOString();
const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

describe('the loop on a street lamp (路灯)', () => {
  test('report → verify → file → dispatch → dispose → return → dispose → close → evaluated, each step with its deadline', async () => {
    const lamp = await cases.component({ classCode: '0118', department: 'street-lighting' });
    const problem = await cases.problemType('0118');
    const reported = await cases.open(inspector, { component_code: lamp.code, problem_type: problem.code, note: '灯不亮 lamp out' });

    // the component decides place, grid and department
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    assert.match(reported.number, new RegExp(`^320506-${today}-\\d{4}$`));
    assert.equal(reported.state, 'reported');
    assert.equal(reported.joined, false);
    assert.equal(reported.source, 'inspector');
    assert.equal(reported.component.code, lamp.code);
    assert.equal(reported.grid.id, lamp.grid_id);
    assert.deepEqual([reported.lon, reported.lat], [lamp.lon, lamp.lat]);
    assert.equal(reported.department.code, 'street-lighting');
    assert.equal(reported.case_class, problem.case_class, 'case class defaults from the problem type');
    assert.equal(reported.problem_type_code, problem.code);
    assert.equal(reported.version, 1);
    assert.deepEqual(reported.actions, ['verify', 'not_file']);
    assert.deepEqual(reported.suggested_department, { department_id: reported.department.id, code: 'street-lighting', name_zh: reported.suggested_department.name_zh, source: 'component_owner' });

    const [report] = reported.events;
    assert.equal(report.action, 'report');
    assert.equal(report.username, 'insp1');
    assert.equal(iso(report.due_at), deadline(problem.case_class, 'verify', report.at));
    assert.deepEqual(reported.deadlines, { verify: iso(report.due_at) });
    assert.equal(iso(reported.due_at), iso(report.due_at));

    const id = reported.id;
    const verified = await cases.must(inspector, id, 'verify');
    const filed = await cases.must(inspector, id, 'file');
    const dispatched = await cases.must(dispatcher, id, 'dispatch', { note: '请路灯所处理' });
    assert.equal(dispatched.state, 'dispatched');
    const dispatch = dispatched.events.at(-1);
    assert.equal(dispatch.department_code, 'street-lighting');
    assert.deepEqual(dispatch.details, { suggested_department_id: reported.department.id });
    const disposed = await cases.must(lampOwner, id, 'dispose', { note: '已更换灯泡 bulb replaced' });
    const returned = await cases.must(inspector2, id, 'return', { note: '仍不亮 still out' });
    assert.equal(returned.rework_count, 1);
    assert.deepEqual(returned.actions, [], 'an inspector cannot dispose');
    const disposedAgain = await cases.must(lampOwner, id, 'dispose', { note: '已更换镇流器 ballast replaced' });
    const closed = await cases.must(inspector2, id, 'close', { note: '亮了 lit' });

    assert.equal(closed.state, 'evaluated');
    assert.equal(closed.version, 8, 'one version per transition (seven); close and its evaluation are one');
    assert.equal(closed.due_at, null);
    assert.equal(closed.overdue, false);
    const actions = closed.events.map((e: any) => `${e.action}:${e.from_state ?? '-'}→${e.to_state}`);
    assert.deepEqual(actions, [
      'report:-→reported',
      'verify:reported→verified',
      'file:verified→filed',
      'dispatch:filed→dispatched',
      'dispose:dispatched→disposed',
      'return:disposed→returned',
      'dispose:returned→disposed',
      'close:disposed→closed',
      'evaluate:closed→evaluated',
    ]);

    // each event that starts a step carries the policy's deadline for it, counted from the event
    const starts: Record<string, CaseStep> = { report: 'verify', verify: 'file', file: 'dispatch', dispatch: 'dispose', return: 'dispose', dispose: 'check' };
    for (const event of closed.events) {
      const step = starts[event.action];
      if (step) assert.equal(iso(event.due_at), deadline(problem.case_class, step, event.at), `${event.action} due_at`);
      else assert.equal(event.due_at, null, `${event.action} starts no step`);
    }
    const byAction = (action: string, nth = 0) => closed.events.filter((e: any) => e.action === action)[nth];
    assert.deepEqual(closed.deadlines, {
      verify: iso(byAction('report').due_at),
      file: iso(byAction('verify').due_at),
      dispatch: iso(byAction('file').due_at),
      dispose: iso(byAction('return').due_at),
      check: iso(byAction('dispose', 1).due_at),
    });
    assert.equal(verified.deadlines.file, closed.deadlines.file);
    assert.equal(filed.deadlines.dispatch, closed.deadlines.dispatch);
    assert.equal(disposed.deadlines.check, iso(byAction('dispose', 0).due_at));
    assert.equal(disposedAgain.deadlines.check, closed.deadlines.check);

    // 考核评价: seven step occurrences judged, each against its starting event's deadline
    const evaluation = byAction('evaluate');
    assert.equal(evaluation.role, 'system');
    assert.equal(evaluation.user_id, null);
    assert.equal(evaluation.details.rework_count, 1);
    assert.deepEqual(evaluation.details.steps.map((s: any) => s.step), ['verify', 'file', 'dispatch', 'dispose', 'check', 'dispose', 'check']);
    const enders = ['verify', 'file', 'dispatch', 'dispose', 'return', 'dispose', 'close'];
    const starters = ['report', 'verify', 'file', 'dispatch', 'dispose', 'return', 'dispose'];
    evaluation.details.steps.forEach((s: any, i: number) => {
      const starter = closed.events.filter((e: any) => e.action === starters[i])[starters.slice(0, i).filter((a) => a === starters[i]).length];
      const ender = closed.events.filter((e: any) => e.action === enders[i])[enders.slice(0, i).filter((a) => a === enders[i]).length];
      assert.equal(s.due_at, iso(starter.due_at), `step ${i} due`);
      assert.equal(s.done_at, iso(ender.at), `step ${i} done`);
      assert.equal(s.on_time, new Date(ender.at) <= new Date(starter.due_at));
    });

    const audit = await db.knex('audit_log').where({ entity: 'case', entity_id: String(id) }).orderBy('id').pluck('action');
    assert.deepEqual(audit, ['report', 'verify', 'file', 'dispatch', 'dispose', 'return', 'dispose', 'close', 'evaluate']);
  });

  test('a late step is judged overdue at close (the service run with a clock a month on)', async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const opened = await cases.open(inspector, { component_code: lamp.code, problem_type: '0118-01' });
    const actor = async (username: string) => {
      const user = await db.knex('users').where({ username }).first();
      return { userId: user.id, username, role: user.role, departmentId: user.department_id };
    };
    // verify a month late, then every later step a minute after the one before: on time
    let clock = new Date(new Date(opened.created_at).getTime() + 30 * 86_400_000);
    let version = opened.version;
    for (const [username, action] of [['insp1', 'verify'], ['insp1', 'file'], ['disp1', 'dispatch'], ['lamp-owner', 'dispose'], ['insp1', 'close']] as const) {
      const after = await transitionCase(db.knex, opened.id, { action, version }, await actor(username), { now: clock });
      version = after.version;
      clock = new Date(clock.getTime() + 60_000);
    }
    const closed = (await cases.get(inspector, opened.id)).body;
    const evaluation = closed.events.at(-1);
    assert.deepEqual(evaluation.details.steps.map((s: any) => [s.step, s.on_time]), [['verify', false], ['file', true], ['dispatch', true], ['dispose', true], ['check', true]]);
    assert.equal(evaluation.details.on_time, false);
  });
});

describe('join instead of a duplicate', () => {
  test("a second report on a component with an open case joins it: 200, joined, a join event, no new case", async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const problem = await cases.problemType('0118');
    const first = await cases.open(inspector, { component_code: lamp.code, problem_type: problem.code, note: 'first report' });
    const second = await cases.report(dispatcher, { component_code: lamp.code, problem_type: problem.code, note: 'a citizen phoned about it too' });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.joined, true);
    assert.equal(second.body.id, first.id);
    assert.equal(second.body.number, first.number);
    assert.equal(second.body.state, 'reported');
    assert.equal(second.body.version, 1, 'a join does not move the case');
    const join = second.body.events.at(-1);
    assert.deepEqual([join.action, join.from_state, join.to_state, join.username, join.note, join.due_at], ['join', 'reported', 'reported', 'disp1', 'a citizen phoned about it too', null]);
    assert.equal(await db.knex('cases').where({ component_id: lamp.id }).count('* as n').first().then((r: any) => r.n), 1);

    // once the case has left the loop, a new report opens a new case
    await cases.must(inspector, first.id, 'not_file', { reason: 'duplicate of a street works notice' });
    const third = await cases.report(inspector, { component_code: lamp.code, problem_type: problem.code });
    assert.equal(third.status, 201);
    assert.notEqual(third.body.id, first.id);
    assert.equal(third.body.joined, false);
  });

  test('a report with lon/lat and a component problem goes to the nearest component of the class within 50 m', async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const problem = await cases.problemType('0118');
    // 10 m north of the lamp
    const opened = await cases.open(inspector, { problem_type: problem.code, lon: lamp.lon, lat: lamp.lat + 10 / 111_320 });
    assert.equal(opened.component?.code.length, 16);
    const nearest = await db.knex.raw(
      `select trim(code) as code from components where class_code = '0118' order by point::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography limit 1`,
      [lamp.lon, lamp.lat + 10 / 111_320],
    );
    assert.equal(opened.component.code, nearest.rows[0].code);
    const far = await cases.report(inspector, { problem_type: problem.code, lon: 120.2, lat: 31.6 });
    assert.equal(far.status, 400);
  });
});

describe('a report without a component', () => {
  test('the base grid holding the point is the grid; no department is suggested for an event', async () => {
    const place = await cases.pointInBaseGrid(3);
    const opened = await cases.open(inspector, { event_class: '0102', problem_type: 'E0102', lon: place.lon, lat: place.lat, note: '暴露垃圾 exposed garbage' });
    assert.equal(opened.event_class_code, '0102');
    assert.equal(opened.component, null);
    assert.equal(opened.grid.code, place.gridCode);
    assert.equal(opened.department, null);
    assert.equal(opened.suggested_department, null);
    assert.deepEqual(opened.possible_duplicates, []);
    assert.equal(opened.case_class, (await db.knex('problem_types').where({ code: 'E0102' }).first()).case_class);
  });

  test('open cases of the same event class within 50 m are offered as possible duplicates', async () => {
    const place = await cases.pointInBaseGrid(40);
    const first = await cases.open(inspector, { problem_type: 'E0103', lon: place.lon, lat: place.lat });
    const north = (metres: number) => ({ lon: place.lon, lat: place.lat + metres / 111_320 });
    const near = await cases.open(inspector2, { problem_type: 'E0103', ...north(30) });
    assert.deepEqual(near.possible_duplicates.map((d: any) => d.id), [first.id]);
    assert.ok(Math.abs(near.possible_duplicates[0].distance_m - 30) < 1, `distance ${near.possible_duplicates[0].distance_m}`);
    assert.equal(near.possible_duplicates[0].number, first.number);

    const far = await cases.open(inspector, { problem_type: 'E0103', ...north(120) });
    assert.deepEqual(far.possible_duplicates, [], '90 m and 120 m away: none within 50 m');
    const otherClass = await cases.open(inspector, { problem_type: 'E0105', lon: place.lon, lat: place.lat });
    assert.deepEqual(otherClass.possible_duplicates, [], 'another event class is not a duplicate');

    await cases.must(inspector, first.id, 'not_file', { reason: 'gone when checked' });
    const after = await cases.open(inspector, { problem_type: 'E0103', ...north(10) });
    assert.deepEqual(after.possible_duplicates.map((d: any) => d.id), [near.id], 'a case that left the loop is no duplicate');
  });

  test('outside the district, an unknown or mismatched problem type, an unknown component → 400', async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const refused = [
      { problem_type: 'E0102', lon: 121.9, lat: 31.2 },
      { problem_type: 'E9999', lon: 120.6, lat: 31.2 },
      { component_code: lamp.code, problem_type: 'E0118' },
      { component_code: lamp.code, problem_type: '0101-01' },
      { component_code: '3205069999999999', problem_type: '0118-01' },
      { problem_type: '0118-01' },
      { problem_type: 'E0102', lon: 120.6 },
    ];
    for (const body of refused) {
      const response = await cases.report(inspector, body);
      assert.equal(response.status, 400, `${JSON.stringify(body)} → ${JSON.stringify(response.body)}`);
    }
    assert.match((await cases.report(inspector, refused[0]!)).body.error.message, /outside the district/);
  });
});

describe('routing (派遣建议) and dispatch', () => {
  test("the component's owner is suggested; disputed, the class rule; a grid-scoped rule beats the district-wide one", async () => {
    // a telecom well surveyed as China Mobile's while the class rule says China Telecom
    const well = await db.knex('components as c').join('departments as d', 'd.id', 'c.department_id').where('c.class_code', '0107').whereNot('d.code', 'china-telecom').first('c.id', db.knex.raw('trim(c.code) as code'), 'd.code as department', 'c.grid_id');
    assert.ok(well, 'the demo survey has telecom wells owned by another operator');
    const problem = await cases.problemType('0107');
    const opened = await cases.open(inspector, { component_code: well.code, problem_type: problem.code });
    assert.equal(opened.suggested_department.code, well.department);
    assert.equal(opened.suggested_department.source, 'component_owner');

    await db.knex('components').where({ id: well.id }).update({ ownership_status: 'disputed' });
    let detail = (await cases.get(dispatcher, opened.id)).body;
    assert.deepEqual([detail.suggested_department.code, detail.suggested_department.source], ['china-telecom', 'responsibility_rule']);

    const town = await db.knex.raw(`select t.id, t.code from grids b join grids c on c.id = b.parent_id join grids t on t.id = c.parent_id where b.id = ?`, [well.grid_id]);
    const unicom = await db.knex('departments').where({ code: 'china-unicom' }).first('id');
    await db.knex('responsibility_rules').insert({ component_class_code: '0107', grid_id: town.rows[0].id, department_id: unicom.id, case_class: 'A', note: 'test: unicom maintains this town' });
    detail = (await cases.get(dispatcher, opened.id)).body;
    assert.deepEqual([detail.suggested_department.code, detail.suggested_department.source], ['china-unicom', 'responsibility_rule']);

    await cases.must(inspector, opened.id, 'verify');
    await cases.must(inspector, opened.id, 'file');
    const noReason = await cases.act(dispatcher, opened.id, 'dispatch', { department: 'china-mobile' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.body.error.message, /reason/);
    const unknown = await cases.act(dispatcher, opened.id, 'dispatch', { department: 'no-such-department', reason: 'x' });
    assert.equal(unknown.status, 400);
    const overridden = await cases.must(dispatcher, opened.id, 'dispatch', { department: 'china-mobile', reason: '井盖标识为移动 the cover is marked China Mobile' });
    assert.equal(overridden.department.code, 'china-mobile');
    const dispatch = overridden.events.at(-1);
    assert.equal(dispatch.department_code, 'china-mobile');
    assert.deepEqual(dispatch.details, { suggested_department_id: unicom.id, override_reason: '井盖标识为移动 the cover is marked China Mobile' });
  });

  test('an event case has no suggestion: the dispatcher names the department, no reason needed', async () => {
    const place = await cases.pointInBaseGrid(80);
    const opened = await cases.open(inspector, { problem_type: 'E0104', lon: place.lon, lat: place.lat });
    await cases.must(inspector, opened.id, 'verify');
    await cases.must(inspector, opened.id, 'file');
    const nowhere = await cases.act(dispatcher, opened.id, 'dispatch');
    assert.equal(nowhere.status, 400);
    const dispatched = await cases.must(dispatcher, opened.id, 'dispatch', { department: 'sanitation' });
    assert.equal(dispatched.department.code, 'sanitation');
    assert.deepEqual(dispatched.events.at(-1).details, { suggested_department_id: null });
  });
});

describe('refusals on the loop', () => {
  test('not filing needs a reason; it ends the case', async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const opened = await cases.open(inspector, { component_code: lamp.code, problem_type: '0118-01' });
    const bare = await cases.act(inspector, opened.id, 'not_file');
    assert.equal(bare.status, 400);
    const notFiled = await cases.must(inspector, opened.id, 'not_file', { reason: '灯已修复 already repaired' });
    assert.equal(notFiled.state, 'not_filed');
    assert.equal(notFiled.due_at, null);
    assert.deepEqual(notFiled.events.at(-1).details, { reason: '灯已修复 already repaired' });
    assert.equal(notFiled.events.at(-1).note, '灯已修复 already repaired');
  });

  test('an illegal transition → 409 with the allowed actions; a stale version → 409', async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const opened = await cases.open(inspector, { component_code: lamp.code, problem_type: '0118-01' });
    const close = await cases.act(inspector, opened.id, 'close');
    assert.equal(close.status, 409);
    assert.equal(close.body.error.code, 'illegal_transition');
    assert.deepEqual(close.body.error.details, { state: 'reported', action: 'close', allowed: ['verify', 'not_file'] });

    await cases.must(inspector, opened.id, 'verify');
    const stale = await app.request('POST', `/api/cases/${opened.id}/transitions`, { token: inspector, body: { action: 'file', version: 1 } });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'version_conflict');
    assert.deepEqual(stale.body.error.details, { state: 'verified', version: 2 });

    const missing = await cases.act(inspector, 999_999, 'verify');
    assert.equal(missing.status, 404);
    const bad = await app.request('POST', `/api/cases/${opened.id}/transitions`, { token: inspector, body: { action: 'evaluate', version: 2 } });
    assert.equal(bad.status, 400, 'evaluate is the system’s, not a transition a user posts');
  });
});
