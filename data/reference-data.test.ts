/** Reference data shipped in data/: read through the one reader the seed uses, then checked. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readReferenceData } from './reference-data.ts';

const data = readReferenceData();
const components = data.componentClasses;
const events = data.eventClasses;
const departments = data.departments;
const rules = data.responsibilityRules;

test('components.csv and events.csv hold the documented class tables', () => {
  assert.equal(components.length, 85);
  assert.equal(events.length, 54);
  for (const c of [...components, ...events]) {
    assert.match(c.sub_code, /^\d{4}$/);
    assert.equal(c.sub_code.slice(0, 2), c.major_code);
    assert.ok(c.sub_name_zh, `sub-class ${c.sub_code} has a name`);
  }
  assert.equal(new Set(components.map((c) => c.sub_code)).size, components.length);
});

test('department codes are unique kebab-case ids with both names and a valid kind', () => {
  const codes = departments.map((d) => d.code);
  assert.equal(new Set(codes).size, codes.length, 'department codes are unique');
  for (const d of departments) {
    assert.match(d.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(d.name_zh && d.name_en, `${d.code} has zh and en names`);
    assert.ok(['centre', 'government', 'enterprise'].includes(d.kind), `${d.code} kind ${d.kind}`);
  }
  const names = departments.map((d) => d.name_zh);
  assert.equal(new Set(names).size, names.length, 'zh names are unique');
});

test('the departments the system relies on by code exist', () => {
  const codes = new Set(departments.map((d) => d.code));
  for (const code of ['command-centre', 'street-lighting', 'water-affairs', 'power-supply', 'police', 'traffic-police']) {
    assert.ok(codes.has(code), code);
  }
  assert.equal(departments.find((d) => d.code === 'command-centre')?.kind, 'centre');
});

test('every component sub-class has exactly one district-wide rule', () => {
  const districtWide = rules.filter((r) => r.grid_code === undefined);
  for (const c of components) {
    const matching = districtWide.filter((r) => r.sub_code === c.sub_code);
    assert.equal(matching.length, 1, `sub-class ${c.sub_code} ${c.sub_name_zh} has ${matching.length} rules`);
  }
  const known = new Set(components.map((c) => c.sub_code));
  for (const r of rules) assert.ok(known.has(r.sub_code), `rule for unknown sub-class ${r.sub_code}`);
});

test('rule keys are unique, reference existing departments and use valid case classes', () => {
  const codes = new Set(departments.map((d) => d.code));
  const keys = rules.map((r) => `${r.sub_code}@${r.grid_code ?? '*'}`);
  assert.equal(new Set(keys).size, keys.length, 'one rule per (sub-class, grid scope)');
  for (const r of rules) {
    assert.ok(codes.has(r.department), `rule ${r.sub_code} references unknown department ${r.department}`);
    assert.ok(['A', 'B', 'C'].includes(r.case_class), `rule ${r.sub_code} case class ${r.case_class}`);
    if (r.grid_code !== undefined) assert.match(r.grid_code, /^\d+$/);
    if (r.note !== undefined) assert.equal(typeof r.note, 'string');
  }
});
