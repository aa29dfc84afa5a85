/**
 * The alias table, data/component-aliases.json: the names survey crews write for each GB/T 30428.2
 * component sub-class, and the words that name several classes at once (井盖, 护栏, 灯…).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dataDir } from '../../data/reference-data.ts';

export const componentAliasesFile = path.join(dataDir, 'component-aliases.json');

const subCode = z.string().regex(/^\d{4}$/);

export const componentAliasesSchema = z
  .object({
    $comment: z.string().optional(),
    /** sub_code → the standard name (for readers) and the aliases. */
    classes: z.record(subCode, z.object({ name: z.string().min(1), aliases: z.array(z.string().trim().min(1)) }).strict()),
    /** word → the classes it may mean. */
    ambiguous: z.record(z.string().trim().min(1), z.array(subCode).min(2)),
  })
  .strict();

export type ComponentAliases = z.infer<typeof componentAliasesSchema>;

/**
 * Reads and checks the alias table.
 *
 * @example
 * const aliases = readComponentAliases();
 * aliases.classes['0118'].aliases // ['路灯杆', '灯杆', …]
 */
export function readComponentAliases(file: string = componentAliasesFile): ComponentAliases {
  const parsed = componentAliasesSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || 'value'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** How many aliases the table holds. */
export function aliasCount(aliases: ComponentAliases): number {
  return Object.values(aliases.classes).reduce((n, c) => n + c.aliases.length, 0);
}
