/**
 * Label text for a grid without what its parent's label already says: the real names repeat the
 * whole hierarchy (长桥街道第01社区01网格), which would crowd the map with two-line labels while the
 * parent's own label is in view anyway. Full names stay in the data for cards and searches.
 */
import type { GridProperties } from '../api/client.ts';

/**
 * The name with its parent's name taken off the front; for space-separated (English) names,
 * the leading words it shares with the parent. Never returns an empty string.
 * @example shortName('长桥街道第01社区01网格', '长桥街道第01社区') // '01网格'
 * @example shortName('Changqiao C01 Grid 01', 'Changqiao Community 01') // 'C01 Grid 01'
 */
export function shortName(name: string, parentName: string | undefined): string {
  if (!parentName) return name;
  if (name.startsWith(parentName)) {
    const rest = name.slice(parentName.length).trim();
    return rest || name;
  }
  const words = name.split(' ');
  const parentWords = parentName.split(' ');
  let shared = 0;
  while (shared < words.length - 1 && words[shared] === parentWords[shared]) shared++;
  return words.slice(shared).join(' ');
}

export type LabelProperties = GridProperties & { label_zh: string; label_en: string };

/** Adds `label_zh` / `label_en` to a grid's properties, given its parent's (if known). */
export function withShortNames(grid: GridProperties, parent: Pick<GridProperties, 'name_zh' | 'name_en'> | undefined): LabelProperties {
  const label_zh = shortName(grid.name_zh, parent?.name_zh);
  // a grid without an English name is labelled in Chinese in both languages
  const label_en = grid.name_en ? shortName(grid.name_en, parent?.name_en || undefined) : label_zh;
  return { ...grid, label_zh, label_en };
}
