import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lastWeeks, presetPeriod, shanghaiToday } from './assessment-period.ts';

describe('assessment periods', () => {
  test('today is the Shanghai day, 8 hours ahead of UTC', () => {
    assert.equal(shanghaiToday(new Date('2026-11-28T15:59:00Z')), '2026-11-28');
    assert.equal(shanghaiToday(new Date('2026-11-28T16:00:00Z')), '2026-11-29');
  });

  test('month presets', () => {
    assert.deepEqual(presetPeriod('thisMonth', '2026-11-28'), { from: '2026-11-01', to: '2026-11-28' });
    assert.deepEqual(presetPeriod('lastMonth', '2026-11-28'), { from: '2026-10-01', to: '2026-10-31' });
    assert.deepEqual(presetPeriod('lastMonth', '2026-03-05'), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(presetPeriod('lastMonth', '2026-01-10'), { from: '2025-12-01', to: '2025-12-31' });
    assert.deepEqual(presetPeriod('last3Months', '2026-02-10'), { from: '2025-12-01', to: '2026-02-10' });
    assert.deepEqual(presetPeriod('thisYear', '2026-11-28'), { from: '2026-01-01', to: '2026-11-28' });
  });

  test('weeks run Monday to Sunday, oldest first, the last one ending today', () => {
    // 2026-11-28 is a Saturday
    assert.deepEqual(lastWeeks(3, '2026-11-28'), [
      { from: '2026-11-09', to: '2026-11-15' },
      { from: '2026-11-16', to: '2026-11-22' },
      { from: '2026-11-23', to: '2026-11-28' },
    ]);
    assert.deepEqual(lastWeeks(1, '2026-11-23'), [{ from: '2026-11-23', to: '2026-11-23' }]);
  });
});
