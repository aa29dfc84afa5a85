/**
 * The UI language: Chinese by default, `?lang=en` or the remembered choice otherwise.
 * Keeps `<html lang>` in step, which also makes the browser pick Simplified Chinese glyph forms.
 */
import { useCallback, useEffect, useState } from 'react';
import { htmlLang, initialLocale, type Locale } from '../i18n.ts';

const storageKey = 'civicgrid.locale';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null; // storage can be disabled; the default still works
  }
}

export function useLocale(): [Locale, (locale: Locale) => void] {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(window.location.search, readStored()));

  useEffect(() => {
    document.documentElement.lang = htmlLang(locale);
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // not remembered, still switched
    }
  }, []);

  return [locale, setLocale];
}
