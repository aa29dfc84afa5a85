/**
 * The filters every component listing shares (list, export, ownership worklist): what a query
 * string may say, validated by zod into a ComponentFilter the repository turns into SQL.
 */
import { z } from '../http/zod.ts';
import { ownershipStatuses } from '../db/migrations/003-components.migration.ts';

/** 确权状态 — ownership status: pending (as surveyed), confirmed by the owner, disputed. */
export type OwnershipStatus = (typeof ownershipStatuses)[number];

/** minLon, minLat, maxLon, maxLat in degrees (EPSG:4326). */
export type Bbox = [number, number, number, number];

/** A parsed filter; every field narrows the result, all combine with AND. */
export interface ComponentFilter {
  bbox?: Bbox;
  /** 4-digit sub-classes and 2-digit major classes; a component matches any of them */
  class?: string[];
  /** department codes */
  department?: string[];
  ownership?: OwnershipStatus[];
  /** a grid code of any level: the components of every base grid under it */
  grid?: string;
  /** a code prefix (digits) or part of a class name */
  q?: string;
  /** only components with an unfinished repair case */
  openCase?: boolean;
}

/** Parses `minLon,minLat,maxLon,maxLat`; returns a message when it is not a usable box. */
export function parseBbox(text: string): Bbox | string {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 4 || parts.some((part) => !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(part))) {
    return 'bbox is four numbers: minLon,minLat,maxLon,maxLat';
  }
  const [minLon, minLat, maxLon, maxLat] = parts.map(Number) as Bbox;
  if (minLon < -180 || maxLon > 180) return 'bbox longitudes must lie within -180..180';
  if (minLat < -90 || maxLat > 90) return 'bbox latitudes must lie within -90..90';
  if (minLon > maxLon) return 'bbox minLon is greater than maxLon (boxes across the antimeridian are not supported)';
  if (minLat > maxLat) return 'bbox minLat is greater than maxLat';
  return [minLon, minLat, maxLon, maxLat];
}

/** A `bbox` query field, parsed by parseBbox(). */
export const bboxQuery = z
  .string()
  .transform((text, ctx) => {
    const parsed = parseBbox(text);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  })
  .describe('minLon,minLat,maxLon,maxLat in degrees (EPSG:4326)');

/** A comma list whose every item matches `pattern`, at most 100 items, duplicates dropped. */
function commaList(pattern: RegExp, message: string) {
  return z
    .string()
    .transform((text) => [...new Set(text.split(',').map((item) => item.trim()).filter(Boolean))])
    .pipe(z.array(z.string().regex(pattern, message)).min(1, 'give at least one value').max(100, 'at most 100 values'));
}

/** The query-string fields of a component filter. */
export const componentFilterQuery = z.object({
  bbox: bboxQuery.optional(),
  class: commaList(/^\d{2}(\d{2})?$/, 'a class is a 4-digit sub-class (0101) or a 2-digit major class (01)')
    .optional()
    .describe('comma list of 4-digit sub-classes or 2-digit major classes'),
  department: commaList(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a department code, e.g. water-supply').optional().describe('comma list of department codes'),
  ownership: commaList(/^(pending|confirmed|disputed)$/, 'pending, confirmed or disputed')
    .transform((list) => list as OwnershipStatus[])
    .optional()
    .describe('comma list of pending, confirmed, disputed'),
  grid: z.string().regex(/^\d{6,14}$/, 'a grid code is 6 to 14 digits').optional().describe('a district, town, community or base grid code'),
  q: z.string().trim().min(1).max(60).optional().describe('a code prefix (digits) or part of a class name (zh/en)'),
  open_case: z
    .enum(['true', 'false'], { message: 'open_case is true or false' })
    .transform((value) => value === 'true')
    .optional()
    .describe('true: only components with an unfinished repair case (the map\'s "open cases only")'),
});

/** Cursor paging: `limit` (default 100, at most 1000) and the opaque `cursor` of the previous page. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional().describe('the `next` value of the previous page'),
});

/** The filter part of a parsed query, without paging or other fields. */
export function filterOf(query: ComponentFilter & { open_case?: boolean }): ComponentFilter {
  const { bbox, class: classes, department, ownership, grid, q, open_case: openCase } = query;
  return { bbox, class: classes, department, ownership, grid, q, ...(openCase ? { openCase } : {}) };
}
