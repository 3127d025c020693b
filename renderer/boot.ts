// Start-up: subscribe to main's events, then load kiosk status, demo cards and the current snapshot. The store's
// boot state becomes `ready` only when all three arrived, which is what tests wait for. The staff snapshot loads
// alongside but is not required: without it the customer kiosk still runs, staff mode just stays closed.
import type { AtmApi } from '../shared/ipc/contract.ts';
import type { Envelope } from '../shared/ipc/envelope.ts';
import { useAtmStore } from './store/index.ts';

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`boot call refused: ${envelope.error.code}`);
  return envelope.value;
}

export async function bootKiosk(atm: AtmApi): Promise<void> {
  const store = useAtmStore.getState();
  // Subscribe first so no change between the reads below and the subscription is lost; the renderer lives as long
  // as the page, so the subscriptions are never removed.
  atm.on('session.changed', (snapshot) => useAtmStore.getState().applySnapshot(snapshot));
  atm.on('system.statusChanged', (status) => useAtmStore.getState().setStatus(status));
  atm.on('staff.changed', (snapshot) => useAtmStore.getState().applyStaffSnapshot(snapshot));
  void loadStaffSnapshot(atm);
  try {
    const [status, demo, snapshot] = await Promise.all([
      atm.system.getStatus({}),
      atm.system.listDemoCards({}),
      atm.session.getSnapshot({}),
    ]);
    store.setStatus(unwrap(status));
    store.setDemoCards(unwrap(demo).cards);
    store.applySnapshot(unwrap(snapshot));
    store.setBootState('ready');
  } catch {
    store.setBootState('failed');
  }
}

async function loadStaffSnapshot(atm: AtmApi): Promise<void> {
  try {
    const snapshot = await atm.staff.getSnapshot({});
    if (snapshot.ok) useAtmStore.getState().applyStaffSnapshot(snapshot.value);
  } catch {
    // Staff mode stays closed; the customer screens do not depend on it.
  }
}
