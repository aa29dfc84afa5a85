/** Where in an upload a problem was found; every field is optional, the more the better. */
export interface SourceLocation {
  /** The file, as the contractor knows it: a path inside the upload (`survey/井盖.dbf`) or on disk. */
  file?: string;
  /** The zip entry name, when the problem is in a zip. */
  entry?: string;
  /** 1-based row (record) number inside a .shp / .dbf. */
  row?: number;
}

/**
 * A problem with an uploaded source that stops it (or one layer of it) from being read: a hostile
 * or broken zip, a file that is not a shapefile, a truncated .shp. `rule` is a stable id used in
 * reports and tests ('zip.traversal', 'shp.truncated', …); the message names the file, the entry or
 * the row, and says what to do when there is something to do.
 *
 * @example
 * throw new SourceError('zip.traversal', 'upload.zip: entry "../etc/passwd" points outside the archive', {
 *   file: 'upload.zip',
 *   entry: '../etc/passwd',
 * });
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly rule: string;
  readonly file?: string;
  readonly entry?: string;
  readonly row?: number;

  constructor(rule: string, message: string, location: SourceLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.rule = rule;
    if (location.file !== undefined) this.file = location.file;
    if (location.entry !== undefined) this.entry = location.entry;
    if (location.row !== undefined) this.row = location.row;
  }
}

/**
 * A problem worth reporting that does not stop the read: an orphan .dbf in a zip, .shp and .dbf
 * row counts that disagree, a .cpg nobody can interpret.
 *
 * @example
 * const warning: SourceWarning = { rule: 'source.count_mismatch', message: '井盖.shp has 10 rows, 井盖.dbf 9' };
 */
export interface SourceWarning extends SourceLocation {
  rule: string;
  message: string;
}
