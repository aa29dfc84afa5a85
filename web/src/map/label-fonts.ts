/**
 * Label fonts, and how labels stay offline.
 *
 * The style has no `glyphs` URL. Since MapLibre GL JS 5.11 a style without `glyphs` draws every
 * glyph — CJK, Latin and digits alike — in the browser with TinySDF, treating `text-font` as a CSS
 * font-family list (the style spec's "omit to use local fonts" mode of `glyphs`). That needs no
 * glyph PBFs, no build step and no new dependency, works in headless Chromium, and renders Chinese
 * better than PBFs would (a full CJK PBF set is tens of MB).
 * The cost: the label font depends on the machine, hence a stack that covers Linux (Noto / Source
 * Han), macOS (PingFang, Hiragino) and Windows (Microsoft YaHei), ending in the generic sans-serif
 * that MapLibre appends.
 * Rejected: glyph PBFs generated at build time (a font package plus a generator, and every CJK
 * range to ship); deck.gl's TextLayer (a second renderer with its own collision handling just for
 * labels, and a few hundred kB more script).
 */

const cjkSans = ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei'];

/**
 * Font stacks for `text-font`. MapLibre reads the weight from the first name only, so the bold
 * stack leads with a "… Bold" name: the browser skips that family if it does not exist and draws
 * the next one in bold.
 */
export const labelFonts = {
  regular: cjkSans,
  bold: ['Noto Sans CJK SC Bold', ...cjkSans],
} satisfies Record<string, string[]>;
