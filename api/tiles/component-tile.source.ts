/**
 * One tile of the components tileset, from the database: picks the layers the zoom calls for
 * (see tile-layers.ts), runs their queries over the tile's buffered extent and projects the
 * results into an MVT, shifted into the display datum first when that is not WGS84 (see
 * display-datum.ts).
 */
import type { Geometry } from 'geojson';
import type { Knex } from 'knex';
import { boundsContain, type TileFrame } from './display-datum.ts';
import type { GridAggregates } from './grid-aggregates.ts';
import type { TileAddress } from './tile-address.ts';
import { TileLayers, type TagValues } from './tile-encoder.ts';
import { aggregateLevelAt, caseMinZoom, componentMinZoom, fullComponentZoom, gridLevelAt, toleranceAt } from './tile-layers.ts';
import { selectGridShapes, selectTileFeatures, type ComponentFeatureRow, type GridShapeRow } from './tile.repository.ts';

/** What a tile needs besides its statement: the grids' label points and boundaries, counts at low
 * zoom, department codes. */
export interface TileContext {
  /** Every grid's label point (counts not needed). */
  labels: GridAggregates;
  /** The counts of the current data version; asked for only at low zoom. */
  aggregates: () => Promise<GridAggregates>;
  /** The grid boundaries of the tile, in WGS84 (reference data: they do not change with the data
   * version). */
  boundaries: () => Promise<GridShapeRow[]>;
  /** Department codes by id, covering at least the ids given. */
  departments: (ids: Set<number>) => Promise<Map<number, string>>;
}

/** A tile's bytes (null when it has no feature at all) and the data version its features are of
 * (null when no feature needed the database's current data: a low-zoom tile without cases). */
export interface BuiltTile {
  bytes: Uint8Array | null;
  version: number | null;
}

type TileLayer = 'components' | 'component_aggregates' | 'cases' | 'grids' | 'grid_labels';

/** Builds the tile; `frame` says which extent to select, and the display datum (tileFrame()). */
export async function buildComponentTile(knex: Knex, tile: TileAddress, frame: TileFrame, context: TileContext): Promise<BuiltTile> {
  const bounds = frame.select;
  const tolerance = toleranceAt(tile.z);
  const detailed = tile.z >= componentMinZoom;
  const gridLevel = gridLevelAt(tile.z);

  const withCases = tile.z >= caseMinZoom;
  const [features, boundaries, aggregates] = await Promise.all([
    detailed || withCases ? selectTileFeatures(knex, bounds, tolerance, { components: detailed, cases: withCases }) : undefined,
    context.boundaries(),
    detailed ? undefined : context.aggregates(),
  ]);
  const { components = [], cases = [], version = null } = features ?? {};
  const departmentIds = new Set<number>();
  for (const row of components) if (row[3] !== null) departmentIds.add(row[3]);
  for (const row of cases) if (row[3] !== null) departmentIds.add(row[3]);
  const departments = departmentIds.size ? await context.departments(departmentIds) : new Map<number, string>();

  const full = tile.z >= fullComponentZoom;
  const tags = full ? componentTags : leanComponentTags;
  const layers = new TileLayers<TileLayer>(tile, {
    components: full ? componentProperties : leanComponentProperties,
    component_aggregates: [...aggregateProperties, ...(aggregates?.majorCodes ?? []).map((major) => `m${major}`)],
    cases: caseProperties,
    grids: gridProperties,
    grid_labels: gridProperties,
  });
  const { toDisplay, toDisplayGeometry, keep } = frame;
  /** Adds a point shifted into the display datum, if it still falls in the tile. */
  const addPoint = (layer: TileLayer, lon: number, lat: number, values: TagValues, id: number) => {
    if (!toDisplay) return layers.addPoint(layer, lon, lat, values, id);
    const [x, y] = toDisplay(lon, lat);
    if (boundsContain(keep, x, y)) layers.addPoint(layer, x, y, values, id);
  };
  const addGeometry = (layer: TileLayer, geometry: string, values: TagValues, id: number) => {
    const parsed = JSON.parse(geometry) as Geometry;
    layers.addGeometry(layer, toDisplayGeometry ? toDisplayGeometry(parsed) : parsed, values, id);
  };

  for (const row of components) {
    const [id, , , , , , lon, lat, geometry] = row;
    if (geometry === null) addPoint('components', lon, lat, tags(row, departments), id);
    else if (geometry) addGeometry('components', geometry, tags(row, departments), id);
  }

  if (aggregates) {
    for (const grid of aggregates.at(aggregateLevelAt(tile.z), bounds)) {
      const counts = aggregates.majorCodes.map((major) => grid.byMajor.get(major) ?? 0);
      addPoint('component_aggregates', grid.lon, grid.lat, [grid.code, grid.level, grid.name_zh, grid.name_en, grid.total, grid.openCases, ...counts], grid.id);
    }
  }

  for (const [id, number, state, departmentId, caseClass, overdue, lon, lat] of cases) {
    addPoint('cases', lon, lat, [number, state, caseClass, departmentCode(departments, departmentId), overdue], id);
  }

  for (const row of boundaries) {
    if (row.geometry) addGeometry('grids', row.geometry, [row.code, row.level, row.name_zh, row.name_en], row.id);
  }
  // labels for the towns, and for the deepest level drawn (the district needs none)
  for (const level of new Set([2, gridLevel])) {
    for (const grid of context.labels.at(level, bounds)) {
      addPoint('grid_labels', grid.lon, grid.lat, [grid.code, grid.level, grid.name_zh, grid.name_en], grid.id);
    }
  }
  return { bytes: layers.encode(), version };
}

const componentProperties = ['code', 'class', 'major', 'department', 'ownership', 'open_case'] as const;
/** At z13 a dense tile holds ~16,000 components: it leaves out the two per-feature strings
 * (code, department) to stay under 500 KB; the map asks /api/components/nearby on a click. */
const leanComponentProperties = ['class', 'major', 'ownership', 'open_case'] as const;
const aggregateProperties = ['code', 'level', 'name_zh', 'name_en', 'total', 'open_cases'] as const;
const caseProperties = ['number', 'state', 'case_class', 'department', 'overdue'] as const;
const gridProperties = ['code', 'level', 'name_zh', 'name_en'] as const;

function leanComponentTags([, , classCode, , ownership, openCase]: ComponentFeatureRow): TagValues {
  return [classCode, classCode.slice(0, 2), ownership, openCase];
}

function componentTags([, code, classCode, departmentId, ownership, openCase]: ComponentFeatureRow, departments: Map<number, string>): TagValues {
  return [code, classCode, classCode.slice(0, 2), departmentCode(departments, departmentId), ownership, openCase];
}

/** A department's code; '' for none. */
function departmentCode(departments: Map<number, string>, id: number | null): string {
  return id === null ? '' : (departments.get(id) ?? '');
}

/** The grid boundaries a tile carries: levels down to what the zoom shows, simplified and clipped
 * to the frame's selected extent. */
export function selectTileGridShapes(knex: Knex, tile: TileAddress, frame: TileFrame): Promise<GridShapeRow[]> {
  return selectGridShapes(knex, frame.select, gridLevelAt(tile.z), toleranceAt(tile.z));
}
