/** Builds multipart form bodies for upload tests with the platform's FormData and Blob. */
import fs from 'node:fs';
import path from 'node:path';

/** A form with the given files (read from disk) under the field `files`, plus text fields. */
export function surveyForm(files: string[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('files', new Blob([fs.readFileSync(file)]), path.basename(file));
  return form;
}
