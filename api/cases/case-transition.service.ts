/**
 * Moving a case along the loop: verify (核实), file (立案) or not (不予立案), dispatch (指挥派遣),
 * dispose (处置反馈), return (返工) or close (核查结案) — and on close the automatic evaluation
 * (考核评价). Each transition locks the case, checks role, version, state and 巡办分离, appends one
 * event with the deadline of the step it starts, and writes the audit entry, in one transaction.
 */
import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.repository.ts';
import { badRequest, forbidden, HttpError, notFound } from '../http/errors.ts';
import { loadDeadlinePolicy, stepDeadline } from './deadlines/deadline-policy.ts';
import { auditActor, canSeeCase, type CaseActor } from './case-actor.ts';
import { judgeSteps } from './case-evaluation.ts';
import { checkTransition, stepStartedBy, type TransitionAction } from './case-state-machine.ts';
import { suggestDepartment } from './case-routing.repository.ts';
import { assertNotDisposer, getCase, type CaseDetail } from './case.service.ts';
import { findComponentById } from './case-place.repository.ts';
import { insertPhotos } from '../photos/photo.repository.ts';
import type { CasePhoto } from '../photos/case-photo-upload.ts';
import { insertCaseEvent, listCaseEvents, lockCase, updateCaseAtVersion, type CaseChanges, type CaseRow } from './case.repository.ts';

export interface TransitionInput {
  action: TransitionAction;
  note?: string;
  /** dispatch: the department code it goes to (default: the suggested one). */
  department?: string;
  /** not_file: why; dispatch: why not the suggested department. */
  reason?: string;
  /** The case version the caller saw: a transition on an older one is refused. */
  version: number;
}

/** Applies one transition; returns the case as it now is. */
export async function transitionCase(knex: Knex, caseId: number, input: TransitionInput, actor: CaseActor, options: { requestId?: string; now?: Date; photos?: CasePhoto[] } = {}): Promise<CaseDetail> {
  const at = options.now ?? new Date();
  const photos = options.photos ?? [];
  await knex.transaction(async (trx) => {
    const row = await lockCase(trx, caseId);
    if (!row || !canSeeCase(actor, row)) throw notFound(`no case ${caseId}`);

    const check = checkTransition(row.state, input.action, actor.role);
    if (!check.ok && check.refused === 'role') {
      throw forbidden(`${input.action.replace('_', ' ')} is for the role${check.roles.length > 1 ? 's' : ''} ${check.roles.join(', ')}; you are ${actor.role}`);
    }
    if (row.version !== input.version) {
      throw new HttpError(409, 'version_conflict', `case ${row.number} has changed since version ${input.version} (it is at version ${row.version}, ${row.state}): reload it`, { state: row.state, version: row.version });
    }
    if (!check.ok) {
      throw new HttpError(409, 'illegal_transition', `a ${row.state} case cannot be ${pastTense[input.action]}; allowed from ${row.state}: ${check.allowed.join(', ') || 'nothing'}`, { state: row.state, action: input.action, allowed: check.allowed });
    }

    const changes: CaseChanges = { state: check.to };
    const details: Record<string, unknown> = {};
    let eventDepartment = actor.departmentId;
    let note = input.note?.trim() || null;

    switch (input.action) {
      case 'verify':
      case 'file':
      case 'not_file':
      case 'return':
      case 'close':
        assertNotDisposer(actor, row.department_id, input.action);
        break;
      case 'dispose':
        if (actor.departmentId === null || actor.departmentId !== row.department_id) {
          throw forbidden(`case ${row.number} is with another department: only its users dispose it`);
        }
        break;
      case 'dispatch': {
        const target = await dispatchTarget(trx, row, input);
        eventDepartment = target.departmentId;
        changes.department_id = target.departmentId;
        Object.assign(details, target.details);
        break;
      }
    }
    if (input.action === 'not_file') {
      const reason = input.reason?.trim() || note;
      if (!reason) throw badRequest('not filing a case needs a reason (reason or note)');
      details.reason = reason;
      note ??= reason;
    }
    if (input.action === 'return') changes.rework_count = row.rework_count + 1;

    // the step this action starts gets its deadline; a finished case has none running
    const step = stepStartedBy(input.action);
    const dueAt = step ? stepDeadline(loadDeadlinePolicy(), row.case_class, step, at) : null;
    if (step) changes.deadlines = { ...row.deadlines, [step]: dueAt!.toISOString() };
    changes.due_at = dueAt;
    if (input.action === 'close') changes.state = 'evaluated';

    if (!(await updateCaseAtVersion(trx, row.id, row.version, changes, at))) {
      throw new HttpError(409, 'version_conflict', `case ${row.number} changed while this transition ran: reload it`);
    }
    await insertCaseEvent(trx, {
      case_id: row.id,
      action: input.action,
      from_state: row.state,
      to_state: check.to,
      user_id: actor.userId,
      role: actor.role,
      department_id: eventDepartment,
      note,
      details,
      photos: photos.map((p) => p.hash),
      due_at: dueAt,
      at,
    });
    await insertPhotos(trx, photos);
    await recordAudit(trx, { actor: auditActor(actor), action: input.action, entity: 'case', entityId: row.id, details: { number: row.number, from: row.state, to: check.to, ...details, ...(photos.length > 0 ? { photos: photos.map((p) => p.hash) } : {}) }, requestId: options.requestId ?? null });

    if (input.action === 'close') {
      // 考核评价: every step judged from the log, the close included
      const steps = judgeSteps(await listCaseEvents(trx, row.id));
      const evaluation = { steps, on_time: steps.every((s) => s.on_time), rework_count: row.rework_count };
      await insertCaseEvent(trx, { case_id: row.id, action: 'evaluate', from_state: 'closed', to_state: 'evaluated', user_id: null, role: 'system', department_id: row.department_id, note: null, details: evaluation, due_at: null, at });
      await recordAudit(trx, { actor: { userId: null, username: 'system', role: 'system' }, action: 'evaluate', entity: 'case', entityId: row.id, details: { number: row.number, on_time: evaluation.on_time, steps: steps.length }, requestId: options.requestId ?? null });
    }
  });
  return getCase(knex, caseId, actor);
}

const pastTense: Record<TransitionAction, string> = {
  verify: 'verified',
  not_file: 'not filed',
  file: 'filed',
  dispatch: 'dispatched',
  dispose: 'disposed',
  return: 'returned',
  close: 'closed',
};

/**
 * Where a dispatch goes: the department asked for, else the suggested one. Leaving the suggestion
 * needs a reason; a department that reported, verified or filed the case can never get it (巡办分离).
 */
async function dispatchTarget(trx: Knex.Transaction, row: CaseRow, input: TransitionInput): Promise<{ departmentId: number; details: Record<string, unknown> }> {
  const component = row.component_id === null ? undefined : await findComponentById(trx, row.component_id);
  const suggestion = await suggestDepartment(trx, { componentId: row.component_id, classCode: component?.class_code ?? null, gridId: row.grid_id });
  let departmentId = suggestion?.department_id;
  if (input.department !== undefined) {
    departmentId = (await trx('departments').where({ code: input.department }).first('id'))?.id;
    if (departmentId === undefined) throw badRequest(`unknown department ${input.department}: see GET /api/departments`);
  }
  if (departmentId === undefined) throw badRequest(`nothing suggests a department for case ${row.number}: give department`);
  const details: Record<string, unknown> = { suggested_department_id: suggestion?.department_id ?? null };
  if (suggestion && departmentId !== suggestion.department_id) {
    const reason = input.reason?.trim();
    if (!reason) throw badRequest(`the suggested department is ${suggestion.code} (${suggestion.source.replace('_', ' ')}): dispatching elsewhere needs a reason`);
    details.override_reason = reason;
  }
  const separated = await trx('case_events')
    .where({ case_id: row.id })
    .whereIn('action', ['report', 'join', 'verify', 'not_file', 'file'])
    .whereNotNull('department_id')
    .distinct()
    .pluck('department_id');
  if (row.reporter_department_id !== null) separated.push(row.reporter_department_id);
  if (separated.includes(departmentId)) {
    throw new HttpError(409, 'separation_of_duties', `巡办分离: that department reported or verified case ${row.number}, so it cannot dispose it; dispatch it elsewhere`);
  }
  return { departmentId, details };
}
