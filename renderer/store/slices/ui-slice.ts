// Per-session presentation state that main does not track: the customer's language and accessibility choices
// (high contrast, large text, headphone mode), a transient notice, and the account the customer last picked (so a
// refused amount does not silently switch accounts). All of it belongs to one customer, so `resetToIdle()` puts
// it back to its initial values and the next customer starts from the defaults.
import { DEFAULT_LANGUAGE, type Language } from '../../i18n/languages.ts';
import type { MessageKey } from '../../i18n/en.ts';
import type { AtmState, SliceCreator } from '../index.ts';

/** A short message over the current screen; `id` lets its timer dismiss exactly the notice it was started for. */
export type Notice = { readonly id: number; readonly key: MessageKey };

/** The accessibility modes a customer can switch on from any screen. */
export type AccessibilityMode = 'highContrast' | 'largeText' | 'speech';
export type AccessibilityModes = { readonly [Mode in AccessibilityMode]: boolean };

export type UiSlice = {
  readonly ui: {
    readonly language: Language;
    /** `speech` is headphone mode: screens are read aloud and keypad presses beep. */
    readonly accessibility: AccessibilityModes;
    readonly notice: Notice | null;
    /** An opaque `accountRef` from the snapshot; only a default for pickers, main checks every ref it gets. */
    readonly accountRef: string | null;
  };
  setLanguage: (language: Language) => void;
  toggleAccessibility: (mode: AccessibilityMode) => void;
  showNotice: (key: MessageKey) => void;
  dismissNotice: (id: number) => void;
  chooseAccount: (accountRef: string) => void;
};

export const initialUiState: Pick<UiSlice, 'ui'> = {
  ui: {
    language: DEFAULT_LANGUAGE,
    accessibility: { highContrast: false, largeText: false, speech: false },
    notice: null,
    accountRef: null,
  },
};

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  ...initialUiState,
  setLanguage: (language) => set((s) => ({ ui: { ...s.ui, language } })),
  toggleAccessibility: (mode) =>
    set((s) => ({ ui: { ...s.ui, accessibility: { ...s.ui.accessibility, [mode]: !s.ui.accessibility[mode] } } })),
  showNotice: (key) => set((s) => ({ ui: { ...s.ui, notice: { id: (s.ui.notice?.id ?? 0) + 1, key } } })),
  dismissNotice: (id) => set((s) => (s.ui.notice?.id === id ? { ui: { ...s.ui, notice: null } } : s)),
  chooseAccount: (accountRef) => set((s) => ({ ui: { ...s.ui, accountRef } })),
});

export const uiSelectors = {
  language: (s: AtmState) => s.ui.language,
  accessibility: (s: AtmState) => s.ui.accessibility,
  highContrast: (s: AtmState) => s.ui.accessibility.highContrast,
  largeText: (s: AtmState) => s.ui.accessibility.largeText,
  speech: (s: AtmState) => s.ui.accessibility.speech,
  notice: (s: AtmState) => s.ui.notice,
  accountRef: (s: AtmState) => s.ui.accountRef,
};
