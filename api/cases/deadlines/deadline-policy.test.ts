import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { caseClasses, caseDataDir, caseSteps, loadDeadlinePolicy, readDeadlinePolicy, stepDeadline } from './deadline-policy.ts';

const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const hoursAfter = (start: Date, end: Date) => (end.getTime() - start.getTime()) / 3600_000;

describe('the shipped policy (data/cases/deadline-policy.json)', () => {
  const policy = loadDeadlinePolicy();

  test('is read once and kept', () => {
    assert.equal(loadDeadlinePolicy(), policy);
  });

  test('A counts natural hours, B and C working hours; every class limits every step', () => {
    assert.deepEqual(caseClasses.map((c) => policy.classes[c].clock), ['natural', 'working', 'working']);
    for (const caseClass of caseClasses) for (const step of caseSteps) assert.ok(policy.classes[caseClass].hours[step] > 0, `${caseClass} ${step}`);
  });

  test('A is strictest and C most lenient on every step', () => {
    for (const step of caseSteps) {
      const [a, b, c] = caseClasses.map((caseClass) => policy.classes[caseClass].hours[step]);
      assert.ok(a! <= b! && b! <= c!, `${step}: ${a} ≤ ${b} ≤ ${c}`);
    }
  });

  test('dispose: A 2 h natural, B 2 working days, C 5 working days', () => {
    const start = cst('2026-03-10 09:00'); // a Tuesday
    assert.equal(hoursAfter(start, stepDeadline(policy, 'A', 'dispose', start)), 2);
    assert.deepEqual(stepDeadline(policy, 'B', 'dispose', start), cst('2026-03-12 09:00'));
    assert.deepEqual(stepDeadline(policy, 'C', 'dispose', start), cst('2026-03-17 09:00'));
  });

  test('knows 2027 is provisional', () => {
    assert.deepEqual(policy.provisionalYears, [2027]);
  });
});

describe('a broken data folder fails naming the file at fault', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** A copy of data/cases/ with one file replaced (or removed when `content` is null). */
  const variant = (name: string, content: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-policy-'));
    dirs.push(dir);
    for (const file of fs.readdirSync(caseDataDir)) fs.copyFileSync(path.join(caseDataDir, file), path.join(dir, file));
    if (content === null) fs.rmSync(path.join(dir, name));
    else fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return dir;
  };
  const policyFile = () => JSON.parse(fs.readFileSync(path.join(caseDataDir, 'deadline-policy.json'), 'utf8'));

  test('a class without a limit for a step', () => {
    const file = policyFile();
    delete file.classes.B.hours.check;
    assert.throws(() => readDeadlinePolicy(variant('deadline-policy.json', file)), /data\/cases\/deadline-policy\.json: classes\.B\.hours\.check/);
  });

  test('a negative limit, or overlapping working hours', () => {
    const negative = policyFile();
    negative.classes.C.hours.dispose = -1;
    assert.throws(() => readDeadlinePolicy(variant('deadline-policy.json', negative)), /deadline-policy\.json: classes\.C\.hours\.dispose/);
    const overlapping = policyFile();
    overlapping.working_hours = [{ from: '08:30', to: '14:00' }, { from: '13:30', to: '17:30' }];
    assert.throws(() => readDeadlinePolicy(variant('deadline-policy.json', overlapping)), /deadline-policy\.json: working hours: 13:30–17:30 overlaps/);
  });

  test('a calendar that is not JSON, or holds another year than its name says', () => {
    assert.throws(() => readDeadlinePolicy(variant('calendar-2027.json', '{ not json')), /data\/cases\/calendar-2027\.json:/);
    const wrongYear = JSON.parse(fs.readFileSync(path.join(caseDataDir, 'calendar-2026.json'), 'utf8'));
    assert.throws(() => readDeadlinePolicy(variant('calendar-2028.json', wrongYear)), /calendar-2028\.json: holds the year 2026/);
  });

  test('without the 2027 file, working time that reaches 2027 names calendar-2027.json', () => {
    const policy = readDeadlinePolicy(variant('calendar-2027.json', null));
    assert.deepEqual(stepDeadline(policy, 'B', 'verify', cst('2026-12-30 10:00')), cst('2026-12-30 11:00'));
    assert.throws(() => stepDeadline(policy, 'B', 'dispose', cst('2026-12-31 10:00')), /add data\/cases\/calendar-2027\.json/);
    // natural time needs no calendar
    assert.deepEqual(stepDeadline(policy, 'A', 'dispose', cst('2027-06-01 10:00')), cst('2027-06-01 12:00'));
  });
});
