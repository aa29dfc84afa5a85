/** The ownership rules as a specification: who may act, stale versions, allowed statuses, percentages. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HttpError } from '../http/errors.ts';
import { refuseOwnershipAction, withPercentages, type LockedComponent } from './ownership-rules.ts';

const water = 3;
const power = 4;
const component = (code: string, over: Partial<LockedComponent> = {}): LockedComponent => ({ id: Number(code.slice(-3)), code, department_id: water, ownership_status: 'pending', version: 1, ...over });
const a = component('3205060101000001');
const b = component('3205060101000002', { version: 3 });
const c = component('3205060105000003', { department_id: power });
const confirmed = component('3205060101000004', { ownership_status: 'confirmed', version: 2 });
const disputed = component('3205060101000005', { ownership_status: 'disputed', version: 2 });
const locked = [a, b, c, confirmed, disputed];
const ask = (...rows: LockedComponent[]) => rows.map((r) => ({ code: r.code, version: r.version }));

function refusal(result: HttpError | null): { status: number; message: string; details: any } {
  assert.ok(result, 'expected a refusal');
  return { status: result.status, message: result.message, details: result.details };
}

describe('refuseOwnershipAction', () => {
  test('lets a department confirm its own pending components at their current versions', () => {
    assert.equal(refuseOwnershipAction(ask(a, b), locked, water, 'confirm'), null);
  });

  test('a dispute may start from pending or confirmed', () => {
    assert.equal(refuseOwnershipAction(ask(a, confirmed), locked, water, 'dispute'), null);
  });

  test('codes listed twice are a 400', () => {
    const r = refusal(refuseOwnershipAction([...ask(a), ...ask(a)], locked, water, 'confirm'));
    assert.equal(r.status, 400);
    assert.deepEqual(r.details.duplicates, [a.code]);
  });

  test('unknown codes are a 404 naming them', () => {
    const r = refusal(refuseOwnershipAction([...ask(a), { code: '3205060101999999', version: 1 }], locked, water, 'confirm'));
    assert.equal(r.status, 404);
    assert.match(r.message, /3205060101999999/);
  });

  test("another department's codes are a 403 naming only those", () => {
    const r = refusal(refuseOwnershipAction(ask(a, c), locked, water, 'confirm'));
    assert.equal(r.status, 403);
    assert.match(r.message, new RegExp(c.code));
    assert.doesNotMatch(r.message, new RegExp(a.code));
  });

  test('the 403 comes before stale versions: a foreign code is refused whatever its version', () => {
    const r = refusal(refuseOwnershipAction([{ code: c.code, version: 99 }, { code: a.code, version: 99 }], locked, water, 'confirm'));
    assert.equal(r.status, 403);
  });

  test('stale versions are a 409 listing each stale code with its current version', () => {
    const r = refusal(refuseOwnershipAction([{ code: a.code, version: 1 }, { code: b.code, version: 2 }], locked, water, 'confirm'));
    assert.equal(r.status, 409);
    assert.deepEqual(r.details.stale, [{ code: b.code, version: 3 }]);
  });

  test('confirming a confirmed or disputed component is a 409 naming them', () => {
    const r = refusal(refuseOwnershipAction(ask(a, confirmed, disputed), locked, water, 'confirm'));
    assert.equal(r.status, 409);
    assert.deepEqual(r.details.not_allowed, [
      { code: confirmed.code, ownership_status: 'confirmed' },
      { code: disputed.code, ownership_status: 'disputed' },
    ]);
  });

  test('disputing a component already in dispute is a 409', () => {
    const r = refusal(refuseOwnershipAction(ask(disputed), locked, water, 'dispute'));
    assert.equal(r.status, 409);
    assert.deepEqual(r.details.allowed_from, ['pending', 'confirmed']);
  });

  test('a component without an owner belongs to no department that could act', () => {
    const orphan = component('3205060101000009', { department_id: null });
    assert.equal(refusal(refuseOwnershipAction(ask(orphan), [orphan], water, 'confirm')).status, 403);
  });
});

describe('withPercentages', () => {
  test('gives each status as percent of the total, one decimal', () => {
    assert.deepEqual(withPercentages({ total: 3, confirmed: 1, pending: 2, disputed: 0 }), {
      total: 3,
      confirmed: 1,
      pending: 2,
      disputed: 0,
      confirmed_pct: 33.3,
      pending_pct: 66.7,
      disputed_pct: 0,
    });
  });

  test('nothing owned is 0 %, not NaN', () => {
    const p = withPercentages({ total: 0, confirmed: 0, pending: 0, disputed: 0 });
    assert.deepEqual([p.confirmed_pct, p.pending_pct, p.disputed_pct], [0, 0, 0]);
  });
});
