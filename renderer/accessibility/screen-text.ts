// What headphone mode says for a screen, read from the DOM the customer sees: the <h1>, then in document order
// every refusal (role="alert"), every passage a screen marks with `data-speak`, and the accessible name of every
// button. Reading the rendered screen keeps speech in step with what is shown (amounts, accounts, language)
// without a second list of texts per screen. Typed values are never read: they sit in neither of those, and keypad
// digit keys carry `data-speech="silent"`, so a PIN or an amount being typed cannot end up in an utterance.

/** The elements read after the title, in document order. */
const SPOKEN_SELECTOR = 'h1, [role="alert"], [data-speak], button';
const SILENT_SELECTOR = '[data-speech="silent"], [aria-hidden="true"]';

/** Text as a listener should hear it: one line, no runs of spaces (innerText keeps table cells and rows apart). */
function spokenText(element: Element): string {
  const text = element instanceof HTMLElement ? element.innerText : (element.textContent ?? '');
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Accessible name as far as this UI needs it: aria-label, then aria-labelledby, then the visible text. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label')?.trim();
  if (label) return label;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => element.ownerDocument.getElementById(id))
      .map((labelElement) => (labelElement ? spokenText(labelElement) : ''))
      .join(' ')
      .trim();
    if (text) return text;
  }
  return spokenText(element);
}

export type ScreenSpeech = {
  /** What is said, in order. */
  readonly parts: readonly string[];
  /** Everything but the buttons: when it changes (a new screen, step, refusal or language), it is said again. */
  readonly signature: string;
};

export function describeScreen(screen: Element): ScreenSpeech {
  const parts: string[] = [];
  const signature: string[] = [screen.getAttribute('data-screen') ?? ''];
  for (const element of screen.querySelectorAll(SPOKEN_SELECTOR)) {
    if (element.closest(SILENT_SELECTOR)) continue;
    // A marked passage inside another one (a row inside a marked table) is already said with it.
    if (element.parentElement?.closest('[data-speak], [role="alert"], button')) continue;
    const text = accessibleName(element);
    if (!text) continue;
    parts.push(text);
    if (element.tagName !== 'BUTTON') signature.push(text);
  }
  return { parts, signature: signature.join('\n') };
}
