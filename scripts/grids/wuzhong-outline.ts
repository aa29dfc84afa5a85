/**
 * A hand-drawn, approximate land outline of Wuzhong District (吴中区), Suzhou,
 * in WGS84 lon/lat. It is a plausible stand-in for the real boundary, not a
 * survey: good enough to place seeds and give the grids a recognisable shape
 * (the mainland from 光福 Guangfu in the west to 甪直 Luzhi in the east, the
 * 东山 Dongshan peninsula reaching into Taihu, and 金庭 Jinting, i.e. 西山
 * Xishan island). The district's Taihu waters (~1 486 km²) are not gridded;
 * the real land area is ~745 km².
 */

/** The mainland, including the Dongshan peninsula; clockwise from the north-west corner. */
export const MAINLAND: readonly (readonly [number, number])[] = [
  // northern border with 高新区, 姑苏区 and 工业园区
  [120.38, 31.33], [120.43, 31.325], [120.47, 31.318], [120.5, 31.305],
  [120.54, 31.3], [120.57, 31.292], [120.595, 31.29], [120.62, 31.287],
  [120.645, 31.283], [120.665, 31.272], [120.69, 31.262], [120.72, 31.265],
  [120.75, 31.272], [120.78, 31.285], [120.81, 31.3], [120.85, 31.31],
  [120.89, 31.305],
  // eastern border with 昆山, then 澄湖 and the border with 吴江
  [120.915, 31.285], [120.925, 31.25], [120.91, 31.218], [120.885, 31.208],
  [120.85, 31.22], [120.81, 31.216], [120.775, 31.222], [120.74, 31.22],
  [120.705, 31.212], [120.675, 31.197], [120.65, 31.185],
  // 东太湖 East Taihu shore: 太湖新城, 横泾, 临湖
  [120.625, 31.17], [120.605, 31.15], [120.59, 31.13], [120.56, 31.118],
  [120.525, 31.112], [120.495, 31.108], [120.47, 31.1],
  // the Dongshan peninsula, round its southern tip and back up its west coast
  [120.455, 31.075], [120.44, 31.045], [120.415, 31.025], [120.385, 31.02],
  [120.355, 31.035], [120.335, 31.065], [120.33, 31.095], [120.345, 31.12],
  [120.375, 31.133], [120.41, 31.138], [120.44, 31.14],
  // Taihu shore: 临湖 (浦庄), 香山 (渔洋山), 胥口, 光福 (冲山)
  [120.465, 31.158], [120.455, 31.18], [120.43, 31.192], [120.415, 31.205],
  [120.425, 31.222], [120.41, 31.235], [120.38, 31.24], [120.355, 31.255],
  [120.345, 31.28], [120.355, 31.305],
];

/** 金庭 Jinting (西山 Xishan), the largest island in Taihu; clockwise. */
export const JINTING_ISLAND: readonly (readonly [number, number])[] = [
  [120.2, 31.11], [120.21, 31.14], [120.235, 31.163], [120.27, 31.17],
  [120.298, 31.158], [120.308, 31.13], [120.298, 31.097], [120.273, 31.072],
  [120.24, 31.067], [120.212, 31.082],
];

/** All land parts of the outline. */
export const LAND_PARTS = [MAINLAND, JINTING_ISLAND] as const;
