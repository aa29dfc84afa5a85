/**
 * 部件身份证 — the component ID card's layout: pure functions from the card's content to SVG layers
 * (a shared background, the component's text) and the boxes the photo and the QR code go in. The
 * renderer composites them; nothing here touches pixels, so the layout is testable without sharp.
 *
 * The card is ISO/IEC 7810 ID-1 (85.6 × 54 mm) at 300 dpi: 1011 × 638 px. Coordinates are pixels.
 */

/** Card size in pixels at 300 dpi. */
export const cardWidth = 1011;
export const cardHeight = 638;
export const cardDpi = 300;

/** Bumped whenever the layout changes, so cached cards (ETags) are redrawn. */
export const cardLayoutVersion = 1;

/** The font family every text uses; Noto Sans CJK SC is in Debian's fonts-noto-cjk. */
export const cardFontFamily = 'Noto Sans CJK SC';
/** Half-width digits for the code: every digit the same width, so the groups line up. */
export const cardMonoFamily = 'Noto Sans Mono CJK SC';

/** What a card shows. */
export interface CardContent {
  /** 部件标识码 — the 16-digit component code */
  code: string;
  /** what the QR code opens */
  url: string;
  className: { zh: string; en: string };
  department: { zh: string; en: string } | null;
  /** town › community › base grid, zh names */
  gridPath: string[];
  /** the base grid's code, printed small under the path */
  gridCode: string | null;
  /** 'YYYY-MM-DD' or null when unknown */
  surveyDate: string | null;
  district: { zh: string; en: string };
}

/** A box on the card, in pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface CardLayout {
  /** the part every card of the district shares; `key` names it for a cache */
  background: { key: string; svg: string };
  /** the component's own text, on a transparent card-sized SVG */
  text: string;
  /** where the photo thumbnail goes (covered); the SVG draws a placeholder there when none is given */
  photo: Box;
  /** where the QR code goes (the QR image is centred in it) */
  qr: Box;
}

const colours = { band: '#0b4f8a', ink: '#1b1f24', muted: '#5b6570', rule: '#c9d1da', placeholder: '#eef1f4' };

/** Layout boxes: photo left, text middle, QR right, the code along the bottom. */
export const photoBox: Box = { left: 36, top: 134, width: 256, height: 256 };
export const qrBox: Box = { left: 735, top: 126, width: 240, height: 240 };
const textLeft = 322;
const textRight = 712;

/**
 * The code grouped for reading: district, major class, sub-class, serial.
 *
 * @example
 * groupCode('3205060101000001') // '320506 01 01 000001'
 */
export function groupCode(code: string): string {
  return `${code.slice(0, 6)} ${code.slice(6, 8)} ${code.slice(8, 10)} ${code.slice(10)}`;
}

/**
 * A grid path with each name's repeated parent prefix dropped, so it fits on a card.
 *
 * @example
 * shortGridPath(['长桥街道', '长桥街道第01社区', '长桥街道第01社区01网格']) // ['长桥街道', '第01社区', '01网格']
 */
export function shortGridPath(names: readonly string[]): string[] {
  return names.map((name, i) => {
    const parent = names[i - 1];
    return parent && name.startsWith(parent) && name.length > parent.length ? name.slice(parent.length) : name;
  });
}

/**
 * Estimated advance of a text in ems for Noto Sans CJK: ideographs and full-width forms are one em;
 * the Latin widths are on the generous side, so an estimate that fits does fit.
 */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (c >= 0x2e80) width += 1;
    else if (char === ' ') width += 0.25;
    else if ('iljtfrI.,:;\'!|()[]'.includes(char)) width += 0.34;
    else if ('mwMW'.includes(char)) width += 0.85;
    else if (/[A-Z]/.test(char)) width += 0.66;
    else width += 0.56;
  }
  return width;
}

/**
 * The largest font size from `size` down to `min` at which the text fits `width`; below that the
 * text is cut with an ellipsis at `min`.
 */
export function fitText(text: string, width: number, size: number, min: number): { text: string; size: number } {
  for (let s = size; s >= min; s -= 1) if (textWidthEm(text) * s <= width) return { text, size: s };
  const chars = [...text];
  while (chars.length > 1 && (textWidthEm(chars.join('')) + 1) * min > width) chars.pop();
  return { text: `${chars.join('').trimEnd()}…`, size: min };
}

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

interface TextSpec {
  x: number;
  y: number;
  text: string;
  size: number;
  fill?: string;
  weight?: 'normal' | 'bold';
  family?: string;
  anchor?: 'start' | 'middle' | 'end';
}

function text({ x, y, text, size, fill = colours.ink, weight = 'normal', family = cardFontFamily, anchor = 'start' }: TextSpec): string {
  return `<text x="${x}" y="${y}" font-family="${family}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escapeXml(text)}</text>`;
}

/** A text fitted into [x, x + width]. */
function fitted(spec: TextSpec & { width: number; min: number }): string {
  const fit = fitText(spec.text, spec.width, spec.size, spec.min);
  return text({ ...spec, ...fit });
}

/** A field's value under its label (the label is on the background), with its English below. */
function fieldValue(top: number, value: string, valueEn?: string): string {
  const width = textRight - textLeft;
  const parts = [fitted({ x: textLeft, y: top + 33, text: value, size: 28, min: 18, width })];
  if (valueEn) parts.push(fitted({ x: textLeft, y: top + 59, text: valueEn, size: 19, min: 14, width, fill: colours.muted }));
  return parts.join('');
}

/** A grey box with a simple camera drawn in it: the card's photo when the component has none. */
function photoPlaceholder(box: Box): string {
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2 - 18;
  return [
    `<rect x="${box.left}" y="${box.top}" width="${box.width}" height="${box.height}" fill="${colours.placeholder}"/>`,
    `<rect x="${cx - 48}" y="${cy - 30}" width="96" height="64" rx="10" fill="none" stroke="${colours.rule}" stroke-width="6"/>`,
    `<rect x="${cx - 18}" y="${cy - 42}" width="36" height="14" rx="4" fill="${colours.rule}"/>`,
    `<circle cx="${cx}" cy="${cy + 2}" r="18" fill="none" stroke="${colours.rule}" stroke-width="6"/>`,
    text({ x: cx, y: cy + 82, text: '暂无照片 No photo', size: 20, fill: colours.muted, anchor: 'middle' }),
  ].join('');
}

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidth}" height="${cardHeight}" viewBox="0 0 ${cardWidth} ${cardHeight}">`;

/**
 * What every card of a district shares: colours, frames, the header and the field labels. Drawn
 * once and reused — each text element costs librsvg a few milliseconds.
 */
export function layoutBackground(district: CardContent['district'], options: { hasPhoto: boolean }): string {
  return [
    svgOpen,
    `<rect width="${cardWidth}" height="${cardHeight}" fill="#ffffff"/>`,
    // header band: the district and what the card is
    `<rect width="${cardWidth}" height="104" fill="${colours.band}"/>`,
    fitted({ x: 36, y: 62, text: `${district.zh} · 部件身份证`, size: 44, min: 30, width: 640, fill: '#ffffff', weight: 'bold' }),
    fitted({ x: 36, y: 92, text: `${district.en} · Component ID card`, size: 22, min: 16, width: 640, fill: '#d5e3f0' }),
    text({ x: cardWidth - 36, y: 62, text: 'civicgrid', size: 26, fill: '#d5e3f0', anchor: 'end' }),
    // the middle column's labels
    text({ x: textLeft, y: 244, text: '权属单位 Owner', size: 19, fill: colours.muted }),
    text({ x: textLeft, y: 332, text: '所属网格 Grid', size: 19, fill: colours.muted }),
    text({ x: textLeft, y: 440, text: '调查日期 Surveyed', size: 19, fill: colours.muted }),
    // the QR code's caption
    text({ x: qrBox.left + qrBox.width / 2, y: qrBox.top + qrBox.height + 32, text: '扫码查看 Scan to open', size: 19, fill: colours.muted, anchor: 'middle' }),
    // photo frame (the thumbnail is composited inside it)
    options.hasPhoto ? '' : photoPlaceholder(photoBox),
    `<rect x="${photoBox.left - 2}" y="${photoBox.top - 2}" width="${photoBox.width + 4}" height="${photoBox.height + 4}" fill="none" stroke="${colours.rule}" stroke-width="2"/>`,
    // the code's rule and label
    `<line x1="36" y1="470" x2="${cardWidth - 36}" y2="470" stroke="${colours.rule}" stroke-width="2"/>`,
    text({ x: 36, y: 504, text: '部件标识码 Component code', size: 19, fill: colours.muted }),
    `<rect y="${cardHeight - 16}" width="${cardWidth}" height="16" fill="${colours.band}"/>`,
    '</svg>',
  ].join('');
}

/** What is the component's own, on a transparent card-sized SVG: class, owner, grid, date, code. */
export function layoutText(content: CardContent): string {
  const path = shortGridPath(content.gridPath);
  return [
    svgOpen,
    fitted({ x: textLeft, y: 172, text: content.className.zh, size: 46, min: 28, width: textRight - textLeft, weight: 'bold' }),
    fitted({ x: textLeft, y: 202, text: content.className.en, size: 22, min: 15, width: textRight - textLeft, fill: colours.muted }),
    fieldValue(244, content.department?.zh ?? '未确定 Not assigned', content.department?.en),
    fieldValue(332, path.length ? path.join(' › ') : '—', content.gridCode ?? undefined),
    text({ x: textLeft + 178, y: 441, text: content.surveyDate ?? '—', size: 24 }),
    // the code along the bottom, large and grouped
    text({ x: 36, y: 588, text: groupCode(content.code), size: 80, weight: 'bold', family: cardMonoFamily }),
    '</svg>',
  ].join('');
}

/**
 * A card's layers: the shared background (with a cache key), the component's text, and the boxes
 * for the photo and the QR code.
 *
 * @example
 * const { background, text, photo, qr } = layoutCard(content, { hasPhoto: false });
 */
export function layoutCard(content: CardContent, options: { hasPhoto: boolean }): CardLayout {
  const key = JSON.stringify([content.district.zh, content.district.en, options.hasPhoto]);
  return { background: { key, svg: layoutBackground(content.district, options) }, text: layoutText(content), photo: photoBox, qr: qrBox };
}
