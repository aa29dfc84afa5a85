/**
 * What a Suzhou survey contractor's attribute table looks like: how common each component class
 * is, the names and abbreviations field crews write instead of the standard ones, materials,
 * states and remarks. All of it is a civicgrid judgement for demo data, not survey statistics.
 */

/**
 * Relative frequency of each point sub-class in a district census (per ~1 000 components).
 * Manhole covers and grates together are about half, street lamps the largest single class.
 * Point classes not listed get DEFAULT_CLASS_WEIGHT.
 */
export const CLASS_WEIGHTS: Readonly<Record<string, number>> = {
  '0101': 60, '0102': 85, '0103': 80, '0104': 90, '0105': 40, '0106': 25, '0107': 45, '0108': 10,
  '0109': 8, '0110': 0.2, '0111': 25, '0112': 4, '0113': 12, '0114': 6, '0115': 8, '0116': 15,
  '0117': 30, '0118': 120, '0119': 6, '0120': 15, '0121': 0.5, '0122': 0.5, '0123': 1, '0124': 0.5,
  '0125': 1, '0126': 4, '0127': 1, '0128': 0.5, '0129': 1, '0130': 2, '0131': 0.5, '0132': 0.5,
  '0133': 2, '0134': 5, '0135': 2, '0136': 20, '0137': 0.5, '0138': 0.5,
  '0202': 0.5, '0203': 3, '0204': 0.3, '0209': 35, '0210': 6, '0212': 3, '0213': 10, '0214': 2,
  '0215': 0.5, '0217': 0.3,
  '0301': 1, '0302': 1, '0303': 1, '0304': 1, '0305': 40, '0306': 5, '0307': 30,
  '0401': 0.5, '0402': 80, '0403': 20, '0404': 5, '0406': 0.5, '0407': 8, '0409': 2, '0410': 0.2,
  '0501': 5, '0502': 0.3, '0503': 0.2, '0601': 0.2, '0603': 2, '0605': 0.1,
};

export const DEFAULT_CLASS_WEIGHT = 0.1;

/** Share of rows whose 类型 uses a contractor alias instead of the standard name, where one exists. */
export const ALIAS_SHARE = 0.1;

/**
 * Names crews write instead of the standard sub-class name: abbreviations, older or Beijing-style
 * names, half-width brackets. The classify stage has to map these back.
 */
export const CLASS_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '0101': ['给水井盖', '自来水井盖'],
  '0102': ['污水井', '污水检查井'],
  '0103': ['雨水井'],
  '0104': ['雨水篦子', '雨水口'],
  '0105': ['电力井'],
  '0107': ['电信井盖', '通信井盖'],
  '0108': ['有线电视井盖', '广电井盖'],
  '0113': ['消火栓', '消防栓'],
  '0114': ['不明井盖'],
  '0115': ['电信交接箱', '光交箱'],
  '0117': ['电杆', '电线杆'],
  '0118': ['路灯杆', '灯杆'],
  '0125': ['自动售货亭'],
  '0129': ['输油(气)井盖'],
  '0134': ['变压器', '箱变'],
  '0135': ['燃气调压箱'],
  '0136': ['摄像头', '监控'],
  '0138': ['警务亭'],
  '0203': ['公交站台', '公交候车亭'],
  '0209': ['交通标志', '指示牌'],
  '0210': ['红绿灯', '信号灯'],
  '0302': ['公厕化粪池'],
  '0304': ['垃圾房'],
  '0305': ['垃圾桶', '果皮箱'],
  '0307': ['店招', '广告牌'],
  '0403': ['树池'],
  '0407': ['街头座椅', '座椅'],
};

/** Sub-classes that are covers or grates: they can go missing (丢失) and are cast or moulded. */
export const COVER_SUB_CODES: ReadonlySet<string> = new Set([
  '0101', '0102', '0103', '0104', '0105', '0106', '0107', '0108', '0109', '0110', '0111', '0112',
  '0114', '0127', '0128', '0129', '0130',
]);

/** 状态 — condition, with weights for covers and for everything else. */
export const STATES = ['完好', '破损', '丢失', '占用'] as const;
export const COVER_STATE_WEIGHTS = [86, 8, 2, 4];
export const OTHER_STATE_WEIGHTS = [90, 8, 0, 2];

/** 备注 — remarks a crew adds, by state; most rows have none. */
export const REMARKS: Readonly<Record<(typeof STATES)[number], readonly string[]>> = {
  完好: ['新增', '位置已核对', '周边施工', '图上无此部件'],
  破损: ['破损', '有裂缝', '松动', '下沉', '倾斜'],
  丢失: ['缺失', '丢失待补'],
  占用: ['被车辆占压', '被杂物覆盖', '施工围挡内'],
};

/** 材质 — material choices by kind of component; a class not listed gets a blank material. */
const COVER_MATERIALS = ['铸铁', '球墨铸铁', '复合材料', '混凝土'];
const POLE_MATERIALS = ['钢', '镀锌钢', '铝合金'];
const KIOSK_MATERIALS = ['钢结构', '不锈钢', '玻璃钢'];
const BIN_MATERIALS = ['不锈钢', '塑料', '玻璃钢'];
export const MATERIALS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries([...COVER_SUB_CODES].map((code) => [code, COVER_MATERIALS])),
  '0117': ['混凝土', '钢', '木'],
  '0118': POLE_MATERIALS,
  '0120': POLE_MATERIALS,
  '0136': POLE_MATERIALS,
  '0209': ['铝合金', '钢'],
  '0210': POLE_MATERIALS,
  '0213': ['铝合金', '不锈钢'],
  '0121': KIOSK_MATERIALS,
  '0124': KIOSK_MATERIALS,
  '0137': KIOSK_MATERIALS,
  '0138': KIOSK_MATERIALS,
  '0203': KIOSK_MATERIALS,
  '0305': BIN_MATERIALS,
  '0403': ['铸铁', '复合材料', '透水混凝土'],
  '0407': ['木', '石材', '不锈钢'],
  '0501': ['不锈钢', '铝合金'],
};

/** Telecom classes are split between the three operators in the field, whatever the default rule. */
export const TELECOM_SUB_CODES: ReadonlySet<string> = new Set(['0107', '0109', '0115']);
export const TELECOM_OPERATORS = ['china-telecom', 'china-mobile', 'china-unicom'];
export const TELECOM_OPERATOR_WEIGHTS = [5, 3, 2];

/** Roads in and around the district's urban core, for 名称 such as 东吴北路路灯. */
export const ROAD_NAMES: readonly string[] = [
  '东吴北路', '东吴南路', '宝带西路', '宝带东路', '吴中大道', '吴中东路', '吴中西路', '苏蠡路',
  '木东公路', '金山路', '友新路', '塔韵路', '旺山路', '越湖路', '石湖西路', '迎春路', '龙西路',
  '天鹅荡路', '尹山湖路', '郭苑路', '长蠡路', '溪霞路', '灵天路', '太湖东路', '吴越路', '宝南路',
];

/** The survey window the demo dates fall in: each base grid is walked over a few days. */
export const SURVEY_START = new Date(2024, 2, 4); // 2024-03-04, local time like dbf dates
export const SURVEY_DAYS = 210;
export const DAYS_PER_GRID = 3;

/** Contractor photo names: the district prefix of the component code, then class and serial. */
export const PHOTO_PREFIX = 'photos/320506';
export const PHOTO_SHARE = 0.75;
