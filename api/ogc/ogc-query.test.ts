/** Parameter parsing of the OGC API: what is accepted, what it means, and what is a 400. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HttpError } from '../http/errors.ts';
import { cgcs2000, crs84, toLonLatBbox, wgs84 } from './ogc-crs.ts';
import { decodeCursor, encodeCursor } from './ogc-cursor.ts';
import { defaultLimit, documentQuerySchema, itemQuerySchema, maxLimit, parseComponentItemsQuery, parseGridItemsQuery, parseQuery } from './ogc-query.ts';

/** Asserts the call throws a 400 whose message matches. */
function rejects400(call: () => unknown, message: RegExp): void {
  assert.throws(call, (error: unknown) => {
    assert.ok(error instanceof HttpError, `not an HttpError: ${String(error)}`);
    assert.equal(error.status, 400);
    assert.match(error.message, message);
    return true;
  });
}

describe('limit', () => {
  test(`defaults to ${defaultLimit}`, () => assert.equal(parseComponentItemsQuery({}).limit, defaultLimit));
  test('takes 1 to the maximum', () => {
    assert.equal(parseComponentItemsQuery({ limit: '1' }).limit, 1);
    assert.equal(parseComponentItemsQuery({ limit: String(maxLimit) }).limit, maxLimit);
  });
  for (const bad of ['0', String(maxLimit + 1), '-5', '2.5', 'ten', '', '1e3']) {
    test(`refuses limit=${JSON.stringify(bad)}`, () => rejects400(() => parseComponentItemsQuery({ limit: bad }), /limit/));
  }
  test('refuses a repeated limit', () => rejects400(() => parseComponentItemsQuery({ limit: ['5', '6'] }), /limit/));
});

describe('bbox and bbox-crs', () => {
  test('4 numbers in CRS84 are lon/lat already', () => {
    assert.deepEqual(parseComponentItemsQuery({ bbox: '120.5,31.1,120.7,31.3' }).bbox, [120.5, 31.1, 120.7, 31.3]);
  });
  test('6 numbers: the heights are dropped', () => {
    assert.deepEqual(parseComponentItemsQuery({ bbox: '120.5,31.1,-10,120.7,31.3,100' }).bbox, [120.5, 31.1, 120.7, 31.3]);
  });
  test('EPSG:4490 and EPSG:4326 boxes are latitude first', () => {
    for (const crs of [cgcs2000, wgs84]) {
      assert.deepEqual(parseComponentItemsQuery({ bbox: '31.1,120.5,31.3,120.7', 'bbox-crs': crs.uri }).bbox, [120.5, 31.1, 120.7, 31.3]);
    }
  });
  test('an explicit CRS84 bbox-crs changes nothing', () => {
    assert.deepEqual(parseComponentItemsQuery({ bbox: '120.5,31.1,120.7,31.3', 'bbox-crs': crs84.uri }).bbox, [120.5, 31.1, 120.7, 31.3]);
  });
  for (const bad of ['1,2,3', '1,2,3,4,5', '1,2,3,4,5,6,7', 'a,b,c,d', '1,,3,4', '', '1,2,3,Infinity']) {
    test(`refuses bbox=${JSON.stringify(bad)}`, () => rejects400(() => parseComponentItemsQuery({ bbox: bad }), /bbox/));
  }
  test('refuses a lower corner above or east of the upper corner', () => {
    rejects400(() => parseComponentItemsQuery({ bbox: '120.5,31.3,120.7,31.1' }), /latitude is above/);
    rejects400(() => parseComponentItemsQuery({ bbox: '120.7,31.1,120.5,31.3' }), /antimeridian/);
  });
  test('refuses coordinates off the globe, in the axis order of bbox-crs', () => {
    rejects400(() => parseComponentItemsQuery({ bbox: '120.5,31.1,120.7,95' }), /latitudes/);
    // lon/lat read as lat/lon: 120 is no latitude
    rejects400(() => parseComponentItemsQuery({ bbox: '120.5,31.1,120.7,31.3', 'bbox-crs': cgcs2000.uri }), /latitudes/);
  });
  test('refuses an unknown bbox-crs', () => {
    rejects400(() => parseComponentItemsQuery({ bbox: '1,2,3,4', 'bbox-crs': 'http://www.opengis.net/def/crs/EPSG/0/3857' }), /bbox-crs must be one of/);
  });
  test('toLonLatBbox swaps only latitude-first CRSs', () => {
    assert.deepEqual(toLonLatBbox([1, 2, 3, 4], crs84), [1, 2, 3, 4]);
    assert.deepEqual(toLonLatBbox([1, 2, 3, 4], cgcs2000), [2, 1, 4, 3]);
  });
});

describe('crs', () => {
  test('defaults to CRS84', () => assert.equal(parseComponentItemsQuery({}).crs, crs84));
  test('takes EPSG:4490 and EPSG:4326 by URI', () => {
    assert.equal(parseGridItemsQuery({ crs: 'http://www.opengis.net/def/crs/EPSG/0/4490' }).crs, cgcs2000);
    assert.equal(parseQuery(itemQuerySchema, { crs: 'http://www.opengis.net/def/crs/EPSG/0/4326' }).crs, wgs84);
  });
  for (const bad of ['EPSG:4490', 'http://www.opengis.net/def/crs/EPSG/0/3857', 'https://www.opengis.net/def/crs/OGC/1.3/CRS84', '']) {
    test(`refuses crs=${JSON.stringify(bad)}`, () => rejects400(() => parseComponentItemsQuery({ crs: bad }), /crs must be one of/));
  }
});

describe('component filters', () => {
  test('a 4-digit class is a sub-class, a 2-digit class a major class', () => {
    assert.equal(parseComponentItemsQuery({ class: '0101' }).classCode, '0101');
    assert.equal(parseComponentItemsQuery({ class: '0101' }).majorCode, undefined);
    assert.equal(parseComponentItemsQuery({ class: '02' }).majorCode, '02');
    assert.equal(parseComponentItemsQuery({ class: '02' }).classCode, undefined);
  });
  test('department and ownership pass through', () => {
    const request = parseComponentItemsQuery({ department: 'water-affairs', ownership: 'disputed' });
    assert.equal(request.departmentCode, 'water-affairs');
    assert.equal(request.ownership, 'disputed');
  });
  test('refuses malformed filters', () => {
    rejects400(() => parseComponentItemsQuery({ class: '010' }), /class/);
    rejects400(() => parseComponentItemsQuery({ department: 'Water Affairs' }), /department/);
    rejects400(() => parseComponentItemsQuery({ ownership: 'maybe' }), /ownership is one of pending, confirmed, disputed/);
  });
  test('grid filters are not component filters', () => rejects400(() => parseComponentItemsQuery({ level: '2' }), /unknown query parameter level/));
});

describe('grid filters', () => {
  test('level, parent and zoom', () => {
    const request = parseGridItemsQuery({ level: '3', parent: '320506002', zoom: '12' });
    assert.equal(request.level, 3);
    assert.equal(request.parentCode, '320506002');
    assert.equal(request.zoom, 12);
  });
  test('refuses a level outside 1–4, a malformed parent and a zoom past the maximum', () => {
    for (const level of ['0', '5', 'x']) rejects400(() => parseGridItemsQuery({ level }), /level/);
    rejects400(() => parseGridItemsQuery({ parent: 'abc' }), /parent/);
    rejects400(() => parseGridItemsQuery({ zoom: '23' }), /zoom/);
  });
  test('component filters are not grid filters', () => rejects400(() => parseGridItemsQuery({ ownership: 'pending' }), /unknown query parameter ownership/));
});

describe('unknown parameters and formats', () => {
  test('any unknown parameter is a 400 naming it and listing the accepted ones', () => {
    rejects400(() => parseComponentItemsQuery({ sortby: 'code' }), /unknown query parameter sortby; this endpoint takes f, limit, bbox/);
    rejects400(() => parseQuery(documentQuerySchema, { limit: '5' }), /unknown query parameter limit/);
  });
  test('f is json or geojson; HTML is not offered', () => {
    assert.equal(parseComponentItemsQuery({ f: 'json' }).format, 'json');
    assert.equal(parseQuery(documentQuerySchema, { f: 'geojson' }).f, 'geojson');
    rejects400(() => parseQuery(documentQuerySchema, { f: 'html' }), /no HTML/);
  });
});

describe('cursor', () => {
  test('round-trips an id and is opaque', () => {
    const token = encodeCursor('123456789012');
    assert.doesNotMatch(token, /123456789012/);
    assert.equal(decodeCursor(token), '123456789012');
    assert.equal(parseComponentItemsQuery({ cursor: token }).afterId, '123456789012');
  });
  test('refuses tokens that are not ours', () => {
    for (const bad of ['abc', Buffer.from('after:-1').toString('base64url'), Buffer.from('after:1; drop table').toString('base64url'), 'a'.repeat(100)]) {
      rejects400(() => parseComponentItemsQuery({ cursor: bad }), /cursor/);
    }
  });
});
