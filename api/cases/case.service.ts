/**
 * 采集上报 — reporting a case, and reading cases. A report on a component takes the component's
 * place, grid and owner, and joins the component's open case if it has one; a report without a
 * component is placed by its event class and location, with open cases of the same class within
 * 50 m offered as possible duplicates. Deadlines come from the policy (deadlines/).
 */
import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.repository.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import { loadDeadlinePolicy, stepDeadline } from './deadlines/deadline-policy.ts';
import { findProblemType, type ProblemType } from './catalogue/problem-type.repository.ts';
import { auditActor, canSeeCase, type CaseActor } from './case-actor.ts';
import { actionRules, allowedActions, isOpen, type TransitionAction } from './case-state-machine.ts';
import { insertPhotos } from '../photos/photo.repository.ts';
import type { CasePhoto } from '../photos/case-photo-upload.ts';
import { suggestDepartment, type DepartmentSuggestion } from './case-routing.repository.ts';
import { findComponentByCode, findNearbyOpenCases, findNearestComponent, locateBaseGrid, lockComponent, type CaseComponent, type NearbyCase } from './case-place.repository.ts';
import {
  findCaseRecord,
  findOpenCaseOfComponent,
  insertCase,
  insertCaseEvent,
  listCaseEvents,
  listCaseRecords,
  nextCaseNumber,
  touchCase,
  type CaseClass,
  type CaseEventRow,
  type CaseFilter,
  type CaseRecord,
  type CaseSource,
} from './case.repository.ts';

/** Open cases of the same event class closer than this are offered as duplicates. */
export const duplicateRadiusMetres = 50;
/** A report with a component class's problem but no component code takes the nearest such component this close. */
export const componentSearchMetres = 50;

export interface ReportInput {
  /** 部件标识码 — the 16-digit code of the component the problem is on. */
  component_code?: string;
  /** GB/T 30428.2 event class, for a problem with no component. */
  event_class?: string;
  lon?: number;
  lat?: number;
  problem_type: string;
  case_class?: CaseClass;
  note?: string;
}

export interface ReportOptions {
  requestId?: string;
  /** Extra facts for the report event (the Open311 client, a contact e-mail). */
  details?: Record<string, unknown>;
  /** Photos already stored (api/photos/photo-store.ts) to list on the report or join event. */
  photos?: CasePhoto[];
  now?: Date;
}

/** A case with its log, the suggested department and what the caller may do next. */
export interface CaseDetail extends CaseRecord {
  events: CaseEventRow[];
  suggested_department: DepartmentSuggestion | null;
  actions: TransitionAction[];
}

export interface ReportResult {
  case: CaseDetail;
  /** True when the report joined the component's open case instead of opening one. */
  joined: boolean;
  possible_duplicates: NearbyCase[];
}

/** Reports a problem: opens a case, or joins the component's open case. */
export async function reportCase(knex: Knex, input: ReportInput, actor: CaseActor, options: ReportOptions = {}): Promise<ReportResult> {
  if (!actionRules.report.roles.includes(actor.role)) throw forbidden(`a ${actor.role} cannot report cases`);
  // the reporting roles are the case sources
  const source = actor.role as CaseSource;
  const subject = await resolveSubject(knex, input);
  const caseClass = input.case_class ?? subject.problemType.case_class;
  const at = options.now ?? new Date();

  const photos = options.photos ?? [];
  const photoHashes = photos.map((p) => p.hash);
  const result = await knex.transaction(async (trx) => {
    await insertPhotos(trx, photos);
    let duplicates: NearbyCase[] = [];
    if (subject.component) {
      await lockComponent(trx, subject.component.id);
      const open = await findOpenCaseOfComponent(trx, subject.component.id);
      if (open) {
        assertNotDisposer(actor, open.department_id, 'join');
        await insertCaseEvent(trx, {
          case_id: open.id,
          action: 'join',
          from_state: open.state,
          to_state: open.state,
          user_id: actor.userId,
          role: actor.role,
          department_id: actor.departmentId,
          note: input.note ?? null,
          details: { problem_type: subject.problemType.code, ...options.details },
          photos: photoHashes,
          due_at: null,
          at,
        });
        await touchCase(trx, open.id, at);
        await recordAudit(trx, { actor: auditActor(actor), action: 'join', entity: 'case', entityId: open.id, details: { number: open.number, problem_type: subject.problemType.code, photos: photoHashes }, requestId: options.requestId ?? null });
        return { id: open.id, joined: true, duplicates };
      }
    } else {
      duplicates = await findNearbyOpenCases(trx, subject.eventClass!, subject.lon, subject.lat, duplicateRadiusMetres);
    }

    const suggestion = await suggestDepartment(trx, { componentId: subject.component?.id ?? null, classCode: subject.component?.class_code ?? null, gridId: subject.gridId });
    assertNotDisposer(actor, suggestion?.department_id ?? null, 'report');
    const verifyDue = stepDeadline(loadDeadlinePolicy(), caseClass, 'verify', at);
    const number = await nextCaseNumber(trx, shanghaiDate(at));
    const id = await insertCase(trx, {
      number,
      source,
      event_class_code: subject.eventClass,
      component_id: subject.component?.id ?? null,
      problem_type_code: subject.problemType.code,
      lon: subject.lon,
      lat: subject.lat,
      grid_id: subject.gridId,
      case_class: caseClass,
      // the case sits with the suggested department until a dispatcher decides
      department_id: suggestion?.department_id ?? null,
      reporter_department_id: actor.departmentId,
      deadlines: { verify: verifyDue.toISOString() },
      due_at: verifyDue,
      description: input.note ?? null,
      reporter_id: actor.userId,
      at,
    });
    await insertCaseEvent(trx, {
      case_id: id,
      action: 'report',
      from_state: null,
      to_state: 'reported',
      user_id: actor.userId,
      role: actor.role,
      department_id: actor.departmentId,
      note: input.note ?? null,
      details: { problem_type: subject.problemType.code, case_class: caseClass, ...options.details },
      photos: photoHashes,
      due_at: verifyDue,
      at,
    });
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: 'report',
      entity: 'case',
      entityId: id,
      details: { number, component: subject.component?.code ?? null, event_class: subject.eventClass, problem_type: subject.problemType.code, case_class: caseClass, photos: photoHashes },
      requestId: options.requestId ?? null,
    });
    return { id, joined: false, duplicates };
  });
  return { case: await getCase(knex, result.id, actor), joined: result.joined, possible_duplicates: result.duplicates };
}

/** 巡办分离: whoever reports, verifies or checks a case may not belong to the department disposing it. */
export function assertNotDisposer(actor: CaseActor, disposingDepartmentId: number | null, action: string): void {
  if (actor.departmentId !== null && actor.departmentId === disposingDepartmentId) {
    throw forbidden(`巡办分离 (separation of inspection and disposal): your department handles this case, so you cannot ${action.replace('_', ' ')} it`);
  }
}

interface ReportSubject {
  component: CaseComponent | undefined;
  eventClass: string | null;
  problemType: ProblemType;
  lon: number;
  lat: number;
  gridId: number | null;
}

/**
 * The class a problem-type code names, by the catalogue's code scheme: `0118-01` is a problem of
 * the component class 0118, `E0401` the event class 0401.
 */
export function classOfProblemCode(code: string): { component: string } | { event: string } | undefined {
  if (/^\d{4}-\d{2}$/.test(code)) return { component: code.slice(0, 4) };
  if (/^E\d{4}$/.test(code)) return { event: code.slice(1) };
  return undefined;
}

/** Where and what the report is about: a component (given or the nearest of the class) or an event class at a point. */
async function resolveSubject(knex: Knex, input: ReportInput): Promise<ReportSubject> {
  const named = classOfProblemCode(input.problem_type);
  if (input.component_code !== undefined) {
    const component = await findComponentByCode(knex, input.component_code);
    if (!component) throw badRequest(`no component ${input.component_code}`);
    const problemType = await requireProblemType(knex, { component: component.class_code }, input.problem_type);
    return { component, eventClass: null, problemType, lon: component.lon, lat: component.lat, gridId: component.grid_id };
  }
  if (input.lon === undefined || input.lat === undefined) throw badRequest('give component_code, or lon and lat');
  const { lon, lat } = input;
  const eventClass = input.event_class ?? (named && 'event' in named ? named.event : undefined);
  if (eventClass !== undefined) {
    const problemType = await requireProblemType(knex, { event: eventClass }, input.problem_type);
    const grid = await locateBaseGrid(knex, lon, lat);
    if (!grid) throw badRequest(`the point ${lon}, ${lat} is outside the district: no base grid holds it`);
    return { component: undefined, eventClass, problemType, lon, lat, gridId: grid.id };
  }
  if (!named) throw badRequest(`no problem type ${input.problem_type}: see GET /api/problem-types`);
  // a component's problem at a point: the nearest component of that class within reach is the subject
  const problemType = await requireProblemType(knex, named, input.problem_type);
  const component = await findNearestComponent(knex, problemType.class_code!, lon, lat, componentSearchMetres);
  if (!component) {
    if (!(await locateBaseGrid(knex, lon, lat))) throw badRequest(`the point ${lon}, ${lat} is outside the district: no base grid holds it`);
    throw badRequest(`no component of class ${problemType.class_code} within ${componentSearchMetres} m of ${lon}, ${lat}: give its component_code`);
  }
  return { component, eventClass: null, problemType, lon: component.lon, lat: component.lat, gridId: component.grid_id };
}

/** The problem type, which must belong to the component class or event class of the report. */
async function requireProblemType(knex: Knex, owner: { component: string } | { event: string }, code: string): Promise<ProblemType> {
  const classCode = 'component' in owner ? owner.component : owner.event;
  const problemType = await findProblemType(knex, classCode, code);
  // component and event classes share 4-digit codes: the problem must be of the right kind
  const fits = problemType && ('component' in owner ? problemType.class_code === classCode : problemType.event_class_code === classCode);
  if (!fits) {
    const hint = 'component' in owner ? `class=${classCode}` : `event_class=${classCode}`;
    throw badRequest(`no problem type ${code} for ${'component' in owner ? 'component' : 'event'} class ${classCode}: see GET /api/problem-types?${hint}`);
  }
  return problemType;
}

/** The Asia/Shanghai calendar date of an instant, YYYY-MM-DD (China keeps UTC+08:00 all year). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────

/** A case the actor may see, with its log; a case they may not see does not exist for them. */
export async function getCase(knex: Knex, id: number, actor: CaseActor): Promise<CaseDetail> {
  const record = await findCaseRecord(knex, id);
  if (!record || !canSeeCase(actor, { department_id: record.department?.id ?? null, reporter_department_id: record.reporter_department_id })) {
    throw notFound(`no case ${id}`);
  }
  return detailOf(knex, record, actor);
}

/** Adds the log, the routing suggestion (while the case is open) and the caller's next actions. */
export async function detailOf(knex: Knex, record: CaseRecord, actor: CaseActor): Promise<CaseDetail> {
  const [events, suggestion] = await Promise.all([
    listCaseEvents(knex, record.id),
    isOpen(record.state)
      ? suggestDepartment(knex, { componentId: record.component?.id ?? null, classCode: record.component?.class_code ?? null, gridId: record.grid?.id ?? null })
      : undefined,
  ]);
  const actions = allowedActions(record.state, actor.role).filter((action) => {
    // an owner disposes only its own department's cases
    if (action === 'dispose') return actor.departmentId !== null && actor.departmentId === record.department?.id;
    return true;
  });
  return { ...record, events, suggested_department: suggestion ?? null, actions };
}

/** The list's query as the route parses it. */
export interface CaseListQuery {
  state?: CaseFilter['states'];
  department?: string;
  grid?: string;
  overdue?: boolean;
  bbox?: CaseFilter['bbox'];
  limit: number;
  cursor?: string;
}

export interface CasePage {
  items: CaseRecord[];
  /** Pass as `cursor` for the next page; null on the last. */
  next_cursor: string | null;
}

/** A page of the cases the actor may see, newest first. */
export async function listCases(knex: Knex, query: CaseListQuery, actor: CaseActor): Promise<CasePage> {
  const { state, department, grid, cursor, overdue, bbox, limit } = query;
  let departmentId: number | undefined;
  if (department !== undefined) {
    departmentId = (await knex('departments').where({ code: department }).first('id'))?.id;
    if (departmentId === undefined) throw badRequest(`unknown department ${department}: see GET /api/departments`);
  }
  let gridId: number | undefined;
  if (grid !== undefined) {
    gridId = (await knex('grids').where({ code: grid }).first('id'))?.id;
    if (gridId === undefined) throw badRequest(`unknown grid ${grid}: see GET /api/grids`);
  }
  const beforeId = cursor === undefined ? undefined : Number(cursor);
  if (beforeId !== undefined && !(Number.isInteger(beforeId) && beforeId > 0)) throw badRequest('cursor: pass next_cursor from the previous page');
  const items = await listCaseRecords(knex, {
    states: state,
    overdue,
    bbox,
    departmentId,
    gridId,
    beforeId,
    limit: limit + 1,
    visibleToDepartmentId: actor.role === 'owner' ? (actor.departmentId ?? -1) : undefined,
  });
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, next_cursor: more ? String(page.at(-1)!.id) : null };
}
