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
    'nav.label': '主导航',
    'nav.map': '地图',
    'nav.cases': '案件',
    'nav.department': '本单位',
    'nav.surveys': '普查数据',
    'nav.dashboard': '考核',
    'nav.signOut': '退出',
    'login.title': '登录',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.busy': '正在登录…',
    'session.loading': '正在加载…',
    'role.admin': '管理员',
    'role.dispatcher': '派遣员',
    'role.inspector': '监督员',
    'role.owner': '权属单位',
    'role.contractor': '调查单位',
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
    'nav.label': 'Main navigation',
    'nav.map': 'Map',
    'nav.cases': 'Cases',
    'nav.department': 'My department',
    'nav.surveys': 'Surveys',
    'nav.dashboard': 'Assessment',
    'nav.signOut': 'Sign out',
    'login.title': 'Sign in',
    'login.username': 'User name',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.busy': 'Signing in…',
    'session.loading': 'Loading…',
    'role.admin': 'Administrator',
    'role.dispatcher': 'Dispatcher',
    'role.inspector': 'Inspector',
    'role.owner': 'Owner department',
    'role.contractor': 'Survey contractor',
  },
} satisfies Record<Locale, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['zh'];

/**
 * Looks up a UI string and fills its `{name}` placeholders.
 * @example t('en', 'zoom', { zoom: 12 }) // 'Zoom 12'
 */
export function t(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return fill(messages[locale][key], values);
}

/**
 * A `t` over a page's own messages, so each page keeps its words beside it.
 * @example const tr = translator({ zh: { title: '案件' }, en: { title: 'Cases' } }); tr('en', 'title')
 */
export function translator<Key extends string>(pageMessages: Record<Locale, Record<Key, string>>) {
  return (locale: Locale, key: Key, values: Record<string, string | number> = {}): string => fill(pageMessages[locale][key], values);
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
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
