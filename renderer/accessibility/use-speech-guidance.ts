// Headphone mode's behaviour: while it is on, each new screen (or step, refusal or language) is read aloud once
// the DOM has settled; any key stops the speech, and the repeat keys read the screen again.
import { useEffect } from 'react';
import { translate } from '../i18n/languages.ts';
import { useWindowKeydown } from '../hooks/use-window-keydown.ts';
import { uiSelectors, useAtmStore } from '../store/index.ts';
import { describeScreen } from './screen-text.ts';
import { cancelSpeech, speak } from './speech.ts';

/** Renders come in bursts (snapshot, then the screen's own effects); speak once they have stopped for this long. */
const SCREEN_SETTLE_MS = 150;

/**
 * Keys that read the screen again: `*` (on a PIN pad it has no other use), the numpad's `.`, and F12 (beyond the
 * F1–F8 side buttons).
 */
export function isRepeatKey(event: KeyboardEvent): boolean {
  return event.key === '*' || event.code === 'NumpadDecimal' || event.key === 'F12';
}

function currentScreen(): Element | null {
  return document.querySelector('main[data-screen]');
}

/** Reads the screen on display in the session's language (the repeat button and keys). */
export function speakCurrentScreen(): void {
  const screen = currentScreen();
  if (!screen) return;
  const locale = translate(useAtmStore.getState().ui.language, 'meta.locale');
  speak(describeScreen(screen).parts, locale);
}

export function useSpeechGuidance(): void {
  const enabled = useAtmStore(uiSelectors.speech);

  useEffect(() => {
    if (!enabled) return;
    const app = document.getElementById('app');
    if (!app) return;
    let spokenSignature: string | null = null;
    let settleTimer: number | undefined;
    const speakIfChanged = () => {
      const screen = currentScreen();
      if (!screen) return;
      const { parts, signature } = describeScreen(screen);
      if (signature === spokenSignature) return;
      spokenSignature = signature;
      speak(parts, translate(useAtmStore.getState().ui.language, 'meta.locale'));
    };
    const scheduleSpeech = () => {
      window.clearTimeout(settleTimer);
      settleTimer = window.setTimeout(speakIfChanged, SCREEN_SETTLE_MS);
    };
    // Attributes other than the screen name (PIN dots filling, pressed toggles) never change what is said.
    const observer = new MutationObserver(scheduleSpeech);
    observer.observe(app, { subtree: true, childList: true, characterData: true, attributeFilter: ['data-screen'] });
    scheduleSpeech(); // switching headphone mode on reads the screen at once
    return () => {
      observer.disconnect();
      window.clearTimeout(settleTimer);
      cancelSpeech();
    };
  }, [enabled]);

  useWindowKeydown((event) => {
    if (isRepeatKey(event)) {
      event.preventDefault(); // F12 and friends belong to the kiosk here
      if (!event.repeat) speakCurrentScreen();
      return;
    }
    cancelSpeech(); // any other key interrupts: the customer has heard enough
  }, enabled);
}
