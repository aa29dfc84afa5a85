/**
 * 考核评分 — from a group's counts to its rates and composite score (0–100). Pure: the counts come
 * from the case log (assessment.repository.ts), the weights from data/.
 */
import { rateNames, type AssessmentWeights, type RateName } from './assessment-weights.ts';

/** What the case log says about one department's or grid's cases received in a period. */
export interface AssessmentCounts {
  /** 受理 — cases dispatched to it in the period */
  received: number;
  /** dispose steps that ended (a disposal after the dispatch or after a return) */
  disposals: number;
  /** of those, ended by their deadline */
  disposed_on_time: number;
  /** dispose steps that ran over: ended late, or still running past the deadline */
  overdue: number;
  /** dispose steps whose outcome is known: ended, or running past the deadline */
  judged_dispose_steps: number;
  /** 返工 — returns for rework */
  returns: number;
  /** 结案 — cases closed */
  closed: number;
}

/** Rates in 0..1 (rework can pass 1); null when the denominator is 0. */
export type AssessmentRates = Record<RateName, number | null>;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * @example
 * assessmentRates({ received: 8, disposals: 8, disposed_on_time: 6, overdue: 3, judged_dispose_steps: 9, returns: 1, closed: 7 })
 * // { on_time_rate: 0.75, closure_rate: 0.875, rework_rate: 0.125, overdue_rate: 0.333… }
 */
export function assessmentRates(counts: AssessmentCounts): AssessmentRates {
  return {
    on_time_rate: ratio(counts.disposed_on_time, counts.disposals),
    closure_rate: ratio(counts.closed, counts.received),
    rework_rate: ratio(counts.returns, counts.disposals),
    overdue_rate: ratio(counts.overdue, counts.judged_dispose_steps),
  };
}

/**
 * The weighted mean of the rates, × 100, to one decimal: 'lower is better' rates are inverted
 * (capped at 1 first), and rates that do not exist yet (null) drop out with their weight. Null when
 * no weighted rate exists.
 *
 * @example
 * // weights on-time 40, closure 30, rework 20 (inverted), overdue 10 (inverted)
 * assessmentScore({ on_time_rate: 1, closure_rate: 0.4, rework_rate: 0.25, overdue_rate: 0.2 }, weights) // 75
 */
export function assessmentScore(rates: AssessmentRates, weights: AssessmentWeights): number | null {
  let weighted = 0;
  let total = 0;
  for (const name of rateNames) {
    const rate = rates[name];
    const { weight, better } = weights.figures[name];
    if (rate === null || weight === 0) continue;
    const capped = Math.min(1, Math.max(0, rate));
    weighted += weight * (better === 'higher' ? capped : 1 - capped);
    total += weight;
  }
  return total > 0 ? Math.round((1000 * weighted) / total) / 10 : null;
}
