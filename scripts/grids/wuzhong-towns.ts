/**
 * The 14 town-level units (镇/街道 — towns and subdistricts) of Wuzhong
 * District, the level-2 grids of the "1+14+205+942" hierarchy.
 *
 * Names are the real ones: 7 subdistricts (街道) and 7 towns (镇), the list
 * published for Wuzhong since about 2017 (苏苑 Suyuan and 龙西 Longxi
 * subdistricts, split from 长桥 Changqiao in 2012, are no longer listed; 太湖
 * Taihu subdistrict is the newest). Anchors are rough positions of each
 * seat and `weight` a rough guess at its share of land — both are
 * approximations for a synthetic grid, not survey data. Codes 001…014 follow
 * the order below and are NOT the official NBS township codes.
 */

/** One town or subdistrict. */
export interface Town {
  /** Chinese name, e.g. 长桥街道. */
  nameZh: string;
  /** English name, e.g. Changqiao Subdistrict. */
  nameEn: string;
  /** Pinyin stem used in community and base-grid names, e.g. Changqiao. */
  stem: string;
  /** Approximate seat, WGS84 [lon, lat]; must fall on land in the outline. */
  anchor: [number, number];
  /** Relative share of the mainland's base grids (ignored for the island town). */
  weight: number;
  /** True for the town that is the whole of 金庭 (西山) island. */
  island?: boolean;
}

/** The towns in code order: 320506001 … 320506014. */
export const TOWNS: readonly Town[] = [
  { nameZh: '长桥街道', nameEn: 'Changqiao Subdistrict', stem: 'Changqiao', anchor: [120.615, 31.272], weight: 22 },
  { nameZh: '城南街道', nameEn: 'Chengnan Subdistrict', stem: 'Chengnan', anchor: [120.648, 31.25], weight: 30 },
  { nameZh: '越溪街道', nameEn: 'Yuexi Subdistrict', stem: 'Yuexi', anchor: [120.59, 31.235], weight: 40 },
  { nameZh: '郭巷街道', nameEn: 'Guoxiang Subdistrict', stem: 'Guoxiang', anchor: [120.71, 31.24], weight: 45 },
  { nameZh: '横泾街道', nameEn: 'Hengjing Subdistrict', stem: 'Hengjing', anchor: [120.575, 31.15], weight: 50 },
  { nameZh: '香山街道', nameEn: 'Xiangshan Subdistrict', stem: 'Xiangshan', anchor: [120.445, 31.2], weight: 35 },
  { nameZh: '太湖街道', nameEn: 'Taihu Subdistrict', stem: 'Taihu', anchor: [120.615, 31.19], weight: 30 },
  { nameZh: '甪直镇', nameEn: 'Luzhi Town', stem: 'Luzhi', anchor: [120.86, 31.26], weight: 120 },
  { nameZh: '木渎镇', nameEn: 'Mudu Town', stem: 'Mudu', anchor: [120.52, 31.27], weight: 75 },
  { nameZh: '胥口镇', nameEn: 'Xukou Town', stem: 'Xukou', anchor: [120.475, 31.225], weight: 40 },
  { nameZh: '东山镇', nameEn: 'Dongshan Town', stem: 'Dongshan', anchor: [120.4, 31.075], weight: 95 },
  { nameZh: '光福镇', nameEn: 'Guangfu Town', stem: 'Guangfu', anchor: [120.4, 31.265], weight: 70 },
  { nameZh: '金庭镇', nameEn: 'Jinting Town', stem: 'Jinting', anchor: [120.255, 31.12], weight: 0, island: true },
  { nameZh: '临湖镇', nameEn: 'Linhu Town', stem: 'Linhu', anchor: [120.51, 31.14], weight: 55 },
];
