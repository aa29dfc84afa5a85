/**
 * A small deterministic PRNG (mulberry32) for demo data: the same seed always gives the same
 * survey, on every platform, without pulling in a dependency.
 */
export class SeededRandom {
  private state: number;

  /**
   * @example
   * const random = new SeededRandom(42);
   * random.next(); // 0.6011037519201636, always, for seed 42
   */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[this.int(items.length)] as T;
  }
}

/**
 * Draws items with probability proportional to their weights, in O(log n) per draw.
 *
 * @example
 * const status = new WeightedPicker(['完好', '破损'], [9, 1]);
 * status.pick(random); // '完好' nine times in ten
 */
export class WeightedPicker<T> {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError('WeightedPicker needs one positive weight per item');
    }
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new RangeError(`weight ${w} for item ${i} is not a non-negative number`);
      total += w;
      this.cumulative[i] = total;
    });
    if (total <= 0) throw new RangeError('WeightedPicker weights sum to zero');
  }

  pick(random: SeededRandom): T {
    const target = random.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
