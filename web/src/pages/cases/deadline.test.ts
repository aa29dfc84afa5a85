import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countdown } from './deadline.ts';

test('counts down to a deadline in days and hh:mm:ss', () => {
  assert.deepEqual(countdown('2026-11-28T12:00:00Z', Date.parse('2026-11-27T10:59:30Z')), { overdue: false, days: 1, clock: '01:00:30' });
});

test('counts up once the deadline has passed', () => {
  assert.deepEqual(countdown('2026-11-28T12:00:00Z', Date.parse('2026-11-28T12:05:01Z')), { overdue: true, days: 0, clock: '00:05:01' });
});
