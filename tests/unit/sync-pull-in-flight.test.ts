// The changes feed against the kiosk's own online requests. A bank page is a snapshot taken while the kiosk may be
// asking the bank for a transfer: it can show a transfer the kiosk has not booked yet, or miss one the kiosk booked
// before the page was applied. Neither may become a bank-sync adjustment, for the payer or for the recipient; the
// account is left for later, and a bank-side change that arrived in the same page still lands at the next pull.
import { afterEach, describe, expect, it } from 'vitest';
import { createBankClient, customerLogin, DEMO } from '../support/bank-client.ts';
import type { StartedBank } from '../support/bank-server.ts';
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

const fixture = createSyncFixture();
afterEach(() => fixture.cleanup());

const TRANSFERS = '/v1/kiosk/transfers';

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

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

/** A deposit through the bank's customer API (a change the kiosk learns of only through the feed). */
async function depositAtBank(started: StartedBank, who: 'ana' | 'ben', amountMinor: number, key: string) {
  const client = createBankClient(started.bankUrl);
  const login = await customerLogin(client, DEMO[who].email, DEMO[who].password);
  const response = await client.post(`/v1/accounts/${DEMO[who].checking}/deposits`, {
    token: login.accessToken,
    idempotencyKey: key,
    body: { amountMinor },
  });
  expect(response.status).toBe(201);
}

function adjustments(kiosk: SyncedKiosk): { amount_minor: number; credit: string | null }[] {
  const db = kiosk.db();
  try {
    return db
      .prepare(
        `SELECT t.amount_minor, c.account_number AS credit FROM transfers t JOIN accounts c ON c.id = t.credit_account_id
          WHERE t.reference = 'bank-sync' ORDER BY t.seq`,
      )
      .all() as { amount_minor: number; credit: string | null }[];
  } finally {
    db.close();
  }
}

function openExceptions(kiosk: SyncedKiosk): number {
  return kiosk.core.sync.status().exceptions;
}

function agree(kiosk: SyncedKiosk, bank: StartedBank) {
  expect({ payer: kioskBalance(kiosk, CARDS.ana.checking), payee: kioskBalance(kiosk, CARDS.ben.checking) }).toEqual({
    payer: bankBalance(bank, CARDS.ana.checking),
    payee: bankBalance(bank, CARDS.ben.checking),
  });
}

describe('pull while an online transfer is open', () => {
  it('a page that already shows the transfer books nothing for it; a bank-side deposit in that page lands next pull', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank, { bank: { authoriseTimeoutMs: 10_000 } });
    await kiosk.core.sync.idle();
    const payee = kioskBalance(kiosk, CARDS.ben.checking);
    // The bank books the transfer; its answer is held until the pull below has been applied.
    const answer = gate();
    bank.setFaults({
      match: (method, path) => method === 'POST' && path === TRANSFERS,
      script: ['delay'],
      until: answer.opened,
    });
    value(await signIn(kiosk, CARDS.ana));
    const pending = transfer(kiosk, CARDS.ben.checking, 1_500);
    await eventually(() => bankTransfers(bank, bank.deviceId).some((row) => row.code === 'transfer'));
    // Meanwhile a change of the recipient's own at the bank, reported in the same page.
    await depositAtBank(bank, 'ben', 700, 'in-flight-deposit-ben-1');

    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(adjustments(kiosk)).toEqual([]);
    expect(kioskBalance(kiosk, CARDS.ben.checking)).toBe(payee);

    answer.open();
    expect(value(await pending).state).toBe('transaction_result');
    endSession(kiosk);
    expect(kioskBalance(kiosk, CARDS.ben.checking)).toBe(payee + 1_500);
    expect(kioskBalance(kiosk, CARDS.ana.checking)).toBe(bankBalance(bank, CARDS.ana.checking));

    // The bank has nothing new for the recipient, yet the deposit the kiosk left aside is booked now.
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    agree(kiosk, bank);
    expect(adjustments(kiosk)).toEqual([{ amount_minor: 700, credit: CARDS.ben.checking }]);
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(adjustments(kiosk)).toHaveLength(1);
    expect(openExceptions(kiosk)).toBe(0);
  });

  it('a page read before the transfer and applied after the kiosk booked it books nothing', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    // Both accounts change at the bank, so the page reports them.
    await depositAtBank(bank, 'ana', 700, 'in-flight-deposit-ana-2');
    await depositAtBank(bank, 'ben', 300, 'in-flight-deposit-ben-2');
    // The bank answers the pull before the transfer; the answer reaches the kiosk only after the transfer is booked.
    const page = gate();
    const read = gate();
    bank.setFaults({
      match: (method, path) => method === 'GET' && path.startsWith('/v1/kiosk/changes'),
      script: ['delay'],
      until: page.opened,
      onHeld: read.open,
    });
    const pull = kiosk.core.sync.pullNow();
    await read.opened;

    value(await signIn(kiosk, CARDS.ana));
    expect(value(await transfer(kiosk, CARDS.ben.checking, 1_500)).state).toBe('transaction_result');
    endSession(kiosk);
    const before = { payer: kioskBalance(kiosk, CARDS.ana.checking), payee: kioskBalance(kiosk, CARDS.ben.checking) };

    // The page shows both accounts without the transfer the kiosk has just booked: it is left for later.
    page.open();
    expect(await pull).toBe(true);
    expect(adjustments(kiosk)).toEqual([]);
    expect({ payer: kioskBalance(kiosk, CARDS.ana.checking), payee: kioskBalance(kiosk, CARDS.ben.checking) }).toEqual(
      before,
    );

    // The next page reports both accounts with the transfer: only the deposits are booked.
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(adjustments(kiosk)).toEqual([
      { amount_minor: 700, credit: CARDS.ana.checking },
      { amount_minor: 300, credit: CARDS.ben.checking },
    ]);
    agree(kiosk, bank);
  });

  it('a transfer without an answer that the bank booked: a pull before its reversal lands credits no one', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    const payee = kioskBalance(kiosk, CARDS.ben.checking);
    value(await signIn(kiosk, CARDS.ana));
    // The bank books the transfer and the answer is lost; then no money request reaches the bank for a while, but
    // the feed still answers.
    bank.setFaults({
      match: (method, path) => method === 'POST' && path.startsWith('/v1/kiosk/'),
      script: ['destroy_after_apply'],
      rates: { drop_before_apply: 1 },
    });
    expect(refusalOf(await transfer(kiosk, CARDS.ben.checking, 2_000))).toBe('HOST_UNAVAILABLE');
    endSession(kiosk);
    expect(bankBalance(bank, CARDS.ben.checking)).toBe(payee + 2_000);

    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(adjustments(kiosk)).toEqual([]);
    expect(kioskBalance(kiosk, CARDS.ben.checking)).toBe(payee);

    bank.setFaults(null);
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(bankTransfers(bank, bank.deviceId).map((row) => row.code)).toEqual(['transfer', 'reversal']);
    expect(await kiosk.core.sync.pullNow()).toBe(true);
    expect(adjustments(kiosk)).toEqual([]);
    expect(openExceptions(kiosk)).toBe(0);
    agree(kiosk, bank);
  });
});
