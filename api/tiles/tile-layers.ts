/**
 * The catalogue of the components tileset: which layers a tile carries at which zoom, and their
 * fields (the TileJSON `vector_layers`).
 *
 * - `components` (z ≥ 13): every component; feature id = components.id; code and department from z14.
 * - `component_aggregates` (z < 13): one point per grid — town (z ≤ 10), community (z 11) or base
 *   grid (z 12) — with its component counts per major class, so no tile ships 100,000 points.
 * - `cases` (z ≥ 10): unfinished repair cases.
 * - `grids` and `grid_labels`: boundaries and label points, down to the level the zoom can show.
 */

/** Components are drawn one by one from this zoom on. */
export const componentMinZoom = 13;
/** From this zoom on components carry every property; at z13 they leave out code and department. */
export const fullComponentZoom = 14;
/** Deepest zoom the tileset is built for; MapLibre overzooms beyond it. */
export const tilesetMaxZoom = 16;
/** Unfinished cases are drawn from this zoom on. */
export const caseMinZoom = 10;

/** Grid level whose aggregates a low-zoom tile carries: 2 town, 3 community, 4 base grid. */
export function aggregateLevelAt(z: number): number {
  return z <= 10 ? 2 : z === 11 ? 3 : 4;
}

/** Deepest grid level whose boundaries a tile carries. */
export function gridLevelAt(z: number): number {
  return z <= 9 ? 2 : z <= 11 ? 3 : 4;
}

/** Simplification tolerance in degrees for a zoom: about one tile unit at the equator. */
export function toleranceAt(z: number): number {
  return 360 / (2 ** z * 4096);
}

export interface VectorLayer {
  id: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  fields: Record<string, string>;
}

/** TileJSON 3.0 `vector_layers`; the aggregate layer has one count field per major class. */
export function vectorLayers(majorCodes: string[]): VectorLayer[] {
  return [
    {
      id: 'components',
      description: 'Every component (部件); feature id = a stable numeric id. At z13 code and department are left out (dense tiles stay under 500 KB); from z14 every field is there',
      minzoom: componentMinZoom,
      maxzoom: tilesetMaxZoom,
      fields: {
        code: 'String: 16-digit component code (部件标识码); from z14',
        class: 'String: GB/T 30428.2 sub-class code, 4 digits',
        major: 'String: major class code, 2 digits',
        department: 'String: owner department code; from z14',
        ownership: 'String: pending | confirmed | disputed',
        open_case: 'Boolean: the component has an unfinished repair case',
      },
    },
    {
      id: 'component_aggregates',
      description: 'Component counts per grid: towns at z ≤ 10, communities at z 11, base grids at z 12',
      minzoom: 0,
      maxzoom: componentMinZoom - 1,
      fields: {
        code: 'String: grid code',
        level: 'Number: 2 town, 3 community, 4 base grid',
        name_zh: 'String',
        name_en: 'String',
        total: 'Number: components in the grid',
        open_cases: 'Number: unfinished repair cases in the grid',
        ...Object.fromEntries(majorCodes.map((code) => [`m${code}`, `Number: components of major class ${code}`])),
      },
    },
    {
      id: 'cases',
      description: 'Unfinished repair cases (案件)',
      minzoom: caseMinZoom,
      maxzoom: tilesetMaxZoom,
      fields: {
        number: 'String: case number',
        state: 'String: the step the case is in',
        case_class: 'String: A | B | C',
        department: 'String: department the case is routed to',
        overdue: 'Boolean: the current step is past its deadline',
      },
    },
    {
      id: 'grids',
      description: 'Grid boundaries: towns from z 0, communities from z 10, base grids from z 12',
      minzoom: 0,
      maxzoom: tilesetMaxZoom,
      fields: { code: 'String', level: 'Number: 1 district … 4 base grid', name_zh: 'String', name_en: 'String' },
    },
    {
      id: 'grid_labels',
      description: 'A label point inside each grid drawn at this zoom',
      minzoom: 0,
      maxzoom: tilesetMaxZoom,
      fields: { code: 'String', level: 'Number', name_zh: 'String', name_en: 'String' },
    },
  ];
}
