import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setPhotoStoreRoot } from '../../api/photos/photo-store.ts';
import { cameraJpeg } from '../../test/support/photo-fixtures.ts';
import { SurveyPhotoStage } from './survey-photo-stage.ts';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-photo-stage-'));
  setPhotoStoreRoot(path.join(dir, 'store'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const image = async (name: string, data: Buffer) => {
  const file = path.join(dir, 'upload', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return { path: file, displayPath: `普查/${name}` };
};

describe('SurveyPhotoStage', () => {
  const lamp = [120.6, 31.26];

  test('stores a named photo once however many rows name it; flags one taken beyond 30 m', async () => {
    const near = await image('照片/near.jpg', await cameraJpeg({ seed: 21, gps: { lon: 120.6001, lat: 31.26 } })); // ≈ 10 m
    const far = await image('照片/far.jpg', await cameraJpeg({ seed: 22, gps: { lon: 120.6, lat: 31.2604 } })); // ≈ 44 m
    const stage = new SurveyPhotoStage([near, far]);
    const first = await stage.attach('照片/near.jpg', lamp, '普查/部件调查.shp');
    const again = await stage.attach('照片\\NEAR.JPG', lamp, '普查/部件调查.shp');
    assert.equal(first.kind, 'stored');
    assert.equal(again.kind, 'stored');
    if (first.kind !== 'stored' || again.kind !== 'stored') return;
    assert.equal(first.warning, undefined);
    assert.equal(again.photo.hash, first.photo.hash);
    assert.equal(first.photo.originalName, '普查/照片/near.jpg');
    const flagged = await stage.attach('照片/far.jpg', lamp, '普查/部件调查.shp');
    assert.equal(flagged.kind === 'stored' && flagged.warning?.rule, 'photo.far_from_component');
    assert.match(flagged.kind === 'stored' ? flagged.warning!.message : '', /taken 44 m/);
  });

  test('a name not in the upload refuses the row; a blank field is no photo', async () => {
    const stage = new SurveyPhotoStage([await image('x.jpg', await cameraJpeg({ seed: 23 }))]);
    const missing = await stage.attach('y.jpg', lamp, '普查/部件调查.shp');
    assert.deepEqual(missing.kind === 'rejected' && missing.rejection.rule, 'photo.missing');
    assert.deepEqual(await stage.attach(null, lamp, '普查/部件调查.shp'), { kind: 'none' });
  });

  test('an upload without images keeps every row and counts those that named a photo', async () => {
    const stage = new SurveyPhotoStage([]);
    assert.deepEqual(await stage.attach('photos/a.jpg', lamp, 'a.shp'), { kind: 'none' });
    assert.deepEqual(await stage.attach('photos/b.jpg', lamp, 'a.shp'), { kind: 'none' });
    assert.equal(stage.unresolvedRows, 2);
  });
});
