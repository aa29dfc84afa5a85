import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalisePhotoPath, PhotoIndex } from './photo-index.ts';

const image = (displayPath: string) => ({ path: `/tmp/x/${displayPath}`, displayPath });

describe('PhotoIndex', () => {
  const index = new PhotoIndex([image('普查/照片/井盖0001.JPG'), image('普查/photos/a.jpg'), image('root.png'), image('一/dup.jpg'), image('二/dup.jpg')]);

  test('resolves relative to the layer folder, with any slash or case', () => {
    assert.equal(index.find('照片\\井盖0001.jpg', '普查/部件调查.shp')?.displayPath, '普查/照片/井盖0001.JPG');
    assert.equal(index.find('./PHOTOS/A.JPG', '普查/部件调查.shp')?.displayPath, '普查/photos/a.jpg');
  });

  test('resolves relative to the root, and by a unique file name from a contractor disk path', () => {
    assert.equal(index.find('root.png', '普查/部件调查.shp')?.displayPath, 'root.png');
    assert.equal(index.find('D:\\外业\\照片\\井盖0001.jpg', '普查/部件调查.shp')?.displayPath, '普查/照片/井盖0001.JPG');
  });

  test('finds nothing for a missing name, an ambiguous name or a path climbing out', () => {
    assert.equal(index.find('照片/井盖0002.jpg', '普查/部件调查.shp'), undefined);
    assert.equal(index.find('dup.jpg', '普查/部件调查.shp'), undefined);
    assert.equal(index.find('../普查/photos/a.jpg', '普查/部件调查.shp'), undefined);
  });

  test('normalises paths', () => {
    assert.equal(normalisePhotoPath('C:\\Survey\\.\\Photos\\\\IMG.JPG'), 'survey/photos/img.jpg');
  });
});
