/**
 * The GeoReport v2 view of civicgrid (https://wiki.open311.org/GeoReport_v2): every problem type
 * of the catalogue is a service; a service request is a case, reported by a citizen through a
 * client app with its API key, and read back by its case number.
 */
import type { Knex } from 'knex';
import { listComponentClasses, listEventClasses } from '../classes/class.repository.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { listProblemTypes } from '../cases/catalogue/problem-type.repository.ts';
import { citizenActor } from '../cases/case-actor.ts';
import { isOpen } from '../cases/case-state-machine.ts';
import { findCaseRecordByNumber, listCaseRecords, type CaseRecord } from '../cases/case.repository.ts';
import { classOfProblemCode, reportCase } from '../cases/case.service.ts';
import type { Open311Client } from './open311-client.repository.ts';

export interface GeoReportService {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface GeoReportRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number;
  long: number;
  media_url: null;
}

/** The services: one per problem type, grouped by its component or event class. */
export async function listServices(knex: Knex): Promise<GeoReportService[]> {
  const [types, componentClasses, eventClasses] = await Promise.all([listProblemTypes(knex, {}), listComponentClasses(knex), listEventClasses(knex)]);
  const componentNames = new Map(componentClasses.map((c) => [c.code, c]));
  const eventNames = new Map(eventClasses.map((c) => [c.code, c]));
  return types.map((type) => {
    const group = type.class_code ? componentNames.get(type.class_code) : type.event_class_code ? eventNames.get(type.event_class_code) : undefined;
    const kind = type.class_code ? '部件 component' : '事件 event';
    return {
      service_code: type.code,
      service_name: type.name_zh,
      description: `${type.name_en} — ${kind} ${group ? `${group.name_zh} ${group.name_en}` : ''}; case class ${type.case_class}`.trim(),
      metadata: false,
      type: 'realtime',
      keywords: [type.name_zh, group?.name_zh].filter(Boolean).join(','),
      group: group ? `${group.major_name_zh} ${group.major_name_en}` : kind,
    };
  });
}

export interface NewServiceRequest {
  service_code: string;
  lat: number;
  long: number;
  description?: string;
  address_string?: string;
  email?: string;
}

/** Reports a citizen's request as a case through the same service as every other report. */
export async function createServiceRequest(knex: Knex, client: Open311Client, request: NewServiceRequest, requestId?: string): Promise<{ service_request_id: string; service_notice: string | null; account_id: null }> {
  if (!classOfProblemCode(request.service_code)) throw badRequest(`unknown service_code ${request.service_code}: see services.json`);
  const details: Record<string, unknown> = { open311_client: client.name };
  if (request.email) details.email = request.email;
  if (request.address_string) details.address = request.address_string;
  // the problem type's code names its class: an event is placed at the point, a component's
  // problem goes to the nearest component of the class
  const result = await reportCase(knex, { problem_type: request.service_code, lon: request.long, lat: request.lat, note: request.description }, citizenActor(client.name), { requestId, details });
  return {
    service_request_id: result.case.number,
    service_notice: result.joined ? `joined the open case ${result.case.number} on the same component` : null,
    account_id: null,
  };
}

export interface ServiceRequestQuery {
  service_request_id?: string[];
  service_code?: string[];
  start_date?: Date;
  end_date?: Date;
  status?: ('open' | 'closed')[];
}

/** Service requests; without ids or dates the last 90 days, at most 1000, as the spec says. */
export async function listServiceRequests(knex: Knex, query: ServiceRequestQuery): Promise<GeoReportRequest[]> {
  const byId = query.service_request_id !== undefined;
  const start = query.start_date ?? (byId ? undefined : new Date((query.end_date?.getTime() ?? Date.now()) - 90 * 86_400_000));
  const statuses = new Set(query.status ?? []);
  const records = await listCaseRecords(knex, {
    numbers: query.service_request_id,
    problemTypeCodes: query.service_code,
    createdFrom: start,
    createdTo: query.end_date,
    open: statuses.size === 1 ? statuses.has('open') : undefined,
    limit: 1000,
  });
  const names = await serviceNames(knex);
  return records.map((record) => toGeoReport(record, names));
}

/** One service request by its id (the case number). */
export async function getServiceRequest(knex: Knex, id: string): Promise<GeoReportRequest> {
  const record = await findCaseRecordByNumber(knex, id);
  if (!record) throw notFound(`no service request ${id}`);
  return toGeoReport(record, await serviceNames(knex));
}

async function serviceNames(knex: Knex): Promise<Map<string, string>> {
  return new Map((await listProblemTypes(knex, {})).map((type) => [type.code, type.name_zh]));
}

function toGeoReport(record: CaseRecord, names: Map<string, string>): GeoReportRequest {
  return {
    service_request_id: record.number,
    status: isOpen(record.state) ? 'open' : 'closed',
    status_notes: record.state,
    service_name: record.problem_type_code ? (names.get(record.problem_type_code) ?? null) : null,
    service_code: record.problem_type_code,
    description: record.description,
    agency_responsible: record.department?.name_zh ?? null,
    service_notice: null,
    requested_datetime: record.created_at.toISOString(),
    updated_datetime: record.updated_at.toISOString(),
    // when the department has to be done: the disposal deadline once dispatched
    expected_datetime: record.deadlines.dispose ?? null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: record.lat,
    long: record.lon,
    media_url: null,
  };
}
