/** zod schemas of the survey-batch API: requests, and the responses the OpenAPI document shows. */
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

export const batchListQuery = z.object({
  state: z.enum(['uploaded', 'validated', 'committed', 'discarded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
