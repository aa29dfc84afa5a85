/**
 * A seeded pseudo-random number generator (mulberry32), so the grid generator
 * never touches `Math.random` and every run yields the same grids.
 *
 * @param seed - any 32-bit integer
 * @returns a function returning floats uniformly distributed in [0, 1)
 * @example
 * const random = seededRandom(320506);
 * random(); // same value on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
