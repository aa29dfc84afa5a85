import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateCount, componentFilter, isFiltered, noFilters } from './component-filters.ts';

test('no filter draws everything', () => {
  assert.equal(componentFilter(noFilters), null);
  assert.equal(isFiltered(noFilters), false);
  assert.deepEqual(aggregateCount(noFilters), ['coalesce', ['get', 'total'], 0]);
});

test('filters combine with all', () => {
  const filter = componentFilter({ majors: ['01', '02'], departments: ['water-supply'], ownership: ['pending'], openCasesOnly: true });
  assert.deepEqual(filter, [
    'all',
    ['in', ['get', 'major'], ['literal', ['01', '02']]],
    ['any', ['!', ['has', 'department']], ['in', ['get', 'department'], ['literal', ['water-supply']]]],
    ['in', ['get', 'ownership'], ['literal', ['pending']]],
    ['==', ['get', 'open_case'], true],
  ]);
});

test('aggregates count the chosen classes, or open cases', () => {
  assert.deepEqual(aggregateCount({ ...noFilters, majors: ['03'] }), ['coalesce', ['get', 'm03'], 0]);
  assert.deepEqual(aggregateCount({ ...noFilters, majors: ['01', '04'] }), ['+', ['coalesce', ['get', 'm01'], 0], ['coalesce', ['get', 'm04'], 0]]);
  assert.deepEqual(aggregateCount({ ...noFilters, majors: ['01'], openCasesOnly: true }), ['coalesce', ['get', 'open_cases'], 0]);
});
