import { mkdtemp, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { SourceLayer } from '../survey-record.ts';
import { extractZip } from './extract-zip.ts';
import { extensionOf, groupLayers, isImageFile, isSourceFile, type SourceFile } from './layer-files.ts';
import { SourceError, type SourceWarning } from './source-error.ts';
import type { ZipLimits } from './zip-safety.ts';

export type { SourceFile } from './layer-files.ts';

/** Options of `openSource`. */
export interface OpenSourceOptions {
  /** Zip caps; each defaults to DEFAULT_ZIP_LIMITS (10,000 entries, 2 GiB unpacked, 200:1, 1 GiB archive). */
  limits?: Partial<ZipLimits>;
  /** Where a zip is unpacked (in a fresh folder inside it); default the system temp folder. */
  tempDir?: string;
  /** The input as the user knows it (an upload's original file name), for messages. */
  displayName?: string;
}

/** An opened upload. */
export interface OpenedSource {
  /** The layers found, sorted by path; never empty. */
  layers: SourceLayer[];
  /** Photos found beside the layers (.jpg .jpeg .png .webp). */
  images: SourceFile[];
  warnings: SourceWarning[];
  /** The folder a zip was unpacked into; undefined for a folder or a .shp, which are read in place. */
  workDir?: string;
  /** Removes `workDir`; safe to call more than once. */
  cleanup(): Promise<void>;
}

const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/**
 * Opens an upload — a .zip (unpacked safely into a fresh temp folder), a folder (searched
 * recursively) or a .shp path (a sidecar path such as `井盖.dbf` works too) — and finds its layers.
 * A zip is recognised by its first bytes, so an upload stored without its extension still works.
 *
 * @throws SourceError 'source.not_found' | 'source.unsupported' | 'source.no_shapefile' | any 'zip.*' rule
 * @example
 * const source = await openSource('uploads/survey.zip');
 * try {
 *   for (const layer of source.layers) console.log(layer.name, layer.displayPath); // 井盖 survey/井盖.shp
 * } finally {
 *   await source.cleanup();
 * }
 */
export async function openSource(inputPath: string, options: OpenSourceOptions = {}): Promise<OpenedSource> {
  const displayName = options.displayName ?? basename(inputPath);
  const info = await stat(inputPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new SourceError('source.not_found', `${displayName} does not exist`, { file: displayName });
    }
    throw error;
  });
  if (info.isDirectory()) {
    const { files, others } = await listFolder(inputPath);
    return inPlace(files, displayName, others);
  }
  if (await isZip(inputPath)) return openZip(inputPath, displayName, options);

  const extension = extensionOf(inputPath.replace(/\\/g, '/'));
  if (extension === '.zip') return openZip(inputPath, displayName, options); // reported as corrupt by the unpacker
  if (!isSourceFile(basename(inputPath)) || isImageFile(inputPath)) {
    throw new SourceError('source.unsupported', `${displayName} is not a .zip, a folder or a .shp`, { file: displayName });
  }
  // a .shp, or one of its sidecars: the layer is whatever shares its name in its folder
  const folder = dirname(inputPath);
  const stem = basename(inputPath).slice(0, -extension.length).toLowerCase();
  const siblings = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => !entry.isDirectory() && entry.name.slice(0, entry.name.length - extensionOf(entry.name).length).toLowerCase() === stem)
    .map((entry) => ({ path: join(folder, entry.name), displayPath: entry.name }));
  return inPlace(siblings, displayName);
}

async function openZip(zipPath: string, displayName: string, options: OpenSourceOptions): Promise<OpenedSource> {
  const workDir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'civicgrid-upload-'));
  const cleanup = () => rm(workDir, { recursive: true, force: true });
  try {
    const { extracted, skipped } = await extractZip(zipPath, workDir, {
      keep: isSourceFile,
      displayName,
      ...(options.limits ? { limits: options.limits } : {}),
    });
    const files = extracted.map(({ path, entryPath }) => ({ path, displayPath: entryPath }));
    const opened = found(files, displayName, skipped);
    return { ...opened, workDir, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function inPlace(files: SourceFile[], displayName: string, others: string[] = []): OpenedSource {
  return { ...found(files, displayName, others), cleanup: async () => {} };
}

function found(files: SourceFile[], displayName: string, others: string[]): Omit<OpenedSource, 'cleanup' | 'workDir'> {
  const { layers, warnings } = groupLayers(files);
  if (layers.length === 0) {
    const seen = [...files.map((file) => file.displayPath), ...others].sort();
    const list = seen.length === 0 ? 'it is empty' : `found: ${seen.slice(0, 10).join(', ')}${seen.length > 10 ? ` and ${seen.length - 10} more` : ''}`;
    throw new SourceError('source.no_shapefile', `${displayName} holds no shapefile (.shp) layer; ${list}`, { file: displayName });
  }
  const images = files.filter((file) => isImageFile(file.displayPath)).sort((a, b) => (a.displayPath < b.displayPath ? -1 : 1));
  return { layers, images, warnings };
}

/**
 * The source files under `root` (paths '/'-separated, relative to it) and the names of the other
 * files, for messages; symbolic links to folders are not followed.
 */
async function listFolder(root: string): Promise<{ files: SourceFile[]; others: string[] }> {
  const files: SourceFile[] = [];
  const others: string[] = [];
  async function walk(dir: string, prefix: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const displayPath = prefix + entry.name;
      if (entry.isDirectory()) await walk(path, `${displayPath}/`);
      else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile())) {
        if (isSourceFile(displayPath)) files.push({ path, displayPath });
        else others.push(displayPath);
      }
    }
  }
  await walk(root, '');
  return { files, others };
}

async function isZip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return bytesRead === 4 && ZIP_MAGIC.some((magic) => magic.equals(head));
  } finally {
    await file.close();
  }
}
