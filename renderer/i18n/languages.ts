// The languages the kiosk offers and their dictionaries. Kept free of React and the store so the store can name
// its default language without an import cycle.
import { en, type Dictionary, type MessageKey } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';

/** In the order the language buttons show them. */
export const DICTIONARIES = { en, es, fr } as const satisfies Record<string, Dictionary>;
export type Language = keyof typeof DICTIONARIES;
export const DEFAULT_LANGUAGE: Language = 'en';
export const LANGUAGES = Object.keys(DICTIONARIES) as readonly Language[];

export function translate(language: Language, key: MessageKey): string {
  return DICTIONARIES[language][key];
}
