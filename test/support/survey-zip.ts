/** A survey folder zipped the way a contractor's zip tool does it, for upload tests. */
import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import yazl from 'yazl';

/**
 * The files of `dir` zipped with Deflate and UTF-8 names, inside `folder/` when one is given.
 *
 * @example
 * const zip = await zipFolder('out/demo', '吴中区部件普查');
 * // entries: 吴中区部件普查/部件调查.dbf, …/部件调查.prj, …/部件调查.shp, …/部件调查.shx
 */
export async function zipFolder(dir: string, folder = ''): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const name of fs.readdirSync(dir).sort()) {
    zip.addBuffer(fs.readFileSync(path.join(dir, name)), folder ? `${folder}/${name}` : name, { mtime: new Date(2024, 2, 4) });
  }
  zip.end();
  return buffer(zip.outputStream);
}
