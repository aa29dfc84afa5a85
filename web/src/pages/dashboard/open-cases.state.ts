/**
 * Open cases counted per grid, for the choropleth: the grids of one level from /api/grids and the
 * open cases from /api/cases (page by page), each case counted in the grid whose code its base
 * grid's code starts with (grid codes nest: 320506001 ⊃ 320506001001 ⊃ 32050600100101).
 */
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/api-client.ts';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { getGrids, type GridProperties } from '../../api/client.ts';

/** States in which a case is still in the loop (api/cases/case-state-machine.ts). */
export const openStates = ['reported', 'verified', 'filed', 'dispatched', 'disposed', 'returned'] as const;

/** Pages of 500 fetched at most: the choropleth counts up to 20,000 open cases. */
const maxPages = 40;

export type ChoroplethLevel = 3 | 4;

export interface OpenCasesByGrid {
  /** The level of the grids counted (undefined until loaded). */
  level?: ChoroplethLevel;
  grids?: FeatureCollection<Polygon | MultiPolygon, GridProperties & { open_cases: number }>;
  total: number;
  max: number;
  error?: string;
}

/** Counts the cases' grid codes into the grids whose code is a prefix of theirs. */
export function countByGrid(gridCodes: readonly string[], caseGridCodes: readonly string[]): Map<string, number> {
  const counts = new Map(gridCodes.map((code) => [code, 0]));
  const length = gridCodes[0]?.length ?? 0;
  for (const code of caseGridCodes) {
    const key = code.slice(0, length);
    const n = counts.get(key);
    if (n !== undefined) counts.set(key, n + 1);
  }
  return counts;
}

async function openCaseGridCodes(signal: AbortSignal): Promise<string[]> {
  const codes: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { data, error } = await api.GET('/api/cases', { params: { query: { state: openStates.join(','), limit: 500, cursor } }, signal });
    if (!data) throw new Error(errorMessage(error));
    for (const item of data.items) if (item.grid) codes.push(item.grid.code);
    if (!data.next_cursor) break;
    cursor = data.next_cursor;
  }
  return codes;
}

export function useOpenCasesByGrid(level: ChoroplethLevel): OpenCasesByGrid {
  const [state, setState] = useState<OpenCasesByGrid>({ total: 0, max: 0 });
  useEffect(() => {
    const abort = new AbortController();
    Promise.all([getGrids(level, abort.signal), openCaseGridCodes(abort.signal)]).then(
      ([grids, caseCodes]) => {
        const counts = countByGrid(grids.features.map((f) => f.properties.code), caseCodes);
        const features = grids.features.map((f) => ({ ...f, properties: { ...f.properties, open_cases: counts.get(f.properties.code) ?? 0 } }));
        const values = [...counts.values()];
        setState({ level, grids: { ...grids, features }, total: values.reduce((a, b) => a + b, 0), max: Math.max(0, ...values) });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ total: 0, max: 0, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => abort.abort();
  }, [level]);
  return state;
}
