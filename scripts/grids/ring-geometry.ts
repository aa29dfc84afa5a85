/**
 * Planar ring primitives shared by the seed sampler and the union: signed
 * area, centroid and point-in-ring. Rings are arrays of [x, y]; a closing
 * point equal to the first is allowed but not required.
 */

type Point = readonly number[];

/**
 * Twice the signed area of a ring (shoelace): positive when counter-clockwise.
 * @example signedArea2([[0, 0], [1, 0], [1, 1], [0, 1]]); // 2
 */
export function signedArea2(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    // trapezoid under edge j → i, signed so counter-clockwise rings sum positive
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return sum;
}

/**
 * Area-weighted centroid of a simple ring.
 * @example ringCentroid([[0, 0], [2, 0], [2, 2], [0, 2]]); // [1, 1]
 */
export function ringCentroid(ring: readonly Point[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Even-odd ray-casting test of a point against one ring. Points exactly on
 * the boundary may go either way; callers only test points off boundaries.
 * @example pointInRing([1, 1], [[0, 0], [2, 0], [2, 2], [0, 2]]); // true
 */
export function pointInRing([px, py]: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > py! !== yj > py! && px! < ((xj - xi) * (py! - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
