import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReferenceData } from '../../data/reference-data.ts';
import { ClassIndex } from './class-index.ts';
import { normaliseClassName } from './class-name.ts';
import { aliasCount, readComponentAliases } from './component-aliases.ts';

const classes = readReferenceData().componentClasses;
const aliases = readComponentAliases();

test('the alias table covers every class, names each by its standard name, and has at least 150 aliases', () => {
  assert.deepEqual(Object.keys(aliases.classes).sort(), classes.map((c) => c.sub_code).sort());
  for (const c of classes) {
    assert.equal(aliases.classes[c.sub_code]!.name, c.sub_name_zh, c.sub_code);
    assert.ok(aliases.classes[c.sub_code]!.aliases.length >= 1, `${c.sub_code} ${c.sub_name_zh} has no alias`);
  }
  assert.ok(aliasCount(aliases) >= 150);
});

test('no alias or ambiguous word names two classes, even after normalising', () => {
  const seen = new Map<string, string>();
  for (const c of classes) seen.set(normaliseClassName(c.sub_name_zh), c.sub_code);
  for (const [code, entry] of Object.entries(aliases.classes)) {
    for (const alias of entry.aliases) {
      const form = normaliseClassName(alias);
      assert.equal(seen.get(form) ?? code, code, `${alias} (${code}) is also ${seen.get(form)}`);
      seen.set(form, code);
    }
  }
  for (const word of Object.keys(aliases.ambiguous)) assert.equal(seen.get(normaliseClassName(word)), undefined, word);
  assert.doesNotThrow(() => new ClassIndex(classes, aliases));
});

test('ambiguous words list real classes', () => {
  const codes = new Set(classes.map((c) => c.sub_code));
  for (const [word, list] of Object.entries(aliases.ambiguous)) for (const code of list) assert.ok(codes.has(code), `${word}: ${code}`);
});

test('a table naming a class twice is refused when the index is built', () => {
  const bad = structuredClone(aliases);
  bad.classes['0118']!.aliases.push('消火栓');
  assert.throws(() => new ClassIndex(classes, bad), /'消火栓' names both 0113 and 0118/);
});
