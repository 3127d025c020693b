// The ledger's rules, one by one, each with the code it answers: idempotency, linked batches all or nothing,
// two-phase holds resolved exactly once, funds and overdraft, currencies, frozen accounts, immutable transfers, and
// start-up verification that catches a tampered balance. Real SQLite files in a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinHasher } from '../../electron/cards/card-secrets.ts';
import { createCardRepo } from '../../electron/cards/card-repo.ts';
import type { Db } from '../../electron/db/open-database.ts';
import { seedDemoDataIfEmpty } from '../../electron/demo/seed-demo-data.ts';
import {
  AMOUNT_MINOR_MAX,
  createLedger,
  type Ledger,
  LINKED_BATCH_MAX,
  RECENT_TRANSFERS_MAX,
  type TransferInput,
} from '../../electron/ledger/ledger.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { addCustomerAccounts, allTransferRows, brokenInvariants, openLedgerDb } from '../crash/ledger-fixture.ts';
import { createFakeClock } from '../support/fake-clock.ts';

let dir: string;
let db: Db;
let ledger: Ledger;
let settlement: number;
let cash: number;
let ana: number;
let ben: number;

const clock = createFakeClock();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atm-ledger-'));
  db = openLedgerDb(join(dir, 'kiosk.db'));
  ledger = createLedger(db, { now: clock.now });
  settlement = ledger.internalAccountId('settlement', 'EUR');
  cash = ledger.internalAccountId('kiosk_cash', 'EUR');
  [ana = 0, ben = 0] = addCustomerAccounts(db, [{ accountNumber: '10000001' }, { accountNumber: '20000001' }]);
  fund(ana, 100_00);
});

afterEach(() => {
  if (db.open) {
    expect(brokenInvariants(db, ledger)).toEqual([]);
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

function single(debitAccountId: number, creditAccountId: number, amountMinor: number, extra: Partial<TransferInput> = {}): TransferInput {
  return { id: uuidv7(clock.now()), kind: 'single', debitAccountId, creditAccountId, amountMinor, code: 'transfer', ...extra };
}

function hold(accountId: number, amountMinor: number): TransferInput {
  return { id: uuidv7(clock.now()), kind: 'pending', debitAccountId: accountId, creditAccountId: cash, amountMinor, code: 'withdrawal' };
}

function resolve(pending: TransferInput, kind: 'post_pending' | 'void_pending', amountMinor: number): TransferInput {
  return { id: uuidv7(clock.now()), kind, debitAccountId: 0, creditAccountId: 0, amountMinor, code: pending.code, pendingId: pending.id };
}

function fund(accountId: number, amountMinor: number) {
  expect(ledger.createTransfers([single(settlement, accountId, amountMinor, { code: 'opening_balance' })])).toMatchObject({ ok: true });
}

const created = (count = 1) => ({ ok: true, results: Array.from({ length: count }, () => 'created') });
const transferCount = () => (db.prepare('SELECT count(*) AS n FROM transfers').get() as { n: number }).n;

describe('single transfers', () => {
  it('moves the amount from the debit to the credit account, on both sides, in minor units', () => {
    const transfer = single(ana, ben, 25_50, { reference: 'STAN 000123' });
    expect(ledger.createTransfers([transfer])).toEqual(created());

    expect(ledger.account(ana)).toMatchObject({ debitsPostedMinor: 25_50, creditsPostedMinor: 100_00, balanceMinor: 74_50 });
    expect(ledger.account(ben)).toMatchObject({ creditsPostedMinor: 25_50, balanceMinor: 25_50, normalSide: 'credit' });
    expect(ledger.availableMinor(ana)).toBe(74_50);
    expect(ledger.transfer(transfer.id)).toMatchObject({
      id: transfer.id,
      kind: 'single',
      debitAccountId: ana,
      creditAccountId: ben,
      amountMinor: 25_50,
      code: 'transfer',
      pendingId: null,
      linkedId: null,
      reference: 'STAN 000123',
      createdAtMs: clock.now(),
    });
  });

  it('refuses a debit past the balance (insufficient_funds) but allows one within the overdraft', () => {
    const [overdrawn = 0] = addCustomerAccounts(db, [{ accountNumber: '30000001', overdraftLimitMinor: 50_00 }]);
    expect(ledger.createTransfers([single(ana, ben, 100_01)])).toEqual({ ok: false, index: 0, code: 'insufficient_funds' });
    expect(ledger.createTransfers([single(ana, ben, 100_00)])).toEqual(created());

    expect(ledger.availableMinor(overdrawn)).toBe(50_00);
    expect(ledger.createTransfers([single(overdrawn, ben, 50_01)])).toEqual({ ok: false, index: 0, code: 'insufficient_funds' });
    expect(ledger.createTransfers([single(overdrawn, ben, 50_00)])).toEqual(created());
    expect(ledger.account(overdrawn)).toMatchObject({ balanceMinor: -50_00 });
    expect(ledger.availableMinor(overdrawn)).toBe(0);
  });

  it('refuses transfers between currencies, to an account itself, to unknown accounts, and bad amounts', () => {
    const [dollars = 0] = addCustomerAccounts(db, [{ accountNumber: '40000001', currency: 'USD' }]);
    const before = transferCount();
    expect(ledger.createTransfers([single(ana, dollars, 1_00)])).toEqual({ ok: false, index: 0, code: 'currency_mismatch' });
    expect(ledger.createTransfers([single(ana, ana, 1_00)])).toEqual({ ok: false, index: 0, code: 'accounts_must_differ' });
    expect(ledger.createTransfers([single(ana, 999_999, 1_00)])).toEqual({ ok: false, index: 0, code: 'account_not_found' });
    expect(ledger.createTransfers([single(0, ben, 1_00)])).toEqual({ ok: false, index: 0, code: 'account_not_found' });
    for (const amountMinor of [0, -1, 1.5, Number.NaN, AMOUNT_MINOR_MAX + 1]) {
      expect(ledger.createTransfers([single(ana, ben, amountMinor)]), String(amountMinor)).toEqual({
        ok: false,
        index: 0,
        code: 'amount_invalid',
      });
    }
    expect(transferCount()).toBe(before);
  });

  it('refuses malformed ids, references, kinds, codes and pending ids', () => {
    const cases: [Partial<TransferInput>, string][] = [
      [{ id: 'not-a-uuid' }, 'id_invalid'],
      [{ id: crypto.randomUUID() }, 'id_invalid'], // v4, not v7
      [{ reference: '' }, 'reference_invalid'],
      [{ reference: 'x'.repeat(65) }, 'reference_invalid'],
      [{ reference: 'line\nbreak' }, 'reference_invalid'],
      [{ kind: 'posted' as never }, 'kind_or_code_invalid'],
      [{ code: 'gift' as never }, 'kind_or_code_invalid'],
      [{ pendingId: uuidv7() }, 'pending_id_invalid'],
    ];
    for (const [extra, code] of cases) {
      expect(ledger.createTransfers([single(ana, ben, 1_00, extra)]), JSON.stringify(extra)).toEqual({ ok: false, index: 0, code });
    }
    expect(ledger.createTransfers([{ ...resolve(hold(ana, 1), 'post_pending', 1), pendingId: undefined }])).toMatchObject({
      code: 'pending_id_invalid',
    });
  });

  it('refuses to debit or credit a frozen or closed account (account_not_open)', () => {
    const [frozen = 0, closed = 0] = addCustomerAccounts(db, [
      { accountNumber: '50000001', status: 'frozen' },
      { accountNumber: '50000002', status: 'closed' },
    ]);
    for (const other of [frozen, closed]) {
      expect(ledger.createTransfers([single(ana, other, 1_00)])).toEqual({ ok: false, index: 0, code: 'account_not_open' });
      expect(ledger.createTransfers([single(other, ana, 1_00)])).toEqual({ ok: false, index: 0, code: 'account_not_open' });
      expect(ledger.createTransfers([hold(other, 1_00)])).toEqual({ ok: false, index: 0, code: 'account_not_open' });
    }
  });
});

describe('idempotency', () => {
  it('answers exists for the same id and body, changing nothing', () => {
    const transfer = single(ana, ben, 10_00, { reference: 'RRN 1' });
    expect(ledger.createTransfers([transfer])).toEqual(created());
    const rows = allTransferRows(db);
    const anaBefore = ledger.account(ana);

    expect(ledger.createTransfers([transfer])).toEqual({ ok: true, results: ['exists'] });
    expect(ledger.createTransfers([{ ...transfer }, single(ana, ben, 1_00)])).toEqual({ ok: true, results: ['exists', 'created'] });
    expect(allTransferRows(db).slice(0, rows.length)).toEqual(rows);
    expect(ledger.account(ana)?.debitsPostedMinor).toBe((anaBefore?.debitsPostedMinor ?? 0) + 1_00);
  });

  it('answers exists even when the retry would now be refused, since a retry is judged by its body only', () => {
    const transfer = single(ana, ben, 100_00);
    expect(ledger.createTransfers([transfer])).toEqual(created());
    expect(ledger.availableMinor(ana)).toBe(0);
    expect(ledger.createTransfers([transfer])).toEqual({ ok: true, results: ['exists'] });
  });

  it('rejects the same id with a different body (exists_with_different_body), changing nothing', () => {
    const transfer = single(ana, ben, 10_00, { reference: 'RRN 1' });
    ledger.createTransfers([transfer]);
    const rows = allTransferRows(db);
    const variants: Partial<TransferInput>[] = [
      { amountMinor: 10_01 },
      { creditAccountId: settlement },
      { debitAccountId: ben, creditAccountId: ana },
      { code: 'fee' },
      { kind: 'pending' },
      { reference: 'RRN 2' },
      { reference: undefined },
    ];
    for (const variant of variants) {
      expect(ledger.createTransfers([{ ...transfer, ...variant }]), JSON.stringify(variant)).toEqual({
        ok: false,
        index: 0,
        code: 'exists_with_different_body',
      });
    }
    expect(ledger.createTransfers([single(ana, ben, 1_00), { ...transfer, amountMinor: 1 }])).toEqual({
      ok: false,
      index: 1,
      code: 'exists_with_different_body',
    });
    expect(allTransferRows(db)).toEqual(rows);
  });

  it('treats a post/void retried with accounts or amount spelled out as the same body', () => {
    const pending = hold(ana, 30_00);
    const voided = resolve(pending, 'void_pending', 0);
    ledger.createTransfers([pending]);
    expect(ledger.createTransfers([voided])).toEqual(created());
    expect(ledger.createTransfers([{ ...voided, debitAccountId: ana, creditAccountId: cash, amountMinor: 30_00 }])).toEqual({
      ok: true,
      results: ['exists'],
    });
    expect(ledger.createTransfers([{ ...voided, amountMinor: 29_00 }])).toMatchObject({ code: 'exists_with_different_body' });
  });
});

describe('linked batches', () => {
  it('commits a transfer and its fee together, marked with the batch', () => {
    const transfer = single(ana, ben, 60_00);
    const fee = single(ana, settlement, 1_50, { code: 'fee' });
    expect(ledger.createTransfers([transfer, fee])).toEqual(created(2));
    expect(ledger.transfer(transfer.id)?.linkedId).toBe(transfer.id);
    expect(ledger.transfer(fee.id)?.linkedId).toBe(transfer.id);
    expect(ledger.availableMinor(ana)).toBe(100_00 - 60_00 - 1_50);
  });

  it('applies nothing when one transfer of the batch is refused, and names the first refused', () => {
    const rows = allTransferRows(db);
    const accounts = [ledger.account(ana), ledger.account(ben), ledger.account(settlement)];
    const transfer = single(ana, ben, 99_00);
    const fee = single(ana, settlement, 1_50, { code: 'fee' }); // 99.00 + 1.50 > 100.00

    expect(ledger.createTransfers([transfer, fee])).toEqual({ ok: false, index: 1, code: 'insufficient_funds' });
    expect(ledger.transfer(transfer.id)).toBeNull();
    expect(allTransferRows(db)).toEqual(rows);
    expect([ledger.account(ana), ledger.account(ben), ledger.account(settlement)]).toEqual(accounts);
  });

  it('applies transfers in order, so a later one may spend what an earlier one brought', () => {
    const [carol = 0] = addCustomerAccounts(db, [{ accountNumber: '60000001' }]);
    expect(ledger.createTransfers([single(ana, carol, 100_00), single(carol, ben, 100_00)])).toEqual(created(2));
    expect(ledger.account(carol)?.balanceMinor).toBe(0);
  });

  it('keeps its all-or-nothing inside a caller transaction (a savepoint), so the caller can commit other rows with it', () => {
    const refused = db.transaction(() => ledger.createTransfers([single(ana, ben, 1_00), single(ana, ben, 1_000_00)]))();
    expect(refused).toMatchObject({ ok: false, index: 1 });
    expect(ledger.account(ben)?.balanceMinor).toBe(0);
  });

  it(`refuses a batch longer than ${LINKED_BATCH_MAX} (linked_batch_too_large) and accepts an empty one`, () => {
    const batch = Array.from({ length: LINKED_BATCH_MAX + 1 }, () => single(ana, ben, 1));
    expect(ledger.createTransfers(batch)).toEqual({ ok: false, index: LINKED_BATCH_MAX, code: 'linked_batch_too_large' });
    expect(ledger.createTransfers([])).toEqual({ ok: true, results: [] });
    expect(ledger.account(ben)?.balanceMinor).toBe(0);
  });
});

describe('two-phase transfers', () => {
  it('holds funds: available drops, the posted balance does not', () => {
    expect(ledger.createTransfers([hold(ana, 40_00)])).toEqual(created());
    expect(ledger.account(ana)).toMatchObject({ balanceMinor: 100_00, debitsPendingMinor: 40_00 });
    expect(ledger.account(cash)).toMatchObject({ creditsPendingMinor: 40_00, balanceMinor: 0 });
    expect(ledger.availableMinor(ana)).toBe(60_00);
  });

  it('refuses a hold past the available balance, counting earlier holds (insufficient_funds)', () => {
    ledger.createTransfers([hold(ana, 70_00)]);
    expect(ledger.createTransfers([hold(ana, 30_01)])).toEqual({ ok: false, index: 0, code: 'insufficient_funds' });
    expect(ledger.createTransfers([single(ana, ben, 30_01)])).toEqual({ ok: false, index: 0, code: 'insufficient_funds' });
    expect(ledger.createTransfers([hold(ana, 30_00)])).toEqual(created());
  });

  it('posts a hold in full', () => {
    const pending = hold(ana, 40_00);
    ledger.createTransfers([pending]);
    expect(ledger.createTransfers([resolve(pending, 'post_pending', 40_00)])).toEqual(created());
    expect(ledger.account(ana)).toMatchObject({ balanceMinor: 60_00, debitsPendingMinor: 0, debitsPostedMinor: 40_00 });
    expect(ledger.account(cash)).toMatchObject({ creditsPendingMinor: 0, creditsPostedMinor: 40_00, balanceMinor: -40_00 });
  });

  it('posts part of a hold (partial dispense) and releases the rest', () => {
    const pending = hold(ana, 40_00);
    ledger.createTransfers([pending]);
    const post = resolve(pending, 'post_pending', 25_00);
    expect(ledger.createTransfers([post])).toEqual(created());
    expect(ledger.account(ana)).toMatchObject({ balanceMinor: 75_00, debitsPendingMinor: 0 });
    expect(ledger.availableMinor(ana)).toBe(75_00);
    expect(ledger.transfer(post.id)).toMatchObject({
      kind: 'post_pending',
      debitAccountId: ana,
      creditAccountId: cash,
      amountMinor: 25_00,
      pendingAmountMinor: 40_00,
      pendingId: pending.id,
      code: 'withdrawal',
    });
  });

  it('voids a hold, releasing all of it', () => {
    const pending = hold(ana, 40_00);
    ledger.createTransfers([pending]);
    const voided = resolve(pending, 'void_pending', 40_00);
    expect(ledger.createTransfers([voided])).toEqual(created());
    expect(ledger.account(ana)).toMatchObject({ balanceMinor: 100_00, debitsPendingMinor: 0 });
    expect(ledger.availableMinor(ana)).toBe(100_00);
    expect(ledger.transfer(voided.id)).toMatchObject({ amountMinor: 40_00, pendingAmountMinor: 40_00 });
  });

  it('resolves each hold exactly once (pending_already_resolved), in code and in SQL', () => {
    const pending = hold(ana, 40_00);
    ledger.createTransfers([pending]);
    const post = resolve(pending, 'post_pending', 40_00);
    ledger.createTransfers([post]);
    expect(ledger.createTransfers([resolve(pending, 'post_pending', 40_00)])).toEqual({ ok: false, index: 0, code: 'pending_already_resolved' });
    expect(ledger.createTransfers([resolve(pending, 'void_pending', 0)])).toEqual({ ok: false, index: 0, code: 'pending_already_resolved' });
    // Two resolutions in one batch: the second sees the first.
    const other = hold(ana, 10_00);
    ledger.createTransfers([other]);
    expect(ledger.createTransfers([resolve(other, 'void_pending', 0), resolve(other, 'post_pending', 1)])).toEqual({
      ok: false,
      index: 1,
      code: 'pending_already_resolved',
    });

    const secondResolution = db.prepare(
      `INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount_minor, pending_amount_minor, code,
                              pending_id, created_at_ms)
       VALUES (?, 'void_pending', ?, ?, 40_00, 40_00, 'withdrawal', ?, 0)`,
    );
    expect(() => secondResolution.run(uuidv7(), ana, cash, pending.id)).toThrow(/UNIQUE constraint failed: transfers.pending_id/);
  });

  it('refuses a post above the hold (amount_exceeds_pending) and a partial void (amount_invalid)', () => {
    const pending = hold(ana, 40_00);
    ledger.createTransfers([pending]);
    expect(ledger.createTransfers([resolve(pending, 'post_pending', 40_01)])).toEqual({ ok: false, index: 0, code: 'amount_exceeds_pending' });
    expect(ledger.createTransfers([resolve(pending, 'void_pending', 40_01)])).toEqual({ ok: false, index: 0, code: 'amount_exceeds_pending' });
    expect(ledger.createTransfers([resolve(pending, 'void_pending', 10_00)])).toEqual({ ok: false, index: 0, code: 'amount_invalid' });
    expect(ledger.createTransfers([resolve(pending, 'post_pending', 0)])).toEqual({ ok: false, index: 0, code: 'amount_invalid' });
  });

  it('refuses to resolve what is not a pending transfer, or with other accounts or code', () => {
    const posted = single(ana, ben, 1_00);
    const pending = hold(ana, 40_00);
    ledger.createTransfers([posted, pending]);
    expect(ledger.createTransfers([resolve({ ...pending, id: uuidv7() }, 'post_pending', 1)])).toEqual({ ok: false, index: 0, code: 'pending_not_found' });
    expect(ledger.createTransfers([resolve(posted, 'void_pending', 0)])).toEqual({ ok: false, index: 0, code: 'pending_not_found' });
    expect(ledger.createTransfers([{ ...resolve(pending, 'post_pending', 1), debitAccountId: ben }])).toEqual({ ok: false, index: 0, code: 'pending_mismatch' });
    expect(ledger.createTransfers([{ ...resolve(pending, 'post_pending', 1), code: 'deposit' }])).toEqual({ ok: false, index: 0, code: 'pending_mismatch' });
    expect(ledger.createTransfers([{ ...resolve(pending, 'post_pending', 1), debitAccountId: ana, creditAccountId: cash }])).toEqual(created());
  });

  it('still posts or voids a hold authorised before its account was frozen (the cash already left)', () => {
    const posted = hold(ana, 10_00);
    const voided = hold(ana, 20_00);
    ledger.createTransfers([posted, voided]);
    db.prepare("UPDATE accounts SET status = 'frozen' WHERE id = ?").run(ana);
    expect(ledger.createTransfers([hold(ana, 1_00)])).toEqual({ ok: false, index: 0, code: 'account_not_open' });
    expect(ledger.createTransfers([resolve(posted, 'post_pending', 10_00), resolve(voided, 'void_pending', 0)])).toEqual(created(2));
    expect(ledger.account(ana)).toMatchObject({ balanceMinor: 90_00, debitsPendingMinor: 0 });
  });
});

describe('what SQL enforces on its own', () => {
  it('rejects UPDATE and DELETE of transfers', () => {
    const transfer = single(ana, ben, 1_00);
    ledger.createTransfers([transfer]);
    expect(() => db.prepare('UPDATE transfers SET amount_minor = 2 WHERE id = ?').run(transfer.id)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM transfers WHERE id = ?').run(transfer.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM transfers').run()).toThrow(/append-only/);
    expect(ledger.transfer(transfer.id)?.amountMinor).toBe(1_00);
  });

  it('rejects a customer debit past the limit, a currency change and a transfer across currencies', () => {
    expect(() => db.prepare('UPDATE accounts SET debits_posted_minor = debits_posted_minor + 100_01 WHERE id = ?').run(ana)).toThrow(
      /insufficient funds/,
    );
    expect(() => db.prepare("UPDATE accounts SET currency = 'USD' WHERE id = ?").run(ana)).toThrow(/keeps its currency/);
    const dollars = ledger.internalAccountId('settlement', 'USD');
    expect(() =>
      db.prepare(
        `INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount_minor, code, created_at_ms)
         VALUES (?, 'single', ?, ?, 1, 'transfer', 0)`,
      ).run(uuidv7(), dollars, ana),
    ).toThrow(/different currencies/);
  });
});

describe('verifyBalances', () => {
  it('agrees with the transfers after normal use', () => {
    const pending = hold(ana, 40_00);
    ledger.createTransfers([pending, single(ana, ben, 5_00)]);
    ledger.createTransfers([resolve(pending, 'post_pending', 20_00)]);
    expect(ledger.verifyBalances()).toEqual({ ok: true });
  });

  it('reports a tampered cached counter with the account, field, cached and computed values', () => {
    ledger.createTransfers([hold(ana, 40_00)]);
    db.prepare('UPDATE accounts SET credits_posted_minor = credits_posted_minor + 1_000_00 WHERE id = ?').run(ana);
    db.prepare('UPDATE accounts SET credits_pending_minor = 0 WHERE id = ?').run(cash);
    expect(ledger.verifyBalances()).toEqual({
      ok: false,
      mismatches: [
        { accountId: cash, field: 'credits_pending_minor', cached: 0, computed: 40_00 },
        { accountId: ana, field: 'credits_posted_minor', cached: 1_100_00, computed: 100_00 },
      ],
    });
    db.close(); // the invariants of afterEach would (rightly) fail on this database
  });
});

describe('reads', () => {
  it('lists an account’s newest transfers first, from both sides, bounded', () => {
    fund(ben, 100_00);
    const ids: string[] = [];
    for (let index = 0; index < 12; index++) {
      const transfer = index % 3 === 0 ? single(ben, ana, 1_00) : single(ana, ben, 2_00);
      ledger.createTransfers([transfer]);
      ids.push(transfer.id);
    }
    const recent = ledger.recentTransfers(ana, 10);
    expect(recent.map((transfer) => transfer.id)).toEqual(ids.slice(-10).reverse());
    expect(ledger.recentTransfers(ana, 1_000)).toHaveLength(13); // the opening deposit and the twelve
    expect(ledger.recentTransfers(ben, RECENT_TRANSFERS_MAX + 1)).toHaveLength(13);
    expect(ledger.recentTransfers(999_999, 10)).toEqual([]);
    expect(() => ledger.recentTransfers(ana, 0)).toThrow(RangeError);
  });

  it(`never returns more than ${RECENT_TRANSFERS_MAX} transfers`, () => {
    ledger.createTransfers(Array.from({ length: RECENT_TRANSFERS_MAX + 5 }, () => single(ana, ben, 1)));
    expect(ledger.recentTransfers(ana, RECENT_TRANSFERS_MAX + 5)).toHaveLength(RECENT_TRANSFERS_MAX);
  });

  it('creates each internal account once per kind and currency', () => {
    expect(ledger.internalAccountId('settlement', 'EUR')).toBe(settlement);
    const dollars = ledger.internalAccountId('settlement', 'USD');
    expect(dollars).not.toBe(settlement);
    expect(ledger.internalAccountId('settlement', 'USD')).toBe(dollars);
    expect(ledger.account(ledger.internalAccountId('overs_unders', 'EUR'))).toMatchObject({
      customerId: null,
      accountNumber: null,
      kind: 'overs_unders',
      currency: 'EUR',
      status: 'open',
      overdraftLimitMinor: 0,
    });
    const kinds = ['kiosk_cash', 'kiosk_rejects', 'kiosk_deposits', 'settlement', 'overs_unders'] as const;
    const euros = kinds.map((kind) => ledger.internalAccountId(kind, 'EUR'));
    expect(new Set(euros).size).toBe(kinds.length);
    expect(kinds.map((kind) => ledger.account(ledger.internalAccountId(kind, 'EUR'))?.normalSide)).toEqual(kinds.map(() => 'debit'));
    expect(() => ledger.internalAccountId('settlement', 'eur')).toThrow(RangeError);
    expect(() => ledger.internalAccountId('checking' as never, 'EUR')).toThrow(RangeError);
    expect(ledger.account(999_999)).toBeNull();
    expect(() => ledger.availableMinor(999_999)).toThrow(RangeError);
  });
});

describe('demo data', () => {
  it('seeds opening balances as ledger transfers from settlement, so they verify', async () => {
    const demoDb = openLedgerDb(join(dir, 'demo.db'));
    const hasher = createPinHasher(Buffer.alloc(32, 7));
    expect(await seedDemoDataIfEmpty(demoDb, Buffer.alloc(32, 8), hasher, '2026-11-24T09:00:00.000Z')).toBe(true);
    const demoLedger = createLedger(demoDb, { now: clock.now });

    const cardId = (demoDb.prepare('SELECT id FROM cards ORDER BY id LIMIT 1').get() as { id: number }).id;
    expect(createCardRepo(demoDb).accountsOf(cardId)).toEqual([
      { accountId: expect.any(Number), accountNumber: '10000001', label: 'Checking', currency: 'EUR', ledgerBalanceMinor: 125_000, pendingDebitsMinor: 0, status: 'open' },
      { accountId: expect.any(Number), accountNumber: '10000002', label: 'Savings', currency: 'EUR', ledgerBalanceMinor: 840_000, pendingDebitsMinor: 0, status: 'open' },
    ]);
    const openings = demoDb.prepare("SELECT * FROM transfers WHERE code = 'opening_balance'").all() as { debit_account_id: number }[];
    expect(openings).toHaveLength(4);
    const demoSettlement = demoLedger.internalAccountId('settlement', 'EUR');
    expect(openings.every((row) => row.debit_account_id === demoSettlement)).toBe(true);
    expect(demoLedger.account(demoSettlement)?.balanceMinor).toBe(125_000 + 840_000 + 31_055 + 5_200_075);
    expect(brokenInvariants(demoDb, demoLedger)).toEqual([]);
    demoDb.close();
  });
});
