/**
 * UI strings in Chinese (the default) and English. Grid names come from the data itself
 * (`name_zh` / `name_en`); only the words of the interface live here.
 */

export type Locale = 'zh' | 'en';

export const locales: readonly Locale[] = ['zh', 'en'];

export const defaultLocale: Locale = 'zh';

const messages = {
  zh: {
    appTitle: '网格化服务管理地图',
    mapLabel: '网格地图',
    legendTitle: '图例',
    'level.1': '区界',
    'level.2': '镇（街道）',
    'level.3': '社区（二级网格）',
    'level.4': '基础网格',
    fromZoom: '{zoom} 级起',
    zoom: '缩放 {zoom}',
    'health.checking': '正在连接…',
    'health.ok': '服务正常',
    'health.down': '服务不可用',
    'backend.pglite': '内置数据库 PGlite',
    'backend.postgresql': 'PostgreSQL',
    'grids.error': '网格数据加载失败：{message}',
    switchLanguage: '切换语言',
  },
  en: {
    appTitle: 'Grid governance map',
    mapLabel: 'Grid map',
    legendTitle: 'Legend',
    'level.1': 'District',
    'level.2': 'Town / street',
    'level.3': 'Community',
    'level.4': 'Base grid',
    fromZoom: 'from z{zoom}',
    zoom: 'Zoom {zoom}',
    'health.checking': 'Connecting…',
    'health.ok': 'Online',
    'health.down': 'Unavailable',
    'backend.pglite': 'embedded PGlite',
    'backend.postgresql': 'PostgreSQL',
    'grids.error': 'Could not load grids: {message}',
    switchLanguage: 'Switch language',
  },
} satisfies Record<Locale, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['zh'];

/**
 * Looks up a UI string and fills its `{name}` placeholders.
 * @example t('en', 'zoom', { zoom: 12 }) // 'Zoom 12'
 */
export function t(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** The grid property holding a name in this locale. */
export function nameField(locale: Locale): 'name_zh' | 'name_en' {
  return locale === 'zh' ? 'name_zh' : 'name_en';
}

/** The BCP 47 tag for `<html lang>`, which also picks the CJK glyph variants the browser draws. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en';
}

/** Reads `?lang=en|zh`, then the remembered choice, then the default. */
export function initialLocale(search: string, stored: string | null): Locale {
  const requested = new URLSearchParams(search).get('lang');
  if (isLocale(requested)) return requested;
  if (isLocale(stored)) return stored;
  return defaultLocale;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh' || value === 'en';
}
