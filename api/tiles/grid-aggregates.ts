/**
 * Low-zoom tiles show counts, not points: components per grid and major class, and unfinished
 * cases, summed from the base grids up through communities and towns to the district.
 *
 * @example
 *   const aggregates = GridAggregates.build(labelRows, countRows);
 *   aggregates.at(2, bounds) // towns whose label point lies in bounds, with their counts
 */
import type { LonLatBounds } from './tile-address.ts';
import type { GridCountRow, GridLabelRow } from './tile.repository.ts';

export interface GridAggregate {
  id: number;
  code: string;
  level: number;
  name_zh: string;
  name_en: string;
  lon: number;
  lat: number;
  total: number;
  openCases: number;
  /** Components per major class code ('01' … '06'). */
  byMajor: Map<string, number>;
}

export class GridAggregates {
  private constructor(
    private readonly byLevel: Map<number, GridAggregate[]>,
    /** Every major class code seen, sorted: the aggregate layer's count fields. */
    readonly majorCodes: string[],
  ) {}

  /** Rolls the base-grid counts (by sub-class) up the hierarchy the labels describe, by major class. */
  static build(labels: GridLabelRow[], counts: GridCountRow[]): GridAggregates {
    const grids = new Map<number, GridAggregate & { parentId: number | null }>();
    for (const row of labels) {
      grids.set(row.id, {
        id: row.id,
        parentId: row.parent_id,
        code: row.code,
        level: row.level,
        name_zh: row.name_zh,
        name_en: row.name_en,
        lon: row.lon,
        lat: row.lat,
        total: 0,
        openCases: 0,
        byMajor: new Map(),
      });
    }
    const majors = new Set<string>();
    for (const row of counts) {
      const major = row.class_code === null ? null : row.class_code.slice(0, 2);
      if (major !== null) majors.add(major);
      // add to the grid and every ancestor; a chain is at most four long
      for (let grid = grids.get(row.grid_id); grid; grid = grid.parentId === null ? undefined : grids.get(grid.parentId)) {
        grid.openCases += row.open_cases;
        if (major !== null) {
          grid.total += row.count;
          grid.byMajor.set(major, (grid.byMajor.get(major) ?? 0) + row.count);
        }
      }
    }
    const byLevel = new Map<number, GridAggregate[]>();
    for (const grid of grids.values()) {
      const list = byLevel.get(grid.level) ?? [];
      list.push(grid);
      byLevel.set(grid.level, list);
    }
    return new GridAggregates(byLevel, [...majors].sort());
  }

  /** Grids of a level whose label point lies inside the bounds. */
  at(level: number, bounds: LonLatBounds): GridAggregate[] {
    return (this.byLevel.get(level) ?? []).filter(
      (grid) => grid.lon >= bounds.west && grid.lon <= bounds.east && grid.lat >= bounds.south && grid.lat <= bounds.north,
    );
  }

  /** Every grid of a level. */
  all(level: number): GridAggregate[] {
    return this.byLevel.get(level) ?? [];
  }
}
