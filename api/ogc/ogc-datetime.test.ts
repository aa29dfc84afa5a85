/** The datetime parameter: instants, dates and intervals, open or closed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDatetime } from './ogc-datetime.ts';

const iso = (value: ReturnType<typeof parseDatetime>) =>
  typeof value === 'string' ? value : { start: value.start?.toISOString(), end: value.end?.toISOString() };

test('an instant is an interval of one moment, offsets normalised to UTC', () => {
  assert.deepEqual(iso(parseDatetime('2024-03-04T08:00:00Z')), { start: '2024-03-04T08:00:00.000Z', end: '2024-03-04T08:00:00.000Z' });
  assert.deepEqual(iso(parseDatetime('2024-03-04T16:00:00.5+08:00')), { start: '2024-03-04T08:00:00.500Z', end: '2024-03-04T08:00:00.500Z' });
});

test('a date is its whole UTC day, in an interval too', () => {
  assert.deepEqual(iso(parseDatetime('2024-03-04')), { start: '2024-03-04T00:00:00.000Z', end: '2024-03-04T23:59:59.999Z' });
  assert.deepEqual(iso(parseDatetime('2024-03-01/2024-03-04')), { start: '2024-03-01T00:00:00.000Z', end: '2024-03-04T23:59:59.999Z' });
});

test('open ends are .. or empty', () => {
  assert.deepEqual(iso(parseDatetime('2024-03-04T00:00:00Z/..')), { start: '2024-03-04T00:00:00.000Z', end: undefined });
  assert.deepEqual(iso(parseDatetime('/2024-03-04T00:00:00Z')), { start: undefined, end: '2024-03-04T00:00:00.000Z' });
});

test('refuses what is not RFC 3339 or not an interval', () => {
  for (const bad of ['yesterday', '2024-02-30', '2024-03-04T25:00:00Z', '2024-03-04T08:00:00', '2024-03-04 08:00:00Z', '../..', '/', 'a/b/c', '2024-03-05/2024-03-04']) {
    assert.equal(typeof parseDatetime(bad), 'string', bad);
  }
});
