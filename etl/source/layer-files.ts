import type { SourceLayer } from '../survey-record.ts';
import type { SourceWarning } from './source-error.ts';

/** A file of an upload: where it is on disk, and its path inside the upload for messages. */
export interface SourceFile {
  path: string;
  /** Relative to the upload root, '/'-separated: 'survey/井盖.dbf'. */
  displayPath: string;
}

const SIDECARS = { '.shx': 'shxPath', '.dbf': 'dbfPath', '.prj': 'prjPath', '.cpg': 'cpgPath' } as const;
type Sidecar = keyof typeof SIDECARS;
const SHAPEFILE_PARTS = new Set(['.shp', ...Object.keys(SIDECARS)]);
/** Photos a survey may carry beside its layers (照片). */
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);

/**
 * The lower-case extension of a '/'-separated path; '' without one.
 *
 * @example
 * extensionOf('survey/井盖.DBF'); // '.dbf'
 */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/**
 * Whether a file of an upload is worth keeping: a shapefile part (.shp .shx .dbf .prj .cpg, any
 * case) or a photo, and not macOS debris (`__MACOSX/`, `._井盖.shp`), which only looks like one.
 *
 * @example
 * isSourceFile('survey/井盖.SHP');          // true
 * isSourceFile('__MACOSX/survey/._井盖.shp'); // false
 */
export function isSourceFile(displayPath: string): boolean {
  if (isMacDebris(displayPath)) return false;
  const extension = extensionOf(displayPath);
  return SHAPEFILE_PARTS.has(extension) || IMAGE_EXTENSIONS.has(extension);
}

/**
 * macOS Finder's archive debris: `__MACOSX/…` copies and `._name` resource forks.
 *
 * @example
 * isMacDebris('__MACOSX/survey/._井盖.shp'); // true
 */
export function isMacDebris(displayPath: string): boolean {
  const segments = displayPath.split('/');
  return segments.includes('__MACOSX') || segments.at(-1)!.startsWith('._');
}

/**
 * Whether a path is a photo civicgrid keeps (.jpg .jpeg .png .webp, any case).
 *
 * @example
 * isImageFile('照片/0001.JPG'); // true
 */
export function isImageFile(displayPath: string): boolean {
  return IMAGE_EXTENSIONS.has(extensionOf(displayPath));
}

/**
 * Sorts the files of an upload into layers: each .shp with the sidecars beside it that share its
 * name, matched case-insensitively (井盖.SHP + 井盖.Dbf), preferring an exact-case match when
 * several differ only in case. Sidecars without a .shp are reported, not silently dropped.
 *
 * @example
 * groupLayers([{ path: '/x/a.SHP', displayPath: 'a.SHP' }, { path: '/x/a.dbf', displayPath: 'a.dbf' }]);
 * // { layers: [{ name: 'a', displayPath: 'a.SHP', shpPath: '/x/a.SHP', dbfPath: '/x/a.dbf' }], warnings: [] }
 */
export function groupLayers(files: readonly SourceFile[]): { layers: SourceLayer[]; warnings: SourceWarning[] } {
  const groups = new Map<string, SourceFile[]>();
  for (const file of files) {
    const extension = extensionOf(file.displayPath);
    if (!SHAPEFILE_PARTS.has(extension) || isMacDebris(file.displayPath)) continue;
    const key = stemOf(file.displayPath).toLowerCase();
    const group = groups.get(key);
    if (group) group.push(file);
    else groups.set(key, [file]);
  }

  const layers: SourceLayer[] = [];
  const warnings: SourceWarning[] = [];
  for (const group of groups.values()) {
    const shps = group.filter((file) => extensionOf(file.displayPath) === '.shp');
    if (shps.length === 0) {
      const names = group.map((file) => file.displayPath).sort();
      warnings.push({
        rule: 'source.orphan_sidecar',
        message: `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} no .shp beside ${names.length === 1 ? 'it' : 'them'}: ignored`,
        file: names[0]!,
      });
      continue;
    }
    for (const shp of shps) layers.push(layerOf(shp, group));
  }
  layers.sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  return { layers, warnings };
}

function layerOf(shp: SourceFile, group: readonly SourceFile[]): SourceLayer {
  const stem = stemOf(shp.displayPath);
  const name = stem.slice(stem.lastIndexOf('/') + 1);
  const layer: SourceLayer = { name, displayPath: shp.displayPath, shpPath: shp.path };
  for (const extension of Object.keys(SIDECARS) as Sidecar[]) {
    const candidates = group.filter((file) => extensionOf(file.displayPath) === extension);
    const chosen = candidates.find((file) => stemOf(file.displayPath) === stem) ?? candidates[0];
    if (chosen) layer[SIDECARS[extension]] = chosen.path;
  }
  return layer;
}

/** 'survey/井盖' for 'survey/井盖.shp'. */
function stemOf(displayPath: string): string {
  const extension = extensionOf(displayPath);
  return extension ? displayPath.slice(0, -extension.length) : displayPath;
}
