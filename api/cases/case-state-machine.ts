/**
 * The six-step closed loop (六步闭环) as data: the states a case passes through, the actions that
 * move it, who may take each action and from which states, and the deadline step each action
 * starts. Pure: the service asks it, the database never decides.
 *
 *   reported ─verify→ verified ─file→ filed ─dispatch→ dispatched ─dispose→ disposed ─close→ closed ─evaluate→ evaluated
 *      └──────not_file──────┴→ not_filed                    returned ←return─┘ (dispose again)
 */
import type { Role } from '../users/role.ts';
import type { CaseStep } from './deadlines/deadline-policy.ts';

/** 案件状态 — case states, in loop order. */
export const caseStates = ['reported', 'verified', 'filed', 'not_filed', 'dispatched', 'disposed', 'returned', 'closed', 'evaluated'] as const;
export type CaseState = (typeof caseStates)[number];

/** States in which a case is finished: everything else is open. */
export const finishedStates: readonly CaseState[] = ['not_filed', 'closed', 'evaluated'];

/** True while a case is still in the loop (a new report on its component joins it). */
export function isOpen(state: CaseState): boolean {
  return !finishedStates.includes(state);
}

/** Who acts: a user's role, a citizen through Open311, or the system itself. */
export type ActorRole = Role | 'citizen' | 'system';

/** Every action a case event records. */
export const caseActions = ['report', 'join', 'verify', 'not_file', 'file', 'dispatch', 'dispose', 'return', 'close', 'evaluate', 'overdue'] as const;
export type CaseAction = (typeof caseActions)[number];

/** The actions a user takes through POST /api/cases/:id/transitions. */
export const transitionActions = ['verify', 'not_file', 'file', 'dispatch', 'dispose', 'return', 'close'] as const;
export type TransitionAction = (typeof transitionActions)[number];

const reporters: readonly ActorRole[] = ['inspector', 'dispatcher', 'citizen', 'owner'];

interface ActionRule {
  /** States the action may be taken from; empty for the report that creates a case. */
  from: readonly CaseState[];
  /** The state after; undefined = unchanged (join, overdue). */
  to?: CaseState;
  roles: readonly ActorRole[];
  /** The deadline step this action starts, if any. */
  starts?: CaseStep;
}

/** The loop, one rule per action. */
export const actionRules: Readonly<Record<CaseAction, ActionRule>> = {
  /** 采集上报 — report (creates the case) */
  report: { from: [], to: 'reported', roles: reporters, starts: 'verify' },
  /** a further report on a component whose case is open */
  join: { from: ['reported', 'verified', 'filed', 'dispatched', 'disposed', 'returned'], roles: reporters },
  /** 核实 — verify */
  verify: { from: ['reported'], to: 'verified', roles: ['inspector'], starts: 'file' },
  /** 不予立案 — not filed (with a reason) */
  not_file: { from: ['reported', 'verified'], to: 'not_filed', roles: ['inspector'] },
  /** 立案 — file */
  file: { from: ['verified'], to: 'filed', roles: ['inspector'], starts: 'dispatch' },
  /** 指挥派遣 — dispatch to a department */
  dispatch: { from: ['filed'], to: 'dispatched', roles: ['dispatcher'], starts: 'dispose' },
  /** 处置反馈 — dispose (by the department dispatched to) */
  dispose: { from: ['dispatched', 'returned'], to: 'disposed', roles: ['owner'], starts: 'check' },
  /** 返工 — return for rework */
  return: { from: ['disposed'], to: 'returned', roles: ['inspector'], starts: 'dispose' },
  /** 核查结案 — check and close */
  close: { from: ['disposed'], to: 'closed', roles: ['inspector'] },
  /** 考核评价 — evaluate, appended with every close */
  evaluate: { from: ['closed'], to: 'evaluated', roles: ['system'] },
  /** a step ran over its deadline (the overdue sweep) */
  overdue: { from: ['reported', 'verified', 'filed', 'dispatched', 'disposed', 'returned'], roles: ['system'] },
};

/** The step running in each state (whose deadline is cases.due_at). */
const stepOfState: Partial<Record<CaseState, CaseStep>> = {
  reported: 'verify',
  verified: 'file',
  filed: 'dispatch',
  dispatched: 'dispose',
  returned: 'dispose',
  disposed: 'check',
};

/** The step a case in `state` is in, or null once it has left the loop. */
export function currentStep(state: CaseState): CaseStep | null {
  return stepOfState[state] ?? null;
}

/** The step an action starts (its event carries that step's deadline), or null. */
export function stepStartedBy(action: CaseAction): CaseStep | null {
  return actionRules[action].starts ?? null;
}

/** True when an action moves the case on (ends the running step); join and overdue do not. */
export function movesCase(action: CaseAction): boolean {
  return actionRules[action].to !== undefined;
}

/** User actions legal from `state`, optionally only those `role` may take. */
export function allowedActions(state: CaseState, role?: ActorRole): TransitionAction[] {
  return transitionActions.filter((action) => {
    const rule = actionRules[action];
    return rule.from.includes(state) && (role === undefined || rule.roles.includes(role));
  });
}

export type TransitionCheck =
  | { ok: true; to: CaseState }
  /** the role may never take this action */
  | { ok: false; refused: 'role'; roles: readonly ActorRole[] }
  /** not from this state: `allowed` lists what is legal from it */
  | { ok: false; refused: 'state'; allowed: TransitionAction[] };

/**
 * May `role` take `action` on a case in `state`? A role that may never take the action is refused
 * before the state is looked at (403 before 409).
 *
 * @example
 * checkTransition('reported', 'verify', 'inspector') // { ok: true, to: 'verified' }
 * checkTransition('reported', 'close', 'inspector')  // { ok: false, refused: 'state', allowed: ['verify', 'not_file'] }
 */
export function checkTransition(state: CaseState, action: CaseAction, role: ActorRole): TransitionCheck {
  const rule = actionRules[action];
  if (!rule.roles.includes(role)) return { ok: false, refused: 'role', roles: rule.roles };
  if (!rule.from.includes(state)) return { ok: false, refused: 'state', allowed: allowedActions(state) };
  return { ok: true, to: rule.to ?? state };
}
