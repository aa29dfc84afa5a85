import { mkdir, open, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { SourceError } from './source-error.ts';
import { checkEntry, DEFAULT_ZIP_LIMITS, decodeEntryName, formatBytes, InflateBudget, safeEntryPath, type ZipLimits } from './zip-safety.ts';

/** Options of `extractZip`. */
export interface ExtractZipOptions {
  /** Which entries to write, by their safe relative path; the others are only checked. */
  keep: (entryPath: string) => boolean;
  /** Caps; each defaults to DEFAULT_ZIP_LIMITS. */
  limits?: Partial<ZipLimits>;
  /** The zip as the user knows it (its upload name), for messages; default its file name. */
  displayName?: string;
}

/** A file written from the zip. */
export interface ExtractedFile {
  /** Where it is on disk, inside the destination folder. */
  path: string;
  /** Its path inside the zip, decoded and normalised ('survey/井盖.shp'). */
  entryPath: string;
}

/** Errors of the file system itself, not of the archive: reported as they are. */
const SYSTEM_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EMFILE', 'ENFILE']);

/**
 * Extracts the wanted entries of a zip into `destDir` (which should be fresh and empty), enforcing
 * the zip safety rules on every entry, wanted or not: the archive size and entry count are checked
 * before anything is read, each entry's name and kind before it is opened, and its inflated bytes
 * and CRC while it is written. On any error some files may already be written: remove `destDir`.
 *
 * @throws SourceError 'zip.too_large' | 'zip.too_many_entries' | 'zip.absolute_path' | 'zip.traversal' |
 *   'zip.symlink' | 'zip.encrypted' | 'zip.unsupported_method' | 'zip.bomb' | 'zip.duplicate_entry' | 'zip.corrupt'
 * @example
 * const { extracted } = await extractZip('upload.zip', '/tmp/civicgrid-upload-x', { keep: (p) => /\.(shp|dbf)$/i.test(p) });
 */
export async function extractZip(
  zipPath: string,
  destDir: string,
  options: ExtractZipOptions,
): Promise<{ extracted: ExtractedFile[]; skipped: string[] }> {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const zipName = options.displayName ?? basename(zipPath);
  const { size } = await stat(zipPath);
  if (size > limits.maxArchiveBytes) {
    throw new SourceError('zip.too_large', `${zipName} is ${formatBytes(size)}; uploads are limited to ${formatBytes(limits.maxArchiveBytes)}`, {
      file: zipName,
    });
  }

  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: false });
  } catch (error) {
    throw corrupt(zipName, undefined, error);
  }
  const root = resolve(destDir);
  const extracted: ExtractedFile[] = [];
  const skipped: string[] = [];
  let current: string | undefined;
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new SourceError(
        'zip.too_many_entries',
        `${zipName} holds ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted: split the upload`,
        { file: zipName },
      );
    }
    const budget = new InflateBudget(zipName, limits);
    const written = new Set<string>();
    for await (const entry of zip.eachEntry()) {
      const name = decodeEntryName(entry);
      current = name;
      const entryPath = safeEntryPath(name, zipName);
      checkEntry(entry, name, zipName, limits);
      if (entryPath === undefined) continue; // a folder
      if (!options.keep(entryPath)) {
        skipped.push(entryPath);
        continue;
      }
      if (written.has(entryPath)) {
        throw new SourceError('zip.duplicate_entry', `${zipName} holds "${name}" twice: which one is meant is unclear`, { file: zipName, entry: name });
      }
      written.add(entryPath);
      const target = join(root, ...entryPath.split('/'));
      if (!target.startsWith(root + sep)) {
        throw new SourceError('zip.traversal', `${zipName}: entry "${name}" resolves outside the extraction folder`, { file: zipName, entry: name });
      }
      await mkdir(dirname(target), { recursive: true });
      await inflateEntry(zip, entry, name, target, budget, zipName);
      extracted.push({ path: target, entryPath });
    }
  } catch (error) {
    if (error instanceof SourceError || SYSTEM_ERRORS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    throw corrupt(zipName, current, error);
  } finally {
    zip.close();
  }
  return { extracted, skipped };
}

async function inflateEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  target: string,
  budget: InflateBudget,
  zipName: string,
): Promise<void> {
  budget.startEntry(name, entry.compressedSize, entry.uncompressedSize);
  const stream = await zip.openReadStreamPromise(entry);
  const out = await open(target, 'wx');
  try {
    let crc = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.add(chunk.length);
      crc = crc32(chunk, crc);
      await out.write(chunk);
    }
    budget.endEntry();
    if (crc >>> 0 !== entry.crc32 >>> 0) {
      throw new SourceError('zip.corrupt', `${zipName}: entry "${name}" is damaged (its checksum does not match)`, { file: zipName, entry: name });
    }
  } finally {
    stream.destroy();
    await out.close();
  }
}

function corrupt(zipName: string, entry: string | undefined, error: unknown): SourceError {
  const why = error instanceof Error ? error.message : String(error);
  const where = entry === undefined ? '' : ` at entry "${entry}"`;
  return new SourceError('zip.corrupt', `${zipName} is not a readable zip archive${where}: ${why}`, entry === undefined ? { file: zipName } : { file: zipName, entry }, {
    cause: error,
  });
}
