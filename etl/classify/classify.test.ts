import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReferenceData } from '../../data/reference-data.ts';
import { CLASS_ALIASES } from '../demo/survey-vocabulary.ts';
import type { MappedFields } from '../survey-record.ts';
import { ClassIndex } from './class-index.ts';
import { classify, isRowRejection } from './classify.ts';
import { readComponentAliases } from './component-aliases.ts';

const classes = readReferenceData().componentClasses;
const aliases = readComponentAliases();
const index = new ClassIndex(classes, aliases);
const classOf = (fields: MappedFields, layer = '部件调查') => {
  const result = classify(fields, layer, index);
  return isRowRejection(result) ? result.rule : result.classCode;
};

test('every class by its standard Chinese and English name and its code', () => {
  for (const c of classes) {
    assert.equal(classOf({ classText: c.sub_name_zh }), c.sub_code, c.sub_name_zh);
    assert.equal(classOf({ classText: c.sub_name_en }), c.sub_code, c.sub_name_en);
    assert.equal(classOf({ classText: c.sub_code }), c.sub_code);
    assert.equal(classOf({ classText: `320506${c.sub_code}` }), c.sub_code);
    assert.equal(classOf({ classText: null, code: `320506${c.sub_code}000001` }), c.sub_code);
  }
});

test('every alias classifies to its class', () => {
  for (const [code, entry] of Object.entries(aliases.classes)) {
    for (const alias of entry.aliases) assert.equal(classOf({ classText: alias }), code, alias);
  }
});

test('the brief\'s aliases: lamps, cameras, signals, hydrants, covers, bins, toilets, booths', () => {
  const expected: Record<string, string> = {
    路灯杆: '0118', 灯杆: '0118', 路灯: '0118', 电子眼: '0136', 摄像头: '0136', 监控: '0136', 监控探头: '0136',
    红绿灯: '0210', 信号灯: '0210', 消火栓: '0113', 雨水井: '0103', 污水井: '0102', 上水井盖: '0101', 自来水井盖: '0101',
    给水井盖: '0101', 电力井: '0105', 通信井: '0107', 燃气井: '0111', 果皮箱: '0305', 垃圾桶: '0305', 公厕: '0301',
    岗亭: '0138', 警务亭: '0138', 治安岗亭: '0138',
  };
  for (const [text, code] of Object.entries(expected)) assert.equal(classOf({ classText: text }), code, text);
});

test('every name the demo survey writer uses classifies to its class', () => {
  for (const [code, names] of Object.entries(CLASS_ALIASES)) for (const name of names) assert.equal(classOf({ classText: name }), code, name);
});

test('normalised forms: width, case, spaces, brackets, 篦/箅, 井/井盖, trailing 杆', () => {
  assert.equal(classOf({ classText: ' 路 灯 ' }), '0118');
  assert.equal(classOf({ classText: 'ＳＴＲＥＥＴ ＬＡＭＰ' }), '0118');
  assert.equal(classOf({ classText: '变压器(箱)' }), '0134');
  assert.equal(classOf({ classText: '雨水篦子' }), '0104');
  assert.equal(classOf({ classText: '中水井' }), '0127');
  assert.equal(classOf({ classText: '热力井盖板' }), '0110');
  assert.equal(classOf({ classText: '交通信号灯杆' }), '0210');
  assert.equal(classOf({ classText: '路灯(LED)' }), '0118');
  assert.equal(classOf({ classText: '路灯井' }), '0106'); // not 路灯: 井 keeps the cover
});

test('code shapes: 3 digits (numeric column), BJ prefix, 01-18, 10 and 16 digits, code beside a name', () => {
  assert.equal(classOf({ classText: '118' }), '0118');
  assert.equal(classOf({ classText: 'bj0210' }), '0210');
  assert.equal(classOf({ classText: '02.10' }), '0210');
  assert.equal(classOf({ classText: '3205060305000009' }), '0305');
  assert.equal(classOf({ classText: '0118 路灯' }), '0118');
  assert.equal(classOf({ classText: '路灯（0118）' }), '0118');
  assert.equal(classOf({ classText: '0118 雨水井盖' }), 'class.conflict');
  assert.equal(classOf({ classText: '2133' }), 'class.unknown');
});

test('the layer name implies the class of rows without a type, but never among covers', () => {
  assert.equal(classOf({}, '路灯'), '0118');
  assert.equal(classOf({ classText: null }, '路灯_point'), '0118');
  assert.equal(classOf({}, '雨水井盖'), '0103');
  assert.equal(classOf({}, '消火栓2024'), '0113');
  assert.equal(classOf({ classText: '地灯' }, '路灯'), '0119'); // the row's own type wins
  assert.equal(classOf({ code: '3205060103000017' }, '路灯'), '0118'); // code.class_mismatch will report the ObjID
  assert.equal(classOf({ code: '3205060103000017' }, '井盖'), '0103'); // the layer is ambiguous: the ObjID decides
  assert.equal(classOf({}, '井盖'), 'class.missing');
  assert.equal(classOf({}, '部件调查'), 'class.missing');
  const covers = classify({}, '井盖', index);
  assert.ok(isRowRejection(covers));
  assert.match(covers.message, /^类型 is empty and the layer 井盖 could be any of 上水井盖 \(0101\), 污水井盖 \(0102\).*\(16 classes\): write the class in 类型$/);
});

test('an ambiguous type is settled by the ObjID or the layer, else rejected', () => {
  assert.equal(classOf({ classText: '井盖', code: '3205060111000004' }), '0111');
  assert.equal(classOf({ classText: '井盖' }, '雨水井盖'), '0103');
  assert.equal(classOf({ classText: '护栏' }, '河道护栏'), '0604');
  const r = classify({ classText: '护栏' }, '部件调查', index, { columns: { classText: 'TYPE' } });
  assert.deepEqual(r, {
    rule: 'class.ambiguous',
    message: "TYPE '护栏' could be any of 交通护栏 (0211), 绿地护栏 (0408), 水域护栏 (0604): write the exact class name or its 4-digit code",
  });
});

test('an unknown type is rejected with the three nearest classes', () => {
  assert.deepEqual(classify({ classText: '路登杆' }, '部件调查', index), {
    rule: 'class.unknown',
    message: "类型 '路登杆' is not a known component class; nearest: 路灯 (0118), 路灯井盖 (0106), 立杆 (0117)",
  });
  const typo = classify({ classText: '摄象头' }, '部件调查', index);
  assert.ok(isRowRejection(typo) && typo.message.includes('nearest: 监控电子眼 (0136)'));
  const english = classify({ classText: 'stret light' }, '部件调查', index);
  assert.ok(isRowRejection(english) && english.message.includes('nearest: 路灯 (0118)'));
});

test('the name column is the last resort', () => {
  assert.equal(classOf({ name: '东吴北路路灯' }), '0118');
  assert.equal(classOf({ name: '宝带西路12号' }), 'class.missing');
});

// fixture pairs: fixtures/in/*.json → fixtures/out/*.json; UPDATE=1 regenerates out/
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
for (const file of fs.readdirSync(path.join(fixtures, 'in')).filter((f) => f.endsWith('.json'))) {
  test(`fixture ${file}`, () => {
    const input = JSON.parse(fs.readFileSync(path.join(fixtures, 'in', file), 'utf8')) as { layer: string; rows: MappedFields[] };
    const actual = { layer: input.layer, rows: input.rows.map((fields) => ({ fields, result: classify(fields, input.layer, index) })) };
    const out = path.join(fixtures, 'out', file);
    if (process.env.UPDATE === '1' || !fs.existsSync(out)) fs.writeFileSync(out, JSON.stringify(actual, null, 2) + '\n');
    assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')), JSON.parse(JSON.stringify(actual)));
  });
}
