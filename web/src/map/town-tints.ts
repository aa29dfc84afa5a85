/**
 * Gives each town a tint index so that neighbouring towns never share a tint (greedy graph
 * colouring, largest degree first). Towns are few (14 in Wuzhong), so the pairwise test is cheap.
 */
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { geometryBounds, type Bounds } from './grid-bounds.ts';

/**
 * Returns the features with a `tint` property in `0 .. tintCount-1` added.
 * Two towns are neighbours when they share a boundary vertex or their bounding boxes overlap.
 */
export function assignTownTints<P extends object>(
  towns: FeatureCollection<Polygon | MultiPolygon, P>,
  tintCount: number,
): FeatureCollection<Polygon | MultiPolygon, P & { tint: number }> {
  const features = towns.features;
  const boxes = features.map((feature) => geometryBounds(feature.geometry));
  const vertexSets = features.map((feature) => vertexKeys(feature.geometry));

  const neighbours: number[][] = features.map(() => []);
  for (let a = 0; a < features.length; a++) {
    for (let b = a + 1; b < features.length; b++) {
      if (boxesOverlap(boxes[a]!, boxes[b]!) || sharesVertex(vertexSets[a]!, vertexSets[b]!)) {
        neighbours[a]!.push(b);
        neighbours[b]!.push(a);
      }
    }
  }

  const order = features.map((_, index) => index).sort((a, b) => neighbours[b]!.length - neighbours[a]!.length || a - b);
  const tints = new Array<number>(features.length).fill(-1);
  for (const index of order) {
    const taken = new Map<number, number>();
    for (const other of neighbours[index]!) {
      const tint = tints[other]!;
      if (tint >= 0) taken.set(tint, (taken.get(tint) ?? 0) + 1);
    }
    let choice = 0;
    for (let tint = 0; tint < tintCount; tint++) {
      if (!taken.has(tint)) {
        choice = tint;
        break;
      }
      // every tint taken: fall back to the one fewest neighbours use
      if (taken.get(tint)! < taken.get(choice)!) choice = tint;
    }
    tints[index] = choice;
  }

  return {
    ...towns,
    features: features.map((feature, index) => ({
      ...feature,
      properties: { ...feature.properties, tint: tints[index]! },
    })),
  };
}

function forEachPosition(geometry: Polygon | MultiPolygon, visit: (position: Position) => void): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) for (const ring of polygon) for (const position of ring) visit(position);
}

// boxes of adjacent towns overlap; a small inset keeps towns that merely touch at a corner apart
function boxesOverlap(a: Bounds, b: Bounds): boolean {
  const inset = 0.002;
  return a[0] < b[2] - inset && b[0] < a[2] - inset && a[1] < b[3] - inset && b[1] < a[3] - inset;
}

function vertexKeys(geometry: Polygon | MultiPolygon): Set<string> {
  const keys = new Set<string>();
  forEachPosition(geometry, ([x, y]) => keys.add(`${x!.toFixed(6)},${y!.toFixed(6)}`));
  return keys;
}

function sharesVertex(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const key of small) if (large.has(key)) return true;
  return false;
}
