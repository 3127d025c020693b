// Kiosk-wide state that outlives sessions: how boot went, the kiosk status main reports, and the demo cards the
// simulated card reader offers.
import type { DemoCard, KioskStatus } from '../../../shared/ipc/system.ts';
import type { AtmState, SliceCreator } from '../index.ts';

export type BootState = 'booting' | 'ready' | 'failed';

export type SystemSlice = {
  readonly system: {
    readonly boot: BootState;
    readonly status: KioskStatus | null;
    readonly demoCards: readonly DemoCard[];
  };
  setBootState: (boot: BootState) => void;
  setStatus: (status: KioskStatus) => void;
  setDemoCards: (demoCards: readonly DemoCard[]) => void;
};

export const createSystemSlice: SliceCreator<SystemSlice> = (set) => ({
  system: { boot: 'booting', status: null, demoCards: [] },
  setBootState: (boot) => set((s) => ({ system: { ...s.system, boot } })),
  setStatus: (status) => set((s) => ({ system: { ...s.system, status } })),
  setDemoCards: (demoCards) => set((s) => ({ system: { ...s.system, demoCards } })),
});

export const systemSelectors = {
  boot: (s: AtmState) => s.system.boot,
  status: (s: AtmState) => s.system.status,
  isDemo: (s: AtmState) => s.system.status?.mode === 'demo',
  manualCardEntry: (s: AtmState) => s.system.status?.manualCardEntry === true,
  demoCards: (s: AtmState) => s.system.demoCards,
};
