// Per-session presentation state that main does not track: the customer's language, a transient notice, and the
// account the customer last picked (so a refused amount does not silently switch accounts). All of it belongs to
// one customer, so `resetToIdle()` puts it back to its initial values.
import { DEFAULT_LANGUAGE, type Language } from '../../i18n/languages.ts';
import type { MessageKey } from '../../i18n/en.ts';
import type { AtmState, SliceCreator } from '../index.ts';

/** A short message over the current screen; `id` lets its timer dismiss exactly the notice it was started for. */
export type Notice = { readonly id: number; readonly key: MessageKey };

export type UiSlice = {
  readonly ui: {
    readonly language: Language;
    readonly notice: Notice | null;
    /** An opaque `accountRef` from the snapshot; only a default for pickers, main checks every ref it gets. */
    readonly accountRef: string | null;
  };
  setLanguage: (language: Language) => void;
  showNotice: (key: MessageKey) => void;
  dismissNotice: (id: number) => void;
  chooseAccount: (accountRef: string) => void;
};

export const initialUiState: Pick<UiSlice, 'ui'> = {
  ui: { language: DEFAULT_LANGUAGE, notice: null, accountRef: null },
};

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  ...initialUiState,
  setLanguage: (language) => set((s) => ({ ui: { ...s.ui, language } })),
  showNotice: (key) => set((s) => ({ ui: { ...s.ui, notice: { id: (s.ui.notice?.id ?? 0) + 1, key } } })),
  dismissNotice: (id) => set((s) => (s.ui.notice?.id === id ? { ui: { ...s.ui, notice: null } } : s)),
  chooseAccount: (accountRef) => set((s) => ({ ui: { ...s.ui, accountRef } })),
});

export const uiSelectors = {
  language: (s: AtmState) => s.ui.language,
  notice: (s: AtmState) => s.ui.notice,
  accountRef: (s: AtmState) => s.ui.accountRef,
};
