/**
 * Field profiles: which source column names feed which civicgrid field (MappedFields).
 * The built-in profile, data/profiles/gbt30428.json, knows the GB/T 30428 attribute names and the
 * usual Chinese, pinyin-initial and English ones. A contractor whose columns are unusual gets a
 * custom profile in data/profiles/NAME.json that extends (or replaces parts of) another profile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { MappedFields } from '../survey-record.ts';
import { dataDir } from '../../data/reference-data.ts';
import { normaliseFieldName } from './field-name.ts';

/** The keys of MappedFields, in the order the report lists them. */
export const MAPPED_FIELD_KEYS = [
  'code', 'classText', 'name', 'state', 'material', 'ownerText', 'ownerCode', 'gridCode',
  'surveyDate', 'changeDate', 'photo', 'dataSource', 'note',
] as const satisfies ReadonlyArray<keyof MappedFields>;

export type MappedFieldKey = (typeof MAPPED_FIELD_KEYS)[number];

export const BUILT_IN_PROFILE = 'gbt30428';
export const profilesDir = path.join(dataDir, 'profiles');

const fieldNames = z.array(z.string().trim().min(1)).min(1);

/** The shape of a data/profiles/*.json file. */
export const fieldProfileFileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    description: z.string().optional(),
    /** The profile this one builds on; null for a complete profile. Custom profiles default to the built-in one. */
    extends: z.string().nullable().optional(),
    /** Field → source names, tried before the inherited names for that field. */
    fields: z.object(Object.fromEntries(MAPPED_FIELD_KEYS.map((key) => [key, fieldNames.optional()])) as Record<MappedFieldKey, z.ZodOptional<typeof fieldNames>>).strict(),
    /** Fields whose inherited names are dropped, so only this profile's names feed them. */
    replace: z.array(z.enum(MAPPED_FIELD_KEYS)).optional(),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const seen = new Map<string, string>();
    for (const [key, names] of Object.entries(profile.fields)) {
      for (const name of names ?? []) {
        const form = normaliseFieldName(name);
        const other = seen.get(form);
        if (other !== undefined && other !== key) ctx.addIssue({ code: 'custom', path: ['fields', key], message: `'${name}' is also listed under ${other}` });
        seen.set(form, key);
      }
    }
  });

export type FieldProfileFile = z.infer<typeof fieldProfileFileSchema>;

/** A profile with its inheritance applied: every field's accepted source names, best first. */
export interface FieldProfile {
  name: string;
  /** The profiles it was built from, this one first. */
  chain: string[];
  fields: Record<MappedFieldKey, string[]>;
}

/**
 * Loads a profile by name from data/profiles/ (or `dir`), applying `extends`.
 * A name listed by a profile is taken away from any other field of the profiles it extends,
 * so a custom profile can move a column (e.g. 名称 → classText) without editing the built-in one.
 *
 * @example
 * const profile = loadFieldProfile();            // the built-in gbt30428
 * const custom = loadFieldProfile('acme-survey'); // data/profiles/acme-survey.json
 */
export function loadFieldProfile(name: string = BUILT_IN_PROFILE, dir: string = profilesDir): FieldProfile {
  return load(name, dir, []);
}

/** The names of the profiles in data/profiles/ (or `dir`). */
export function listFieldProfiles(dir: string = profilesDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/**
 * Applies a profile file on top of a parent profile (or none).
 *
 * @example
 * extendFieldProfile(loadFieldProfile(), { name: 'x', fields: { classText: ['名称'] } })
 * // classText accepts 名称 first; name no longer does
 */
export function extendFieldProfile(parent: FieldProfile | null, file: FieldProfileFile): FieldProfile {
  const claimed = new Set<string>();
  for (const names of Object.values(file.fields)) for (const n of names ?? []) claimed.add(normaliseFieldName(n));
  const replaced = new Set(file.replace ?? []);
  const fields = {} as Record<MappedFieldKey, string[]>;
  for (const key of MAPPED_FIELD_KEYS) {
    const own = file.fields[key] ?? [];
    const inherited = parent && !replaced.has(key) ? parent.fields[key].filter((n) => !claimed.has(normaliseFieldName(n))) : [];
    fields[key] = [...own, ...inherited];
  }
  return { name: file.name, chain: [file.name, ...(parent?.chain ?? [])], fields };
}

function load(name: string, dir: string, visiting: string[]): FieldProfile {
  if (visiting.includes(name)) throw new Error(`field profile ${[...visiting, name].join(' → ')}: extends itself`);
  const file = readProfileFile(name, dir);
  const parentName = file.extends === undefined ? (name === BUILT_IN_PROFILE ? null : BUILT_IN_PROFILE) : file.extends;
  // a custom profile directory may build on the built-in profiles
  const parentDir = parentName !== null && !fs.existsSync(path.join(dir, `${parentName}.json`)) ? profilesDir : dir;
  const parent = parentName === null ? null : load(parentName, parentDir, [...visiting, name]);
  return extendFieldProfile(parent, file);
}

function readProfileFile(name: string, dir: string): FieldProfileFile {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`field profile '${name}': not a profile name (lower-case letters, digits, dashes)`);
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) {
    const known = fs.existsSync(dir) ? listFieldProfiles(dir) : [];
    throw new Error(`field profile '${name}' not found; known: ${known.join(', ') || 'none'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`field profile ${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = fieldProfileFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`field profile ${file}: ${issue?.path.join('.') || 'value'}: ${issue?.message}`);
  }
  if (parsed.data.name !== name) throw new Error(`field profile ${file}: name '${parsed.data.name}' differs from the file name`);
  return parsed.data;
}
