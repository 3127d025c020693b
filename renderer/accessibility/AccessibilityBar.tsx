// The strip above every screen: the language buttons (each named in its own language) and the accessibility
// toggles (high contrast, large text, headphone mode, and Repeat while headphone mode is on). All choices are per
// session; switching any of them keeps the session and only re-renders.
import { LANGUAGES, translate, type Language, useT } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/en.ts';
import { type AccessibilityMode, uiSelectors, useAtmStore } from '../store/index.ts';
import { speakCurrentScreen } from './use-speech-guidance.ts';

const TOGGLES: readonly { readonly mode: AccessibilityMode; readonly labelKey: MessageKey; readonly testId: string }[] =
  [
    { mode: 'highContrast', labelKey: 'a11y.highContrast', testId: 'a11y-high-contrast' },
    { mode: 'largeText', labelKey: 'a11y.largeText', testId: 'a11y-large-text' },
    { mode: 'speech', labelKey: 'a11y.speech', testId: 'a11y-speech' },
  ];

export function AccessibilityBar() {
  const t = useT();
  const language = useAtmStore(uiSelectors.language);
  const modes = useAtmStore(uiSelectors.accessibility);
  const setLanguage = useAtmStore((s) => s.setLanguage);
  const toggleAccessibility = useAtmStore((s) => s.toggleAccessibility);

  return (
    <header className="a11y-bar" aria-label={t('a11y.barLabel')} data-testid="a11y-bar">
      <div className="a11y-bar__group" role="group" aria-label={t('a11y.languageLabel')}>
        {LANGUAGES.map((code) => (
          <LanguageButton key={code} code={code} current={code === language} onChoose={setLanguage} />
        ))}
      </div>
      <div className="a11y-bar__group">
        {TOGGLES.map(({ mode, labelKey, testId }) => (
          <button
            key={mode}
            type="button"
            className="a11y-button"
            aria-pressed={modes[mode]}
            data-testid={testId}
            onClick={() => toggleAccessibility(mode)}
          >
            {t(labelKey)}
          </button>
        ))}
        {modes.speech ? (
          <button type="button" className="a11y-button" data-testid="a11y-repeat" onClick={speakCurrentScreen}>
            {t('a11y.repeat')}
          </button>
        ) : null}
      </div>
    </header>
  );
}

type LanguageButtonProps = {
  readonly code: Language;
  readonly current: boolean;
  readonly onChoose: (language: Language) => void;
};

/** Named in its own language and tagged with it, so both readers and speech engines say "Français" right. */
function LanguageButton({ code, current, onChoose }: LanguageButtonProps) {
  return (
    <button
      type="button"
      className="a11y-button a11y-button--language"
      lang={code}
      aria-pressed={current}
      data-testid={`language-${code}`}
      onClick={() => onChoose(code)}
    >
      {translate(code, 'meta.languageName')}
    </button>
  );
}
