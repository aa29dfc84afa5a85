/**
 * The loop's state machine against the contract, written out here by hand: every state × action ×
 * role is allowed, refused for the role (403) or refused for the state (409 with the allowed list).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allowedActions,
  caseActions,
  caseStates,
  checkTransition,
  currentStep,
  isOpen,
  movesCase,
  stepStartedBy,
  type ActorRole,
  type CaseAction,
  type CaseState,
} from './case-state-machine.ts';

const roles: ActorRole[] = ['admin', 'dispatcher', 'inspector', 'owner', 'contractor', 'citizen', 'system'];
const open: CaseState[] = ['reported', 'verified', 'filed', 'dispatched', 'disposed', 'returned'];

/** The contract: who may take each action, and from → to (undefined to: the state is unchanged). */
const contract: Record<CaseAction, { roles: ActorRole[]; from: CaseState[]; to?: CaseState }> = {
  report: { roles: ['inspector', 'dispatcher', 'citizen', 'owner'], from: [], to: 'reported' },
  join: { roles: ['inspector', 'dispatcher', 'citizen', 'owner'], from: open },
  verify: { roles: ['inspector'], from: ['reported'], to: 'verified' },
  not_file: { roles: ['inspector'], from: ['reported', 'verified'], to: 'not_filed' },
  file: { roles: ['inspector'], from: ['verified'], to: 'filed' },
  dispatch: { roles: ['dispatcher'], from: ['filed'], to: 'dispatched' },
  dispose: { roles: ['owner'], from: ['dispatched', 'returned'], to: 'disposed' },
  return: { roles: ['inspector'], from: ['disposed'], to: 'returned' },
  close: { roles: ['inspector'], from: ['disposed'], to: 'closed' },
  evaluate: { roles: ['system'], from: ['closed'], to: 'evaluated' },
  overdue: { roles: ['system'], from: open },
};

/** What the transitions endpoint lists as allowed from each state. */
const allowedFrom: Record<CaseState, string[]> = {
  reported: ['verify', 'not_file'],
  verified: ['not_file', 'file'],
  filed: ['dispatch'],
  not_filed: [],
  dispatched: ['dispose'],
  disposed: ['return', 'close'],
  returned: ['dispose'],
  closed: [],
  evaluated: [],
};

describe('every state × action × role', () => {
  for (const action of caseActions) {
    test(action, () => {
      const expected = contract[action];
      for (const state of caseStates) {
        for (const role of roles) {
          const result = checkTransition(state, action, role);
          const where = `${role} ${action} on ${state}`;
          if (!expected.roles.includes(role)) {
            assert.deepEqual(result.ok ? 'allowed' : result.refused, 'role', where);
          } else if (!expected.from.includes(state)) {
            assert.deepEqual(result, { ok: false, refused: 'state', allowed: allowedFrom[state] }, where);
          } else {
            assert.deepEqual(result, { ok: true, to: expected.to ?? state }, where);
          }
        }
      }
    });
  }
});

describe('allowed actions', () => {
  test('from each state, for anyone', () => {
    for (const state of caseStates) assert.deepEqual(allowedActions(state), allowedFrom[state], state);
  });

  test('for a role: an inspector verifies and checks, a dispatcher dispatches, an owner disposes, an admin does none', () => {
    assert.deepEqual(allowedActions('reported', 'inspector'), ['verify', 'not_file']);
    assert.deepEqual(allowedActions('reported', 'dispatcher'), []);
    assert.deepEqual(allowedActions('filed', 'dispatcher'), ['dispatch']);
    assert.deepEqual(allowedActions('returned', 'owner'), ['dispose']);
    assert.deepEqual(allowedActions('disposed', 'inspector'), ['return', 'close']);
    for (const state of caseStates) assert.deepEqual(allowedActions(state, 'admin'), [], state);
  });
});

describe('steps and deadlines', () => {
  test('each step is started by the contract’s event', () => {
    const started = Object.fromEntries(caseActions.map((action) => [action, stepStartedBy(action)]));
    assert.deepEqual(started, {
      report: 'verify',
      join: null,
      verify: 'file',
      not_file: null,
      file: 'dispatch',
      dispatch: 'dispose',
      dispose: 'check',
      return: 'dispose',
      close: null,
      evaluate: null,
      overdue: null,
    });
  });

  test('the running step of each state; none once the case has left the loop', () => {
    const steps = Object.fromEntries(caseStates.map((state) => [state, currentStep(state)]));
    assert.deepEqual(steps, {
      reported: 'verify',
      verified: 'file',
      filed: 'dispatch',
      not_filed: null,
      dispatched: 'dispose',
      disposed: 'check',
      returned: 'dispose',
      closed: null,
      evaluated: null,
    });
  });

  test('open means not not_filed, closed or evaluated; join and overdue do not move a case', () => {
    assert.deepEqual(caseStates.filter(isOpen), open);
    assert.deepEqual(caseActions.filter((action) => !movesCase(action)), ['join', 'overdue']);
  });
});
