/**
 * Query parameters of the OGC API, validated with zod. Every endpoint takes a closed set of
 * parameters: an unknown one is a 400 (Part 1 lets a server ignore or refuse them; refusing tells a
 * client its filter was not applied). The same schemas, with their `.openapi()` notes, describe the
 * parameters in the OpenAPI documents.
 */
import { ownershipStatuses } from '../db/migrations/003-components.migration.ts';
import { badRequest } from '../http/errors.ts';
import { z } from '../http/zod.ts';
import { crs84, findCrs, supportedCrs, toLonLatBbox, type LonLatBbox, type OgcCrs } from './ogc-crs.ts';
import { decodeCursor } from './ogc-cursor.ts';
import { parseDatetime, type TimeInterval } from './ogc-datetime.ts';

export const defaultLimit = 100;
export const maxLimit = 10_000;
/** Highest `zoom` hint for simplified grid outlines (a pixel is then ~0.5 m). */
export const maxZoom = 22;

/** Query parameters are comma lists, not repeated keys (OpenAPI `form`, not exploded). */
const param = { style: 'form', explode: false } as const;
const crsUris = supportedCrs.map((crs) => crs.uri);

const format = z
  .enum(['json', 'geojson'], { error: 'f is json or geojson: this API offers no HTML' })
  .optional()
  .openapi({ param, description: 'Response format: json or geojson (the same document). No HTML.' });

const crsValue = (name: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const crs = findCrs(value);
      if (!crs) ctx.addIssue({ code: 'custom', message: `${name} must be one of ${crsUris.join(', ')}` });
      return crs ?? crs84;
    })
    .optional()
    .openapi({ type: 'string', format: 'uri', enum: crsUris, param });

const crs = crsValue('crs').openapi({ description: 'CRS of the response coordinates (default CRS84, longitude first; EPSG:4490 and EPSG:4326 are latitude first).' });

const limit = z
  .string()
  .regex(/^\d{1,9}$/, 'limit is a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'limit is at least 1').max(maxLimit, `limit is at most ${maxLimit}`))
  .optional()
  .openapi({ type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit, param, description: `Features per page (1–${maxLimit}, default ${defaultLimit}).` });

const bbox = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(',');
    const numbers = parts.map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
    if ((parts.length !== 4 && parts.length !== 6) || numbers.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: 'bbox is 4 numbers, lower corner then upper corner (6 with heights, which are ignored)' });
      return z.NEVER;
    }
    // with heights the corners are x,y,z: drop the z of each
    const [a, b, c, d] = parts.length === 6 ? [numbers[0], numbers[1], numbers[3], numbers[4]] : numbers;
    return [a, b, c, d] as [number, number, number, number];
  })
  .optional()
  .openapi({ type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 6, param, description: 'Only features in this box: lower corner, upper corner, in bbox-crs axis order (default CRS84: minLon,minLat,maxLon,maxLat).' });

const bboxCrs = crsValue('bbox-crs').openapi({ description: 'CRS of bbox (default CRS84). EPSG:4490 and EPSG:4326 take latitude first.' });

const datetime = z
  .string()
  .transform((value, ctx) => {
    const interval = parseDatetime(value);
    if (typeof interval === 'string') {
      ctx.addIssue({ code: 'custom', message: interval });
      return z.NEVER;
    }
    return interval;
  })
  .optional()
  .openapi({ type: 'string', param, description: 'An RFC 3339 instant or interval (start/end, open end as ..).' });

const cursor = z
  .string()
  .transform((value, ctx) => {
    const afterId = decodeCursor(value);
    if (afterId === undefined) ctx.addIssue({ code: 'custom', message: 'cursor is not a token from a next link' });
    return afterId ?? '';
  })
  .optional()
  .openapi({ type: 'string', param, description: 'Paging token: follow the next link rather than building it.' });

const itemsShape = { f: format, limit, bbox, 'bbox-crs': bboxCrs, crs, datetime, cursor };

/** Query of /ogc/collections/components/items. */
export const componentItemsQuerySchema = z.strictObject({
  ...itemsShape,
  class: z
    .string()
    .regex(/^\d{2}(\d{2})?$/, 'class is a 4-digit sub-class code (e.g. 0101) or a 2-digit major class (e.g. 01)')
    .optional()
    .openapi({ param, description: 'Sub-class code (4 digits) or major class (2 digits), GB/T 30428.2.' }),
  department: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'department is a department code such as water-affairs')
    .optional()
    .openapi({ param, description: 'Owner department code (权属单位).' }),
  ownership: z
    .enum(ownershipStatuses, { error: `ownership is one of ${ownershipStatuses.join(', ')}` })
    .optional()
    .openapi({ param, description: 'Ownership confirmation status (确权).' }),
});

/** Query of /ogc/collections/grids/items. */
export const gridItemsQuerySchema = z.strictObject({
  ...itemsShape,
  level: z
    .string()
    .regex(/^[1-4]$/, 'level is 1 (district), 2 (town), 3 (community) or 4 (base grid)')
    .transform(Number)
    .optional()
    .openapi({ type: 'integer', minimum: 1, maximum: 4, param, description: '1 district, 2 town/street, 3 community, 4 base grid.' }),
  parent: z
    .string()
    .regex(/^\d{6,14}$/, 'parent is a grid code of 6 to 14 digits')
    .optional()
    .openapi({ param, description: 'Only the children of this grid code.' }),
  zoom: z
    .string()
    .regex(/^\d{1,2}$/, `zoom is a whole number from 0 to ${maxZoom}`)
    .transform(Number)
    .pipe(z.number().max(maxZoom, `zoom is at most ${maxZoom}`))
    .optional()
    .openapi({ type: 'integer', minimum: 0, maximum: maxZoom, param, description: 'Map zoom the outlines are drawn at: simplified to about a pixel. Omit for full geometry.' }),
});

/** Query of a single feature. */
export const itemQuerySchema = z.strictObject({ f: format, crs });
/** Query of the landing page, conformance, collections and a collection. */
export const documentQuerySchema = z.strictObject({ f: format });

/** What every items request asks for, apart from the collection's own filters. */
export interface ItemsRequest {
  limit: number;
  /** [minLon, minLat, maxLon, maxLat] whatever bbox-crs the client used. */
  bbox?: LonLatBbox;
  datetime?: TimeInterval;
  crs: OgcCrs;
  afterId?: string;
  format?: 'json' | 'geojson';
}

export interface ComponentItemsRequest extends ItemsRequest {
  classCode?: string;
  majorCode?: string;
  departmentCode?: string;
  ownership?: (typeof ownershipStatuses)[number];
}

export interface GridItemsRequest extends ItemsRequest {
  level?: number;
  parentCode?: string;
  zoom?: number;
}

/** Parses a component items query; throws a 400 saying what is wrong. */
export function parseComponentItemsQuery(query: unknown): ComponentItemsRequest {
  const q = parseQuery(componentItemsQuerySchema, query);
  const byLength = q.class?.length === 2 ? { majorCode: q.class } : q.class ? { classCode: q.class } : {};
  return { ...itemsRequest(q), ...byLength, departmentCode: q.department, ownership: q.ownership };
}

/** Parses a grid items query; throws a 400 saying what is wrong. */
export function parseGridItemsQuery(query: unknown): GridItemsRequest {
  const q = parseQuery(gridItemsQuerySchema, query);
  return { ...itemsRequest(q), level: q.level, parentCode: q.parent, zoom: q.zoom };
}

/** Validates a query against a closed schema; throws a 400 naming the first problem (all in details). */
export function parseQuery<S extends z.ZodObject>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? { parameter: issue.keys.join(','), message: `unknown query parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}; this endpoint takes ${Object.keys(schema.shape).join(', ')}` }
      : { parameter: issue.path.join('.'), message: issue.message },
  );
  const first = issues[0]!;
  throw badRequest(first.message.startsWith('unknown') ? first.message : `invalid ${first.parameter}: ${first.message}`, issues);
}

function itemsRequest(q: z.output<typeof componentItemsQuerySchema> | z.output<typeof gridItemsQuerySchema>): ItemsRequest {
  return {
    limit: q.limit ?? defaultLimit,
    bbox: q.bbox ? checkedBbox(toLonLatBbox(q.bbox, q['bbox-crs'] ?? crs84)) : undefined,
    datetime: q.datetime,
    crs: q.crs ?? crs84,
    afterId: q.cursor,
    format: q.f,
  };
}

/** A box must be on the globe, lower corner first; one crossing the antimeridian is refused. */
function checkedBbox(box: LonLatBbox): LonLatBbox {
  const [minLon, minLat, maxLon, maxLat] = box;
  const problem =
    [minLat, maxLat].some((lat) => lat < -90 || lat > 90) ? 'bbox latitudes must lie between -90 and 90'
    : [minLon, maxLon].some((lon) => lon < -180 || lon > 180) ? 'bbox longitudes must lie between -180 and 180'
    : minLat > maxLat ? 'bbox lower corner latitude is above the upper corner'
    : minLon > maxLon ? 'bbox lower corner longitude is east of the upper corner (boxes across the antimeridian are not supported)'
    : undefined;
  if (problem) throw badRequest(`invalid bbox: ${problem} (axis order follows bbox-crs)`, [{ parameter: 'bbox', message: problem }]);
  return box;
}
