// Shared by the ledger's unit, property and crash tests and its benchmark: a migrated database with customer
// accounts, and the invariants every ledger state must satisfy (checked after every step, crash and reopen).
import { migrate } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { type Db, openDatabase } from '../../electron/db/open-database.ts';
import type { Ledger } from '../../electron/ledger/ledger.ts';

export type AccountSeed = {
  readonly accountNumber: string;
  readonly currency?: string;
  readonly status?: 'open' | 'frozen' | 'closed';
  readonly overdraftLimitMinor?: number;
  readonly kind?: 'checking' | 'savings';
};

/** Opens (creating when missing) and migrates the kiosk database at `path`, as the kiosk does at start-up. */
export function openLedgerDb(path: string): Db {
  const db = openDatabase(path);
  migrate(db, migrations);
  return db;
}

/** Adds one customer owning `accounts` (zero balances); returns their account ids in the same order. */
export function addCustomerAccounts(db: Db, accounts: readonly AccountSeed[]): number[] {
  const customerId = Number(
    db.prepare("INSERT INTO customers (display_name, created_at) VALUES ('Test customer', '2026-01-01T00:00:00Z')").run()
      .lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO accounts (customer_id, account_number, label, kind, currency, overdraft_limit_minor, status)
     VALUES (@customerId, @accountNumber, 'Checking', @kind, @currency, @overdraftLimitMinor, @status)`,
  );
  return db.transaction(() =>
    accounts.map((account) =>
      Number(
        insert.run({
          customerId,
          accountNumber: account.accountNumber,
          kind: account.kind ?? 'checking',
          currency: account.currency ?? 'EUR',
          overdraftLimitMinor: account.overdraftLimitMinor ?? 0,
          status: account.status ?? 'open',
        }).lastInsertRowid,
      ),
    ),
  )();
}

export type StoredTransferRow = Readonly<Record<string, unknown>> & { readonly seq: number; readonly id: string };

export function allTransferRows(db: Db): StoredTransferRow[] {
  return db.prepare('SELECT * FROM transfers ORDER BY seq').all() as StoredTransferRow[];
}

/**
 * The ledger's invariants, as a list of broken ones (empty when all hold): debits equal credits per currency, no
 * customer account past its limit, every pending resolved at most once and only by a post/void, and the cached
 * counters equal to what the transfers say.
 */
export function brokenInvariants(db: Db, ledger: Ledger): string[] {
  const broken: string[] = [];
  const sides = db
    .prepare(
      `SELECT currency, sum(debits_posted_minor) AS dpo, sum(credits_posted_minor) AS cpo,
              sum(debits_pending_minor) AS dpe, sum(credits_pending_minor) AS cpe
         FROM accounts GROUP BY currency`,
    )
    .all() as { currency: string; dpo: number; cpo: number; dpe: number; cpe: number }[];
  for (const side of sides) {
    if (side.dpo !== side.cpo) broken.push(`${side.currency}: posted debits ${side.dpo} ≠ credits ${side.cpo}`);
    if (side.dpe !== side.cpe) broken.push(`${side.currency}: pending debits ${side.dpe} ≠ credits ${side.cpe}`);
  }
  const overdrawn = db
    .prepare(
      `SELECT id FROM accounts WHERE customer_id IS NOT NULL
          AND credits_posted_minor + overdraft_limit_minor - debits_posted_minor - debits_pending_minor < 0`,
    )
    .all() as { id: number }[];
  for (const { id } of overdrawn) broken.push(`account ${id} is past its limit`);
  const twice = db
    .prepare('SELECT pending_id FROM transfers WHERE pending_id IS NOT NULL GROUP BY pending_id HAVING count(*) > 1')
    .all() as { pending_id: string }[];
  for (const { pending_id } of twice) broken.push(`pending ${pending_id} resolved more than once`);
  const strays = db
    .prepare(
      `SELECT r.id FROM transfers AS r LEFT JOIN transfers AS p ON p.id = r.pending_id
        WHERE r.pending_id IS NOT NULL AND (p.kind IS NOT 'pending' OR r.kind NOT IN ('post_pending', 'void_pending'))`,
    )
    .all() as { id: string }[];
  for (const { id } of strays) broken.push(`transfer ${id} resolves something that is not a pending transfer`);
  const verified = ledger.verifyBalances();
  if (!verified.ok) broken.push(`verifyBalances: ${JSON.stringify(verified.mismatches)}`);
  return broken;
}
