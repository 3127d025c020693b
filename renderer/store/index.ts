// The renderer's one store, combined from slices: a mirror of main's session snapshot, the kiosk's status, and
// per-session UI state. It never holds a PIN or a full card number; those stay in component refs.
import { create, type StateCreator } from 'zustand';
import { createSessionSlice, initialSessionState, type SessionSlice } from './slices/session-slice.ts';
import { createStaffSlice, type StaffSlice } from './slices/staff-slice.ts';
import { createSystemSlice, type SystemSlice } from './slices/system-slice.ts';
import { createUiSlice, initialUiState, type UiSlice } from './slices/ui-slice.ts';

type RootActions = {
  /**
   * Forgets everything of the last session (snapshot, language, accessibility modes, notices); kiosk status, boot
   * state and the staff slice (main's own staff session, which outlives customer sessions) stay.
   */
  resetToIdle: () => void;
};

export type AtmState = SessionSlice & SystemSlice & UiSlice & StaffSlice & RootActions;

/** How a slice is written: it sees the whole store, so cross-slice actions need no extra wiring. */
export type SliceCreator<Slice> = StateCreator<AtmState, [], [], Slice>;

export const useAtmStore = create<AtmState>()((set, get, api) => ({
  ...createSessionSlice(set, get, api),
  ...createSystemSlice(set, get, api),
  ...createUiSlice(set, get, api),
  ...createStaffSlice(set, get, api),
  resetToIdle: () => set({ ...initialSessionState, ...initialUiState }),
}));

export { sessionSelectors } from './slices/session-slice.ts';
export { systemSelectors, type BootState } from './slices/system-slice.ts';
export { staffSelectors, STAFF_SCREENS, type StaffScreen } from './slices/staff-slice.ts';
export { uiSelectors, type AccessibilityMode, type Notice } from './slices/ui-slice.ts';
