import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { generateGrids, serializeGrids, type GridFeature, type GridProperties } from './generate-grids.ts';
import { TOWNS } from './grids/wuzhong-towns.ts';

const COMMITTED = new URL('../data/grids/wuzhong-grids.geojson', import.meta.url);

describe('generateGrids — the 1+14+205+942 hierarchy of Wuzhong', () => {
  let grids: FeatureCollection<Polygon | MultiPolygon, GridProperties>;
  let byCode: Map<string, GridFeature>;
  const level = (n: number) => grids.features.filter((f) => f.properties.level === n);
  const children = (code: string) => grids.features.filter((f) => f.properties.parent_code === code);

  before(() => {
    grids = generateGrids();
    byCode = new Map(grids.features.map((f) => [f.properties.code, f]));
  });

  it('has 1 district, 14 towns, 205 communities and 942 base grids', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => level(n).length), [1, 14, 205, 942]);
  });

  it('orders features by level, then code', () => {
    const keys = grids.features.map((f) => `${f.properties.level}:${f.properties.code}`);
    assert.deepEqual(keys, [...keys].sort());
  });

  it('gives unique codes that extend their parent code by 3, 3 and 2 digits', () => {
    assert.equal(byCode.size, grids.features.length);
    const [district] = level(1);
    assert.deepEqual(district!.properties, {
      code: '320506',
      level: 1,
      parent_code: null,
      name_zh: '吴中区',
      name_en: 'Wuzhong District',
    });
    const digits = { 2: 3, 3: 3, 4: 2 } as const;
    for (const { properties: p } of grids.features.filter((f) => f.properties.level > 1)) {
      const parent = byCode.get(p.parent_code!);
      assert.ok(parent, `${p.code} has parent ${p.parent_code}`);
      assert.equal(parent.properties.level, p.level - 1);
      assert.match(p.code, new RegExp(`^${p.parent_code}\\d{${digits[p.level as 2 | 3 | 4]}}$`));
    }
  });

  it('names the towns after the real 7 subdistricts and 7 towns, coded 001…014', () => {
    assert.deepEqual(
      level(2).map((f) => [f.properties.code, f.properties.name_zh, f.properties.name_en]),
      TOWNS.map((t, i) => [`320506${String(i + 1).padStart(3, '0')}`, t.nameZh, t.nameEn]),
    );
    assert.equal(level(2).filter((f) => f.properties.name_zh.endsWith('街道')).length, 7);
    assert.equal(level(2).filter((f) => f.properties.name_zh.endsWith('镇')).length, 7);
  });

  it('names communities and base grids after their town and number', () => {
    const community = byCode.get('320506001003')!;
    assert.equal(community.properties.name_zh, '长桥街道第03社区');
    assert.equal(community.properties.name_en, 'Changqiao Community 03');
    const base = byCode.get('32050600100302')!;
    assert.equal(base.properties.name_zh, '长桥街道第03社区02网格');
    assert.equal(base.properties.name_en, 'Changqiao C03 Grid 02');
  });

  it('numbers children 1…n without gaps', () => {
    for (const parent of grids.features.filter((f) => f.properties.level < 4)) {
      const suffixes = children(parent.properties.code).map((c) => Number(c.properties.code.slice(parent.properties.code.length)));
      assert.deepEqual(suffixes, suffixes.map((_, i) => i + 1), parent.properties.code);
    }
  });

  it('gives every town at least one community, roughly in proportion to its base grids', () => {
    for (const town of level(2)) {
      const communities = children(town.properties.code);
      const bases = communities.flatMap((c) => children(c.properties.code));
      assert.ok(communities.length >= 1);
      assert.ok(Math.abs(communities.length - (bases.length * 205) / 942) < 1, town.properties.name_en);
    }
  });

  it('writes valid geometries with exterior rings counter-clockwise and 6-decimal coordinates', () => {
    for (const f of grids.features) {
      assert.ok(turf.booleanValid(f), `${f.properties.code} is valid`);
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const [shell, ...holes] of polygons) {
        assert.equal(turf.booleanClockwise(shell!), false, `${f.properties.code} shell is counter-clockwise`);
        for (const hole of holes) assert.equal(turf.booleanClockwise(hole), true, `${f.properties.code} hole is clockwise`);
        for (const [lon, lat] of [shell!, ...holes].flat()) {
          assert.equal(Math.round(lon! * 1e6) / 1e6, lon);
          assert.equal(Math.round(lat! * 1e6) / 1e6, lat);
        }
      }
    }
  });

  it('keeps towns and communities in one piece; only the district is split (mainland and 金庭 island)', () => {
    for (const f of [...level(2), ...level(3)]) assert.equal(f.geometry.type, 'Polygon', f.properties.code);
    const district = level(1)[0]!;
    assert.equal(district.geometry.type, 'MultiPolygon');
    assert.equal(district.geometry.coordinates.length, 2);
  });

  it('puts each base grid inside its community and its town', () => {
    for (const base of level(4)) {
      const point = turf.pointOnFeature(base);
      const community = byCode.get(base.properties.parent_code!)!;
      const town = byCode.get(community.properties.parent_code!)!;
      assert.ok(turf.booleanPointInPolygon(point, community), `${base.properties.code} in its community`);
      assert.ok(turf.booleanPointInPolygon(point, town), `${base.properties.code} in its town`);
    }
  });

  it('makes every parent exactly as large as its children together', () => {
    for (const parent of grids.features.filter((f) => f.properties.level < 4)) {
      const sum = children(parent.properties.code).reduce((total, c) => total + turf.area(c), 0);
      const area = turf.area(parent);
      assert.ok(Math.abs(area - sum) / area < 1e-9, `${parent.properties.code}: ${area} vs ${sum}`);
    }
  });

  it('covers a plausible land area (Wuzhong has ~745 km² of land)', () => {
    const km2 = turf.area(level(1)[0]!) / 1e6;
    assert.ok(km2 > 700 && km2 < 1000, `${km2} km²`);
  });

  it('is deterministic and matches the committed file', () => {
    const text = serializeGrids(grids);
    assert.equal(serializeGrids(generateGrids()), text);
    assert.equal(readFileSync(COMMITTED, 'utf8'), text, 'regenerate with: npx tsx scripts/generate-grids.ts');
    assert.ok(Buffer.byteLength(text) < 3 * 1024 * 1024);
  });
});
