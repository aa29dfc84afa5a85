/**
 * The web UI's only door to the api server: same-origin JSON requests under `/api`.
 * Types mirror the server's responses until the client is generated from the OpenAPI document.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** 1 区 district, 2 镇（街道）town/street, 3 社区 community (second-level grid), 4 基础网格 base grid. */
export type GridLevel = 1 | 2 | 3 | 4;

export interface GridProperties {
  id: number;
  code: string;
  level: GridLevel;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
}

export type GridCollection = FeatureCollection<Polygon | MultiPolygon, GridProperties>;

export interface Health {
  status: string;
  backend: 'pglite' | 'postgresql';
  version: string;
  /** Row counts by table; `grids` is counted per level, e.g. `{ "1": 1, "2": 14, … }`. */
  counts: Record<string, number | Record<string, number>>;
}

/** A non-2xx answer from the api, carrying its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw new ApiError(response.status, `${response.status} ${response.statusText} — ${path}`);
  return (await response.json()) as T;
}

/** `GET /api/health` — status, database backend, version and row counts. */
export function getHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', signal);
}

/**
 * `GET /api/grids?level=N` — every grid of one level as GeoJSON (EPSG:4326).
 * @example const towns = await getGrids(2); towns.features.length // 14 in Wuzhong
 */
export function getGrids(level: GridLevel, signal?: AbortSignal): Promise<GridCollection> {
  return getJson<GridCollection>(`/api/grids?level=${level}`, signal);
}

/** `GET /api/grids/outside` — the world outside the district as one MultiPolygon (none before the grids are seeded). */
export function getDistrictOutside(signal?: AbortSignal): Promise<FeatureCollection<MultiPolygon>> {
  return getJson<FeatureCollection<MultiPolygon>>('/api/grids/outside', signal);
}
