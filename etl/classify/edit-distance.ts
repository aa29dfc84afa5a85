/**
 * Edit distance between names, counted in characters (code points), so 路登 is one edit from 路灯
 * just as 'lamb' is one from 'lamp'.
 */

/**
 * Levenshtein distance over code points.
 *
 * @example
 * editDistance('路登杆', '路灯杆') // 1
 * editDistance('监控', '监控电子眼') // 3
 */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  let current = new Array<number>(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const substitution = previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[t.length]!;
}

/**
 * How many characters two names share (as multisets): the tie-breaker between equally distant names.
 *
 * @example
 * sharedCharacters('灯杆子', '路灯杆') // 2
 */
export function sharedCharacters(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const c of a) counts.set(c, (counts.get(c) ?? 0) + 1);
  let shared = 0;
  for (const c of b) {
    const n = counts.get(c) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(c, n - 1);
    }
  }
  return shared;
}
