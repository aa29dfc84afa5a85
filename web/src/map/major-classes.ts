/**
 * How the six GB/T 30428.2 major classes (部件大类) are told apart on the map: a colour for the
 * circles and aggregates, a shape for the symbols drawn at high zoom. One table read by the map
 * layers, the icons and the legend.
 */

export interface MajorClassStyle {
  /** 2-digit major class code, e.g. `01` 公用设施 public utilities */
  code: string;
  color: string;
  shape: 'circle' | 'square' | 'triangle' | 'diamond' | 'hexagon' | 'star';
}

// hues apart by class, dark enough for white outlines and for 3:1 contrast on the pale grid tints
export const majorClasses: readonly MajorClassStyle[] = [
  { code: '01', color: '#1d5fd1', shape: 'circle' }, // 公用设施 public utilities
  { code: '02', color: '#c2410c', shape: 'square' }, // 道路交通 roads and traffic
  { code: '03', color: '#7e22ce', shape: 'triangle' }, // 市容环境 city appearance
  { code: '04', color: '#15803d', shape: 'diamond' }, // 园林绿化 landscaping
  { code: '05', color: '#92400e', shape: 'hexagon' }, // 房屋土地 buildings and land
  { code: '06', color: '#475569', shape: 'star' }, // 其他设施 other facilities
];

/** Colour of components whose major class is not in the table. */
export const otherMajorColor = '#334155';

/** The icon name a major class's symbol is registered under (see component-icons.ts). */
export const majorIconName = (code: string) => `major-${code}`;
