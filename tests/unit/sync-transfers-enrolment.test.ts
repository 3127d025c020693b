// Transfers and enrolments with a bank. A transfer is online only: the bank books it (and the kiosk books the same
// transfer id) or declines it (nothing booked anywhere); a transfer the bank booked but the kiosk never heard about is
// replayed and reversed, so the customer, who was told it did not happen, is right on both sides. An enrolment made
// by staff reaches the bank exactly once, and the new card's state then comes back through the changes feed.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../electron/demo/seed-demo-staff.ts';
import { secretFromBase32, totpAt } from '../../electron/staff/totp.ts';
import type { Envelope } from '../../shared/ipc/index.ts';
import {
  bankBalance,
  bankTransfers,
  CARDS,
  createSyncFixture,
  endSession,
  eventually,
  kioskBalance,
  refusalOf,
  signIn,
  type SyncedKiosk,
  value,
} from '../support/sync-fixture.ts';
import { NEW_CARD_PAN, SAMPLE_REQUESTS } from '../support/staff-requests.ts';

const fixture = createSyncFixture();
afterEach(() => fixture.cleanup());

async function transfer(kiosk: SyncedKiosk, toAccountNumber: string, amountMinor: number) {
  value(await kiosk.call('chooseTransaction', { transaction: 'transfer' }));
  value(
    await kiosk.call('requestTransfer', {
      fromAccountRef: 'a1',
      to: { kind: 'account_number', accountNumber: toAccountNumber },
      amountMinor,
    }),
  );
  return kiosk.call('confirmTransfer');
}

function outboxOps(kiosk: SyncedKiosk): { op: string; status: string }[] {
  const db = kiosk.db();
  try {
    return db.prepare('SELECT op, status FROM sync_outbox ORDER BY seq').all() as { op: string; status: string }[];
  } finally {
    db.close();
  }
}

function kioskTransferIds(kiosk: SyncedKiosk): string[] {
  const db = kiosk.db();
  try {
    return (
      db.prepare("SELECT id FROM transfers WHERE code = 'transfer' ORDER BY rowid").all() as { id: string }[]
    ).map((row) => row.id);
  } finally {
    db.close();
  }
}

describe('transfers with a bank', () => {
  it('are offered, booked at the bank and at the kiosk under one id, with no kiosk fee', async () => {
    const bank = await fixture.startBank();
    const kiosk = await fixture.start(bank, { settings: { transferFeeMinor: 75 } });
    const menu = value(await signIn(kiosk, CARDS.ana));
    expect(menu.transactions).toContain('transfer');
    const bankBefore = { payer: bankBalance(bank, CARDS.ana.checking), payee: bankBalance(bank, CARDS.ben.checking) };
    const kioskBefore = {
      payer: kioskBalance(kiosk, CARDS.ana.checking),
      payee: kioskBalance(kiosk, CARDS.ben.checking),
    };

    const done = value(await transfer(kiosk, CARDS.ben.checking, 1_500));
    expect(done.state).toBe('transaction_result');
    expect(done.receipt).toMatchObject({ transaction: 'transfer', completedMinor: 1_500, feeMinor: 0 });
    expect({ payer: bankBalance(bank, CARDS.ana.checking), payee: bankBalance(bank, CARDS.ben.checking) }).toEqual({
      payer: bankBefore.payer - 1_500,
      payee: bankBefore.payee + 1_500,
    });
    expect({ payer: kioskBalance(kiosk, CARDS.ana.checking), payee: kioskBalance(kiosk, CARDS.ben.checking) }).toEqual({
      payer: kioskBefore.payer - 1_500,
      payee: kioskBefore.payee + 1_500,
    });
    const atBank = bankTransfers(bank, bank.deviceId).filter((row) => row.code === 'transfer');
    expect(atBank.map((row) => row.id)).toEqual(kioskTransferIds(kiosk));
    expect(outboxOps(kiosk)).toEqual([{ op: 'transfer', status: 'done' }]);
  });

  it('a bank decline books nothing anywhere and shows the reason', async () => {
    const bank = await fixture.startBank();
    const kiosk = await fixture.start(bank);
    // The bank's balance is lower than the kiosk's copy: the bank's answer is the one that counts.
    const bankDb = new Database(join(bank.dataDir, 'bank.db'));
    bankDb
      .prepare('UPDATE accounts SET debits_posted_minor = credits_posted_minor WHERE account_number = ?')
      .run(CARDS.ana.checking);
    bankDb.close();
    value(await signIn(kiosk, CARDS.ana));
    const before = kioskBalance(kiosk, CARDS.ana.checking);
    expect(refusalOf(await transfer(kiosk, CARDS.ben.checking, 1_000))).toBe('INSUFFICIENT_FUNDS');
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(before);
    expect(kioskTransferIds(kiosk)).toEqual([]);
    expect(bankTransfers(bank, bank.deviceId)).toEqual([]);
  });

  it('without an answer the customer is refused, and a transfer the bank did book is reversed there once', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    const payer = bankBalance(bank, CARDS.ana.checking);
    const payee = bankBalance(bank, CARDS.ben.checking);
    const kioskPayer = kioskBalance(kiosk, CARDS.ana.checking);
    value(await signIn(kiosk, CARDS.ana));
    // The bank applies the transfer, then the connection dies before the answer.
    bank.setFaults({ script: ['destroy_after_apply'], match: (_method, path) => path === '/v1/kiosk/transfers' });
    expect(refusalOf(await transfer(kiosk, CARDS.ben.checking, 2_000))).toBe('HOST_UNAVAILABLE');
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(kioskPayer);
    endSession(kiosk);
    bank.setFaults(null);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);

    const atBank = bankTransfers(bank, bank.deviceId);
    expect(atBank.map((row) => row.code)).toEqual(['transfer', 'reversal']);
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(payer);
    expect(bankBalance(bank, CARDS.ben.checking)).toBe(payee);
    expect(outboxOps(kiosk)).toEqual([
      { op: 'transfer', status: 'done' },
      { op: 'reversal', status: 'done' },
    ]);
    expect(kiosk.core.sync.status()).toMatchObject({ queueLength: 0, parked: 0 });
  });

  it('a transfer that never reached the bank needs no reversal: the reversal finds nothing and is done', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    value(await signIn(kiosk, CARDS.ana));
    // Offline throughout the customer's attempt; when the bank is back, the replay is declined by the bank
    // (the kiosk's copy is stale) so the reversal that follows finds no transfer.
    bank.setFaults({ rates: { drop_before_apply: 1 } });
    expect(refusalOf(await transfer(kiosk, CARDS.ben.checking, 2_000))).toBe('HOST_UNAVAILABLE');
    endSession(kiosk);
    const bankDb = new Database(join(bank.dataDir, 'bank.db'));
    bankDb
      .prepare('UPDATE accounts SET debits_posted_minor = credits_posted_minor WHERE account_number = ?')
      .run(CARDS.ana.checking);
    bankDb.close();
    bank.setFaults(null);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(bankTransfers(bank, bank.deviceId)).toEqual([]);
    expect(outboxOps(kiosk)).toEqual([
      { op: 'transfer', status: 'done' },
      { op: 'reversal', status: 'done' },
    ]);
    expect(kiosk.core.sync.status().parked).toBe(0);
  });
});

describe('a transfer cut off by a crash', () => {
  it('is replayed and reversed at the next start, so the bank ends where the customer was told', async () => {
    const bank = await fixture.startBank({ faults: true });
    const first = await fixture.start(bank, { bank: { authoriseTimeoutMs: 3_000 } });
    await first.core.sync.idle();
    const payer = bankBalance(bank, CARDS.ana.checking);
    // The bank books the transfer but its answer is held back; the kiosk stops meanwhile.
    bank.setFaults({ match: (_method, path) => path === '/v1/kiosk/transfers', script: ['delay'], delayMs: 2_000 });
    value(await signIn(first, CARDS.ana));
    const pending = transfer(first, CARDS.ben.checking, 1_000).catch(() => null);
    await eventually(() => bankTransfers(bank, bank.deviceId).some((row) => row.code === 'transfer'));
    const second = await first.restart();
    await pending;
    bank.setFaults(null);
    await eventually(async () => (await second.core.sync.drainNow()).pending === 0);
    expect(bankTransfers(bank, bank.deviceId).map((row) => row.code)).toEqual(['transfer', 'reversal']);
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(payer);
    expect(kioskTransferIds(second)).toEqual([]);
    expect(bankBalance(bank, CARDS.ana.checking)).toBe(kioskBalance(second, CARDS.ana.checking));
  });
});

describe('enrolment with a bank', () => {
  const found = DEMO_STAFF.find((staff) => staff.role === 'supervisor');
  if (!found) throw new Error('the demo staff have a supervisor');
  const supervisor = found;
  const ok = <T>(envelope: Envelope<T>): T => {
    if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}`);
    return envelope.value;
  };

  async function enrolAsStaff(kiosk: SyncedKiosk) {
    const staff = kiosk.core.handlers.staff;
    const login = ok(
      await staff.login({
        staffId: supervisor.staffId,
        password: supervisor.initialPassword,
        totpCode: totpAt(secretFromBase32(supervisor.totpSecretBase32), Date.now()),
      }),
    );
    if (login.session?.mustChangePassword) {
      ok(
        await staff.changePassword({
          currentPassword: supervisor.initialPassword,
          newPassword: 'Correct-Lantern-Orbit-93',
        }),
      );
    }
    ok(await staff.startEnrolment(SAMPLE_REQUESTS.startEnrolment));
    const enrolled = ok(await staff.submitEnrolmentPin({ pin: '739164', pinAgain: '739164' }));
    ok(await staff.logout({}));
    return enrolled;
  }

  it('reaches the bank exactly once with the card keyed like any other, and the card comes back through the feed', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank, { settings: { manualCardEntry: true } });
    await kiosk.core.sync.idle();
    // The first delivery is applied but its answer lost: the retry must not open a second customer.
    bank.setFaults({ script: ['destroy_after_apply'], match: (_method, path) => path === '/v1/kiosk/enrolments' });
    const enrolled = await enrolAsStaff(kiosk);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(outboxOps(kiosk)).toEqual([{ op: 'enrol', status: 'done' }]);

    const bankDb = new Database(join(bank.dataDir, 'bank.db'), { readonly: true });
    try {
      const cards = bankDb
        .prepare(
          `SELECT c.pan_hmac, c.pan_last4, c.status, a.account_number, cu.display_name
             FROM cards AS c JOIN card_accounts AS ca ON ca.card_id = c.id JOIN accounts AS a ON a.id = ca.account_id
             JOIN customers AS cu ON cu.id = c.customer_id WHERE c.pan_last4 = ?`,
        )
        .all(NEW_CARD_PAN.slice(-4));
      expect(cards).toEqual([
        {
          pan_hmac: bank.cardKey(NEW_CARD_PAN),
          pan_last4: NEW_CARD_PAN.slice(-4),
          status: 'active',
          account_number: enrolled.accountNumber,
          display_name: 'Dana Ionescu',
        },
      ]);
    } finally {
      bankDb.close();
    }

    // The bank's limit for the new card arrives with the next pull.
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    const db = kiosk.db();
    try {
      const local = db
        .prepare('SELECT bank_card_key, bank_daily_withdrawal_limit_minor FROM cards WHERE pan_last4 = ?')
        .get(NEW_CARD_PAN.slice(-4)) as { bank_card_key: string; bank_daily_withdrawal_limit_minor: number | null };
      expect(local.bank_card_key).toBe(bank.cardKey(NEW_CARD_PAN));
      expect(local.bank_daily_withdrawal_limit_minor).toBe(50_000);
      // The outbox carries the card's key and last four digits, never the number.
      const bodies = (db.prepare('SELECT body FROM sync_outbox').all() as { body: string }[]).map((row) => row.body);
      expect(bodies.join('\n')).not.toContain(NEW_CARD_PAN);
    } finally {
      db.close();
    }
  });
});
