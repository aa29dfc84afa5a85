/**
 * HTTP: who may do what. Every transition action × every state × every role over real requests
 * (403 for a role that may never, 409 with the allowed list for a wrong state, 200 otherwise),
 * against the contract written out here; 巡办分离 (the reporter's, verifier's and checker's
 * departments never dispose); and a department seeing and acting only on its own cases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { CaseClient } from './case-client.ts';

let db: TestDatabase;
let app: TestApp;
let cases: CaseClient;
const tokens: Record<string, string> = {};

before(async () => {
  db = await openTestDatabase();
  await seedComponents(db.knex, 500);
  app = await startTestApp(db);
  cases = new CaseClient(app, db);
  tokens.inspector = await app.signIn('insp1', 'inspector', 'command-centre');
  tokens.dispatcher = await app.signIn('disp1', 'dispatcher', 'command-centre');
  tokens.owner = await app.signIn('lamp-owner', 'owner', 'street-lighting');
  tokens.admin = await app.signIn('admin1', 'admin');
  tokens.contractor = await app.signIn('survey-co', 'contractor');
  tokens.waterOwner = await app.signIn('water-owner', 'owner', 'water-affairs');
  tokens.lampInspector = await app.signIn('lamp-insp', 'inspector', 'street-lighting');
  tokens.waterInspector = await app.signIn('water-insp', 'inspector', 'water-affairs');
});
after(async () => {
  await app?.close();
  await db?.close();
});

/** Street lamps (0118) of street-lighting, whose owner user is `owner`. */
const lamp = '0118';
const lampOfOwner = { classCode: lamp, department: 'street-lighting' };
const actors = () => ({ inspector: tokens.inspector!, dispatcher: tokens.dispatcher!, owner: tokens.owner! });

/** The contract: the roles of each user action, from which states, to which state. */
const contract: Record<string, { roles: string[]; from: string[]; to: string }> = {
  verify: { roles: ['inspector'], from: ['reported'], to: 'verified' },
  not_file: { roles: ['inspector'], from: ['reported', 'verified'], to: 'not_filed' },
  file: { roles: ['inspector'], from: ['verified'], to: 'filed' },
  dispatch: { roles: ['dispatcher'], from: ['filed'], to: 'dispatched' },
  dispose: { roles: ['owner'], from: ['dispatched', 'returned'], to: 'disposed' },
  return: { roles: ['inspector'], from: ['disposed'], to: 'returned' },
  close: { roles: ['inspector'], from: ['disposed'], to: 'evaluated' },
};
const allowedFrom: Record<string, string[]> = {
  reported: ['verify', 'not_file'],
  verified: ['not_file', 'file'],
  filed: ['dispatch'],
  not_filed: [],
  dispatched: ['dispose'],
  disposed: ['return', 'close'],
  returned: ['dispose'],
  evaluated: [],
};
const states = Object.keys(allowedFrom);
const roles = ['inspector', 'dispatcher', 'owner', 'admin', 'contractor'];
const extra: Record<string, Record<string, unknown>> = { not_file: { reason: 'not a real problem' }, dispose: { note: 'fixed' } };

describe('every action × state × role over HTTP', () => {
  const base: Record<string, any> = {};
  before(async () => {
    for (const state of states) base[state] = await cases.caseIn(state, actors(), lampOfOwner);
  });

  for (const action of Object.keys(contract)) {
    test(action, async () => {
      const rule = contract[action]!;
      for (const state of states) {
        for (const role of roles) {
          const where = `${role} ${action} on a ${state} case`;
          const allowed = rule.roles.includes(role) && rule.from.includes(state);
          // an allowed transition changes the case: it gets a fresh one in that state
          const subject = allowed ? await cases.caseIn(state, actors(), lampOfOwner) : base[state];
          const response = await cases.act(tokens[role]!, subject.id, action, extra[action]);
          if (!rule.roles.includes(role)) {
            assert.equal(response.status, 403, `${where}: ${JSON.stringify(response.body)}`);
          } else if (!rule.from.includes(state)) {
            assert.equal(response.status, 409, `${where}: ${JSON.stringify(response.body)}`);
            assert.equal(response.body.error.code, 'illegal_transition', where);
            assert.deepEqual(response.body.error.details.allowed, allowedFrom[state], where);
          } else {
            assert.equal(response.status, 200, `${where}: ${JSON.stringify(response.body)}`);
            assert.equal(response.body.state, rule.to, where);
          }
        }
      }
      // refusals changed nothing
      for (const state of states) {
        const now = await db.knex('cases').where({ id: base[state].id }).first('state', 'version');
        assert.deepEqual(now, { state: base[state].state, version: base[state].version }, state);
      }
    });
  }

  test('reporting: inspectors, dispatchers and owners may; admins and contractors may not', async () => {
    for (const role of ['inspector', 'dispatcher', 'owner']) {
      const component = await cases.component({ classCode: '0102' });
      const response = await cases.report(tokens[role]!, { component_code: component.code, problem_type: (await cases.problemType('0102')).code });
      assert.equal(response.status, 201, `${role}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.source, role);
    }
    for (const role of ['admin', 'contractor']) {
      const component = await cases.component({ classCode: '0102' });
      const response = await cases.report(tokens[role]!, { component_code: component.code, problem_type: '0102-01' });
      assert.equal(response.status, 403, role);
    }
  });
});

describe('巡办分离: the reporter, verifier and checker never belong to the disposing department', () => {
  test("an inspector of the lamp department cannot verify, not file, file, return or close a lamp case", async () => {
    const reported = await cases.caseIn('reported', actors(), lampOfOwner);
    for (const action of ['verify', 'not_file']) {
      const response = await cases.act(tokens.lampInspector!, reported.id, action, extra[action]);
      assert.equal(response.status, 403, action);
      assert.match(response.body.error.message, /巡办分离/);
    }
    const verified = await cases.caseIn('verified', actors(), lampOfOwner);
    assert.equal((await cases.act(tokens.lampInspector!, verified.id, 'file')).status, 403);
    const disposed = await cases.caseIn('disposed', actors(), lampOfOwner);
    for (const action of ['return', 'close']) assert.equal((await cases.act(tokens.lampInspector!, disposed.id, action)).status, 403, action);
    // the same inspector may verify a case another department disposes
    const water = await cases.component({ classCode: '0102', department: 'water-affairs' });
    const waterCase = await cases.open(tokens.inspector!, { component_code: water.code, problem_type: '0102-01' });
    await cases.must(tokens.lampInspector!, waterCase.id, 'verify');
  });

  test('an owner cannot report or join a case its own department would dispose', async () => {
    const ownLamp = await cases.component(lampOfOwner);
    const own = await cases.report(tokens.owner!, { component_code: ownLamp.code, problem_type: '0118-01' });
    assert.equal(own.status, 403);
    assert.match(own.body.error.message, /巡办分离/);
    const opened = await cases.open(tokens.inspector!, { component_code: ownLamp.code, problem_type: '0118-01' });
    const join = await cases.report(tokens.owner!, { component_code: ownLamp.code, problem_type: '0118-01' });
    assert.equal(join.status, 403);
    assert.equal((await cases.get(tokens.inspector!, opened.id)).body.events.length, 1, 'nothing was joined');
  });

  test('a dispatch can never go to the department that reported or verified the case (409), even with a reason', async () => {
    // the lamp department reports a water problem: the case may never be dispatched to it
    const water = await cases.component({ classCode: '0102', department: 'water-affairs' });
    const reported = await cases.open(tokens.owner!, { component_code: water.code, problem_type: '0102-01' });
    assert.equal(reported.department.code, 'water-affairs');
    await cases.must(tokens.inspector!, reported.id, 'verify');
    await cases.must(tokens.inspector!, reported.id, 'file');
    const toReporter = await cases.act(tokens.dispatcher!, reported.id, 'dispatch', { department: 'street-lighting', reason: 'they are nearby' });
    assert.equal(toReporter.status, 409);
    assert.equal(toReporter.body.error.code, 'separation_of_duties');

    // the water department verifies a lamp case: it may not get the case either
    const verifiedByWater = await cases.open(tokens.inspector!, { component_code: (await cases.component({ classCode: lamp })).code, problem_type: '0118-01' });
    await cases.must(tokens.waterInspector!, verifiedByWater.id, 'verify');
    await cases.must(tokens.inspector!, verifiedByWater.id, 'file');
    const toVerifier = await cases.act(tokens.dispatcher!, verifiedByWater.id, 'dispatch', { department: 'water-affairs', reason: 'shared trench' });
    assert.equal(toVerifier.status, 409);
    assert.equal(toVerifier.body.error.code, 'separation_of_duties');
    await cases.must(tokens.dispatcher!, verifiedByWater.id, 'dispatch');
  });
});

describe('a department sees and acts only on its own cases', () => {
  test("another department's owner gets 404 for a case, does not list it, cannot act on it", async () => {
    const dispatched = await cases.caseIn('dispatched', actors(), lampOfOwner);
    assert.equal((await cases.get(tokens.waterOwner!, dispatched.id)).status, 404);
    assert.equal((await cases.act(tokens.waterOwner!, dispatched.id, 'dispose', { note: 'not ours' })).status, 404);
    const listed = (await app.request('GET', '/api/cases?limit=500', { token: tokens.waterOwner })).body.items;
    assert.ok(!listed.some((c: any) => c.id === dispatched.id));
    assert.equal((await db.knex('cases').where({ id: dispatched.id }).first('state')).state, 'dispatched');

    const own = (await app.request('GET', '/api/cases?limit=500', { token: tokens.owner })).body.items;
    assert.ok(own.some((c: any) => c.id === dispatched.id));
    const lighting = (await db.knex('departments').where({ code: 'street-lighting' }).first('id')).id;
    const expected = await db.knex('cases').where({ department_id: lighting }).orWhere({ reporter_department_id: lighting }).orderBy('id', 'desc').pluck('id');
    assert.deepEqual(own.map((c: any) => c.id), expected, 'exactly the cases it handles or reported');
  });

  test('the reporting department sees its report but cannot dispose it (403)', async () => {
    const water = await cases.component({ classCode: '0103', department: 'water-affairs' });
    const reported = await cases.open(tokens.owner!, { component_code: water.code, problem_type: (await cases.problemType('0103')).code });
    await cases.must(tokens.inspector!, reported.id, 'verify');
    await cases.must(tokens.inspector!, reported.id, 'file');
    await cases.must(tokens.dispatcher!, reported.id, 'dispatch');
    const seen = await cases.get(tokens.owner!, reported.id);
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body.actions, [], 'nothing to do on a case another department disposes');
    const dispose = await cases.act(tokens.owner!, reported.id, 'dispose', { note: 'we fixed it ourselves' });
    assert.equal(dispose.status, 403);
    const disposed = await cases.must(tokens.waterOwner!, reported.id, 'dispose', { note: '已修复 repaired' });
    assert.equal(disposed.events.at(-1).department_code, 'water-affairs');
  });
});
