/**
 * Search on the map page: a 16-digit component code opens that component (fly to it, open its
 * card); anything else is looked up in the grid names (towns, communities, base grids; loaded once,
 * on the first search) and a chosen grid is fitted.
 */
import { useCallback, useState } from 'react';
import { api, errorMessage } from '../../api/api-client.ts';
import { getGrids, type GridCollection, type GridProperties } from '../../api/client.ts';
import { geometryBounds, type Bounds } from '../../map/grid-bounds.ts';

export interface GridMatch {
  grid: GridProperties;
  bounds: Bounds;
}

export type SearchResult =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'component'; code: string; point: [number, number] }
  | { kind: 'grids'; matches: GridMatch[] }
  | { kind: 'none'; query: string }
  | { kind: 'error'; message: string };

let gridIndex: Promise<GridMatch[]> | undefined;

function loadGridIndex(): Promise<GridMatch[]> {
  gridIndex ??= Promise.all(([2, 3, 4] as const).map((level) => getGrids(level)))
    .then((levels: GridCollection[]) => levels.flatMap((collection) => collection.features.map((f) => ({ grid: f.properties, bounds: geometryBounds(f.geometry) }))))
    .catch((error: unknown) => {
      gridIndex = undefined; // try again next time
      throw error;
    });
  return gridIndex;
}

/**
 * Grids whose name contains every word of the query, towns before communities before base grids,
 * shorter names first.
 * @example matchGrids(index, '长桥 01') // 长桥街道第01社区, 长桥街道第01社区01网格, …
 */
export function matchGrids(index: GridMatch[], query: string, limit = 8): GridMatch[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return index
    .filter(({ grid }) => {
      const names = `${grid.name_zh} ${grid.name_en} ${grid.code}`.toLowerCase();
      return words.every((word) => names.includes(word));
    })
    .sort((a, b) => a.grid.level - b.grid.level || a.grid.name_zh.length - b.grid.name_zh.length)
    .slice(0, limit);
}

export function useMapSearch(): { result: SearchResult; search(query: string): Promise<SearchResult>; clear(): void } {
  const [result, setResult] = useState<SearchResult>({ kind: 'idle' });
  const search = useCallback(async (raw: string): Promise<SearchResult> => {
    const query = raw.trim();
    if (!query) {
      setResult({ kind: 'idle' });
      return { kind: 'idle' };
    }
    setResult({ kind: 'busy' });
    let next: SearchResult;
    try {
      if (/^\d{16}$/.test(query)) {
        const { data, error, response } = await api.GET('/api/components/{code}', { params: { path: { code: query } } });
        next = data ? { kind: 'component', code: data.code, point: [data.point[0]!, data.point[1]!] } : response.status === 404 ? { kind: 'none', query } : { kind: 'error', message: errorMessage(error) };
      } else {
        const matches = matchGrids(await loadGridIndex(), query);
        next = matches.length > 0 ? { kind: 'grids', matches } : { kind: 'none', query };
      }
    } catch (error) {
      next = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    setResult(next);
    return next;
  }, []);
  return { result, search, clear: useCallback(() => setResult({ kind: 'idle' }), []) };
}
