// Screen text lookup. The language is per session (held in the store's ui slice and reset with the session), so
// components read text through `useT()` and re-render when the customer switches language.
import { useCallback } from 'react';
import { uiSelectors, useAtmStore } from '../store/index.ts';
import type { MessageKey } from './en.ts';
import { translate } from './languages.ts';

export type { MessageKey } from './en.ts';
export { DEFAULT_LANGUAGE, LANGUAGES, translate, type Language } from './languages.ts';

export type Translate = (key: MessageKey) => string;

/** `t(key)` in the current session's language. */
export function useT(): Translate {
  const language = useAtmStore(uiSelectors.language);
  return useCallback((key: MessageKey) => translate(language, key), [language]);
}

/** BCP 47 locale for number and money formatting in the current language. */
export function useLocale(): string {
  return useT()('meta.locale');
}

/** Fills `{name}` placeholders of a translated text, so word order stays the translator's choice. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
