// The languages the kiosk offers and their dictionaries. Kept free of React and the store so the store can name
// its default language without an import cycle.
import { en, type Dictionary, type MessageKey } from './en.ts';

/** Spanish and French join here, each as a `Dictionary`. */
export const DICTIONARIES = { en } as const satisfies Record<string, Dictionary>;
export type Language = keyof typeof DICTIONARIES;
export const DEFAULT_LANGUAGE: Language = 'en';

export function translate(language: Language, key: MessageKey): string {
  return DICTIONARIES[language][key];
}
