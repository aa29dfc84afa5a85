/**
 * Photos sent with a case report (采集上报) or a step such as disposal feedback (处置反馈): the case
 * routes take multipart/form-data as well as JSON. The form carries the same fields as the JSON
 * body (or one `payload` field holding that JSON) and up to six images under `photos`.
 * Parsing happens before validation; storing (photo-store.ts) after it, so a refused request
 * stores nothing.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { badRequest, HttpError, payloadTooLarge } from '../http/errors.ts';
import type { Role } from '../users/role.ts';
import { DEFAULT_PHOTO_LIMITS, PhotoError, storePhoto, type StoredPhoto } from './photo-store.ts';

/** A photo stored for a case event, with the file name it was sent under. */
export type CasePhoto = StoredPhoto & { originalName: string | null };

/** At most this many photos per request. */
export const maxCasePhotos = 6;

/** Form fields that are numbers in the JSON body. */
const numericFields = new Set(['lon', 'lat', 'version']);

interface UploadedPhoto {
  name: string;
  data: Buffer;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Images of a multipart case request, read but not yet stored. */
      photoUploads?: UploadedPhoto[];
    }
  }
}

/**
 * Middleware for a case route: a multipart request from a user of `roles` has its fields put in
 * `req.body` as the JSON body would hold them and its images in `req.photoUploads`. Anything else
 * passes untouched (JSON stays as it was; the route answers 401/403 itself).
 */
export function casePhotoForm(roles: readonly Role[]): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: DEFAULT_PHOTO_LIMITS.maxBytes, files: maxCasePhotos, fields: 20, fieldSize: 64 * 1024 },
    defParamCharset: 'utf8',
  }).array('photos', maxCasePhotos);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data') || !req.principal || !roles.includes(req.principal.role)) return next();
    parse(req, res, (error: unknown) => {
      if (error) return next(uploadError(error));
      try {
        req.body = formBody(req.body as Record<string, string> | undefined);
      } catch (parseError) {
        return next(parseError);
      }
      req.photoUploads = ((req.files as Express.Multer.File[] | undefined) ?? []).map((file) => ({ name: file.originalname, data: file.buffer }));
      next();
    });
  };
}

/** Checks and stores the request's images; 400 naming the file when one is not a usable photo. */
export async function storeCasePhotos(req: Request): Promise<CasePhoto[]> {
  const stored: CasePhoto[] = [];
  for (const upload of req.photoUploads ?? []) {
    try {
      stored.push({ ...(await storePhoto(upload.data)), originalName: upload.name || null });
    } catch (error) {
      if (!(error instanceof PhotoError)) throw error;
      const status = error.rule === 'photo.too_large' ? 413 : 400;
      throw new HttpError(status, error.rule === 'photo.too_large' ? 'photo_too_large' : 'photo_invalid', `${upload.name || 'a photo'}: ${error.message}`, { file: upload.name, rule: error.rule });
    }
  }
  return stored;
}

/** The form's fields as the JSON body: the `payload` field when sent, else each field, numbers as numbers. */
function formBody(fields: Record<string, string> = {}): Record<string, unknown> {
  if (fields.payload !== undefined) {
    try {
      const parsed: unknown = JSON.parse(fields.payload);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw badRequest('the payload field must hold the request as a JSON object');
  }
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    body[key] = numericFields.has(key) && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return body;
}

function uploadError(error: unknown): HttpError {
  const e = error as { code?: string; message?: string };
  if (e.code === 'LIMIT_FILE_SIZE') return payloadTooLarge(`a photo is larger than the ${DEFAULT_PHOTO_LIMITS.maxBytes / 1048576} MiB limit`);
  if (e.code === 'LIMIT_FILE_COUNT' || e.code === 'LIMIT_UNEXPECTED_FILE') return badRequest(`send at most ${maxCasePhotos} images, under the field 'photos'`);
  return badRequest(`the form could not be read: ${e.message ?? String(error)}`);
}
