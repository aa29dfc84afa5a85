/**
 * The .dbf language driver id (LDID, header byte 29) → the code page the text was written in.
 * Table from ESRI's "Language driver ID" list, the same one shapelib and GDAL use.
 */

/**
 * LDID 0x57 (87): "ANSI", i.e. the Windows code page of the machine that wrote the file. That is
 * windows-1252 on a Western machine and GBK (936) on a Chinese one, so the bytes have to decide.
 */
export const ANSI_LANGUAGE_DRIVER = 0x57;

/** LDID → Windows / DOS / Mac code page number. */
const CODE_PAGE_BY_LDID: ReadonlyMap<number, number> = new Map([
  [0x01, 437], // US MS-DOS
  [0x02, 850], // international MS-DOS
  [0x03, 1252], // Windows ANSI
  [0x04, 10000], // standard Macintosh
  [0x08, 865], // Danish OEM
  [0x09, 437], // Dutch OEM
  [0x0a, 850], // Dutch OEM (secondary)
  [0x0b, 437], // Finnish OEM
  [0x0d, 437], // French OEM
  [0x0e, 850], // French OEM (secondary)
  [0x0f, 437], // German OEM
  [0x10, 850], // German OEM (secondary)
  [0x11, 437], // Italian OEM
  [0x12, 850], // Italian OEM (secondary)
  [0x13, 932], // Japanese Shift-JIS
  [0x14, 850], // Spanish OEM (secondary)
  [0x15, 437], // Swedish OEM
  [0x16, 850], // Swedish OEM (secondary)
  [0x17, 865], // Norwegian OEM
  [0x18, 437], // Spanish OEM
  [0x19, 437], // English OEM (Britain)
  [0x1a, 850], // English OEM (Britain, secondary)
  [0x1b, 437], // English OEM (US)
  [0x1c, 863], // French OEM (Canada)
  [0x1d, 850], // French OEM (secondary)
  [0x1f, 852], // Czech OEM
  [0x22, 852], // Hungarian OEM
  [0x23, 852], // Polish OEM
  [0x24, 860], // Portuguese OEM
  [0x25, 850], // Portuguese OEM (secondary)
  [0x26, 866], // Russian OEM
  [0x37, 850], // English OEM (US, secondary)
  [0x40, 852], // Romanian OEM
  [0x4d, 936], // Chinese GBK (PRC) — what ArcGIS writes for 中文 data
  [0x4e, 949], // Korean (ANSI/OEM)
  [0x4f, 950], // Chinese Big5 (Taiwan)
  [0x50, 874], // Thai (ANSI/OEM)
  [0x58, 1252], // Western European ANSI
  [0x59, 1252], // Spanish ANSI
  [0x64, 852], // Eastern European MS-DOS
  [0x65, 866], // Russian MS-DOS
  [0x66, 865], // Nordic MS-DOS
  [0x67, 861], // Icelandic MS-DOS
  [0x6a, 737], // Greek MS-DOS (437G)
  [0x6b, 857], // Turkish MS-DOS
  [0x6c, 863], // French-Canadian MS-DOS
  [0x78, 950], // Taiwan Big5
  [0x79, 949], // Hangul (Wansung)
  [0x7a, 936], // PRC GBK
  [0x7b, 932], // Japanese Shift-JIS
  [0x7c, 874], // Thai Windows / MS-DOS
  [0x86, 737], // Greek OEM
  [0x87, 852], // Slovenian OEM
  [0x88, 857], // Turkish OEM
  [0x96, 10007], // Russian Macintosh
  [0x97, 10029], // Eastern European Macintosh
  [0x98, 10006], // Greek Macintosh
  [0xc8, 1250], // Eastern European Windows
  [0xc9, 1251], // Russian Windows
  [0xca, 1254], // Turkish Windows
  [0xcb, 1253], // Greek Windows
  [0xcc, 1257], // Baltic Windows
]);

/**
 * The code page a language driver id names, or undefined for 0 (unspecified), 0x57 (the writer's
 * ANSI code page, unknowable from the file) and ids missing from the table (0x68 Kamenicky and 0x69
 * Mazovia, which no decoder here supports, or garbage).
 *
 * @example
 * codePageOfLanguageDriver(0x4d); // 936
 * codePageOfLanguageDriver(0x57); // undefined
 */
export function codePageOfLanguageDriver(ldid: number): number | undefined {
  return CODE_PAGE_BY_LDID.get(ldid);
}
