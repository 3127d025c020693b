// Seeds the demo bank into an empty database, once. PINs are hashed before the transaction (argon2 is slow and
// async); the rows go in inside one synchronous transaction that re-checks emptiness, and every opening balance is a
// ledger transfer from settlement in that same transaction, so the cached balances verify from the first start.
import { uuidv7 } from '../../shared/ids.ts';
import { panLookupKey, type PinHasher } from '../cards/card-secrets.ts';
import type { Db } from '../db/open-database.ts';
import { createLedger } from '../ledger/ledger.ts';
import { DEMO_CURRENCY, DEMO_CUSTOMERS } from './demo-data.ts';

export async function seedDemoDataIfEmpty(db: Db, panHmacKey: Buffer, hasher: PinHasher, nowIso: string): Promise<boolean> {
  const isEmpty = () => (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n === 0;
  if (!isEmpty()) return false;

  const pinHashes = new Map<string, string>();
  for (const customer of DEMO_CUSTOMERS) {
    for (const card of customer.cards) pinHashes.set(card.demoCardId, await hasher.hash(card.pin));
  }

  const insertCustomer = db.prepare('INSERT INTO customers (display_name, created_at) VALUES (?, ?)');
  const insertAccount = db.prepare(
    `INSERT INTO accounts (customer_id, account_number, label, kind, currency, status)
     VALUES (@customerId, @accountNumber, @label, @kind, @currency, 'open')`,
  );
  const insertCard = db.prepare(
    `INSERT INTO cards (customer_id, pan_hmac, pan_last4, expires_yymm, status, pin_hash, updated_at)
     VALUES (@customerId, @panHmac, @panLast4, @expiresYymm, @status, @pinHash, @now)`,
  );
  const linkAccount = db.prepare('INSERT INTO card_accounts (card_id, account_id) VALUES (?, ?)');
  const nowMs = Date.parse(nowIso);
  const ledger = createLedger(db, { now: () => nowMs });

  const openingBalance = (accountId: number, amountMinor: number) => {
    const created = ledger.createTransfers([
      {
        id: uuidv7(nowMs),
        kind: 'single',
        debitAccountId: ledger.internalAccountId('settlement', DEMO_CURRENCY),
        creditAccountId: accountId,
        amountMinor,
        code: 'opening_balance',
      },
    ]);
    // Throwing rolls the whole seed back: demo customers without their money would be worse than none.
    if (!created.ok) throw new Error(`Demo opening balance refused: ${created.code}.`);
  };

  return db.transaction(() => {
    if (!isEmpty()) return false;
    for (const customer of DEMO_CUSTOMERS) {
      const customerId = Number(insertCustomer.run(customer.displayName, nowIso).lastInsertRowid);
      const accountIds = customer.accounts.map((account) => {
        const accountId = Number(
          insertAccount.run({
            customerId,
            accountNumber: account.accountNumber,
            label: account.label,
            kind: account.kind,
            currency: DEMO_CURRENCY,
          }).lastInsertRowid,
        );
        if (account.balanceMinor > 0) openingBalance(accountId, account.balanceMinor);
        return accountId;
      });
      for (const card of customer.cards) {
        const cardId = Number(
          insertCard.run({
            customerId,
            panHmac: panLookupKey(panHmacKey, card.pan),
            panLast4: card.pan.slice(-4),
            expiresYymm: card.expiresYymm,
            status: card.status,
            pinHash: pinHashes.get(card.demoCardId) ?? '',
            now: nowIso,
          }).lastInsertRowid,
        );
        for (const accountId of accountIds) linkAccount.run(cardId, accountId);
      }
    }
    return true;
  })();
}
