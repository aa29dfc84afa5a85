import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { readReferenceData } from '../../../data/reference-data.ts';
import { readProblemTypeCatalogue } from './problem-type-catalogue.ts';

const { problemTypes } = readProblemTypeCatalogue();
const reference = readReferenceData();
const ofClass = (code: string) => problemTypes.filter((p) => p.class_code === code);
const named = (code: string, name: string) => ofClass(code).find((p) => p.name_zh === name);

describe('data/cases/problem-types.json', () => {
  test('every component class of GB/T 30428.2 has problem types, and every event class exactly one', () => {
    for (const componentClass of reference.componentClasses) assert.ok(ofClass(componentClass.sub_code).length >= 2, componentClass.sub_code);
    for (const eventClass of reference.eventClasses) {
      const entries = problemTypes.filter((p) => p.event_class_code === eventClass.sub_code);
      assert.equal(entries.length, 1, eventClass.sub_code);
      assert.equal(entries[0]!.name_zh, eventClass.sub_name_zh, 'an event problem is named as its class');
    }
  });

  test('names only classes that exist', () => {
    const components = new Set(reference.componentClasses.map((c) => c.sub_code));
    const events = new Set(reference.eventClasses.map((c) => c.sub_code));
    for (const p of problemTypes) assert.ok(p.class_code ? components.has(p.class_code) : events.has(p.event_class_code!), p.code);
  });

  test('every manhole cover class has 破损, 缺失, 移位 and 异响; a missing cover is always A', () => {
    const covers = reference.componentClasses.filter((c) => c.sub_name_zh.endsWith('井盖'));
    assert.ok(covers.length >= 15, `${covers.length} cover classes`);
    for (const cover of covers) {
      for (const name of ['破损', '缺失', '移位', '异响']) assert.ok(named(cover.sub_code, name), `${cover.sub_code} ${cover.sub_name_zh} ${name}`);
      assert.equal(named(cover.sub_code, '缺失')!.case_class, 'A', cover.sub_code);
    }
  });

  test('street lamps, cameras, police booths and traffic signals have their named problems', () => {
    for (const [code, names] of [
      ['0118', ['不亮', '昼亮', '灯杆倾斜']],
      ['0136', ['损坏', '离线']],
      ['0138', ['损坏']],
      ['0210', ['不亮', '故障']],
    ] as const) {
      for (const name of names) assert.ok(named(code, name), `${code} ${name}`);
    }
    assert.equal(named('0210', '不亮')!.case_class, 'A', 'a signal out is urgent');
    assert.equal(named('0118', '灯杆倒伏')!.case_class, 'A', 'a fallen pole is urgent');
    assert.equal(named('0118', '昼亮')!.case_class, 'C', 'a lamp lit by day is minor');
  });

  test('emergencies (突发事件) are A-class', () => {
    const emergencies = problemTypes.filter((p) => p.event_class_code?.startsWith('04'));
    assert.equal(emergencies.length, 10);
    assert.ok(emergencies.every((p) => p.case_class === 'A'));
  });

  test('codes follow the class: 0118-01 for a component class, E0401 for an event class', () => {
    assert.equal(new Set(problemTypes.map((p) => p.code)).size, problemTypes.length);
    for (const p of problemTypes) assert.match(p.code, p.class_code ? new RegExp(`^${p.class_code}-\\d{2}$`) : new RegExp(`^E${p.event_class_code}$`));
  });
});

describe('a bad catalogue fails naming the entry', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const read = (entries: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-catalogue-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'problem-types.json'), JSON.stringify(entries));
    return () => readProblemTypeCatalogue(dir);
  };
  const lamp = { code: '0118-01', class_code: '0118', name_zh: '不亮', name_en: 'Not lit', case_class: 'B' };

  test('a code used twice', () => {
    assert.throws(read([lamp, lamp]), /item 1 \(0118-01\): the code is used twice/);
  });

  test('a code that does not start with its class, or an unknown case class', () => {
    assert.throws(read([{ ...lamp, class_code: '0119' }]), /item 0 \(0118-01\)/);
    assert.throws(read([{ ...lamp, case_class: 'D' }]), /item 0 \(0118-01\)/);
  });

  test('an entry with both a component class and an event class', () => {
    assert.throws(read([{ ...lamp, event_class_code: '0401' }]), /item 0/);
  });

  test('a good file reads, with a hash that changes with the content', () => {
    const one = read([lamp])();
    const two = read([{ ...lamp, name_en: 'Dark' }])();
    assert.equal(one.problemTypes[0]!.event_class_code, null);
    assert.notEqual(one.hash, two.hash);
  });
});
