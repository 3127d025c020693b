// The staff entry on the idle and out-of-service screens: holding the bottom-left corner opens the staff login, and so
// does a staff card (main answers a bound card with `staff.cardInserted` and the staff id to fill in; the card number
// never reaches the renderer). Out of service the welcome screen's stripe reader is not up, so it listens here.
// Offered only once main's staff mode answered (its snapshot is in the store); renders nothing.
import { useEffect } from 'react';
import { getAtm } from '../atm.ts';
import { useCardSwipe } from '../hooks/use-card-swipe.ts';
import { useIntents } from '../intents.ts';
import { staffSelectors, systemSelectors, useAtmStore } from '../store/index.ts';
import { useCornerHold } from './use-corner-hold.ts';

export function StaffCornerHold() {
  const available = useAtmStore((s) => staffSelectors.snapshot(s) !== null);
  const outOfService = useAtmStore((s) => systemSelectors.status(s)?.inService === false);
  const openStaffLogin = useAtmStore((s) => s.openStaffLogin);
  const openStaffLoginFor = useAtmStore((s) => s.openStaffLoginFor);
  const intents = useIntents();
  useCornerHold(openStaffLogin, available);
  // Main checks the card and where the kiosk is; this only carries the swipe to it.
  useCardSwipe((track2) => intents.insertCard({ source: 'track2', track2 }), available && outOfService);

  // Subscribed only while an entry screen is up: a staff card never opens the login over a customer's screen.
  useEffect(() => {
    if (!available) return;
    return getAtm()?.on('staff.cardInserted', ({ staffId }) => openStaffLoginFor(staffId));
  }, [available, openStaffLoginFor]);
  return null;
}
