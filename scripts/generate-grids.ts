/**
 * Generate the "1+14+205+942" grid hierarchy (网格化管理 — grid-based
 * management) of an approximate Wuzhong District (吴中区, 320506), Suzhou:
 * 1 district, 14 towns/subdistricts, 205 communities, 942 base grids.
 *
 *   npx tsx scripts/generate-grids.ts [--out data/grids/wuzhong-grids.geojson]
 *
 * Stages: land cells (seeded Voronoi, scripts/grids/land-cells.ts) → towns
 * (balanced region growing from real seats) → communities (region growing
 * inside each town) → parents as exact topological unions of base cells.
 * Deterministic: the same seed gives a byte-identical file.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { allocate } from './grids/grid-allocation.ts';
import { buildLandCells, type LandCells } from './grids/land-cells.ts';
import { planeDistance, toPlane, type PlanePoint } from './grids/local-plane.ts';
import { partitionGraph, smoothRegions } from './grids/region-growing.ts';
import { unionCells } from './grids/ring-union.ts';
import { seededRandom } from './grids/seeded-random.ts';
import { LAND_PARTS } from './grids/wuzhong-outline.ts';
import { TOWNS } from './grids/wuzhong-towns.ts';

/** Attributes of every grid feature. */
export interface GridProperties {
  /** 320506 (district), +3 digits (town), +3 (community), +2 (base grid). */
  code: string;
  /** 1 district, 2 town/subdistrict, 3 community, 4 base grid. */
  level: 1 | 2 | 3 | 4;
  /** Code of the enclosing grid; null for the district. */
  parent_code: string | null;
  name_zh: string;
  name_en: string;
}

/** A grid feature: Polygon, or MultiPolygon where land is split by water. */
export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;

/** The district, level 1 of the hierarchy. */
export const DISTRICT = { code: '320506', nameZh: '吴中区', nameEn: 'Wuzhong District' } as const;
/** Number of communities (社区, level 3). */
export const COMMUNITY_COUNT = 205;
/** Number of base grids (网格, level 4). */
export const BASE_GRID_COUNT = 942;
/** The default seed of {@link generateGrids}; the committed file uses it. */
export const DEFAULT_SEED = 320506;

const DEFAULT_OUT = 'data/grids/wuzhong-grids.geojson';

/**
 * Build the whole hierarchy in memory, features ordered by level then code.
 *
 * @example
 * const grids = generateGrids();
 * grids.features.filter((f) => f.properties.level === 4).length; // 942
 */
export function generateGrids(seed = DEFAULT_SEED): FeatureCollection<Polygon | MultiPolygon, GridProperties> {
  const cells = buildLandCells({ land: LAND_PARTS, count: BASE_GRID_COUNT, random: seededRandom(seed) });
  const townOf = assignTowns(cells);
  const townCells = TOWNS.map((_, t) => cells.seeds.map((_, i) => i).filter((i) => townOf[i] === t));
  const communityCounts = allocate(COMMUNITY_COUNT, townCells.map((list) => list.length));

  const district = feature(unionCells(cells.rings), DISTRICT.code, 1, null, DISTRICT.nameZh, DISTRICT.nameEn);
  const towns: GridFeature[] = [];
  const communities: GridFeature[] = [];
  const bases: GridFeature[] = [];

  TOWNS.forEach((town, t) => {
    const townCode = `${DISTRICT.code}${pad(t + 1, 3)}`;
    const members = townCells[t]!;
    towns.push(feature(unionCells(members.map((i) => cells.rings[i]!)), townCode, 2, DISTRICT.code, town.nameZh, town.nameEn));
    splitCommunities(cells, members, communityCounts[t]!).forEach((community, c) => {
      const cc = pad(c + 1, 2);
      const communityCode = `${townCode}${pad(c + 1, 3)}`;
      const rings = community.map((i) => cells.rings[i]!);
      communities.push(
        feature(unionCells(rings), communityCode, 3, townCode, `${town.nameZh}第${cc}社区`, `${town.stem} Community ${cc}`),
      );
      community.forEach((i, g) => {
        const gg = pad(g + 1, 2);
        const polygon: Polygon = { type: 'Polygon', coordinates: [cells.rings[i]!] };
        bases.push(
          feature(polygon, `${communityCode}${gg}`, 4, communityCode, `${town.nameZh}第${cc}社区${gg}网格`, `${town.stem} C${cc} Grid ${gg}`),
        );
      });
    });
  });
  return { type: 'FeatureCollection', features: [district, ...towns, ...communities, ...bases] };
}

/**
 * Serialise grids as GeoJSON with one feature per line, so diffs stay readable.
 * @example writeFileSync(path, serializeGrids(generateGrids()));
 */
export function serializeGrids(grids: FeatureCollection<Polygon | MultiPolygon, GridProperties>): string {
  return `{"type":"FeatureCollection","features":[\n${grids.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/**
 * Towns by balanced region growing from their seats over the cell graph, so
 * each town is one connected piece; the island town takes the island's
 * connected component whole.
 */
function assignTowns(cells: LandCells): Int32Array {
  const components = connectedComponents(cells.neighbours);
  const anchors = TOWNS.map((town) => nearestCell(cells.seeds, toPlane(town.anchor)));
  const islandTown = TOWNS.findIndex((town) => town.island);
  const islandComponent = components[anchors[islandTown]!]!;
  const mainland = TOWNS.map((_, t) => t).filter((t) => t !== islandTown);
  const mainlandComponent = components[anchors[mainland[0]!]!]!;
  for (const t of mainland) {
    if (components[anchors[t]!] !== mainlandComponent) throw new Error(`${TOWNS[t]!.nameEn} is off the mainland`);
  }
  if (components.some((c) => c !== islandComponent && c !== mainlandComponent)) {
    throw new Error('stray land cells outside the mainland and the island; adjust the outline or seed');
  }

  const nodes = components.flatMap((c, i) => (c === mainlandComponent ? [i] : []));
  const region = partitionGraph(cells, {
    nodes,
    sources: mainland.map((t) => anchors[t]!),
    targets: mainland.map((t) => TOWNS[t]!.weight),
    rounds: 200,
    recentre: false,
    gain: 0.5,
  });
  const towns = Int32Array.from(region, (r, i) => (components[i] === islandComponent ? islandTown : mainland[r]!));
  smoothRegions(cells, towns, 10);
  return towns;
}

/**
 * Communities of one town: equal-sized, compact, connected clusters of base
 * cells, ordered north to south then west to east; cells inside each
 * community ordered the same way.
 */
function splitCommunities(cells: LandCells, members: number[], count: number): number[][] {
  const sources = farthestPoints(cells.seeds, members, count);
  const region = partitionGraph(cells, {
    nodes: members,
    sources,
    targets: sources.map(() => 1),
    rounds: 120,
    recentre: true,
    gain: 0.3,
  });
  const groups: number[][] = sources.map(() => []);
  for (const i of members) groups[region[i]!]!.push(i);
  const byPosition = (a: PlanePoint, b: PlanePoint) => b[1] - a[1] || a[0] - b[0];
  for (const group of groups) group.sort((a, b) => byPosition(cells.seeds[a]!, cells.seeds[b]!));
  const middle = (group: number[]): PlanePoint => {
    const sum = group.reduce<PlanePoint>(([x, y], i) => [x + cells.seeds[i]![0], y + cells.seeds[i]![1]], [0, 0]);
    return [sum[0] / group.length, sum[1] / group.length];
  };
  return groups
    .map((group) => ({ group, at: middle(group) }))
    .sort((a, b) => byPosition(a.at, b.at))
    .map(({ group }) => group);
}

/** Deterministic spread-out starting sources: greedy farthest-point sampling. */
function farthestPoints(points: readonly PlanePoint[], members: number[], count: number): number[] {
  const distance = (a: number, b: number) => planeDistance(points[a]!, points[b]!);
  const chosen = [members[0]!];
  const gap = members.map((i) => distance(i, chosen[0]!));
  while (chosen.length < count) {
    let far = 0;
    gap.forEach((g, k) => {
      if (g > gap[far]!) far = k;
    });
    chosen.push(members[far]!);
    members.forEach((i, k) => (gap[k] = Math.min(gap[k]!, distance(i, members[far]!))));
  }
  return chosen;
}

function connectedComponents(neighbours: readonly (readonly number[])[]): number[] {
  const component = neighbours.map(() => -1);
  let next = 0;
  neighbours.forEach((_, start) => {
    if (component[start] !== -1) return;
    const stack = [start];
    component[start] = next;
    while (stack.length > 0) {
      for (const j of neighbours[stack.pop()!]!) {
        if (component[j] === -1) (component[j] = next), stack.push(j);
      }
    }
    next++;
  });
  return component;
}

function nearestCell(seeds: readonly PlanePoint[], point: PlanePoint): number {
  let best = 0;
  seeds.forEach((seed, i) => {
    if (planeDistance(seed, point) < planeDistance(seeds[best]!, point)) best = i;
  });
  return best;
}

function feature(
  geometry: Polygon | MultiPolygon,
  code: string,
  level: GridProperties['level'],
  parentCode: string | null,
  nameZh: string,
  nameEn: string,
): GridFeature {
  return { type: 'Feature', properties: { code, level, parent_code: parentCode, name_zh: nameZh, name_en: nameEn }, geometry };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const flag = process.argv.indexOf('--out');
  const out = flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1]! : DEFAULT_OUT;
  const text = serializeGrids(generateGrids());
  writeFileSync(out, text);
  console.log(`wrote ${out} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)`);
}
