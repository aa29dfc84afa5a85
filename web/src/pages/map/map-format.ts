/** How the map page writes times, case states and ownership statuses. */
import type { Locale } from '../../i18n.ts';
import { tr, type MapMessage } from './map.messages.ts';

/**
 * A timestamp in the district's time zone (China Standard Time), to the minute.
 * @example formatTime('2026-11-28T02:00:00Z', 'en') // '11/28/2026, 10:00'
 */
export function formatTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A case state's name (采集上报 …), or the raw state when it is new to the page. */
export function stateName(state: string, locale: Locale): string {
  return known(locale, `state.${state}`) ?? state;
}

/** 确权状态 — an ownership status's name, or the raw status. */
export function ownershipName(status: string, locale: Locale): string {
  return known(locale, `ownership.${status}`) ?? status;
}

function known(locale: Locale, key: string): string | undefined {
  try {
    return tr(locale, key as MapMessage);
  } catch {
    return undefined; // no such message
  }
}
