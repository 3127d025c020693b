// Seeds an empty bank with the demo customers, accounts (opening balances booked as transfers from clearing, so the
// ledger balances from the first row) and cards. Hashes are computed first; the inserts are one transaction.
import { uuidv7 } from '../shared/ids.ts';
import type { Hasher } from './auth/hashing.ts';
import { cardKeyOf } from './auth/secrets.ts';
import { DEMO_CURRENCY, DEMO_CUSTOMERS, DEMO_DAILY_WITHDRAWAL_LIMIT_MINOR } from './demo-data.ts';
import type { BankLedger } from './store/ledger.ts';
import type { Db } from './store/open-store.ts';

export type SeedDeps = {
  readonly db: Db;
  readonly ledger: BankLedger;
  readonly cardLookupKey: Uint8Array;
  readonly pins: Hasher;
  readonly passwords: Hasher;
  readonly now: () => number;
};

/** Returns true when it seeded, false when the bank already had customers. */
export async function seedDemoDataIfEmpty(deps: SeedDeps): Promise<boolean> {
  const { db, ledger, now } = deps;
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()?.n ?? 0;
  if (count > 0) return false;
  const hashed = await Promise.all(
    DEMO_CUSTOMERS.map(async (customer) => ({
      customer,
      passwordHash: await deps.passwords.hash(customer.password),
      pinHashes: await Promise.all(customer.cards.map((card) => deps.pins.hash(card.pin))),
    })),
  );
  const insertCustomer = db.prepare<{ email: string; hash: string; name: string; at: number }>(
    'INSERT INTO customers (email, password_hash, display_name, created_at_ms) VALUES (@email, @hash, @name, @at)',
  );
  const insertAccount = db.prepare<{ customer: number; number: string; label: string; kind: string; currency: string }>(
    `INSERT INTO accounts (customer_id, account_number, label, kind, currency, status) VALUES (@customer, @number, @label, @kind, @currency, 'open')`,
  );
  const insertCard = db.prepare<{
    customer: number;
    hmac: string;
    last4: string;
    expires: string;
    status: string;
    pin: string;
    limit: number;
    at: number;
  }>(
    `INSERT INTO cards (customer_id, pan_hmac, pan_last4, expires_yymm, status, pin_hash, daily_withdrawal_limit_minor, updated_at_ms)
     VALUES (@customer, @hmac, @last4, @expires, @status, @pin, @limit, @at)`,
  );
  const link = db.prepare<{ card: number; account: number }>(
    'INSERT INTO card_accounts (card_id, account_id) VALUES (@card, @account)',
  );
  db.transaction(() => {
    const at = Math.floor(now());
    const clearing = ledger.internalAccountId('clearing', DEMO_CURRENCY);
    for (const { customer, passwordHash, pinHashes } of hashed) {
      const customerId = Number(
        insertCustomer.run({ email: customer.email, hash: passwordHash, name: customer.displayName, at })
          .lastInsertRowid,
      );
      const accountIds = customer.accounts.map((account) => {
        const id = Number(
          insertAccount.run({
            customer: customerId,
            number: account.accountNumber,
            label: account.label,
            kind: account.kind,
            currency: DEMO_CURRENCY,
          }).lastInsertRowid,
        );
        ledger.applyMovement({
          id: uuidv7(at),
          kind: 'single',
          debitAccountId: clearing,
          creditAccountId: id,
          amountMinor: account.balanceMinor,
          code: 'opening_balance',
          origin: 'seed',
        });
        return id;
      });
      customer.cards.forEach((card, index) => {
        const cardId = Number(
          insertCard.run({
            customer: customerId,
            hmac: cardKeyOf(deps.cardLookupKey, card.pan),
            last4: card.pan.slice(-4),
            expires: card.expiresYymm,
            status: card.status,
            pin: pinHashes[index] ?? '',
            limit: DEMO_DAILY_WITHDRAWAL_LIMIT_MINOR,
            at,
          }).lastInsertRowid,
        );
        for (const accountId of accountIds) link.run({ card: cardId, account: accountId });
      });
    }
  }).immediate();
  return true;
}
