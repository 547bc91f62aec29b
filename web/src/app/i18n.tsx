import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { MESSAGES, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';

/** A text in both languages of the hall, as the schema's LocalizedText gives it. */
export interface Localized {
  readonly zh: string;
  readonly en: string;
}

export interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  /** A message of the app, with `{name}` placeholders filled. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A text from the server in the current language. */
  l(text: Localized | null | undefined): string;
  /** Items of a list joined as the language joins them: “甲、乙” in Chinese, “a, b” in English. */
  list(items: readonly string[]): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'onething.lang';

/** zh-CN by default; English by the switch in the header, remembered in this browser. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() =>
    localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh',
  );
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, values) =>
        MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`)),
      l: (text) => (text ? text[lang] || text.zh : ''),
      list: (items) => items.join(lang === 'zh' ? '、' : ', '),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
