/** zod schemas of the component API: requests, and the responses the OpenAPI document shows. */
import { z } from '../http/zod.ts';
import { componentFilterQuery, pageQuery } from './component-filter.ts';

/** 部件标识码 — component code: district (6) + major class (2) + sub-class (2) + serial (6). */
export const componentCode = z.string().regex(/^\d{16}$/, 'a component code is 16 digits, e.g. 3205060101000001');

export const componentCodeParams = z.object({ code: componentCode });

export const componentListQuery = componentFilterQuery.extend(pageQuery.shape);

export const nearbyQuery = z.object({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  radius: z.coerce.number().positive().max(500).default(20).describe('metres, at most 500'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const exportQuery = componentFilterQuery.extend({
  format: z.enum(['geojson', 'csv']).default('geojson'),
});

const ownershipStatus = z.enum(['pending', 'confirmed', 'disputed']);

export const componentProperties = z
  .object({
    code: z.string(),
    class_code: z.string(),
    class_name_zh: z.string(),
    class_name_en: z.string(),
    major_code: z.string(),
    major_name_zh: z.string(),
    major_name_en: z.string(),
    department_code: z.string().nullable(),
    department_name_zh: z.string().nullable(),
    department_name_en: z.string().nullable(),
    ownership_status: ownershipStatus,
    grid_code: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('ComponentProperties');

const geometry = z.object({ type: z.string(), coordinates: z.array(z.any()) }).openapi('Geometry');

export const componentFeature = z
  .object({ type: z.literal('Feature'), id: z.string(), geometry, properties: componentProperties })
  .openapi('ComponentFeature');

export const componentPage = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(componentFeature),
    returned: z.number().int(),
    next: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
  })
  .openapi('ComponentPage');

export const nearbyCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(componentFeature.extend({ properties: componentProperties.extend({ distance_m: z.number() }) })),
  })
  .openapi('NearbyComponents');

const department = z.object({ code: z.string(), name_zh: z.string(), name_en: z.string() });

export const componentDetail = z
  .object({
    code: z.string(),
    class: z.object({ code: z.string(), name_zh: z.string(), name_en: z.string(), major_code: z.string(), major_name_zh: z.string(), major_name_en: z.string() }),
    department: department.nullable(),
    ownership_status: ownershipStatus,
    ownership_changed_at: z.string().nullable(),
    open_dispute: z
      .object({ id: z.number().int(), department_code: z.string(), suggested_department_code: z.string().nullable(), reason: z.string(), created_at: z.string() })
      .nullable(),
    grid_path: z.array(z.object({ level: z.number().int(), code: z.string(), name_zh: z.string(), name_en: z.string() })).describe('town › community › base grid'),
    geometry,
    point: z.tuple([z.number(), z.number()]).describe('representative point, lon/lat'),
    attributes: z.record(z.string(), z.unknown()),
    photo: z.string().nullable(),
    survey_batch: z.object({ id: z.number().int(), name: z.string().nullable(), committed_at: z.string().nullable() }).nullable(),
    history: z.array(
      z.object({ id: z.number().int(), at: z.string(), action: z.string(), username: z.string().nullable(), role: z.string().nullable(), details: z.record(z.string(), z.unknown()) }),
    ),
    open_cases: z.array(
      z.object({
        id: z.number().int(),
        number: z.string(),
        state: z.string(),
        case_class: z.string(),
        event_class_code: z.string().nullable(),
        department_code: z.string().nullable(),
        created_at: z.string(),
      }),
    ),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('ComponentDetail');
