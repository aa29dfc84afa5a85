/** zod schemas of the OGC API's responses: they describe /ogc in the OpenAPI documents and tests check answers against them. */
import { ownershipStatuses } from '../db/migrations/003-components.migration.ts';
import { z } from '../http/zod.ts';

export const ogcLinkSchema = z
  .object({ href: z.string(), rel: z.string(), type: z.string().optional(), title: z.string().optional() })
  .openapi('OgcLink');
const links = z.array(ogcLinkSchema);

export const ogcLandingPageSchema = z.object({ title: z.string(), description: z.string(), links }).openapi('OgcLandingPage');

export const ogcConformanceSchema = z.object({ conformsTo: z.array(z.string()) }).openapi('OgcConformance');

export const ogcCollectionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    itemType: z.literal('feature'),
    crs: z.array(z.string()),
    storageCrs: z.string(),
    extent: z.object({
      spatial: z.object({ bbox: z.array(z.array(z.number()).min(4).max(6)), crs: z.string() }),
      temporal: z.object({ interval: z.array(z.array(z.string().nullable()).length(2)), trs: z.string() }).optional(),
    }),
    links,
  })
  .openapi('OgcCollection');

export const ogcCollectionsSchema = z.object({ links, collections: z.array(ogcCollectionSchema), crs: z.array(z.string()) }).openapi('OgcCollections');

const geometry = (type: string) => z.object({ type: z.literal(type), coordinates: z.array(z.any()) });

export const ogcComponentFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string().regex(/^\d{16}$/),
    geometry: geometry('Point'),
    properties: z.object({
      code: z.string(),
      class_code: z.string(),
      class_name_zh: z.string(),
      class_name_en: z.string(),
      major_code: z.string(),
      department_code: z.string().nullable(),
      department_name_zh: z.string().nullable(),
      ownership_status: z.enum(ownershipStatuses),
      grid_code: z.string().nullable(),
      version: z.number().int(),
      updated_at: z.string(),
    }),
    links: links.optional(),
  })
  .openapi('OgcComponentFeature');

export const ogcGridFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string().regex(/^\d{6,14}$/),
    geometry: geometry('MultiPolygon'),
    properties: z.object({
      code: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      level: z.number().int().min(1).max(4),
      parent_code: z.string().nullable(),
    }),
    links: links.optional(),
  })
  .openapi('OgcGridFeature');

const featureCollection = (feature: z.ZodType) =>
  z.object({
    type: z.literal('FeatureCollection'),
    numberMatched: z.number().int().min(0),
    numberReturned: z.number().int().min(0),
    timeStamp: z.string(),
    links,
    features: z.array(feature),
  });

export const ogcComponentCollectionSchema = featureCollection(ogcComponentFeatureSchema).openapi('OgcComponentFeatureCollection');
export const ogcGridCollectionSchema = featureCollection(ogcGridFeatureSchema).openapi('OgcGridFeatureCollection');

/** OGC API exception (Part 1's exception.yaml), plus the request id. */
export const ogcExceptionSchema = z
  .object({ code: z.string(), description: z.string(), details: z.unknown().optional(), request_id: z.string().optional() })
  .openapi('OgcException');
