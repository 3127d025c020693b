// The languages a customer can choose. The renderer holds the dictionaries; main needs the list for what it renders
// itself (the printed receipt), so it lives here.
export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

/** BCP 47 locale for Intl formatting in each language. */
export const LOCALE_OF: Readonly<Record<LanguageCode, string>> = { en: 'en-GB', es: 'es-ES', fr: 'fr-FR' };
