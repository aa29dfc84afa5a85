/**
 * HTTP end to end: ownership disputes (权属异议) — raised by an owner department, queued for the
 * centre, reassigned or upheld with optimistic versions and audit entries — and per-department
 * progress checked against counts made here from the table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readDataVersion } from '../../api/data-version/data-version.repository.ts';
import type { TestApp } from '../support/test-app.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { asked, openOwnershipFixture, type OwnershipFixture, type Snapshot } from './ownership-client.ts';

let fixture: OwnershipFixture;
let db: TestDatabase;
let app: TestApp;
let water: string;
let power: string;
let dispatcher: string;
let admin: string;
let inspector: string;
let contractor: string;
let components: OwnershipFixture['components'];
let worklist: OwnershipFixture['worklist'];

before(async () => {
  fixture = await openOwnershipFixture(1000);
  ({ db, app, water, power, dispatcher, admin, inspector, contractor, components, worklist } = fixture);
  // a confirmed component to dispute: a department may take back a confirmation
  const [first] = await components({ department: 'water-affairs', status: 'pending' });
  const confirmed = await app.request('POST', '/api/ownership', { token: water, body: { action: 'confirm', components: asked([first!]) } });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
});
after(async () => {
  await fixture?.close();
});

describe('disputes: raise, queue, resolve', () => {
  let disputed: Snapshot[];
  let disputeIds: Map<string, number>;

  before(async () => {
    // one of them confirmed first: a department may take a confirmation back
    const pending = await components({ department: 'water-affairs', status: 'pending' });
    disputed = [await components({ department: 'water-affairs', status: 'confirmed' }).then((r) => r[0]!), ...pending.slice(0, 3)];
  });

  test('dispute: components disputed, one open dispute each with the reason, audited', async () => {
    const dataVersion = await readDataVersion(db.knex);
    const response = await app.request('POST', '/api/ownership', {
      token: water,
      body: { action: 'dispute', components: asked(disputed), reason: '该井盖属于供电公司电缆井', suggested_department: 'power-supply' },
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.disputes.length, 4);
    disputeIds = new Map(response.body.disputes.map((d: any) => [d.code, d.id]));
    assert.deepEqual(await components({ codes: disputed.map((c) => c.code) }), disputed.map((c) => ({ ...c, ownership_status: 'disputed', version: c.version + 1 })));
    assert.ok(await readDataVersion(db.knex) > dataVersion);

    const audit = await db.knex('audit_log').where({ action: 'ownership_dispute' }).orderBy('id');
    assert.deepEqual(audit.map((a) => a.entity_id), disputed.map((c) => c.code));
    assert.deepEqual(audit[0].details, {
      from: { ownership_status: 'confirmed', department: 'water-affairs' },
      to: { ownership_status: 'disputed', department: 'water-affairs' },
      version: disputed[0]!.version + 1,
      dispute_id: disputeIds.get(disputed[0]!.code),
      reason: '该井盖属于供电公司电缆井',
      suggested_department: 'power-supply',
    });

    const again = await app.request('POST', '/api/ownership', { token: water, body: { action: 'dispute', reason: 'still not ours', components: [{ code: disputed[1]!.code, version: disputed[1]!.version + 1 }] } });
    assert.equal(again.status, 409, 'a component waits on one dispute at a time');
  });

  test('the queue: the centre sees every open dispute; an owner only those its department raised', async () => {
    const queue = await app.request('GET', '/api/ownership/disputes?state=open', { token: dispatcher });
    assert.equal(queue.status, 200);
    assert.deepEqual(queue.body.disputes.map((d: any) => d.component_code), disputed.map((c) => c.code));
    const first = queue.body.disputes[0];
    assert.equal(first.department_code, 'water-affairs');
    assert.equal(first.suggested_department_code, 'power-supply');
    assert.equal(first.reason, '该井盖属于供电公司电缆井');
    assert.equal(first.created_by, 'owner-water');
    assert.equal(first.component_version, disputed[0]!.version + 1);
    assert.equal(first.ownership_status, 'disputed');
    assert.equal(first.state, 'open');

    const paged = await app.request('GET', '/api/ownership/disputes?state=open&limit=3', { token: admin });
    assert.equal(paged.body.disputes.length, 3);
    const rest = await app.request('GET', `/api/ownership/disputes?state=open&limit=3&cursor=${paged.body.next}`, { token: admin });
    assert.deepEqual(rest.body.disputes.map((d: any) => d.component_code), [disputed[3]!.code]);
    assert.equal(rest.body.next, null);

    assert.equal((await app.request('GET', '/api/ownership/disputes?state=open', { token: water })).body.disputes.length, 4);
    assert.deepEqual((await app.request('GET', '/api/ownership/disputes', { token: power })).body.disputes, []);
    assert.equal((await app.request('GET', '/api/ownership/disputes?department=water-affairs', { token: power })).status, 403);
    assert.equal((await app.request('GET', '/api/ownership/disputes', { token: inspector })).status, 403);

    const card = await app.request('GET', `/api/components/${disputed[0]!.code}`, { token: dispatcher });
    assert.equal(card.body.open_dispute.id, disputeIds.get(disputed[0]!.code));
    assert.equal(card.body.open_dispute.suggested_department_code, 'power-supply');
  });

  test('reassign: the new department owns it, pending for it to confirm; the dispute is closed; audited', async () => {
    const c = disputed[0]!;
    const id = disputeIds.get(c.code)!;
    const response = await app.request('POST', `/api/ownership/disputes/${id}/resolve`, {
      token: dispatcher,
      body: { decision: 'reassign', department: 'power-supply', note: '现场核实为电力井', version: c.version + 1 },
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.state, 'reassigned');
    assert.equal(response.body.resolved_by, 'dispatcher1');
    assert.equal(response.body.resolved_department_code, 'power-supply');
    assert.equal(response.body.resolution_note, '现场核实为电力井');
    assert.ok(response.body.resolved_at);
    assert.deepEqual(await components({ codes: [c.code] }), [{ code: c.code, version: c.version + 2, ownership_status: 'pending', department: 'power-supply' }]);

    const [entry] = await db.knex('audit_log').where({ action: 'ownership_reassign', entity: 'component', entity_id: c.code });
    assert.equal(entry.username, 'dispatcher1');
    assert.deepEqual(entry.details, {
      from: { ownership_status: 'disputed', department: 'water-affairs' },
      to: { ownership_status: 'pending', department: 'power-supply' },
      version: c.version + 2,
      dispute_id: id,
      note: '现场核实为电力井',
    });

    // it is now power's to confirm, and no longer water's
    assert.ok((await worklist(power)).some((f) => f.id === c.code));
    assert.equal((await app.request('POST', '/api/ownership', { token: water, body: { action: 'confirm', components: [{ code: c.code, version: c.version + 2 }] } })).status, 403);
    const confirm = await app.request('POST', '/api/ownership', { token: power, body: { action: 'confirm', components: [{ code: c.code, version: c.version + 2 }] } });
    assert.equal(confirm.status, 200);

    const history = (await app.request('GET', `/api/components/${c.code}`, { token: dispatcher })).body.history.map((h: any) => h.action);
    assert.deepEqual(history.slice(0, 3), ['ownership_confirm', 'ownership_reassign', 'ownership_dispute']);
  });

  test('uphold: the disputing department keeps it, confirmed by the centre', async () => {
    const c = disputed[1]!;
    const id = disputeIds.get(c.code)!;
    const response = await app.request('POST', `/api/ownership/disputes/${id}/resolve`, { token: admin, body: { decision: 'uphold', note: '按责任清单属水务', version: c.version + 1 } });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.state, 'upheld');
    assert.equal(response.body.resolved_department_code, 'water-affairs');
    assert.deepEqual(await components({ codes: [c.code] }), [{ ...c, version: c.version + 2, ownership_status: 'confirmed' }]);
    const [entry] = await db.knex('audit_log').where({ action: 'ownership_uphold', entity_id: c.code });
    assert.deepEqual(entry.details.to, { ownership_status: 'confirmed', department: 'water-affairs' });
    assert.equal(entry.username, 'admin1');
  });

  test('a stale version: 409 with the current version, and nothing changes', async () => {
    const c = disputed[2]!;
    const id = disputeIds.get(c.code)!;
    const before = await components();
    const response = await app.request('POST', `/api/ownership/disputes/${id}/resolve`, { token: dispatcher, body: { decision: 'uphold', note: 'x', version: c.version } });
    assert.equal(response.status, 409);
    assert.deepEqual(response.body.error.details.stale, [{ code: c.code, version: c.version + 1 }]);
    assert.deepEqual(await components(), before);
    assert.equal((await db.knex('ownership_disputes').where({ id }).first()).state, 'open');
  });

  test('decided disputes, bad decisions, unknown ids and owners are refused', async () => {
    const decided = disputeIds.get(disputed[0]!.code)!;
    const open = disputeIds.get(disputed[2]!.code)!;
    const version = disputed[2]!.version + 1;
    const again = await app.request('POST', `/api/ownership/disputes/${decided}/resolve`, { token: dispatcher, body: { decision: 'uphold', note: 'x', version: 99 } });
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /already reassigned/);

    const resolve = (body: object, token = dispatcher, id = open) => app.request('POST', `/api/ownership/disputes/${id}/resolve`, { token, body });
    assert.equal((await resolve({ decision: 'reassign', note: 'x', version })).status, 400, 'reassign needs a department');
    assert.equal((await resolve({ decision: 'reassign', department: 'water-affairs', note: 'x', version })).status, 400, 'the same department');
    assert.equal((await resolve({ decision: 'reassign', department: 'moon-base', note: 'x', version })).status, 400);
    assert.equal((await resolve({ decision: 'uphold', note: '', version })).status, 400, 'a note is required');
    assert.equal((await resolve({ decision: 'uphold', note: 'x', version }, dispatcher, 999_999)).status, 404);
    assert.equal((await resolve({ decision: 'uphold', note: 'x', version }, water)).status, 403);
    assert.equal((await resolve({ decision: 'uphold', note: 'x', version }, inspector)).status, 403);
    assert.equal((await db.knex('ownership_disputes').where({ id: open }).first()).state, 'open');

    const remaining = await app.request('GET', '/api/ownership/disputes?state=open', { token: dispatcher });
    assert.deepEqual(remaining.body.disputes.map((d: any) => d.component_code), [disputed[2]!.code, disputed[3]!.code]);
    const closed = await app.request('GET', '/api/ownership/disputes?state=reassigned', { token: dispatcher });
    assert.deepEqual(closed.body.disputes.map((d: any) => d.id), [decided]);
  });
});

describe('progress', () => {
  /** Counts per department computed here, straight from the table. */
  async function expectedCounts(): Promise<Map<string, { total: number; confirmed: number; pending: number; disputed: number }>> {
    const counts = new Map<string, { total: number; confirmed: number; pending: number; disputed: number }>();
    for (const c of await components()) {
      if (!c.department) continue;
      const entry = counts.get(c.department) ?? { total: 0, confirmed: 0, pending: 0, disputed: 0 };
      entry.total++;
      entry[c.ownership_status as 'confirmed' | 'pending' | 'disputed']++;
      counts.set(c.department, entry);
    }
    return counts;
  }

  const pct = (n: number, total: number) => Math.round((n / total) * 1000) / 10;

  test('the centre sees every department with components; counts and percentages match the table', async () => {
    const response = await app.request('GET', '/api/ownership/progress', { token: dispatcher });
    assert.equal(response.status, 200);
    const expected = await expectedCounts();
    assert.deepEqual(response.body.departments.map((d: any) => d.code), [...expected.keys()].sort());
    for (const row of response.body.departments) {
      const e = expected.get(row.code)!;
      assert.deepEqual([row.total, row.confirmed, row.pending, row.disputed], [e.total, e.confirmed, e.pending, e.disputed], row.code);
      assert.equal(row.confirmed_pct, pct(e.confirmed, e.total));
      assert.equal(row.pending_pct, pct(e.pending, e.total));
      assert.equal(row.disputed_pct, pct(e.disputed, e.total));
      assert.ok(row.name_zh.length > 0);
    }
    const water = response.body.departments.find((d: any) => d.code === 'water-affairs');
    assert.ok(water.confirmed > 0 && water.disputed > 0 && water.pending > 0, 'the earlier tests left all three');
    const all = await components();
    assert.equal(response.body.total.total + response.body.unowned, all.length);
    assert.equal(response.body.unowned, all.filter((c) => c.department === null).length);
    assert.equal(response.body.total.confirmed, all.filter((c) => c.department && c.ownership_status === 'confirmed').length);
  });

  test('an owner sees only its own department; asking for another is 403', async () => {
    const own = await app.request('GET', '/api/ownership/progress', { token: water });
    assert.equal(own.status, 200);
    assert.deepEqual(own.body.departments.map((d: any) => d.code), ['water-affairs']);
    const e = (await expectedCounts()).get('water-affairs')!;
    assert.deepEqual(own.body.total, { ...e, confirmed_pct: pct(e.confirmed, e.total), pending_pct: pct(e.pending, e.total), disputed_pct: pct(e.disputed, e.total) });
    assert.equal(own.body.unowned, null);
    assert.equal((await app.request('GET', '/api/ownership/progress?department=power-supply', { token: water })).status, 403);
  });

  test('the centre may ask for one department, even one that owns nothing', async () => {
    const one = await app.request('GET', '/api/ownership/progress?department=power-supply', { token: admin });
    assert.deepEqual(one.body.departments.map((d: any) => d.code), ['power-supply']);
    const none = await app.request('GET', '/api/ownership/progress?department=command-centre', { token: admin });
    assert.deepEqual(none.body.departments.map((d: any) => [d.code, d.total, d.confirmed_pct]), [['command-centre', 0, 0]]);
    assert.equal((await app.request('GET', '/api/ownership/progress?department=moon-base', { token: admin })).status, 400);
    assert.equal((await app.request('GET', '/api/ownership/progress', { token: contractor })).status, 403);
  });
});
