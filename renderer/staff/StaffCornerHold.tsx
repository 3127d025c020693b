// The staff entry on the idle and out-of-service screens: holding the bottom-left corner opens the staff login.
// Offered only once main's staff mode answered (its snapshot is in the store); renders nothing.
import { staffSelectors, useAtmStore } from '../store/index.ts';
import { useCornerHold } from './use-corner-hold.ts';

export function StaffCornerHold() {
  const available = useAtmStore((s) => staffSelectors.snapshot(s) !== null);
  const openStaffLogin = useAtmStore((s) => s.openStaffLogin);
  useCornerHold(openStaffLogin, available);
  return null;
}
