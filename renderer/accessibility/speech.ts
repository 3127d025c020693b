// Speech guidance through the Web Speech API. Anything new cancels what is being said, so the customer never hears
// two screens at once, and every call does nothing when the browser has no speech synthesis.

/** A screen's title, notes and options are spoken one utterance each; a screen with more is cut off here. */
export const UTTERANCES_PER_SCREEN_MAX = 40;

function synthesis(): SpeechSynthesis | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  if (typeof window.SpeechSynthesisUtterance !== 'function') return null;
  return window.speechSynthesis;
}

/** Stops whatever is being said and drops what is queued. */
export function cancelSpeech(): void {
  try {
    synthesis()?.cancel();
  } catch {
    // A broken speech engine must not take the keypad down with it.
  }
}

/** Says `parts` in order, one utterance each (a natural pause between options), in `locale` (BCP 47). */
export function speak(parts: readonly string[], locale: string): void {
  const synth = synthesis();
  if (!synth) return;
  try {
    synth.cancel();
    for (const text of parts.slice(0, UTTERANCES_PER_SCREEN_MAX)) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = locale;
      synth.speak(utterance);
    }
  } catch {
    // Same as above: guidance is an aid, never a reason for the screen to fail.
  }
}
