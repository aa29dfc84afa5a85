/** Components on the wire: the GeoJSON feature (parsed and as spliced text) and CSV lines. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { csvColumns, csvLine, toCsvLine, toFeature, toFeatureJson } from './component-feature.ts';
import type { ComponentRow } from './component.repository.ts';

const row: ComponentRow = {
  id: 7,
  code: '3205060101000001',
  class_code: '0101',
  class_name_zh: '上水井盖',
  class_name_en: 'Water-supply manhole cover',
  major_code: '01',
  major_name_zh: '公用设施',
  major_name_en: 'Public utility facilities',
  department_code: 'water-supply',
  department_name_zh: '苏州市吴中供水有限公司',
  department_name_en: 'Suzhou Wuzhong Water Supply Co., Ltd.',
  ownership_status: 'pending',
  grid_code: '32050601400101',
  version: 3,
  geometry: '{"type":"Point","coordinates":[120.5247466,31.1808881]}',
  lon: 120.5247466,
  lat: 31.1808881,
};

describe('component features', () => {
  test('a feature: id is the code, no internal id in the properties', () => {
    const feature = toFeature(row);
    assert.equal(feature.id, row.code);
    assert.deepEqual(feature.geometry, { type: 'Point', coordinates: [120.5247466, 31.1808881] });
    assert.equal(feature.properties.department_name_zh, '苏州市吴中供水有限公司');
    assert.equal('id' in feature.properties, false);
  });

  test('the spliced JSON text parses to the same feature, with the attributes when present', () => {
    assert.deepEqual(JSON.parse(toFeatureJson(row)), toFeature(row));
    const attributes = { name: '天鹅荡路, "东"\n段', depth: 1.2 };
    const parsed = JSON.parse(toFeatureJson({ ...row, attributes_json: JSON.stringify(attributes) }));
    assert.deepEqual(parsed.properties, { ...toFeature(row).properties, attributes });
  });
});

describe('CSV lines', () => {
  test('quotes only fields with commas, quotes or line breaks, and round-trips through a CSV parser', () => {
    assert.equal(csvLine(['a', 1, '']), 'a,1,\r\n');
    assert.equal(csvLine(['a,b', 'say "hi"', 'two\nlines']), '"a,b","say ""hi""","two\nlines"\r\n');
    const tricky = ['吴中区', 'a,b', '"quoted"', 'line\r\nbreak', '', 42.5];
    assert.deepEqual(parseCsv(csvLine(tricky)), [tricky.map(String)]);
  });

  test('a component row has one field per column, lon/lat and the attributes JSON (quoted by SQL)', () => {
    const attributes = { name: '天鹅荡路上水井盖', note: 'a, "b"' };
    // what the export query selects as attributes_csv
    const quoted = `"${JSON.stringify(attributes).replaceAll('"', '""')}"`;
    const [header, record] = parseCsv(csvLine(csvColumns) + toCsvLine({ ...row, attributes_csv: quoted })) as string[][];
    assert.deepEqual(header, [...csvColumns]);
    const byColumn = Object.fromEntries(header!.map((column, i) => [column, record![i]]));
    assert.equal(byColumn.code, row.code);
    assert.equal(byColumn.class_name_zh, '上水井盖');
    assert.deepEqual([Number(byColumn.lon), Number(byColumn.lat)], [row.lon, row.lat]);
    assert.deepEqual(JSON.parse(byColumn.attributes!), attributes);
    assert.equal((parseCsv(toCsvLine(row)) as string[][])[0]!.at(-1), '{}');
  });
});
