/** Request and response schemas of GET /api/assessment. */
import { z } from '../http/zod.ts';
import { rateNames } from './assessment-weights.ts';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
  }, 'not a calendar day');

export const assessmentQuery = z
  .object({
    from: day.optional().describe('first day of the period (Asia/Shanghai), default the first of this month'),
    to: day.optional().describe('last day of the period, inclusive (Asia/Shanghai), default today'),
    by: z.enum(['department', 'grid']).default('department'),
    grid_level: z.coerce.number().int().min(2).max(4).default(2).describe('with by=grid: 2 town/street, 3 community, 4 base grid'),
    department: z.string().min(1).optional().describe('dispatcher/admin: one department (code); an owner always sees its own'),
    as_of: z.iso.datetime({ offset: true }).optional().describe('count what happened up to this instant (default now), to reproduce an earlier report'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from is after to', path: ['from'] });

export type AssessmentQueryInput = z.infer<typeof assessmentQuery>;

const rate = z.number().nullable();

export const assessmentRow = z
  .object({
    group: z.object({ id: z.number().int(), code: z.string(), name_zh: z.string(), name_en: z.string(), level: z.number().int().nullable() }),
    received: z.number().int().describe('受理: cases dispatched to it in the period'),
    disposals: z.number().int().describe('dispose steps ended (after the dispatch or a return)'),
    disposed_on_time: z.number().int(),
    overdue: z.number().int().describe('dispose steps that ran over: ended late, or running past the deadline'),
    judged_dispose_steps: z.number().int().describe('dispose steps ended, or running past the deadline'),
    returns: z.number().int().describe('返工: returns for rework'),
    closed: z.number().int().describe('结案: of the cases received'),
    on_time_rate: rate.describe('disposed_on_time / disposals'),
    closure_rate: rate.describe('closed / received'),
    rework_rate: rate.describe('returns / disposals'),
    overdue_rate: rate.describe('overdue / judged_dispose_steps'),
    avg_disposal_hours: z.number().nullable().describe('natural hours from dispatch (or return) to disposal, on average'),
    score: z.number().nullable().describe('composite 0–100 with the weights in data/cases/assessment-weights.json'),
  })
  .openapi('AssessmentRow');

export const assessmentReport = z
  .object({
    from: z.string(),
    to: z.string(),
    as_of: z.string(),
    by: z.enum(['department', 'grid']),
    grid_level: z.number().int().nullable(),
    weights: z.object(Object.fromEntries(rateNames.map((name) => [name, z.object({ weight: z.number(), better: z.enum(['higher', 'lower']) })]))),
    groups: z.array(assessmentRow).describe('best score first'),
  })
  .openapi('AssessmentReport');

export type AssessmentReport = z.infer<typeof assessmentReport>;
export type AssessmentRow = z.infer<typeof assessmentRow>;
