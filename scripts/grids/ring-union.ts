import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInRing, signedArea2 } from './ring-geometry.ts';

/**
 * Exact union of cells from one planar subdivision, by topology instead of
 * floating-point overlay: every edge shared by two member cells appears once
 * in each direction and cancels; the edges left over are the boundary, and
 * chaining them gives the union's rings with the very same coordinates the
 * cells have. That makes a parent bitwise-identical to the union of its
 * children, which a geometric union (turf/JSTS) does not promise.
 *
 * Cells must be closed, counter-clockwise rings whose shared vertices are
 * bitwise identical (round before building), and must not overlap.
 *
 * @param cells - closed counter-clockwise rings of one subdivision
 * @returns a Polygon when the union is one piece, else a MultiPolygon
 *   (largest piece first); exterior rings counter-clockwise, holes clockwise
 * @example
 * unionCells([
 *   [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
 *   [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]],
 * ]); // Polygon [[0,0],[1,0],[2,0],[2,1],[1,1],[0,1],[0,0]]
 */
export function unionCells(cells: readonly (readonly Position[])[]): Polygon | MultiPolygon {
  const position = new Map<string, Position>();
  const directed = new Set<string>();
  for (const cell of cells) {
    for (let i = 0; i + 1 < cell.length; i++) {
      const a = keyOf(cell[i]!);
      const b = keyOf(cell[i + 1]!);
      if (a === b) continue;
      position.set(a, cell[i]!);
      const edge = `${a}>${b}`;
      if (directed.has(edge)) throw new Error(`cells overlap along edge ${edge}`);
      directed.add(edge);
    }
  }

  // boundary edges: those whose reverse is not used by a neighbouring member
  const outgoing = new Map<string, string[]>();
  for (const edge of directed) {
    const [a, b] = edge.split('>') as [string, string];
    if (directed.has(`${b}>${a}`)) continue;
    const list = outgoing.get(a);
    if (list) list.push(b);
    else outgoing.set(a, [b]);
  }

  const rings = traceRings(outgoing, position);
  const shells = rings.filter((ring) => signedArea2(ring) > 0);
  const holes = rings.filter((ring) => signedArea2(ring) < 0);
  shells.sort((p, q) => signedArea2(q) - signedArea2(p) || compareRings(p, q));
  const polygons: Position[][][] = shells.map((shell) => [shell]);
  for (const hole of holes) {
    // the midpoint of a hole edge is never on a shell: shared edges cancelled
    const [p, q] = hole as [Position, Position];
    const probe = [(p[0]! + q[0]!) / 2, (p[1]! + q[1]!) / 2];
    let owner = -1;
    shells.forEach((shell, i) => {
      if (!pointInRing(probe, shell)) return;
      if (owner < 0 || signedArea2(shell) < signedArea2(shells[owner]!)) owner = i;
    });
    if (owner < 0) throw new Error('hole outside every shell');
    polygons[owner]!.push(hole);
  }
  for (const rings of polygons) rings.splice(1, rings.length - 1, ...rings.slice(1).sort(compareRings));

  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0]! }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** Chain boundary edges into closed rings, starting each ring at its smallest vertex. */
function traceRings(outgoing: Map<string, string[]>, position: Map<string, Position>): Position[][] {
  const rings: Position[][] = [];
  const starts = [...outgoing.keys()].sort();
  for (const start of starts) {
    while (outgoing.get(start)!.length > 0) {
      const keys = [start];
      let previous: string | undefined;
      let current = start;
      do {
        const next = takeNext(outgoing, position, previous, current);
        previous = current;
        current = next;
        keys.push(current);
      } while (current !== start);
      for (const loop of splitAtRepeats(keys)) rings.push(canonical(loop.map((key) => position.get(key)!)));
    }
  }
  return rings;
}

/**
 * Split a closed ring that passes a vertex twice into simple closed loops.
 * Left-most turns keep two shells that touch at a point apart, but join a
 * hole to its shell where they touch; cutting at the repeat separates them.
 */
function splitAtRepeats(keys: string[]): string[][] {
  const loops: string[][] = [];
  const stack: string[] = [];
  const at = new Map<string, number>();
  for (const key of keys) {
    const seen = at.get(key);
    if (seen !== undefined) {
      const loop = stack.splice(seen + 1);
      for (const k of loop) at.delete(k);
      loops.push([key, ...loop, key]);
    } else {
      at.set(key, stack.length);
      stack.push(key);
    }
  }
  return loops;
}

/**
 * Take the outgoing boundary edge from `current`. A vertex with several (a
 * pinch, where parts of the union touch at one point) takes the sharpest
 * left turn, so each traced ring bounds one wedge of the region.
 */
function takeNext(
  outgoing: Map<string, string[]>,
  position: Map<string, Position>,
  previous: string | undefined,
  current: string,
): string {
  const list = outgoing.get(current);
  if (!list || list.length === 0) throw new Error(`open boundary at ${current}`);
  let pick = 0;
  if (list.length > 1 && previous !== undefined) {
    const [px, py] = position.get(previous)! as [number, number];
    const [cx, cy] = position.get(current)! as [number, number];
    let best = -Infinity;
    list.forEach((key, i) => {
      const [nx, ny] = position.get(key)! as [number, number];
      const ax = cx - px;
      const ay = cy - py;
      const bx = nx - cx;
      const by = ny - cy;
      const turn = pseudoAngle(ax * by - ay * bx, ax * bx + ay * by);
      if (turn > best) (best = turn), (pick = i);
    });
  }
  return list.splice(pick, 1)[0]!;
}

/**
 * A stand-in for `Math.atan2(y, x)` with the same order over (-2, 2] but
 * plain arithmetic, so the choice cannot differ between engines.
 */
function pseudoAngle(y: number, x: number): number {
  const p = y / (Math.abs(x) + Math.abs(y));
  return x >= 0 ? p : y >= 0 ? 2 - p : -2 - p;
}

/** Rotate a closed ring so it starts (and ends) at its lexicographically smallest vertex. */
function canonical(ring: Position[]): Position[] {
  const open = ring.slice(0, -1);
  let first = 0;
  open.forEach((p, i) => {
    if (comparePositions(p, open[first]!) < 0) first = i;
  });
  const rotated = [...open.slice(first), ...open.slice(0, first)];
  return [...rotated, rotated[0]!];
}

function compareRings(p: readonly Position[], q: readonly Position[]): number {
  return comparePositions(p[0]!, q[0]!);
}

function comparePositions(p: Position, q: Position): number {
  return p[0]! - q[0]! || p[1]! - q[1]!;
}

function keyOf(p: Position): string {
  return `${p[0]},${p[1]}`;
}
