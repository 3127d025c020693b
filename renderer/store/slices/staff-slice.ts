// Mirror of main's staff snapshot (`staff.changed`, and every staff call that answers with one) plus where the staff
// UI is: the login panel opened by the corner hold, and which function screen is up. Main owns the staff session;
// this slice replaces the snapshot wholesale and never holds a password, a TOTP code or an enrolment PIN.
import type { StaffSnapshot } from '../../../shared/ipc/staff.ts';
import type { AtmState, SliceCreator } from '../index.ts';

/** The staff function screens, in the menu's order. */
export const STAFF_SCREENS = [
  'dashboard',
  'replenishment',
  'dayTotals',
  'testDispense',
  'retainedCards',
  'retractRefunds',
  'resetPin',
  'enrolment',
  'journal',
  'service',
  'devices',
  'settings',
  'sync',
  'staffAccounts',
] as const;
export type StaffScreen = (typeof STAFF_SCREENS)[number] | 'home';

export type StaffSlice = {
  readonly staff: {
    /** Null until main's first staff snapshot arrived (or while staff mode is not wired). */
    readonly snapshot: StaffSnapshot | null;
    /** The login panel is up: only ever opened from the idle or out-of-service screen. */
    readonly loginOpen: boolean;
    /** The staff id a staff card filled in (main's `staff.cardInserted`); null when the login was opened by hand. */
    readonly loginStaffId: string | null;
    readonly screen: StaffScreen;
  };
  applyStaffSnapshot: (snapshot: StaffSnapshot) => void;
  openStaffLogin: () => void;
  /** A staff card was inserted at the idle or out-of-service screen: the login opens with its staff id filled in. */
  openStaffLoginFor: (staffId: string) => void;
  closeStaffLogin: () => void;
  showStaffScreen: (screen: StaffScreen) => void;
};

export const createStaffSlice: SliceCreator<StaffSlice> = (set, get) => ({
  staff: { snapshot: null, loginOpen: false, loginStaffId: null, screen: 'home' },
  applyStaffSnapshot: (snapshot) => {
    const { staff } = get();
    // A call's reply can arrive after a newer pushed snapshot: never go back in time.
    if (staff.snapshot && snapshot.revision < staff.snapshot.revision) return;
    const wasActive = (staff.snapshot?.session ?? null) !== null;
    const isActive = snapshot.session !== null;
    // A session starting or ending (logout, idle timeout, lockout) always lands on the staff home / customer screen.
    const screen = wasActive === isActive ? staff.screen : 'home';
    set({
      staff: {
        snapshot,
        loginOpen: isActive ? false : staff.loginOpen,
        loginStaffId: isActive ? null : staff.loginStaffId,
        screen,
      },
    });
  },
  openStaffLogin: () => set((s) => ({ staff: { ...s.staff, loginOpen: true, loginStaffId: null } })),
  openStaffLoginFor: (staffId) => set((s) => ({ staff: { ...s.staff, loginOpen: true, loginStaffId: staffId } })),
  closeStaffLogin: () => set((s) => ({ staff: { ...s.staff, loginOpen: false, loginStaffId: null } })),
  showStaffScreen: (screen) => set((s) => ({ staff: { ...s.staff, screen } })),
});

export const staffSelectors = {
  snapshot: (s: AtmState) => s.staff.snapshot,
  session: (s: AtmState) => s.staff.snapshot?.session ?? null,
  /** What the staff UI shows: nothing (customer screens), the login panel, or a staff session. */
  mode: (s: AtmState): 'closed' | 'login' | 'session' =>
    s.staff.snapshot?.session ? 'session' : s.staff.loginOpen ? 'login' : 'closed',
  loginOpen: (s: AtmState) => s.staff.loginOpen,
  loginStaffId: (s: AtmState) => s.staff.loginStaffId,
  screen: (s: AtmState) => s.staff.screen,
  allowed: (s: AtmState) => s.staff.snapshot?.session?.allowed ?? EMPTY,
  idleTimeoutAtMs: (s: AtmState) => s.staff.snapshot?.session?.idleTimeoutAtMs ?? null,
  enrolment: (s: AtmState) => s.staff.snapshot?.enrolment ?? null,
  replenishment: (s: AtmState) => s.staff.snapshot?.replenishment ?? null,
};

const EMPTY: readonly string[] = [];
