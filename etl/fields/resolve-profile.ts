/**
 * Resolves a profile against one layer's column names, once per layer: which column feeds which
 * field. Mapping rows afterwards is one Map lookup per column.
 */
import { fieldNameForms, normaliseFieldName, type FieldNameMatch } from './field-name.ts';
import { MAPPED_FIELD_KEYS, type FieldProfile, type MappedFieldKey } from './field-profile.ts';

/** One source column in the batch report: the field it feeds, or why it is kept as extra. */
export interface ColumnResolution {
  column: string;
  /** The field this column feeds; null when it is kept as an extra attribute. */
  field: MappedFieldKey | null;
  /** The profile name it matched, and how (a truncated .dbf name matches its full name). */
  matchedName?: string;
  match?: FieldNameMatch;
  /** Set when another column already feeds the field this one matched: it is kept as extra. */
  shadowedBy?: string;
}

/** A profile applied to one layer's columns. */
export interface FieldResolution {
  profile: string;
  /** Source column → field. Columns not in it are kept as extra. */
  columns: ReadonlyMap<string, MappedFieldKey>;
  /** Field → the source column that feeds it (for the report). */
  fed: Partial<Record<MappedFieldKey, string>>;
  /** The columns kept as extra attributes, in source order. */
  extra: string[];
  /** Every source column, in source order. */
  report: ColumnResolution[];
}

interface Candidate {
  field: MappedFieldKey;
  name: string;
  match: FieldNameMatch;
  /** Lower is better: exact before truncated, earlier profile names first. */
  rank: number;
}

const matchRank: Record<FieldNameMatch, number> = { exact: 0, 'truncated-gbk': 1, 'truncated-utf8': 2 };

/**
 * Matches a layer's column names against a profile: case-insensitively, ignoring white space and
 * width, and accepting names cut to the .dbf 10-byte limit in GBK or UTF-8. When several columns
 * match one field, the best match (exact over truncated, then the profile's order) feeds it and
 * the others are kept as extra.
 *
 * @example
 * const r = resolveProfile(['FID', 'ObjID', '类型', '权属单位名', '巡查人'], loadFieldProfile());
 * r.fed   // { code: 'ObjID', classText: '类型', ownerText: '权属单位名' }
 * r.extra // ['FID', '巡查人']
 */
export function resolveProfile(fieldNames: readonly string[], profile: FieldProfile): FieldResolution {
  const index = profileIndex(profile);
  const best = new Map<MappedFieldKey, { column: string; candidate: Candidate }>();
  const matched = new Map<string, Candidate>();
  for (const column of fieldNames) {
    const candidate = index.get(normaliseFieldName(column));
    if (!candidate) continue;
    matched.set(column, candidate);
    const current = best.get(candidate.field);
    if (!current || candidate.rank < current.candidate.rank) best.set(candidate.field, { column, candidate });
  }

  const columns = new Map<string, MappedFieldKey>();
  const fed: Partial<Record<MappedFieldKey, string>> = {};
  for (const key of MAPPED_FIELD_KEYS) {
    const winner = best.get(key);
    if (!winner) continue;
    columns.set(winner.column, key);
    fed[key] = winner.column;
  }

  const extra: string[] = [];
  const report = fieldNames.map((column): ColumnResolution => {
    const candidate = matched.get(column);
    const field = columns.get(column) ?? null;
    if (field === null) extra.push(column);
    if (!candidate) return { column, field };
    const entry: ColumnResolution = { column, field, matchedName: candidate.name, match: candidate.match };
    if (field === null) entry.shadowedBy = fed[candidate.field];
    return entry;
  });
  return { profile: profile.name, columns, fed, extra, report };
}

const indexes = new WeakMap<FieldProfile, Map<string, Candidate>>();

/** Normalised name form → best candidate; exact forms of every field before any truncated form. */
function profileIndex(profile: FieldProfile): Map<string, Candidate> {
  const cached = indexes.get(profile);
  if (cached) return cached;
  const all: Candidate[] = [];
  const forms: string[] = [];
  for (const field of MAPPED_FIELD_KEYS) {
    profile.fields[field].forEach((name, order) => {
      for (const { form, match } of fieldNameForms(name)) {
        all.push({ field, name, match, rank: matchRank[match] * 10_000 + order });
        forms.push(form);
      }
    });
  }
  const index = new Map<string, Candidate>();
  const order = all.map((_, i) => i).sort((a, b) => matchRank[all[a]!.match] - matchRank[all[b]!.match] || a - b);
  for (const i of order) if (!index.has(forms[i]!)) index.set(forms[i]!, all[i]!);
  indexes.set(profile, index);
  return index;
}
