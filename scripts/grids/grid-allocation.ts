/**
 * Split an integer total over weighted parts by the largest-remainder
 * (Hamilton) method; ties go to the lower index so the split is
 * deterministic.
 *
 * @example allocate(10, [5, 3, 2]); // [5, 3, 2]
 * @example allocate(205, [67, 30]); // [142, 63]
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  const order = exact.map((_, i) => i).sort((a, b) => (exact[b]! % 1) - (exact[a]! % 1) || a - b);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (const i of order) {
    if (missing-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}
