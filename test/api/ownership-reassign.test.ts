/**
 * HTTP end to end: an admin reassigns owners in bulk (POST /api/ownership/reassign) — all or
 * nothing, optimistic versions, an audit entry per component, open disputes closed — and nobody
 * else may.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readDataVersion } from '../../api/data-version/data-version.repository.ts';
import { asked, openOwnershipFixture, type OwnershipFixture } from './ownership-client.ts';

let fixture: OwnershipFixture;

before(async () => {
  fixture = await openOwnershipFixture(600);
});
after(async () => {
  await fixture?.close();
});

test('only an admin reassigns, with a reason and a known department', async () => {
  const { app, components, water, dispatcher, inspector, admin } = fixture;
  const [component] = await components({ department: 'water-affairs' });
  const body = { components: asked([component!]), department: 'power-supply', reason: '整条路的井盖归供电公司' };
  for (const token of [water, dispatcher, inspector]) assert.equal((await app.request('POST', '/api/ownership/reassign', { token, body })).status, 403);
  assert.equal((await app.request('POST', '/api/ownership/reassign', { body })).status, 401);
  assert.equal((await app.request('POST', '/api/ownership/reassign', { token: admin, body: { ...body, reason: '  ' } })).status, 400);
  const unknown = await app.request('POST', '/api/ownership/reassign', { token: admin, body: { ...body, department: 'no-such-department' } });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error.message, /no-such-department/);
  assert.deepEqual(await components({ codes: [component!.code] }), [component], 'nothing changed');
});

test('moves the components to the new owner, pending for it; those it owned already are left alone; audited', async () => {
  const { app, db, components, admin } = fixture;
  const waters = (await components({ department: 'water-affairs' })).slice(0, 3);
  const [powers] = await components({ department: 'power-supply' });
  const dataVersion = await readDataVersion(db.knex);
  const response = await app.request('POST', '/api/ownership/reassign', {
    token: admin,
    body: { components: asked([...waters, powers!]), department: 'power-supply', reason: '整条路的井盖归供电公司' },
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.deepEqual(response.body.unchanged, [powers!.code]);
  assert.deepEqual(
    response.body.components,
    waters.map((c) => ({ code: c.code, ownership_status: 'pending', version: c.version + 1 })),
  );
  assert.deepEqual(await components({ codes: waters.map((c) => c.code) }), waters.map((c) => ({ ...c, department: 'power-supply', ownership_status: 'pending', version: c.version + 1 })));
  assert.deepEqual(await components({ codes: [powers!.code] }), [powers]);
  assert.ok((await readDataVersion(db.knex)) > dataVersion, 'tiles and caches see the change');

  const audit = await db.knex('audit_log').where({ action: 'ownership_reassign' }).orderBy('id');
  assert.deepEqual(audit.map((a) => a.entity_id), waters.map((c) => c.code));
  assert.equal(audit[0].username, 'admin1');
  assert.deepEqual(audit[0].details, {
    from: { ownership_status: waters[0]!.ownership_status, department: 'water-affairs' },
    to: { ownership_status: 'pending', department: 'power-supply' },
    version: waters[0]!.version + 1,
    reason: '整条路的井盖归供电公司',
  });
});

test('all or nothing: an unknown code is a 404, a stale version a 409, a code listed twice a 400 — and nothing moves', async () => {
  const { app, components, admin, auditCount } = fixture;
  const rows = (await components({ department: 'water-affairs' })).slice(0, 2);
  const audits = await auditCount();
  const send = (list: { code: string; version: number }[]) => app.request('POST', '/api/ownership/reassign', { token: admin, body: { components: list, department: 'power-supply', reason: 'test' } });

  const unknown = await send([...asked(rows), { code: '3205060101999999', version: 1 }]);
  assert.equal(unknown.status, 404);
  assert.match(unknown.body.error.message, /3205060101999999/);
  const stale = await send([asked(rows)[0]!, { code: rows[1]!.code, version: rows[1]!.version + 5 }]);
  assert.equal(stale.status, 409);
  assert.match(stale.body.error.message, new RegExp(rows[1]!.code));
  assert.equal((await send([...asked(rows), asked(rows)[0]!])).status, 400);

  assert.deepEqual(await components({ codes: rows.map((r) => r.code) }), rows);
  assert.equal(await auditCount(), audits);
});

test("an open dispute about a reassigned component is closed as reassigned, with the admin's reason", async () => {
  const { app, db, components, water, admin } = fixture;
  const [component] = await components({ department: 'water-affairs', status: 'pending' });
  const disputed = await app.request('POST', '/api/ownership', { token: water, body: { action: 'dispute', components: asked([component!]), reason: '不是我们的' } });
  assert.equal(disputed.status, 200, JSON.stringify(disputed.body));
  const disputeId = disputed.body.disputes[0].id;

  const [now] = await components({ codes: [component!.code] });
  const response = await app.request('POST', '/api/ownership/reassign', { token: admin, body: { components: asked([now!]), department: 'urban-management', reason: '城管负责' } });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  const dispute = await db.knex('ownership_disputes').where({ id: disputeId }).first();
  assert.equal(dispute.state, 'reassigned');
  assert.equal(dispute.resolution_note, '城管负责');
  const [entry] = await db.knex('audit_log').where({ action: 'ownership_reassign', entity_id: component!.code });
  assert.equal(entry.details.dispute_id, disputeId);
  assert.deepEqual(await components({ codes: [component!.code] }), [{ ...now!, department: 'urban-management', ownership_status: 'pending', version: now!.version + 1 }]);
});
