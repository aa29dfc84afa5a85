import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assessmentRates, assessmentScore, type AssessmentCounts } from './assessment-score.ts';
import { loadAssessmentWeights, type AssessmentWeights } from './assessment-weights.ts';

const weights: AssessmentWeights = {
  figures: {
    on_time_rate: { weight: 40, better: 'higher' },
    closure_rate: { weight: 30, better: 'higher' },
    rework_rate: { weight: 20, better: 'lower' },
    overdue_rate: { weight: 10, better: 'lower' },
  },
};
const counts = (over: Partial<AssessmentCounts> = {}): AssessmentCounts => ({
  received: 8, disposals: 8, disposed_on_time: 6, overdue: 3, judged_dispose_steps: 9, returns: 1, closed: 7, ...over,
});

describe('assessmentRates', () => {
  test('divide each count by its base', () => {
    const rates = assessmentRates(counts());
    assert.equal(rates.on_time_rate, 0.75);
    assert.equal(rates.closure_rate, 0.875);
    assert.equal(rates.rework_rate, 0.125);
    assert.equal(rates.overdue_rate, 3 / 9);
  });

  test('a rate without a base is null, not 0 or NaN', () => {
    const rates = assessmentRates(counts({ disposals: 0, disposed_on_time: 0, returns: 0, judged_dispose_steps: 0, overdue: 0, closed: 0 }));
    assert.deepEqual(rates, { on_time_rate: null, closure_rate: 0, rework_rate: null, overdue_rate: null });
  });
});

describe('assessmentScore', () => {
  test('weights the rates, inverting those where lower is better', () => {
    // 40 × 0.75 + 30 × 0.875 + 20 × (1 − 0.125) + 10 × (1 − 1/3) = 80.4166…
    assert.equal(assessmentScore(assessmentRates(counts()), weights), 80.4);
    assert.equal(assessmentScore({ on_time_rate: 1, closure_rate: 0.4, rework_rate: 0.25, overdue_rate: 0.2 }, weights), 75);
  });

  test('perfect is 100 and hopeless 0', () => {
    assert.equal(assessmentScore({ on_time_rate: 1, closure_rate: 1, rework_rate: 0, overdue_rate: 0 }, weights), 100);
    assert.equal(assessmentScore({ on_time_rate: 0, closure_rate: 0, rework_rate: 1, overdue_rate: 1 }, weights), 0);
  });

  test('a rework rate above 1 (two returns per disposal) counts as 1, not below 0', () => {
    assert.equal(assessmentScore({ on_time_rate: 1, closure_rate: 1, rework_rate: 2, overdue_rate: 0 }, weights), 80);
  });

  test('missing rates drop out with their weight', () => {
    // nothing disposed yet: only closure (30) and overdue (10) count → (30 × 0.5 + 10 × 1) / 40
    assert.equal(assessmentScore({ on_time_rate: null, closure_rate: 0.5, rework_rate: null, overdue_rate: 0 }, weights), 62.5);
    assert.equal(assessmentScore({ on_time_rate: null, closure_rate: null, rework_rate: null, overdue_rate: null }, weights), null);
  });

  test('other weights give another score from the same rates', () => {
    const onlyOnTime: AssessmentWeights = { figures: { ...weights.figures, closure_rate: { weight: 0, better: 'higher' }, rework_rate: { weight: 0, better: 'lower' }, overdue_rate: { weight: 0, better: 'lower' } } };
    assert.equal(assessmentScore(assessmentRates(counts()), onlyOnTime), 75);
  });
});

test('the shipped weights are on-time 40, closure 30, rework 20 and overdue 10, the last two inverted', () => {
  const shipped = loadAssessmentWeights();
  assert.deepEqual(
    Object.fromEntries(Object.entries(shipped.figures).map(([name, f]) => [name, [f.weight, f.better]])),
    { on_time_rate: [40, 'higher'], closure_rate: [30, 'higher'], rework_rate: [20, 'lower'], overdue_rate: [10, 'lower'] },
  );
});
