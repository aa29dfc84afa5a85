/**
 * The map's component filters (class, department, ownership status, open cases) as MapLibre
 * filter expressions — the filtering happens on the GPU side of the map, no tile is refetched.
 */
import type { ExpressionSpecification } from 'maplibre-gl';

export type OwnershipStatus = 'pending' | 'confirmed' | 'disputed';

export const ownershipStatuses: readonly OwnershipStatus[] = ['pending', 'confirmed', 'disputed'];

/** What the user chose; an empty list means "all". */
export interface ComponentFilters {
  /** 2-digit major class codes */
  majors: string[];
  /** owner department codes */
  departments: string[];
  ownership: OwnershipStatus[];
  /** only components with an unfinished repair case */
  openCasesOnly: boolean;
}

export const noFilters: ComponentFilters = { majors: [], departments: [], ownership: [], openCasesOnly: false };

/** Whether any filter narrows the map. */
export function isFiltered(filters: ComponentFilters): boolean {
  return filters.majors.length > 0 || filters.departments.length > 0 || filters.ownership.length > 0 || filters.openCasesOnly;
}

/**
 * The filter for the `components` tile layer, or null when nothing is filtered.
 * z13 tiles leave out the department (see api/tiles/tile-layers.ts), so a department filter keeps
 * features that do not carry one rather than blanking the map at that zoom.
 * @example componentFilter({ ...noFilters, majors: ['01'] }) // ['all', ['in', ['get', 'major'], ['literal', ['01']]]]
 */
export function componentFilter(filters: ComponentFilters): ExpressionSpecification | null {
  const parts: ExpressionSpecification[] = [];
  if (filters.majors.length > 0) parts.push(['in', ['get', 'major'], ['literal', filters.majors]]);
  if (filters.departments.length > 0) {
    parts.push(['any', ['!', ['has', 'department']], ['in', ['get', 'department'], ['literal', filters.departments]]]);
  }
  if (filters.ownership.length > 0) parts.push(['in', ['get', 'ownership'], ['literal', filters.ownership]]);
  if (filters.openCasesOnly) parts.push(['==', ['get', 'open_case'], true]);
  return parts.length > 0 ? ['all', ...parts] : null;
}

/**
 * The number a grid aggregate shows under the filters: the counts of the chosen major classes
 * (`m01`…), or its open cases when only those are asked for. Department and ownership are not
 * counted per grid, so they do not change the aggregates.
 */
export function aggregateCount(filters: ComponentFilters): ExpressionSpecification {
  if (filters.openCasesOnly) return ['coalesce', ['get', 'open_cases'], 0];
  if (filters.majors.length === 0) return ['coalesce', ['get', 'total'], 0];
  if (filters.majors.length === 1) return ['coalesce', ['get', `m${filters.majors[0]}`], 0];
  const [first, second, ...rest] = filters.majors.map((code): ExpressionSpecification => ['coalesce', ['get', `m${code}`], 0]);
  return ['+', first!, second!, ...rest];
}
