import { planeDistance, type PlanePoint } from './local-plane.ts';

/** A cell adjacency graph: node positions (km) and edge-sharing neighbours. */
export interface CellGraph {
  seeds: readonly PlanePoint[];
  neighbours: readonly (readonly number[])[];
}

/** Options of {@link partitionGraph}. */
export interface PartitionOptions {
  /** Nodes to partition; every other node is left out (region -1). */
  nodes: readonly number[];
  /** Initial source node of each region. */
  sources: readonly number[];
  /** Wanted node count of each region (any positive scale). */
  targets: readonly number[];
  /** Balancing rounds. */
  rounds: number;
  /** Move each source to its region's middle between rounds (Lloyd-style), for compact regions. */
  recentre: boolean;
  /** Offset step, km per unit of relative size error. */
  gain: number;
}

/**
 * Split a set of graph nodes into connected regions of roughly given sizes.
 *
 * Each round is a multi-source Dijkstra over the graph where region r starts
 * at its source with distance `offset[r]`: every node joins the region that
 * reaches it first. Such a shortest-path forest is always connected per
 * region, which is why it is used instead of k-means on coordinates.
 * Between rounds, oversized regions get a larger head-start penalty and
 * undersized ones a smaller, and with `recentre` each source moves to the
 * member nearest its region's mean. The best round seen (smallest squared
 * relative size error, no empty region) is returned.
 *
 * @returns the region index of every graph node, -1 for nodes not in `nodes`
 * @example
 * partitionGraph(graph, { nodes, sources: [0, 9], targets: [1, 1], rounds: 40, recentre: true, gain: 1 });
 */
export function partitionGraph(graph: CellGraph, options: PartitionOptions): Int32Array {
  const { nodes, targets, rounds, recentre, gain } = options;
  const total = targets.reduce((a, b) => a + b, 0);
  const wanted = targets.map((t) => (t / total) * nodes.length);
  const sources = [...options.sources];
  const offsets = sources.map(() => 0);
  const member = new Uint8Array(graph.seeds.length);
  for (const node of nodes) member[node] = 1;

  let best: Int32Array | undefined;
  let bestError = Infinity;
  for (let round = 0; round < rounds; round++) {
    const region = growRegions(graph, member, sources, offsets);
    const counts = sources.map(() => 0);
    for (const node of nodes) counts[region[node]!]!++;
    const error = counts.reduce((sum, c, r) => sum + ((c - wanted[r]!) / wanted[r]!) ** 2, 0);
    if (counts.every((c) => c > 0) && error < bestError) (best = region), (bestError = error);
    if (recentre) moveSourcesToMiddles(graph, nodes, region, sources);
    counts.forEach((c, r) => {
      offsets[r]! += (gain * (c - wanted[r]!)) / wanted[r]!;
    });
  }
  if (!best) throw new Error('partition left a region empty in every round');
  return best;
}

/**
 * Multi-source Dijkstra restricted to member nodes; ties go to the lower
 * node index, then the lower region index, so the result is deterministic.
 * @returns region index per node, -1 where unreached or not a member
 */
export function growRegions(
  graph: CellGraph,
  member: Uint8Array,
  sources: readonly number[],
  offsets: readonly number[],
): Int32Array {
  const region = new Int32Array(graph.seeds.length).fill(-1);
  const dist = new Float64Array(graph.seeds.length).fill(Infinity);
  const heap = new MinHeap();
  sources.forEach((node, r) => heap.push(offsets[r]!, node, r));
  while (heap.size > 0) {
    const [d, node, r] = heap.pop();
    if (region[node] !== -1) continue;
    region[node] = r;
    dist[node] = d;
    for (const next of graph.neighbours[node]!) {
      if (!member[next] || region[next] !== -1) continue;
      heap.push(d + planeDistance(graph.seeds[node]!, graph.seeds[next]!), next, r);
    }
  }
  return region;
}

/**
 * Shave one-cell spurs and arms off region borders: a cell moves to the
 * neighbouring region that surrounds it more than its own does (at least
 * two neighbours, strictly more than its own region has), unless that would
 * disconnect or empty its region. Cells are visited in index order and the
 * result is updated in place, so it is deterministic.
 *
 * @returns the number of cells moved
 * @example smoothRegions(graph, region, 5);
 */
export function smoothRegions(graph: CellGraph, region: Int32Array, passes: number): number {
  let moved = 0;
  for (let pass = 0; pass < passes; pass++) {
    let movedThisPass = 0;
    for (let cell = 0; cell < region.length; cell++) {
      const own = region[cell]!;
      if (own < 0) continue;
      const tally = new Map<number, number>();
      for (const n of graph.neighbours[cell]!) tally.set(region[n]!, (tally.get(region[n]!) ?? 0) + 1);
      let target = -1;
      for (const [r, count] of tally) {
        if (r < 0 || r === own || count < 2 || count <= (tally.get(own) ?? 0)) continue;
        if (target < 0 || count > tally.get(target)! || (count === tally.get(target)! && r < target)) target = r;
      }
      if (target < 0 || !staysConnectedWithout(graph, region, cell)) continue;
      region[cell] = target;
      movedThisPass++;
    }
    moved += movedThisPass;
    if (movedThisPass === 0) break;
  }
  return moved;
}

/** Whether the cell's region stays one non-empty connected piece without it. */
function staysConnectedWithout(graph: CellGraph, region: Int32Array, cell: number): boolean {
  const own = region[cell]!;
  const sameNeighbours = graph.neighbours[cell]!.filter((n) => region[n] === own);
  if (sameNeighbours.length === 0) return false;
  const seen = new Set<number>([cell, sameNeighbours[0]!]);
  const stack = [sameNeighbours[0]!];
  while (stack.length > 0) {
    for (const n of graph.neighbours[stack.pop()!]!) {
      if (region[n] === own && !seen.has(n)) seen.add(n), stack.push(n);
    }
  }
  return sameNeighbours.every((n) => seen.has(n));
}

function moveSourcesToMiddles(graph: CellGraph, nodes: readonly number[], region: Int32Array, sources: number[]): void {
  const sums = sources.map(() => [0, 0, 0]);
  for (const node of nodes) {
    const s = sums[region[node]!]!;
    s[0]! += graph.seeds[node]![0];
    s[1]! += graph.seeds[node]![1];
    s[2]!++;
  }
  const bestDistance = sources.map(() => Infinity);
  for (const node of nodes) {
    const r = region[node]!;
    const [sx, sy, n] = sums[r] as [number, number, number];
    const d = planeDistance(graph.seeds[node]!, [sx / n, sy / n]);
    if (d < bestDistance[r]!) (bestDistance[r] = d), (sources[r] = node);
  }
}

/** Binary min-heap of (distance, node, region) ordered by all three, for deterministic ties. */
class MinHeap {
  private items: [number, number, number][] = [];

  get size(): number {
    return this.items.length;
  }

  push(d: number, node: number, r: number): void {
    const items = this.items;
    items.push([d, node, r]);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): [number, number, number] {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && less(items[l]!, items[m]!)) m = l;
        if (r < items.length && less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

function less(a: [number, number, number], b: [number, number, number]): boolean {
  return a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
}
