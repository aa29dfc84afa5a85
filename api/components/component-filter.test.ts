/** The component filter's query-string parsing: bbox validation, class and other comma lists. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { componentFilterQuery, parseBbox } from './component-filter.ts';

describe('parseBbox', () => {
  test('reads minLon,minLat,maxLon,maxLat', () => {
    assert.deepEqual(parseBbox('120.5,31.1,120.7,31.3'), [120.5, 31.1, 120.7, 31.3]);
    assert.deepEqual(parseBbox(' -1.5e1 , -2 , 3 , .5 '), [-15, -2, 3, 0.5]);
    assert.deepEqual(parseBbox('120,31,120,31'), [120, 31, 120, 31], 'a degenerate box is a point');
  });

  test('refuses what is not a box, saying why', () => {
    const cases: [string, RegExp][] = [
      ['120,31,121', /four numbers/],
      ['120,31,121,32,5', /four numbers/],
      ['a,31,121,32', /four numbers/],
      ['120,,121,32', /four numbers/],
      ['0x10,31,121,32', /four numbers/],
      ['-181,31,121,32', /longitudes/],
      ['120,31,181,32', /longitudes/],
      ['120,-91,121,32', /latitudes/],
      ['120,31,121,95', /latitudes/],
      ['121,31,120,32', /minLon is greater/],
      ['120,32,121,31', /minLat is greater/],
    ];
    for (const [text, message] of cases) {
      const result = parseBbox(text);
      assert.equal(typeof result, 'string', text);
      assert.match(result as string, message, text);
    }
  });
});

describe('componentFilterQuery', () => {
  test('splits comma lists, drops duplicates and blanks', () => {
    const parsed = componentFilterQuery.parse({ class: '0101, 02,0101,', department: 'water-supply,police', ownership: 'pending,disputed' });
    assert.deepEqual(parsed.class, ['0101', '02']);
    assert.deepEqual(parsed.department, ['water-supply', 'police']);
    assert.deepEqual(parsed.ownership, ['pending', 'disputed']);
  });

  test('refuses malformed values', () => {
    for (const query of [{ class: '010' }, { class: '01a1' }, { class: ',' }, { ownership: 'lost' }, { grid: '3205' }, { department: 'Water Supply' }, { bbox: '1,2,3' }, { q: '' }]) {
      assert.equal(componentFilterQuery.safeParse(query).success, false, JSON.stringify(query));
    }
  });

  test('a bbox issue carries its message', () => {
    const result = componentFilterQuery.safeParse({ bbox: '121,31,120,32' });
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0]!.message, /minLon is greater/);
  });
});
