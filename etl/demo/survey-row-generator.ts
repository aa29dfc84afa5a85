import type { DbfField, DbfValue } from './dbf-writer.ts';
import { formatDbfDate } from './dbf-writer.ts';
import type { ReferenceData } from './reference-data-reader.ts';
import { SeededRandom, WeightedPicker } from './seeded-random.ts';
import {
  ALIAS_SHARE,
  CLASS_ALIASES,
  CLASS_WEIGHTS,
  COVER_STATE_WEIGHTS,
  COVER_SUB_CODES,
  DAYS_PER_GRID,
  DEFAULT_CLASS_WEIGHT,
  MATERIALS,
  OTHER_STATE_WEIGHTS,
  PHOTO_PREFIX,
  PHOTO_SHARE,
  REMARKS,
  ROAD_NAMES,
  STATES,
  SURVEY_DAYS,
  SURVEY_START,
  TELECOM_OPERATORS,
  TELECOM_OPERATOR_WEIGHTS,
  TELECOM_SUB_CODES,
} from './survey-vocabulary.ts';

/**
 * The contractor-style attribute table (部件调查), in column order. Names are at most 10 GBK
 * bytes: 权属单位 and 调查日期 are exactly 8.
 */
export const DEMO_SURVEY_FIELDS: readonly DbfField[] = [
  { name: 'ObjID', type: 'C', length: 16 }, // 部件标识码, blank for components new to the census
  { name: '类型', type: 'C', length: 20 }, // sub-class name as the crew wrote it
  { name: '名称', type: 'C', length: 60 },
  { name: '状态', type: 'C', length: 8 },
  { name: '材质', type: 'C', length: 20 },
  { name: '权属单位', type: 'C', length: 80 },
  { name: '调查日期', type: 'D', length: 8 },
  { name: '照片', type: 'C', length: 40 },
  { name: '备注', type: 'C', length: 60 },
];

const OWNER_BLANK_SHARE = 0.15;
const OWNER_SHORT_SHARE = 0.4;
const NAME_SHARE = 0.5;
/** Crews remark on most damaged, missing or obstructed items, rarely on intact ones. */
const REMARK_SHARE_OK = 0.05;
const REMARK_SHARE_PROBLEM = 0.6;

/**
 * Generates the attribute rows of a demo survey, one at a time and deterministically from the
 * random source. Only point sub-classes are drawn, weighted like a real census.
 *
 * @example
 * const rows = new SurveyRowGenerator(referenceData, new SeededRandom(1));
 * const values = rows.next(17); // ['', '路灯', '东吴北路路灯', '完好', '钢', …]
 */
export class SurveyRowGenerator {
  private readonly classes: WeightedPicker<{ subCode: string; nameZh: string }>;
  private readonly coverStates = new WeightedPicker(STATES, COVER_STATE_WEIGHTS);
  private readonly otherStates = new WeightedPicker(STATES, OTHER_STATE_WEIGHTS);
  private readonly operators = new WeightedPicker(TELECOM_OPERATORS, TELECOM_OPERATOR_WEIGHTS);
  private readonly surveyDays: string[];
  private readonly serials = new Map<string, number>();
  /** Reused between calls: the writer copies the values out before the next row. */
  private readonly values: DbfValue[] = new Array(DEMO_SURVEY_FIELDS.length).fill('');

  constructor(
    private readonly reference: ReferenceData,
    private readonly random: SeededRandom,
  ) {
    const points = reference.componentClasses.filter((c) => c.geometry === 'point');
    this.classes = new WeightedPicker(
      points,
      points.map((c) => CLASS_WEIGHTS[c.subCode] ?? DEFAULT_CLASS_WEIGHT),
    );
    this.surveyDays = Array.from({ length: SURVEY_DAYS }, (_, day) =>
      formatDbfDate(new Date(SURVEY_START.getFullYear(), SURVEY_START.getMonth(), SURVEY_START.getDate() + day)),
    );
  }

  /**
   * The attribute values (in DEMO_SURVEY_FIELDS order) of the next component, surveyed in the
   * base grid with index `gridIndex`. The returned array is overwritten by the next call.
   */
  next(gridIndex: number): readonly DbfValue[] {
    const random = this.random;
    const { subCode, nameZh } = this.classes.pick(random);
    const serial = (this.serials.get(subCode) ?? 0) + 1;
    this.serials.set(subCode, serial);

    const aliases = CLASS_ALIASES[subCode];
    const written = aliases && random.chance(ALIAS_SHARE) ? random.pick(aliases) : nameZh;
    const state = (COVER_SUB_CODES.has(subCode) ? this.coverStates : this.otherStates).pick(random);
    const materials = MATERIALS[subCode];
    const remarkShare = state === '完好' ? REMARK_SHARE_OK : REMARK_SHARE_PROBLEM;

    const v = this.values;
    v[0] = ''; // ObjID: every demo component is new to the census
    v[1] = written;
    v[2] = random.chance(NAME_SHARE) ? this.roadFor(gridIndex) + written : '';
    v[3] = state;
    v[4] = materials ? random.pick(materials) : '';
    v[5] = this.ownerText(subCode);
    v[6] = this.dayFor(gridIndex);
    v[7] = random.chance(PHOTO_SHARE) ? `${PHOTO_PREFIX}${subCode}${String(serial).padStart(6, '0')}.jpg` : '';
    v[8] = random.chance(remarkShare) ? random.pick(REMARKS[state]) : '';
    return v;
  }

  /** 权属单位: blank, a short form, or the full department name. */
  private ownerText(subCode: string): string {
    const random = this.random;
    if (random.chance(OWNER_BLANK_SHARE)) return '';
    let code = this.reference.ownerBySubCode.get(subCode);
    if (TELECOM_SUB_CODES.has(subCode)) code = this.operators.pick(random);
    if (code === undefined) return '';
    const short = this.reference.departments.get(code)?.aliases;
    if (short?.length && random.chance(OWNER_SHORT_SHARE)) return random.pick(short);
    return this.reference.departments.get(code)?.name_zh ?? '';
  }

  /** Crews walk a base grid over a few consecutive days; grids are spread over the window. */
  private dayFor(gridIndex: number): string {
    const start = (gridIndex * 37) % (SURVEY_DAYS - DAYS_PER_GRID);
    return this.surveyDays[start + this.random.int(DAYS_PER_GRID)]!;
  }

  /** Components in one grid mostly lie on a few nearby roads. */
  private roadFor(gridIndex: number): string {
    return ROAD_NAMES[(gridIndex * 7 + this.random.int(3)) % ROAD_NAMES.length]!;
  }
}
