import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Geometry } from 'geojson';
import {
  geometryEmpty, geometryInvalid, geometryKind, geometryNotFinite, geometryNull, geometryOutsideDistrict,
  geometryPointFootprint, geometryTypeMismatch,
} from './geometry-rules.ts';
import { IN_WUZHONG, point, recordOf, square, testContext } from './test-support.ts';
import type { ValidationRule } from './validation-rule.ts';

const run = (rule: ValidationRule, geometry: Geometry | null, classCode: string | null = '0118') =>
  rule.check!({ record: recordOf(geometry), classCode, context: testContext });
const [x, y] = IN_WUZHONG;

test('geometry.null: a null shape fails, any shape passes', () => {
  assert.equal(run(geometryNull, null), 'the row has no geometry (null shape): draw the component or delete the row');
  assert.equal(run(geometryNull, point()), null);
});

test('geometry.empty: a geometry without coordinates fails', () => {
  assert.equal(run(geometryEmpty, { type: 'Point', coordinates: [] }), 'the Point has no coordinates');
  assert.equal(run(geometryEmpty, { type: 'MultiPolygon', coordinates: [] }), 'the MultiPolygon has no coordinates');
  assert.equal(run(geometryEmpty, { type: 'GeometryCollection', geometries: [] }), 'the GeometryCollection has no coordinates');
  assert.equal(run(geometryEmpty, point()), null);
  assert.equal(run(geometryEmpty, null), null);
});

test('geometry.not_finite: NaN, Infinity or a missing ordinate fails', () => {
  assert.equal(run(geometryNotFinite, { type: 'Point', coordinates: [NaN, y] }), `vertex 1 has x = NaN, y = ${y}: not finite numbers`);
  assert.equal(
    run(geometryNotFinite, { type: 'LineString', coordinates: [[x, y], [x, Infinity]] }),
    `vertex 2 has x = ${x}, y = Infinity: not finite numbers`,
  );
  assert.equal(run(geometryNotFinite, { type: 'Point', coordinates: [x] }), 'vertex 1 has 1 coordinate, not x and y');
  assert.equal(run(geometryNotFinite, point()), null);
});

test('geometry.invalid: lines need 2 distinct vertices, rings 4 closed vertices without crossing', () => {
  assert.equal(run(geometryInvalid, { type: 'LineString', coordinates: [[x, y]] }), 'the line has 1 vertex; a line needs at least 2');
  assert.equal(run(geometryInvalid, { type: 'LineString', coordinates: [[x, y], [x, y], [x, y]] }), 'the line has no length: all 3 vertices are at the same place');
  assert.equal(
    run(geometryInvalid, { type: 'MultiLineString', coordinates: [[[x, y], [x + 1e-4, y]], [[x, y]]] }),
    'part 2 of the line has 1 vertex; a line needs at least 2',
  );
  assert.equal(
    run(geometryInvalid, { type: 'Polygon', coordinates: [[[x, y], [x + 1e-4, y], [x, y]]] }),
    'ring 1 has 3 vertices; a polygon ring needs at least 4 (3 corners and the closing vertex)',
  );
  assert.equal(
    run(geometryInvalid, { type: 'Polygon', coordinates: [[[x, y], [x + 1e-4, y], [x + 1e-4, y + 1e-4], [x, y + 1e-4]]] }),
    'ring 1 is not closed: its last vertex differs from its first',
  );
  const bowtie: Geometry = { type: 'Polygon', coordinates: [[[x, y], [x + 2e-4, y + 2e-4], [x + 2e-4, y], [x, y + 2e-4], [x, y]]] };
  assert.equal(run(geometryInvalid, bowtie), `the polygon's boundary crosses itself near ${(x + 1e-4).toFixed(6)}, ${(y + 1e-4).toFixed(6)}`);
  assert.equal(run(geometryInvalid, square(10)), null);
  assert.equal(run(geometryInvalid, { type: 'LineString', coordinates: [[x, y], [x + 1e-4, y], [x, y + 1e-4], [x + 1e-4, y + 1e-4]] }), null); // a line may cross itself
  assert.equal(run(geometryInvalid, point()), null);
});

test('geometryKind: a MultiPoint of one point is a point, of several is nothing', () => {
  assert.equal(geometryKind({ type: 'MultiPoint', coordinates: [[x, y]] }), 'point');
  assert.equal(geometryKind({ type: 'MultiPoint', coordinates: [[x, y], [x, y + 1e-4]] }), null);
  assert.equal(geometryKind({ type: 'MultiLineString', coordinates: [] }), 'line');
});

test('geometry.type_mismatch: the shape must be the kind the class is surveyed as', () => {
  const line: Geometry = { type: 'LineString', coordinates: [[x, y], [x + 1e-4, y]] };
  assert.equal(run(geometryTypeMismatch, line, '0118'), '路灯 (0118) is surveyed as a point, but this row is a LineString');
  assert.equal(run(geometryTypeMismatch, { type: 'MultiPoint', coordinates: [[x, y], [x, y + 1e-4], [x, y + 2e-4]] }, '0118'), '路灯 (0118) is surveyed as a point, but this row is a MultiPoint of 3 points');
  assert.equal(run(geometryTypeMismatch, point(), '0211'), '交通护栏 (0211) is surveyed as a line, but this row is a Point');
  assert.equal(run(geometryTypeMismatch, square(20), '0211'), '交通护栏 (0211) is surveyed as a line, but this row is a Polygon');
  assert.equal(run(geometryTypeMismatch, line, '0405'), '绿地 (0405) is surveyed as a polygon, but this row is a LineString');
  assert.equal(run(geometryTypeMismatch, square(100), '0301'), '公共厕所 (0301) is surveyed as a point, but this row is a Polygon over 141 m across (a footprint may be at most 50 m)');
  assert.equal(run(geometryTypeMismatch, point(), '0118'), null);
  assert.equal(run(geometryTypeMismatch, { type: 'MultiPoint', coordinates: [[x, y]] }, '0118'), null);
  assert.equal(run(geometryTypeMismatch, { type: 'MultiLineString', coordinates: [[[x, y], [x + 1e-4, y]]] }, '0604'), null);
  assert.equal(run(geometryTypeMismatch, square(10), '0301'), null); // a footprint: warned, not rejected
  assert.equal(run(geometryTypeMismatch, line, null), null); // unclassified rows are not judged here
});

test('geometry.point_footprint: a point class drawn as a small polygon is kept with a warning', () => {
  assert.equal(geometryPointFootprint.severity, 'warn');
  assert.equal(run(geometryPointFootprint, square(10), '0301'), '公共厕所 (0301) is surveyed as a point; this Polygon (14.1 m across) is kept as its footprint');
  assert.equal(run(geometryPointFootprint, square(10), '0405'), null);
  assert.equal(run(geometryPointFootprint, point(), '0301'), null);
});

test('geometry.outside_district: outside the outline (50 m tolerance) or not a longitude/latitude fails', () => {
  assert.equal(run(geometryOutsideDistrict, point(121.5, 31.23)), 'position 121.500000, 31.230000 is outside 吴中区 (320506): check the coordinates or the coordinate system');
  assert.equal(run(geometryOutsideDistrict, point(40_512_345.6, 3_456_789.1)), "position 40512345.600000, 3456789.100000 is not a longitude/latitude: check the layer's coordinate system (.prj or --srs)");
  assert.equal(run(geometryOutsideDistrict, point()), null);
  assert.equal(run(geometryOutsideDistrict, square(10)), null);
  const noPredicate = { ...testContext, insideDistrict: undefined };
  assert.equal(geometryOutsideDistrict.check!({ record: recordOf(point(121.5, 31.23)), classCode: '0118', context: noPredicate }), null);
});
