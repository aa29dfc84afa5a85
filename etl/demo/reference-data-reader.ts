import { readReferenceData as readSharedReferenceData } from '../../data/reference-data.ts';

/** A component sub-class (部件小类) from data/mohurd/components.csv. */
export interface ComponentClass {
  subCode: string;
  nameZh: string;
  geometry: 'point' | 'line' | 'polygon';
}

/** A department from data/departments.json. */
export interface Department {
  code: string;
  name_zh: string;
  name_en: string;
  kind: 'centre' | 'government' | 'enterprise';
  aliases: string[];
}

/** The reference tables the demo survey draws on. */
export interface ReferenceData {
  componentClasses: ComponentClass[];
  departments: Map<string, Department>;
  /** Sub-class code → district-wide owner department code. */
  ownerBySubCode: Map<string, string>;
}

/**
 * Reads components.csv, departments.json and responsibility-rules.json from a data directory.
 *
 * @example
 * const { componentClasses } = await readReferenceData('data');
 * componentClasses[0]; // { subCode: '0101', nameZh: '上水井盖', geometry: 'point' }
 */
export async function readReferenceData(dataDir: string): Promise<ReferenceData> {
  const data = readSharedReferenceData(dataDir);
  return {
    componentClasses: data.componentClasses.map((row) => ({ subCode: row.sub_code, nameZh: row.sub_name_zh, geometry: row.geometry })),
    departments: new Map(data.departments.map((d) => [d.code, d])),
    ownerBySubCode: new Map(data.responsibilityRules.filter((r) => r.grid_code === undefined).map((r) => [r.sub_code, r.department])),
  };
}
