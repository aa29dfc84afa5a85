import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateDetector } from './duplicate-detector.ts';
import { IN_WUZHONG, point, recordOf, square, testContext } from './test-support.ts';

const [x, y] = IN_WUZHONG;
const metresEast = (m: number) => x + m / (111_320 * Math.cos((y * Math.PI) / 180));

test('the same class within 0.1 m is a duplicate of the first row', () => {
  const d = new DuplicateDetector({ classNames: testContext.classNames });
  assert.equal(d.check(recordOf(point(), {}, 12), '0118'), null);
  assert.deepEqual(d.check(recordOf(point(metresEast(0.04), y), {}, 40), '0118'), {
    rule: 'batch.duplicate',
    message: 'a second 路灯 (0118) at the position of row 12 (0.04 m apart): delete one of them',
  });
  assert.equal(d.size, 1);
});

test('a different class, or more than 0.1 m away, is not a duplicate', () => {
  const d = new DuplicateDetector();
  assert.equal(d.check(recordOf(point(), {}, 1), '0118'), null);
  assert.equal(d.check(recordOf(point(), {}, 2), '0103'), null); // a cover under a lamp
  assert.equal(d.check(recordOf(point(metresEast(0.15), y), {}, 3), '0118'), null);
  assert.equal(d.size, 3);
});

test('neighbouring grid cells are searched: 0.06 m across a cell edge is found', () => {
  const d = new DuplicateDetector();
  for (let i = 0; i < 200; i++) {
    const a = metresEast(i * 0.37);
    assert.equal(d.check(recordOf(point(a, y), {}, 2 * i + 1), '0305'), null);
    const dup = d.check(recordOf(point(a + 0.06 / (111_320 * Math.cos((y * Math.PI) / 180)), y + 0.05 / 111_320), {}, 2 * i + 2), '0305');
    assert.equal(dup?.rule, 'batch.duplicate', `pair ${i}`);
  }
});

test('the same ObjID twice is a duplicate, wherever it stands, naming the earlier layer', () => {
  const d = new DuplicateDetector();
  assert.equal(d.check(recordOf(point(), { code: '3205060118000001' }, 5, '路灯'), '0118'), null);
  assert.deepEqual(d.check(recordOf(point(metresEast(30), y), { code: '3205060118000001' }, 9, '路灯2'), '0118'), {
    rule: 'batch.duplicate',
    message: 'ObjID 3205060118000001 is already used by row 5 of layer 路灯: each component appears once',
  });
  assert.equal(d.check(recordOf(point(metresEast(60), y), { code: '3205060118000002' }, 10, '路灯2'), '0118'), null);
});

test('polygons compare by their centre; rows without a position are only checked by ObjID', () => {
  const d = new DuplicateDetector();
  assert.equal(d.check(recordOf(square(30), {}, 1), '0405'), null);
  assert.equal(d.check(recordOf(square(30), {}, 2), '0405')?.rule, 'batch.duplicate');
  assert.equal(d.check(recordOf(null, {}, 3), '0405'), null);
  assert.equal(d.check(recordOf(null, {}, 4), '0405'), null);
});

test('the table grows past its first capacity and keeps finding earlier rows', () => {
  const d = new DuplicateDetector();
  const n = 5_000;
  for (let i = 0; i < n; i++) assert.equal(d.check(recordOf(point(metresEast(i), y), { code: `3205060118${String(i + 1).padStart(6, '0')}` }, i + 1), '0118'), null);
  assert.match(d.check(recordOf(point(metresEast(1234.05), y), {}, n + 1), '0118')!.message, /row 1235 \(0\.05 m apart\)/);
  assert.match(d.check(recordOf(point(metresEast(-50), y), { code: '3205060118000777' }, n + 2), '0118')!.message, /ObjID 3205060118000777 is already used by row 777:/);
});
