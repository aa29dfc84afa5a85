import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import { readReferenceData } from '../../data/reference-data.ts';
import { ClassIndex } from '../classify/class-index.ts';
import { classify, isRowRejection } from '../classify/classify.ts';
import { readComponentAliases } from '../classify/component-aliases.ts';
import { loadFieldProfile } from '../fields/field-profile.ts';
import { mapFields } from '../fields/map-fields.ts';
import { resolveProfile } from '../fields/resolve-profile.ts';
import type { RawRecord } from '../survey-record.ts';
import { DuplicateDetector } from './duplicate-detector.ts';
import { VALIDATION_RULES, ruleById, ruleTable, severityOf } from './rule-registry.ts';
import { point, recordOf, testContext } from './test-support.ts';
import { rejects, validateRecord } from './validate-record.ts';
import type { ValidationFinding } from './validation-rule.ts';

test('every rule has a unique dotted id, a severity and descriptions in both languages', () => {
  const ids = VALIDATION_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of VALIDATION_RULES) {
    assert.match(rule.id, /^[a-z]+\.[a-z_]+$/);
    assert.ok(rule.id.startsWith(rule.group === 'class' ? 'class.' : `${rule.group}.`), rule.id);
    assert.ok(rule.description.zh.length > 0 && rule.description.en.length > 0, rule.id);
  }
  for (const id of ['geometry.null', 'geometry.empty', 'geometry.not_finite', 'geometry.invalid', 'geometry.outside_district', 'geometry.type_mismatch', 'code.malformed', 'code.class_mismatch', 'date.invalid', 'batch.duplicate', 'class.unknown', 'class.missing', 'class.ambiguous', 'class.conflict']) {
    assert.ok(ruleById(id), id);
  }
  assert.equal(severityOf('date.invalid'), 'warn');
  assert.throws(() => ruleById('geometry.nope'), /unknown validation rule 'geometry.nope'/);
  assert.equal(ruleTable().some((r) => 'check' in r), false);
});

test('a good row has no findings', () => {
  assert.deepEqual(validateRecord(recordOf(point(), { code: '3205060118000001', surveyDate: '2024-03-05' }), '0118', testContext), []);
});

test('each group stops at its first rejection, and the groups are independent', () => {
  const findings = validateRecord(recordOf(null, { code: '3205080103000001', surveyDate: '2099-01-01' }), '0118', testContext);
  assert.deepEqual(findings.map((f) => f.rule), ['geometry.null', 'code.malformed', 'date.invalid']);
  assert.deepEqual(findings.map((f) => f.severity), ['reject', 'reject', 'warn']);
});

test('an unclassified row still gets its geometry, code and date checked', () => {
  const findings = validateRecord(recordOf({ type: 'Point', coordinates: [NaN, 31] }, { code: 'x' }), null, testContext);
  assert.deepEqual(findings.map((f) => f.rule), ['geometry.not_finite', 'code.malformed']);
});

test('a warning does not stop its group and does not reject the row', () => {
  const toilet = recordOf({ type: 'Polygon', coordinates: [[[121.5, 31.2], [121.5001, 31.2], [121.5001, 31.2001], [121.5, 31.2]]] });
  const findings = validateRecord(toilet, '0301', testContext);
  assert.deepEqual(findings.map((f) => f.rule), ['geometry.point_footprint', 'geometry.outside_district']);
  assert.equal(findings.filter(rejects).length, 1);
});

// fixture pairs: stages 5–7 over a layer. fixtures/in/*.geojson (raw attributes; the collection's
// name is the layer) → fixtures/out/*.geojson (mapped fields, class, findings). UPDATE=1 regenerates.
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const index = new ClassIndex(readReferenceData().componentClasses, readComponentAliases());
const profile = loadFieldProfile();

for (const file of fs.readdirSync(path.join(fixtures, 'in')).filter((f) => f.endsWith('.geojson'))) {
  test(`fixture ${file}`, () => {
    const input = JSON.parse(fs.readFileSync(path.join(fixtures, 'in', file), 'utf8')) as FeatureCollection & { name: string };
    const resolution = resolveProfile(Object.keys(input.features[0]?.properties ?? {}), profile);
    const context = { ...testContext, columns: resolution.fed };
    const duplicates = new DuplicateDetector({ classNames: context.classNames });
    const features = input.features.map((feature, i): Feature => {
      const raw: RawRecord = { layer: input.name, row: i + 1, geometry: feature.geometry, attributes: feature.properties as RawRecord['attributes'] };
      const mapped = mapFields(raw, resolution);
      const classified = classify(mapped.fields, input.name, index, { columns: resolution.fed });
      const classCode = isRowRejection(classified) ? null : classified.classCode;
      const findings: ValidationFinding[] = isRowRejection(classified) ? [{ ...classified, severity: severityOf(classified.rule) }] : [];
      findings.push(...validateRecord(mapped, classCode, context));
      if (classCode !== null && !findings.some(rejects)) {
        const duplicate = duplicates.check(mapped, classCode);
        if (duplicate) findings.push({ ...duplicate, severity: severityOf(duplicate.rule) });
      }
      const result = { row: raw.row, class: classCode, via: isRowRejection(classified) ? null : classified.via, kept: !findings.some(rejects), findings };
      return { type: 'Feature', properties: { ...feature.properties, _fields: mapped.fields, _extra: mapped.extra, _result: result }, geometry: feature.geometry };
    });
    const actual = { type: 'FeatureCollection', name: input.name, fed: resolution.fed, extra: resolution.extra, features };
    const out = path.join(fixtures, 'out', file);
    if (process.env.UPDATE === '1' || !fs.existsSync(out)) fs.writeFileSync(out, JSON.stringify(actual, null, 1) + '\n');
    assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')), JSON.parse(JSON.stringify(actual)));
  });
}
