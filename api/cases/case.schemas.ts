/** zod schemas of the case API: requests, and the responses the OpenAPI document shows. */
import { z } from '../http/zod.ts';
import { caseActions, caseStates, transitionActions } from './case-state-machine.ts';

const caseClass = z.enum(['A', 'B', 'C']);
const state = z.enum(caseStates);

export const caseIdParams = z.object({ id: z.coerce.number().int().positive().describe('case id') });

export const newCaseSchema = z
  .object({
    component_code: z.string().regex(/^\d{16}$/, '16 digits').optional().describe('部件标识码: the component the problem is on'),
    event_class: z.string().regex(/^\d{4}$/, '4 digits').optional().describe('GB/T 30428.2 event class, for a problem with no component'),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    problem_type: z.string().min(1).max(40).describe('problem type code from GET /api/problem-types'),
    case_class: caseClass.optional().describe("A/B/C; the problem type's by default"),
    note: z.string().max(2000).optional(),
  })
  .refine((body) => body.component_code !== undefined || (body.lon !== undefined && body.lat !== undefined), {
    message: 'give component_code, or lon and lat',
  })
  .refine((body) => (body.lon === undefined) === (body.lat === undefined), { message: 'give lon and lat together' })
  .openapi('NewCase');

export const transitionSchema = z
  .object({
    action: z.enum(transitionActions),
    note: z.string().max(2000).optional(),
    department: z.string().min(1).max(60).optional().describe('dispatch: department code (default: the suggested one)'),
    reason: z.string().max(1000).optional().describe('not_file: why; dispatch: why not the suggested department'),
    version: z.number().int().positive().describe('the version of the case you acted on'),
  })
  .openapi('CaseTransition');

/** The multipart form of a report or transition: its JSON body in `payload` (or as fields) and photos. */
export const casePhotoFormSchema = z
  .object({
    payload: z.string().optional().describe('the JSON body of the request, as text'),
    photos: z.array(z.string().openapi({ format: 'binary' })).max(6).optional().describe('JPEG, PNG or WebP; at most 6, 20 MiB each'),
  })
  .openapi('CasePhotoForm');

const commaList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));

export const caseListQuery = z.object({
  state: commaList(state).optional().describe('one state or several, comma-separated'),
  department: z.string().min(1).max(60).optional().describe('department code'),
  grid: z.string().regex(/^\d+$/).optional().describe('grid code: cases in it or any grid under it'),
  overdue: z.enum(['true', 'false']).transform((value) => value === 'true').optional().describe("true: the running step's deadline has passed"),
  bbox: z
    .string()
    .transform((value) => value.split(',').map(Number))
    .pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]))
    .refine(([minX, minY, maxX, maxY]) => minX <= maxX && minY <= maxY, 'min before max')
    .optional()
    .describe('minLon,minLat,maxLon,maxLat'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+$/).optional().describe('next_cursor of the previous page'),
});

const namedRef = z.object({ id: z.number().int(), code: z.string(), name_zh: z.string() });

export const caseSchema = z
  .object({
    id: z.number().int(),
    number: z.string().describe('e.g. 320506-20261128-0001'),
    source: z.enum(['inspector', 'dispatcher', 'citizen', 'owner']),
    state,
    case_class: caseClass,
    problem_type_code: z.string().nullable(),
    event_class_code: z.string().nullable(),
    component: z.object({ id: z.number().int(), code: z.string(), class_code: z.string() }).nullable(),
    lon: z.number(),
    lat: z.number(),
    grid: namedRef.nullable(),
    department: namedRef.nullable().describe('the department handling it: suggested until dispatched'),
    reporter_department_id: z.number().int().nullable(),
    deadlines: z.record(z.string(), z.string()).describe('current deadline of each step started'),
    due_at: z.string().nullable().describe('deadline of the running step'),
    overdue: z.boolean(),
    rework_count: z.number().int(),
    description: z.string().nullable(),
    reporter_id: z.number().int().nullable(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Case');

export const caseEventSchema = z
  .object({
    id: z.number().int(),
    action: z.enum(caseActions),
    from_state: state.nullable(),
    to_state: state,
    user_id: z.number().int().nullable(),
    username: z.string().nullable(),
    role: z.string().nullable(),
    department_id: z.number().int().nullable(),
    department_code: z.string().nullable(),
    note: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    photos: z.array(z.string()).describe('photo hashes: GET /api/photos/{hash}'),
    due_at: z.string().nullable().describe('deadline of the step this event starts'),
    at: z.string(),
  })
  .openapi('CaseEvent');

export const caseDetailSchema = caseSchema
  .extend({
    events: z.array(caseEventSchema),
    suggested_department: z
      .object({ department_id: z.number().int(), code: z.string(), name_zh: z.string(), source: z.enum(['component_owner', 'responsibility_rule']) })
      .nullable(),
    actions: z.array(z.enum(transitionActions)).describe('what you may do next'),
  })
  .openapi('CaseDetail');

export const reportResultSchema = caseDetailSchema
  .extend({
    joined: z.boolean().describe("true: the component's open case took the report"),
    possible_duplicates: z.array(z.object({ id: z.number().int(), number: z.string(), state, distance_m: z.number() })),
  })
  .openapi('CaseReport');

export const casePageSchema = z.object({ items: z.array(caseSchema), next_cursor: z.string().nullable() }).openapi('CasePage');
