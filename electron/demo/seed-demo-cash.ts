// Loads the demo kiosk's cassettes once, booking the loaded value from settlement into the kiosk cash account in
// the same transaction, so the cash account equals the cassettes from the first start.
import { uuidv7 } from '../../shared/ids.ts';
import { createCassetteRepo } from '../cash/cassette-repo.ts';
import type { Db } from '../db/open-database.ts';
import { createLedger } from '../ledger/ledger.ts';
import { DEMO_CURRENCY } from './demo-data.ts';

/** Three cassettes: €10, €20 and €50 notes. */
export const DEMO_CASSETTES = [
  { position: 1, denominationMinor: 1_000, currency: DEMO_CURRENCY, count: 500 },
  { position: 2, denominationMinor: 2_000, currency: DEMO_CURRENCY, count: 500 },
  { position: 3, denominationMinor: 5_000, currency: DEMO_CURRENCY, count: 300 },
] as const;

/** Notes the demo deposit acceptor recognises. */
export const DEMO_ACCEPTED_DENOMINATIONS: readonly number[] = [500, 1_000, 2_000, 5_000, 10_000];

export function seedDemoCashIfEmpty(db: Db, now: () => number): boolean {
  const cassettes = createCassetteRepo(db);
  if (cassettes.list().length > 0) return false;
  const ledger = createLedger(db, { now });
  return db.transaction(() => {
    const nowIso = new Date(now()).toISOString();
    cassettes.configure(DEMO_CASSETTES, { now: nowIso, reference: 'demo-load' });
    const loadedMinor = cassettes.totalValueMinor(DEMO_CURRENCY);
    const created = ledger.createTransfers([
      {
        id: uuidv7(now()),
        kind: 'single',
        debitAccountId: ledger.internalAccountId('kiosk_cash', DEMO_CURRENCY),
        creditAccountId: ledger.internalAccountId('settlement', DEMO_CURRENCY),
        amountMinor: loadedMinor,
        code: 'replenishment',
        reference: 'demo-load',
      },
    ]);
    if (!created.ok) throw new Error(`Demo cash load refused: ${created.code}.`);
    return true;
  })();
}
