/** SQL for repair cases (案件) and their append-only event log (case_events). */
import type { Knex } from 'knex';
import type { ActorRole, CaseAction, CaseState } from './case-state-machine.ts';
import { finishedStates } from './case-state-machine.ts';
import type { CaseClass } from './deadlines/deadline-policy.ts';

export type { CaseClass };
export type CaseSource = 'inspector' | 'dispatcher' | 'citizen' | 'owner';

/** A case as stored, with its location as lon/lat. */
export interface CaseRow {
  id: number;
  number: string;
  source: CaseSource;
  event_class_code: string | null;
  component_id: number | null;
  problem_type_code: string | null;
  lon: number;
  lat: number;
  grid_id: number | null;
  case_class: CaseClass;
  department_id: number | null;
  reporter_department_id: number | null;
  state: CaseState;
  /** The current deadline of each step started so far (ISO instants). */
  deadlines: Record<string, string>;
  due_at: Date | null;
  rework_count: number;
  description: string | null;
  reporter_id: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A case as the API shows it: its component, grid and department spelled out. */
export interface CaseRecord extends Omit<CaseRow, 'component_id' | 'grid_id' | 'department_id'> {
  component: { id: number; code: string; class_code: string } | null;
  grid: { id: number; code: string; name_zh: string } | null;
  department: { id: number; code: string; name_zh: string } | null;
  overdue: boolean;
}

export interface CaseEventRow {
  id: number;
  case_id: number;
  action: CaseAction;
  from_state: CaseState | null;
  to_state: CaseState;
  user_id: number | null;
  username: string | null;
  role: ActorRole | null;
  department_id: number | null;
  department_code: string | null;
  note: string | null;
  details: Record<string, unknown>;
  /** Hashes of the photos sent with this step (GET /api/photos/:hash). */
  photos: string[];
  due_at: Date | null;
  at: Date;
}

const finishedList = finishedStates.map((state) => `'${state}'`).join(', ');
/** SQL: the case `c` is open (still in the loop). */
export const openCondition = `c.state not in (${finishedList})`;

const caseColumns = [
  'c.id', 'c.number', 'c.source', 'c.event_class_code', 'c.component_id', 'c.problem_type_code',
  'c.grid_id', 'c.case_class', 'c.department_id', 'c.reporter_department_id', 'c.state', 'c.deadlines',
  'c.due_at', 'c.rework_count', 'c.description', 'c.reporter_id', 'c.version', 'c.created_at', 'c.updated_at',
];

function selectCaseRows(knex: Knex) {
  return knex('cases as c').select(...caseColumns, knex.raw('ST_X(c.location) as lon'), knex.raw('ST_Y(c.location) as lat'));
}

/** The case row, locked until the transaction ends: transitions on one case take turns. */
export function lockCase(trx: Knex.Transaction, id: number): Promise<CaseRow | undefined> {
  return selectCaseRows(trx).where('c.id', id).forUpdate().first();
}

export function findCaseRow(knex: Knex, id: number): Promise<CaseRow | undefined> {
  return selectCaseRows(knex).where('c.id', id).first();
}

/** The open case of a component, if it has one (at most one: a unique index holds it). */
export function findOpenCaseOfComponent(knex: Knex, componentId: number): Promise<CaseRow | undefined> {
  return selectCaseRows(knex).where('c.component_id', componentId).whereRaw(openCondition).first();
}

export interface NewCase {
  number: string;
  source: CaseSource;
  event_class_code: string | null;
  component_id: number | null;
  problem_type_code: string;
  lon: number;
  lat: number;
  grid_id: number | null;
  case_class: CaseClass;
  department_id: number | null;
  reporter_department_id: number | null;
  deadlines: Record<string, string>;
  due_at: Date;
  description: string | null;
  reporter_id: number | null;
  at: Date;
}

export async function insertCase(trx: Knex.Transaction, row: NewCase): Promise<number> {
  const { lon, lat, deadlines, at, ...rest } = row;
  const [inserted] = await trx('cases')
    .insert({
      ...rest,
      location: trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [lon, lat]),
      deadlines: JSON.stringify(deadlines),
      state: 'reported',
      created_at: at,
      updated_at: at,
    })
    .returning('id');
  return inserted.id;
}

export interface CaseChanges {
  state?: CaseState;
  department_id?: number | null;
  deadlines?: Record<string, string>;
  due_at?: Date | null;
  rework_count?: number;
}

/**
 * Applies a transition's changes if the case is still at `version`, and moves it to the next
 * version. Returns false when another transition got there first.
 */
export async function updateCaseAtVersion(trx: Knex.Transaction, id: number, version: number, changes: CaseChanges, at: Date): Promise<boolean> {
  const updated = await trx('cases')
    .where({ id, version })
    .update({
      ...changes,
      ...(changes.deadlines ? { deadlines: JSON.stringify(changes.deadlines) } : {}),
      version: version + 1,
      updated_at: at,
    });
  return updated === 1;
}

/** Marks a case as changed without a new version (a joined report does not move it). */
export async function touchCase(trx: Knex.Transaction, id: number, at: Date): Promise<void> {
  await trx('cases').where({ id }).update({ updated_at: at });
}

export interface NewCaseEvent {
  case_id: number;
  action: CaseAction;
  from_state: CaseState | null;
  to_state: CaseState;
  user_id: number | null;
  role: ActorRole;
  department_id: number | null;
  note: string | null;
  details?: Record<string, unknown>;
  /** Hashes of stored photos (api/photos/photo-store.ts). */
  photos?: string[];
  due_at: Date | null;
  at: Date;
}

/** Appends one event to a case's log. */
export async function insertCaseEvent(trx: Knex.Transaction, event: NewCaseEvent): Promise<number> {
  const [row] = await trx('case_events')
    .insert({ ...event, details: JSON.stringify(event.details ?? {}), photos: JSON.stringify(event.photos ?? []) })
    .returning('id');
  return row.id;
}

/** A case's log, oldest first, with who acted. */
export function listCaseEvents(knex: Knex, caseId: number): Promise<CaseEventRow[]> {
  return knex('case_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .select('e.id', 'e.case_id', 'e.action', 'e.from_state', 'e.to_state', 'e.user_id', 'u.username', 'e.role', 'e.department_id', 'd.code as department_code', 'e.note', 'e.details', 'e.photos', 'e.due_at', 'e.at')
    .where('e.case_id', caseId)
    .orderBy('e.id');
}

/**
 * The next case number of the day: district-date-serial, e.g. 320506-20261128-0001. The day's
 * counter row stays locked until the transaction ends, so concurrent reports never share a number
 * and a rolled-back report leaves no gap.
 */
export async function nextCaseNumber(trx: Knex.Transaction, day: string): Promise<string> {
  const result = await trx.raw(
    `insert into case_number_days (district_code, day, last_serial)
       select left(code, 6), ?::date, 1 from grids where level = 1 order by code limit 1
     on conflict (district_code, day) do update set last_serial = case_number_days.last_serial + 1
     returning district_code, last_serial`,
    [day],
  );
  const row = result.rows[0] as { district_code: string; last_serial: number } | undefined;
  if (!row) throw new Error('no district grid (level 1): seed the reference data first');
  return `${row.district_code}-${day.replaceAll('-', '')}-${String(row.last_serial).padStart(4, '0')}`;
}

// ── reading cases for the API ────────────────────────────────────────────────────────────────

function selectCaseRecords(knex: Knex) {
  return selectCaseRows(knex)
    .leftJoin('components as comp', 'comp.id', 'c.component_id')
    .leftJoin('grids as g', 'g.id', 'c.grid_id')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select(
      'comp.code as component_code',
      'comp.class_code as component_class_code',
      'g.code as grid_code',
      'g.name_zh as grid_name_zh',
      'd.code as department_code',
      'd.name_zh as department_name_zh',
      knex.raw(`coalesce(c.due_at < now() and ${openCondition}, false) as overdue`),
    );
}

type CaseRecordRow = CaseRow & {
  component_code: string | null;
  component_class_code: string | null;
  grid_code: string | null;
  grid_name_zh: string | null;
  department_code: string | null;
  department_name_zh: string | null;
  overdue: boolean;
};

function toRecord(row: CaseRecordRow): CaseRecord {
  const { component_id, component_code, component_class_code, grid_id, grid_code, grid_name_zh, department_id, department_code, department_name_zh, ...rest } = row;
  return {
    ...rest,
    component: component_id === null ? null : { id: component_id, code: component_code!.trim(), class_code: component_class_code!.trim() },
    grid: grid_id === null ? null : { id: grid_id, code: grid_code!, name_zh: grid_name_zh! },
    department: department_id === null ? null : { id: department_id, code: department_code!, name_zh: department_name_zh! },
  };
}

export async function findCaseRecord(knex: Knex, id: number): Promise<CaseRecord | undefined> {
  const row: CaseRecordRow | undefined = await selectCaseRecords(knex).where('c.id', id).first();
  return row && toRecord(row);
}

export async function findCaseRecordByNumber(knex: Knex, number: string): Promise<CaseRecord | undefined> {
  const row: CaseRecordRow | undefined = await selectCaseRecords(knex).where('c.number', number).first();
  return row && toRecord(row);
}

export interface CaseFilter {
  states?: CaseState[];
  departmentId?: number;
  /** Cases in this grid or any grid under it. */
  gridId?: number;
  overdue?: boolean;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox?: [number, number, number, number];
  /** Only cases this department handles or reported (an owner's view). */
  visibleToDepartmentId?: number;
  sources?: CaseSource[];
  eventClassCodes?: string[];
  problemTypeCodes?: string[];
  createdFrom?: Date;
  createdTo?: Date;
  numbers?: string[];
  open?: boolean;
  /** Cases with an id below this (the previous page's last). */
  beforeId?: number;
  limit: number;
}

/** Cases matching the filter, newest first. */
export async function listCaseRecords(knex: Knex, filter: CaseFilter): Promise<CaseRecord[]> {
  const query = selectCaseRecords(knex).orderBy('c.id', 'desc').limit(filter.limit);
  if (filter.states?.length) query.whereIn('c.state', filter.states);
  if (filter.departmentId !== undefined) query.where('c.department_id', filter.departmentId);
  if (filter.visibleToDepartmentId !== undefined) {
    const department = filter.visibleToDepartmentId;
    query.where((q) => q.where('c.department_id', department).orWhere('c.reporter_department_id', department));
  }
  if (filter.gridId !== undefined) {
    query.whereRaw(
      `c.grid_id in (with recursive under(id) as (select ?::int union all select g2.id from grids g2 join under on g2.parent_id = under.id) select id from under)`,
      [filter.gridId],
    );
  }
  if (filter.overdue === true) query.whereRaw(`c.due_at < now() and ${openCondition}`);
  if (filter.overdue === false) query.whereRaw(`not coalesce(c.due_at < now() and ${openCondition}, false)`);
  if (filter.open === true) query.whereRaw(openCondition);
  if (filter.open === false) query.whereRaw(`not (${openCondition})`);
  if (filter.bbox) query.whereRaw('c.location && ST_MakeEnvelope(?, ?, ?, ?, 4326)', filter.bbox);
  if (filter.sources?.length) query.whereIn('c.source', filter.sources);
  if (filter.eventClassCodes?.length) query.whereIn('c.event_class_code', filter.eventClassCodes);
  if (filter.problemTypeCodes?.length) query.whereIn('c.problem_type_code', filter.problemTypeCodes);
  if (filter.numbers?.length) query.whereIn('c.number', filter.numbers);
  if (filter.createdFrom) query.where('c.created_at', '>=', filter.createdFrom);
  if (filter.createdTo) query.where('c.created_at', '<=', filter.createdTo);
  if (filter.beforeId !== undefined) query.where('c.id', '<', filter.beforeId);
  const rows: CaseRecordRow[] = await query;
  return rows.map(toRecord);
}
