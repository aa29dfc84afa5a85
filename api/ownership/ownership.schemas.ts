/** zod schemas of the ownership (确权) API: requests, and the responses the OpenAPI document shows. */
import { z } from '../http/zod.ts';
import { componentFilterQuery, pageQuery } from '../components/component-filter.ts';
import { componentCode } from '../components/component.schemas.ts';

const departmentCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a department code, e.g. water-supply');
const ownershipStatus = z.enum(['pending', 'confirmed', 'disputed']);
const disputeState = z.enum(['open', 'reassigned', 'upheld']);

/** The components a bulk request names, each at the version the client loaded (1 to 1,000). */
const versionedComponents = z
  .array(z.object({ code: componentCode, version: z.number().int().min(1).describe('the version you loaded') }))
  .min(1)
  .max(1000);

export const worklistQuery = componentFilterQuery
  .pick({ bbox: true, class: true, grid: true, q: true })
  .extend({
    status: ownershipStatus.default('pending'),
    department: departmentCode.optional().describe('dispatcher/admin: one department (default all); an owner: only its own'),
  })
  .extend(pageQuery.shape);

export const ownershipRequest = z
  .object({
    components: versionedComponents,
    action: z.enum(['confirm', 'dispute']).describe('confirm (确认) or dispute (异议)'),
    reason: z.string().trim().max(1000).optional().describe('required for dispute'),
    suggested_department: departmentCode.optional().describe('dispute: the department that should own them'),
  })
  .refine((body) => body.action !== 'dispute' || (body.reason ?? '').length > 0, { path: ['reason'], message: 'a dispute needs a reason' })
  .openapi('OwnershipRequest');

export const ownershipResult = z
  .object({
    action: z.enum(['confirm', 'dispute']),
    components: z.array(z.object({ code: z.string(), ownership_status: ownershipStatus, version: z.number().int() })),
    disputes: z.array(z.object({ id: z.number().int(), code: z.string() })),
  })
  .openapi('OwnershipResult');

export const reassignmentRequest = z
  .object({
    components: versionedComponents,
    department: departmentCode.describe('the new owner'),
    reason: z.string().trim().min(1, 'say why').max(1000),
  })
  .openapi('OwnershipReassignment');

export const reassignmentResult = z
  .object({
    department: z.string(),
    components: z.array(z.object({ code: z.string(), ownership_status: ownershipStatus, version: z.number().int() })).describe('moved: now pending for the new owner'),
    unchanged: z.array(z.string()).describe('already the department\'s: left as they were'),
  })
  .openapi('OwnershipReassignmentResult');

export const disputeQuery = z
  .object({
    state: disputeState.optional().describe('open (the queue), reassigned or upheld; all when omitted'),
    department: departmentCode.optional().describe('the disputing department; an owner: only its own'),
  })
  .extend(pageQuery.shape);

export const disputeIdParams = z.object({ id: z.coerce.number().int().positive().describe('dispute id') });

export const resolutionBody = z
  .object({
    decision: z.enum(['reassign', 'uphold']).describe('reassign: another department owns it (pending for it); uphold: the disputing department owns it (confirmed by the centre)'),
    department: departmentCode.optional().describe('reassign: the new owner'),
    note: z.string().trim().min(1, 'say why').max(1000),
    version: z.number().int().min(1).describe('the component version the decision was made on'),
  })
  .refine((body) => body.decision !== 'reassign' || body.department !== undefined, { path: ['department'], message: 'reassign needs the department' })
  .openapi('DisputeResolution');

export const disputeView = z
  .object({
    id: z.number().int(),
    state: disputeState,
    component_code: z.string(),
    component_version: z.number().int(),
    class_code: z.string(),
    class_name_zh: z.string(),
    class_name_en: z.string(),
    grid_code: z.string().nullable(),
    current_department_code: z.string().nullable(),
    ownership_status: ownershipStatus,
    lon: z.number(),
    lat: z.number(),
    department_code: z.string(),
    department_name_zh: z.string(),
    suggested_department_code: z.string().nullable(),
    suggested_department_name_zh: z.string().nullable(),
    reason: z.string(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    resolved_by: z.string().nullable(),
    resolved_at: z.string().nullable(),
    resolved_department_code: z.string().nullable(),
    resolution_note: z.string().nullable(),
  })
  .openapi('OwnershipDispute');

export const disputePage = z.object({ disputes: z.array(disputeView), next: z.string().nullable() }).openapi('OwnershipDisputePage');

export const progressQuery = z.object({ department: departmentCode.optional() });

const progressCounts = z.object({
  total: z.number().int(),
  confirmed: z.number().int(),
  pending: z.number().int(),
  disputed: z.number().int(),
  confirmed_pct: z.number(),
  pending_pct: z.number(),
  disputed_pct: z.number(),
});

export const progressReport = z
  .object({
    departments: z.array(progressCounts.extend({ code: z.string(), name_zh: z.string(), name_en: z.string() })),
    total: progressCounts,
    unowned: z.number().int().nullable().describe('components no department owns (district-wide view only)'),
  })
  .openapi('OwnershipProgress');
