/** zod schemas of the survey-batch API: requests, and the responses the OpenAPI document shows. */
import { bboxQuery } from '../components/component-filter.ts';
import { z } from '../http/zod.ts';

export const batchIdParams = z.object({ id: z.coerce.number().int().positive().describe('survey batch id') });

export const importOptionsSchema = z.object({
  srs: z.string().regex(/^EPSG:\d{4,5}$/i, 'write it as EPSG:n, e.g. EPSG:4549').optional().describe('the CRS when the .prj is missing or wrong'),
  encoding: z.string().min(2).max(40).optional().describe('text encoding of the .dbf, overriding .cpg and detection'),
  datum: z.enum(['gcj02', 'bd09']).optional().describe('coordinates are GCJ-02 or BD-09 offset'),
  towgs84: z.string().regex(/^-?[\d.]+(,-?[\d.]+){2}(,-?[\d.]+){0,4}$/, 'dx,dy,dz[,rx,ry,rz,s]').optional(),
  profile: z.string().regex(/^[\w-]+$/).optional().describe('field profile in data/profiles/'),
});

export const uploadForm = z
  .object({
    files: z.array(z.string().openapi({ format: 'binary' })).describe('a .zip, or .shp with .shx/.dbf/.prj/.cpg'),
    name: z.string().optional(),
  })
  .extend(importOptionsSchema.shape)
  .openapi('SurveyUpload');

export const surveyBatchSchema = z
  .object({
    id: z.number().int(),
    name: z.string().nullable(),
    state: z.enum(['uploaded', 'validated', 'committed', 'discarded', 'failed']),
    contractor_id: z.number().int().nullable(),
    files: z.array(z.object({ name: z.string(), bytes: z.number() })),
    checksum: z.string(),
    encoding: z.string().nullable(),
    crs: z.string().nullable(),
    counts: z.record(z.string(), z.unknown()),
    report: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    progress: z.record(z.string(), z.unknown()).optional(),
    created_at: z.string(),
    committed_at: z.string().nullable(),
  })
  .openapi('SurveyBatch');

export const rejectsQuery = z.object({
  format: z.enum(['json', 'csv', 'geojson']).default('json'),
  rule: z.string().max(60).optional().describe('only rejects of this rule'),
});

export const stagedQuery = z.object({
  bbox: bboxQuery.optional().describe('only rows in this box (minLon,minLat,maxLon,maxLat); without it, every row and their extent'),
  limit: z.coerce.number().int().min(1).max(5000).default(2000).describe('at most this many rows: an even sample when more lie in the box'),
});

const stagedRowSchema = z.object({
  type: z.literal('Feature'),
  id: z.number().int(),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }).describe("the row's representative point"),
  properties: z.object({
    layer: z.string(),
    row: z.number().int().describe("the row's number in its layer"),
    class_code: z.string(),
    action: z.enum(['new', 'update', 'unchanged']).describe('what committing does with the row'),
  }),
});

export const stagedRowsSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(stagedRowSchema),
    total: z.number().int().describe('accepted rows in the box (or in the batch)'),
    extent: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().optional().describe("the batch's accepted rows' extent, when no bbox is given"),
  })
  .openapi('StagedRows');

export const batchListQuery = z.object({
  state: z.enum(['uploaded', 'validated', 'committed', 'discarded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
