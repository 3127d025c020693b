// Losing the bank, as a customer sees it, end to end: a kiosk provisioned for a real local bank withdraws online;
// the bank goes away and the next session shows the offline notice with the reduced limit, a withdrawal within the
// stand-in floor limit is approved and one above it refused as "bank unavailable"; the bank comes back on the same
// port and data, the kiosk forwards its queue by itself, the bank books the stand-in exactly once, and the notice goes.
import { DEMO } from '../support/bank-client.ts';
import {
  type E2eBank,
  e2eBankSettings,
  kioskSyncState,
  type ProvisionedKiosk,
  provisionKioskForBank,
  startE2eBank,
} from '../support/e2e-bank.ts';
import { test as base, expect } from './fixtures/kiosk-host.ts';
import { KioskPage } from './pages/kiosk-page.ts';

const ANA = { demoCardId: 'ana', pin: '4921' };
/** Offline, one card may take this much a day; the notice shows the lower of the two floor limits. */
const STAND_IN_PER_CARD_MINOR = 5_000;
const STAND_IN_PER_KIOSK_MINOR = 20_000;
/** The drain and the pull retry within a second or so; this bounds the wait for the whole queue. */
const DRAIN_TIMEOUT_MS = 20_000;

const test = base.extend<{ bank: E2eBank }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  bank: async ({}, use) => {
    const bank = await startE2eBank();
    await use(bank);
    await bank.close();
  },
  // The kiosk's host starts on a data dir already provisioned for this test's bank (the fixture tears the host down
  // before this teardown runs, so the keychain entries are removed after the last reader has gone).
  hostOptions: async ({ bank }, use) => {
    const provisioned: ProvisionedKiosk[] = [];
    await use({
      settings: {
        endScreenMs: 2_000,
        bank: e2eBankSettings(bank, {
          standInPerCardMinor: STAND_IN_PER_CARD_MINOR,
          standInPerKioskMinor: STAND_IN_PER_KIOSK_MINOR,
        }),
      },
      prepareDataDir: (dataDir) => void provisioned.push(provisionKioskForBank(dataDir, bank)),
    });
    for (const kiosk of provisioned) kiosk.forget();
  },
});

async function signIn(atm: KioskPage) {
  await atm.expectScreen('idle');
  await atm.tapDemoCard(ANA.demoCardId);
  await atm.enterPin(ANA.pin);
  await atm.expectScreen('menu');
}

async function showReceipt(atm: KioskPage, amount: string) {
  await atm.page.getByTestId('receipt-screen').click();
  await expect(atm.page.getByTestId('receipt-completed')).toContainText(amount);
}

test('the bank goes away and comes back: offline notice, stand-in within the floor limit, forwarded exactly once', async ({
  page,
  kiosk,
  bank,
}) => {
  const atm = new KioskPage(page);
  const notice = atm.offlineNotice();
  const opening = await bank.balance(DEMO.ana, DEMO.ana.checking);

  // Online. The kiosk reports "offline" until it first reaches the bank, so wait for its first pull before looking.
  await expect.poll(() => kioskSyncState(kiosk.dataDir).changesCursor).toBeGreaterThan(0);
  await atm.open(kiosk.url);
  await signIn(atm);
  await expect(notice).toBeHidden();
  await page.getByTestId('menu-withdrawal').click();
  // Twice the stand-in limit: only the bank itself can approve this one.
  await page.getByTestId('fast-cash-10000').click();
  await atm.takeCardAndCash();
  await showReceipt(atm, '100.00');
  await expect(notice).toBeHidden();
  await atm.snap('online-withdrawal-goodbye');
  // Its completion is queued too: let it reach the bank before the bank goes.
  await expect.poll(() => kioskSyncState(kiosk.dataDir).open, { timeout: DRAIN_TIMEOUT_MS }).toBe(0);
  expect(
    bank
      .transfers()
      .filter((row) => row.kind === 'post_pending')
      .map((row) => [row.origin, row.amount_minor]),
  ).toEqual([['online', 10_000]]);

  // The bank goes away: the next session says so, with the most a customer can take now.
  await bank.stop();
  await signIn(atm);
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('The bank cannot be reached right now');
  await expect(notice).toContainText('limited to €50.00');
  await atm.snap('offline-notice-menu');
  await page.getByTestId('menu-withdrawal').click();
  await atm.expectScreen('withdrawal_amount');
  await expect(notice).toContainText('limited to €50.00');
  await atm.withdrawOtherAmount('60');
  await atm.expectScreen('withdrawal_amount');
  const refusal = page.getByTestId('refusal-message');
  await expect(refusal).toHaveAttribute('data-code', 'HOST_UNAVAILABLE');
  await expect(refusal).toContainText('Your bank cannot be reached right now. Please try a smaller amount');
  await atm.snap('offline-refusal-host-unavailable');
  await atm.withdrawOtherAmount('40');
  await atm.takeCardAndCash();
  await showReceipt(atm, '40.00');
  await expect(notice).toBeVisible();
  await atm.snap('offline-stand-in-goodbye');
  // The amount screen says what this card may still draw on stand-in: €50 less the €40 just taken.
  await signIn(atm);
  await page.getByTestId('menu-withdrawal').click();
  await atm.expectScreen('withdrawal_amount');
  await expect(notice).toContainText('limited to €10.00');
  await page.locator('main').getByRole('button', { name: 'Cancel' }).click();
  await atm.expectScreen('take_card');
  await page.getByTestId('take-card').click();
  // Stored, not forwarded: the bank has nothing of it yet.
  expect(kioskSyncState(kiosk.dataDir)).toMatchObject({ standIns: { queued: 1 } });
  expect(bank.transfers().filter((row) => row.origin === 'stand_in')).toEqual([]);

  // The bank comes back on the same port and data; the kiosk forwards its queue without anyone asking.
  await bank.start();
  await expect
    .poll(() => kioskSyncState(kiosk.dataDir), { timeout: DRAIN_TIMEOUT_MS })
    .toMatchObject({ open: 0, parked: 0, standIns: { forwarded: 1 } });
  const transfers = bank.transfers();
  expect(
    transfers.filter((row) => row.origin === 'stand_in').map((row) => [row.kind, row.code, row.amount_minor]),
  ).toEqual([['single', 'withdrawal', 4_000]]);
  // Authorisations sent while the bank was away are replayed and voided: every hold resolved exactly once.
  const holds = transfers.filter((row) => row.kind === 'pending').map((row) => row.id);
  const resolutions = transfers
    .filter((row) => row.kind === 'post_pending' || row.kind === 'void_pending')
    .map((row) => row.pending_id);
  expect(resolutions.toSorted()).toEqual(holds.toSorted());
  expect(await bank.balance(DEMO.ana, DEMO.ana.checking)).toMatchObject({
    balanceMinor: opening.balanceMinor - 10_000 - 4_000,
    availableMinor: opening.availableMinor - 10_000 - 4_000,
  });

  // Back online: the next session has no notice.
  await expect(notice).toBeHidden();
  await signIn(atm);
  await expect(notice).toBeHidden();
  await atm.snap('back-online-menu');
});
