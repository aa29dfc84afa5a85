/**
 * Receiving a survey upload: multipart files land in a private folder per upload (names reduced
 * to their base name, so no path in a file name can escape it), with a size cap, and get one
 * checksum over their contents so an identical re-upload is recognised.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import { badRequest, HttpError, payloadTooLarge } from '../http/errors.ts';

export interface ReceivedUpload {
  /** The folder holding the uploaded files. */
  dir: string;
  /** What the pipeline opens: the zip when one zip was sent, else the folder. */
  inputPath: string;
  files: { name: string; bytes: number }[];
  checksum: string;
  fields: Record<string, string>;
}

const maxFiles = 50;

/** Parses a multipart upload into `uploadsDir/<uuid>/`; throws 400/413 with a clear reason. */
export async function receiveUpload(req: Request, res: Response, uploadsDir: string, limitBytes: number): Promise<ReceivedUpload> {
  // the limit is on the whole upload: refuse early from the declared length, and require one
  const declared = Number(req.headers['content-length']);
  if (!Number.isFinite(declared) || req.headers['content-length'] === undefined) {
    throw new HttpError(411, 'length_required', 'send the upload with a Content-Length header');
  }
  if (declared > limitBytes) throw payloadTooLarge(`the upload (${Math.round(declared / 1048576)} MB) is larger than the ${Math.round(limitBytes / 1048576)} MB limit`);
  const dir = path.join(uploadsDir, randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  const upload = multer({
    storage: multer.diskStorage({
      destination: dir,
      filename: (_req, file, done) => done(null, safeName(file.originalname)),
    }),
    limits: { fileSize: limitBytes, files: maxFiles, fields: 20 },
    defParamCharset: 'utf8',
  }).any();
  try {
    await new Promise<void>((resolve, reject) => upload(req, res, (error: unknown) => (error ? reject(error) : resolve())));
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    const e = error as { code?: string; field?: string; message?: string };
    if (e.code === 'LIMIT_FILE_SIZE') throw payloadTooLarge(`an uploaded file is larger than the ${Math.round(limitBytes / 1048576)} MB limit`);
    if (e.code === 'LIMIT_FILE_COUNT') throw badRequest(`at most ${maxFiles} files per upload`);
    throw badRequest(`the upload could not be read: ${e.message ?? String(error)}`);
  }
  const received = (req.files as Express.Multer.File[] | undefined) ?? [];
  if (received.length === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw badRequest('no file in the upload: send a .zip, or a .shp with its .shx, .dbf, .prj and .cpg, as multipart form data');
  }
  const names = new Set<string>();
  for (const file of received) {
    if (names.has(file.filename)) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw badRequest(`the upload holds two files named ${file.filename}`);
    }
    names.add(file.filename);
  }
  const files = received.map((file) => ({ name: file.filename, bytes: file.size })).sort((a, b) => a.name.localeCompare(b.name));
  const zips = files.filter((f) => f.name.toLowerCase().endsWith('.zip'));
  return {
    dir,
    inputPath: zips.length === 1 && files.length === 1 ? path.join(dir, zips[0]!.name) : dir,
    files,
    checksum: await checksumFiles(dir, files.map((f) => f.name)),
    fields: Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
  };
}

/** sha256 over the files' names and contents in name order, streamed. */
export async function checksumFiles(dir: string, names: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const name of [...names].sort()) {
    hash.update(name.toLowerCase()).update('\0');
    for await (const chunk of fs.createReadStream(path.join(dir, name))) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** The base name only, without control characters; never empty, '.' or '..'. */
export function safeName(originalName: string): string {
  const base = path.basename(originalName.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '');
  return base === '' || base === '.' || base === '..' ? 'upload' : base;
}
