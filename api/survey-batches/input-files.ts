/**
 * The files that make up an import input, for its checksum: a zip is itself; a .shp is it and its
 * sidecars; a folder is every file below it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checksumFiles } from './survey-upload.ts';

export interface InputFiles {
  dir: string;
  /** Paths relative to dir. */
  names: string[];
}

export function inputFiles(inputPath: string): InputFiles {
  const stat = fs.statSync(inputPath);
  if (stat.isDirectory()) return { dir: inputPath, names: walk(inputPath, '') };
  const dir = path.dirname(inputPath);
  if (!/\.shp$/i.test(inputPath)) return { dir, names: [path.basename(inputPath)] };
  const stem = path.basename(inputPath).replace(/\.shp$/i, '').toLowerCase();
  const names = fs.readdirSync(dir).filter((name) => name.replace(/\.[^.]+$/, '').toLowerCase() === stem);
  return { dir, names };
}

/** The input's checksum and its files with sizes. */
export async function describeInput(inputPath: string): Promise<{ checksum: string; files: { name: string; bytes: number }[] }> {
  const { dir, names } = inputFiles(inputPath);
  return {
    checksum: await checksumFiles(dir, names),
    files: names.map((name) => ({ name, bytes: fs.statSync(path.join(dir, name)).size })),
  };
}

function walk(root: string, prefix: string): string[] {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? walk(root, rel) : entry.isFile() ? [rel] : [];
  });
}
