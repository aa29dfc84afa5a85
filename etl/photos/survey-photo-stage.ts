/**
 * The photo stage of a survey import: a row whose 照片 (photo) field names an image of the upload
 * gets that image checked and stored (api/photos/photo-store.ts, the only module that decodes
 * images) and carries its hash to staging. A named image that is absent, unreadable or too large
 * refuses the row (photo.missing, photo.invalid, photo.too_large); a photo whose EXIF position lies
 * more than 30 m from the component is kept and flagged (photo.far_from_component).
 * An upload with no images at all keeps the photo field as text and says so once in the report.
 */
import fs from 'node:fs/promises';
import type { Position } from 'geojson';
import { DEFAULT_PHOTO_LIMITS, PhotoError, storePhoto, type PhotoLimits, type StoredPhoto } from '../../api/photos/photo-store.ts';
import type { SourceFile } from '../source/open-source.ts';
import type { RowRejection } from '../survey-record.ts';
import { metresBetween } from './photo-distance.ts';
import { PhotoIndex } from './photo-index.ts';

/** Beyond this distance from its component a photo is flagged. */
export const PHOTO_DISTANCE_LIMIT_METRES = 30;

/** A photo stored for a survey, with the name it had in the upload. */
export type SurveyPhoto = StoredPhoto & { originalName: string };

/** What the stage decided for one row. */
export type PhotoOutcome =
  | { kind: 'none' }
  | { kind: 'stored'; photo: SurveyPhoto; warning?: RowRejection }
  | { kind: 'rejected'; rejection: RowRejection };

export interface SurveyPhotoStageOptions {
  limits?: PhotoLimits;
  maxDistanceMetres?: number;
}

/** One batch's photos: each image is stored at most once, however many rows name it. */
export class SurveyPhotoStage {
  private readonly index: PhotoIndex;
  private readonly stored = new Map<string, Promise<StoredPhoto>>();
  private readonly limits: PhotoLimits;
  private readonly maxDistance: number;
  /** Rows that named a photo in an upload without images. */
  unresolvedRows = 0;

  constructor(images: readonly SourceFile[], options: SurveyPhotoStageOptions = {}) {
    this.index = new PhotoIndex(images);
    this.limits = options.limits ?? DEFAULT_PHOTO_LIMITS;
    this.maxDistance = options.maxDistanceMetres ?? PHOTO_DISTANCE_LIMIT_METRES;
  }

  /**
   * Decides the photo of a row: `reference` is its photo field, `point` the component's
   * representative point, `layerPath` the layer's path in the upload.
   */
  async attach(reference: string | null | undefined, point: Position, layerPath: string): Promise<PhotoOutcome> {
    if (!reference) return { kind: 'none' };
    if (this.index.size === 0) {
      this.unresolvedRows++;
      return { kind: 'none' };
    }
    const image = this.index.find(reference, layerPath);
    if (!image) return { kind: 'rejected', rejection: { rule: 'photo.missing', message: `照片 '${reference}' is not in the upload` } };
    let photo: StoredPhoto;
    try {
      photo = await this.store(image);
    } catch (error) {
      if (!(error instanceof PhotoError)) throw error;
      return { kind: 'rejected', rejection: { rule: error.rule, message: `照片 '${image.displayPath}': ${error.message}` } };
    }
    const stored = { ...photo, originalName: image.displayPath };
    if (photo.lon === null || photo.lat === null) return { kind: 'stored', photo: stored };
    const metres = metresBetween([photo.lon, photo.lat], point);
    if (metres <= this.maxDistance) return { kind: 'stored', photo: stored };
    return {
      kind: 'stored',
      photo: stored,
      warning: { rule: 'photo.far_from_component', message: `照片 '${image.displayPath}' was taken ${Math.round(metres)} m from the component (more than ${this.maxDistance} m)` },
    };
  }

  private store(image: SourceFile): Promise<StoredPhoto> {
    let pending = this.stored.get(image.path);
    if (!pending) {
      pending = (async () => {
        const { size } = await fs.stat(image.path);
        // judged before reading, so an oversized file is never loaded
        if (size > this.limits.maxBytes) {
          const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
          throw new PhotoError('photo.too_large', `the image is ${mib(size)}; photos are limited to ${mib(this.limits.maxBytes)}`);
        }
        return storePhoto(await fs.readFile(image.path), this.limits);
      })();
      this.stored.set(image.path, pending);
    }
    return pending;
  }
}
