/**
 * Finds the image a survey row's 照片 (photo) field names among the images of an upload. Contractors
 * write the path relative to the layer's folder or to the zip's root, with either slash, any case,
 * sometimes with a drive letter from their own disk ('D:\\普查\\照片\\0001.JPG'): tried in that order,
 * the last by file name when only one image has it.
 */
import path from 'node:path';
import type { SourceFile } from '../source/open-source.ts';

/** A path as compared: NFC, '/'-separated, lower-case, without './', leading '/' or a drive letter. */
export function normalisePhotoPath(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\\/g, '/')
    .replace(/^[a-z]:\//i, '')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/')
    .toLowerCase();
}

/**
 * The images of one upload, looked up by the text of a photo field.
 *
 * @example
 * const index = new PhotoIndex(source.images);
 * index.find('Photos\\0001.JPG', '普查/井盖.shp') // the image '普查/photos/0001.jpg'
 */
export class PhotoIndex {
  private readonly byPath = new Map<string, SourceFile>();
  private readonly byName = new Map<string, SourceFile[]>();

  constructor(images: readonly SourceFile[]) {
    for (const image of images) {
      const key = normalisePhotoPath(image.displayPath);
      this.byPath.set(key, image);
      const name = path.posix.basename(key);
      this.byName.set(name, [...(this.byName.get(name) ?? []), image]);
    }
  }

  /** How many images the upload holds. */
  get size(): number {
    return this.byPath.size;
  }

  /** The image `reference` names, seen from the layer at `layerPath` (its path in the upload). */
  find(reference: string, layerPath: string): SourceFile | undefined {
    const wanted = normalisePhotoPath(reference);
    if (wanted === '' || wanted.split('/').includes('..')) return undefined;
    const folder = path.posix.dirname(normalisePhotoPath(layerPath));
    const candidates = folder === '.' ? [wanted] : [`${folder}/${wanted}`, wanted];
    for (const candidate of candidates) {
      const found = this.byPath.get(candidate);
      if (found) return found;
    }
    const sameName = this.byName.get(path.posix.basename(wanted)) ?? [];
    return sameName.length === 1 ? sameName[0] : undefined;
  }
}
