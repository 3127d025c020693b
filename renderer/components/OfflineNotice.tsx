// While the bank cannot be reached the kiosk stands in for it within lower limits. Customers get one quiet line
// saying so (and the most they can withdraw now) rather than a refusal they cannot explain.
import { useFormat } from '../i18n/format.ts';
import { fill, useT } from '../i18n/index.ts';
import { sessionSelectors, systemSelectors, useAtmStore } from '../store/index.ts';

export function OfflineNotice() {
  const t = useT();
  const format = useFormat();
  const sync = useAtmStore(systemSelectors.status)?.sync;
  const currency = useAtmStore(sessionSelectors.currency);
  // At the amount screen main says what this card may still draw; elsewhere the configured floor limit.
  const cardRoom = useAtmStore(sessionSelectors.standInRoom);
  if (sync?.mode !== 'offline') return null;
  const limit = cardRoom ?? (sync.standIn ? Math.min(sync.standIn.perCardMinor, sync.standIn.perKioskMinor) : null);
  return (
    <p className="offline-notice" role="status" data-testid="offline-notice">
      {limit !== null && limit > 0
        ? fill(t('offline.limited'), { amount: format.money(limit, currency) })
        : t('offline.notice')}
    </p>
  );
}
