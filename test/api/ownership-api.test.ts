/**
 * HTTP end to end: ownership confirmation (确权) — an owner department's worklist and its bulk
 * confirm / dispute: all or nothing, its own components only, optimistic versions, audit entries
 * and the data version. The centre's dispute queue and progress are in ownership-disputes.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readDataVersion } from '../../api/data-version/data-version.repository.ts';
import type { TestApp } from '../support/test-app.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { asked, openOwnershipFixture, type OwnershipFixture } from './ownership-client.ts';

let fixture: OwnershipFixture;
let db: TestDatabase;
let app: TestApp;
let water: string;
let dispatcher: string;
let admin: string;
let inspector: string;
let contractor: string;
let components: OwnershipFixture['components'];
let worklist: OwnershipFixture['worklist'];
let auditCount: OwnershipFixture['auditCount'];

before(async () => {
  fixture = await openOwnershipFixture(1000);
  ({ db, app, water, dispatcher, admin, inspector, contractor, components, worklist, auditCount } = fixture);
});
after(async () => {
  await fixture?.close();
});

describe('the worklist', () => {
  test("an owner sees its department's pending components by default, every one, paged", async () => {
    const features = await worklist(water);
    const expected = await components({ department: 'water-affairs', status: 'pending' });
    assert.ok(expected.length > 200, 'more than one page');
    assert.deepEqual(features.map((f) => f.id), expected.map((c) => c.code));
    assert.ok(features.every((f) => f.properties.department_code === 'water-affairs' && f.properties.ownership_status === 'pending'));
  });

  test('filters narrow it: class, grid, bbox, q', async () => {
    const byClass = await worklist(water, '&class=0103');
    assert.ok(byClass.length > 0 && byClass.every((f) => f.properties.class_code === '0103'));
    const first = byClass[0];
    const town = first.properties.grid_code.slice(0, 9);
    const inTown = await worklist(water, `&grid=${town}`);
    assert.ok(inTown.length > 0 && inTown.every((f) => f.properties.grid_code.startsWith(town)));
    const [lon, lat] = first.geometry.coordinates;
    const boxed = await worklist(water, `&bbox=${lon - 1e-6},${lat - 1e-6},${lon + 1e-6},${lat + 1e-6}`);
    assert.ok(boxed.some((f) => f.id === first.id));
    assert.deepEqual((await worklist(water, `&q=${first.id}`)).map((f) => f.id), [first.id]);
  });

  test('an owner may not look at another department; the centre may look at any or all', async () => {
    const other = await app.request('GET', '/api/ownership?department=power-supply', { token: water });
    assert.equal(other.status, 403);
    assert.match(other.body.error.message, /water-affairs/);
    assert.equal((await app.request('GET', '/api/ownership?department=water-affairs', { token: water })).status, 200);

    const powerPending = await worklist(dispatcher, '&department=power-supply');
    assert.deepEqual(powerPending.map((f) => f.id), (await components({ department: 'power-supply', status: 'pending' })).map((c) => c.code));
    assert.equal((await worklist(admin)).length, (await components({ status: 'pending' })).length);
    assert.equal((await app.request('GET', '/api/ownership?department=moon-base', { token: dispatcher })).status, 400);
  });

  test('inspectors and contractors get 403, strangers 401', async () => {
    assert.equal((await app.request('GET', '/api/ownership', { token: inspector })).status, 403);
    assert.equal((await app.request('GET', '/api/ownership', { token: contractor })).status, 403);
    assert.equal((await app.request('GET', '/api/ownership')).status, 401);
  });
});

describe('confirm and dispute in bulk', () => {
  test('confirm: every component confirmed, its version up by one, one audit entry each, the data version bumped', async () => {
    const chosen = (await components({ department: 'water-affairs', status: 'pending' })).slice(0, 5);
    const dataVersion = await readDataVersion(db.knex);
    const response = await app.request('POST', '/api/ownership', { token: water, body: { action: 'confirm', components: asked(chosen) } });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.components, chosen.map((c) => ({ code: c.code, ownership_status: 'confirmed', version: c.version + 1 })));
    assert.deepEqual(response.body.disputes, []);

    const now = await components({ codes: chosen.map((c) => c.code) });
    assert.deepEqual(now, chosen.map((c) => ({ ...c, ownership_status: 'confirmed', version: c.version + 1 })));
    assert.ok(await readDataVersion(db.knex) > dataVersion, 'tiles and caches see the change');
    const changedAt = await db.knex('components').whereIn('code', chosen.map((c) => c.code)).pluck('ownership_changed_at');
    assert.ok(changedAt.every((at) => at instanceof Date));

    const audit = await db.knex('audit_log').where({ entity: 'component', action: 'ownership_confirm' }).whereIn('entity_id', chosen.map((c) => c.code)).orderBy('id');
    assert.equal(audit.length, 5);
    for (const entry of audit) {
      const before = chosen.find((c) => c.code === entry.entity_id)!;
      assert.equal(entry.username, 'owner-water');
      assert.equal(entry.role, 'owner');
      assert.ok(entry.request_id);
      assert.deepEqual(entry.details, {
        from: { ownership_status: 'pending', department: 'water-affairs' },
        to: { ownership_status: 'confirmed', department: 'water-affairs' },
        version: before.version + 1,
      });
    }
    // confirmed components leave the pending worklist and join the confirmed one
    const confirmed = await worklist(water, '&status=confirmed');
    assert.ok(chosen.every((c) => confirmed.some((f) => f.id === c.code)));
  });

  test("another department's codes: 403 naming them, and nothing changes", async () => {
    const mine = (await components({ department: 'water-affairs', status: 'pending' })).slice(0, 2);
    const theirs = (await components({ department: 'power-supply', status: 'pending' })).slice(0, 1);
    const before = await components();
    const [audits, dataVersion] = [await auditCount(), await readDataVersion(db.knex)];
    const response = await app.request('POST', '/api/ownership', { token: water, body: { action: 'confirm', components: asked([...mine, ...theirs]) } });
    assert.equal(response.status, 403);
    assert.match(response.body.error.message, new RegExp(theirs[0]!.code));
    assert.doesNotMatch(response.body.error.message, new RegExp(mine[0]!.code));
    assert.deepEqual(await components(), before);
    assert.equal(await auditCount(), audits);
    assert.equal(await readDataVersion(db.knex), dataVersion);
  });

  test('a stale version: 409 listing the stale codes with their current versions, and nothing changes', async () => {
    const [a, b, c] = (await components({ department: 'water-affairs', status: 'pending' })).slice(0, 3);
    // someone else moved b on since this client loaded it
    await db.knex('components').where({ code: b!.code }).increment('version', 1);
    const before = await components();
    const audits = await auditCount();
    const response = await app.request('POST', '/api/ownership', { token: water, body: { action: 'confirm', components: asked([a!, b!, c!]) } });
    assert.equal(response.status, 409);
    assert.equal(response.body.error.code, 'conflict');
    assert.deepEqual(response.body.error.details.stale, [{ code: b!.code, version: b!.version + 1 }]);
    assert.deepEqual(await components(), before);
    assert.equal(await auditCount(), audits);
  });

  test('confirming a confirmed component is a 409; unknown codes 404; duplicates and malformed bodies 400', async () => {
    const [done] = await components({ department: 'water-affairs', status: 'confirmed' });
    const again = await app.request('POST', '/api/ownership', { token: water, body: { action: 'confirm', components: asked([done!]) } });
    assert.equal(again.status, 409);
    assert.deepEqual(again.body.error.details.not_allowed, [{ code: done!.code, ownership_status: 'confirmed' }]);

    const [p] = await components({ department: 'water-affairs', status: 'pending' });
    assert.equal((await app.request('POST', '/api/ownership', { token: water, body: { action: 'confirm', components: [{ code: '3205069999999999', version: 1 }] } })).status, 404);
    assert.equal((await app.request('POST', '/api/ownership', { token: water, body: { action: 'confirm', components: [...asked([p!]), ...asked([p!])] } })).status, 400);
    for (const body of [{ action: 'confirm', components: [] }, { action: 'approve', components: asked([p!]) }, { action: 'confirm', components: [{ code: '123', version: 1 }] }, { action: 'confirm', components: [{ code: p!.code }] }]) {
      assert.equal((await app.request('POST', '/api/ownership', { token: water, body })).status, 400, JSON.stringify(body));
    }
  });

  test('only owner users act: the centre, inspectors and contractors get 403', async () => {
    const [p] = await components({ department: 'water-affairs', status: 'pending' });
    for (const token of [dispatcher, admin, inspector, contractor]) {
      assert.equal((await app.request('POST', '/api/ownership', { token, body: { action: 'confirm', components: asked([p!]) } })).status, 403);
    }
    assert.equal((await app.request('POST', '/api/ownership', { body: { action: 'confirm', components: asked([p!]) } })).status, 401);
  });

  test('a dispute needs a reason; the suggested department must exist and not be your own', async () => {
    const [p] = await components({ department: 'water-affairs', status: 'pending' });
    const cases: [object, RegExp][] = [
      [{}, /reason/],
      [{ reason: '   ' }, /reason/],
      [{ reason: 'not ours', suggested_department: 'moon-base' }, /moon-base/],
      [{ reason: 'not ours', suggested_department: 'water-affairs' }, /your own/],
    ];
    for (const [extra, message] of cases) {
      const response = await app.request('POST', '/api/ownership', { token: water, body: { action: 'dispute', components: asked([p!]), ...extra } });
      assert.equal(response.status, 400, JSON.stringify(extra));
      assert.match(response.body.error.message, message);
    }
    assert.deepEqual(await components({ codes: [p!.code] }), [p]);
  });

  test('two clients confirming the same version at once: one wins, the other gets 409', async () => {
    const [p] = await components({ department: 'water-affairs', status: 'pending' });
    const body = { action: 'confirm', components: asked([p!]) };
    const results = await Promise.all([app.request('POST', '/api/ownership', { token: water, body }), app.request('POST', '/api/ownership', { token: water, body })]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    assert.deepEqual(await components({ codes: [p!.code] }), [{ ...p!, ownership_status: 'confirmed', version: p!.version + 1 }]);
  });
});
