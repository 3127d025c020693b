// Every customer flow and refusal end to end in Chromium through the browser host and the real core: other-amount
// withdrawal with a printed receipt, PIN change, each withdrawal refusal, a dispenser jam (nothing debited), cash not
// taken (retracted and reversed), a card not taken (retained), the "more time?" prompt and a session timeout, and
// the shuffled PIN keypad. Each screen it reaches is saved to <outputDir>/screenshots.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/kiosk-host.ts';
import { KioskPage } from './pages/kiosk-page.ts';

const ANA = { demoCardId: 'ana', pin: '4921' };
const BEN = { demoCardId: 'ben', pin: '7305' };
const CHLOE = { demoCardId: 'chloe', pin: '618402' };

async function signIn(atm: KioskPage, url: string, card: { demoCardId: string; pin: string }) {
  await atm.open(url);
  await atm.tapDemoCard(card.demoCardId);
  await atm.enterPin(card.pin);
  await atm.expectScreen('menu');
}

/** Other amount, in whole units on the keypad. */
async function withdrawOther(atm: KioskPage, units: string) {
  await atm.page.getByTestId('withdrawal-other').click();
  for (const digit of units) await atm.page.getByTestId(`key-${digit}`).click();
  await atm.page.getByTestId('key-enter').click();
}

async function availableOn(atm: KioskPage): Promise<string> {
  await atm.page.getByTestId('menu-balance').click();
  await atm.expectScreen('balance');
  const text = (await atm.page.getByTestId('balance-account').first().textContent()) ?? '';
  await atm.page.getByTestId('balance-menu').click();
  await atm.expectScreen('menu');
  return text;
}

test('other amount: card, cash and a printed receipt (saved as a PDF with no printer configured)', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await signIn(atm, kiosk.url, ANA);
  await page.getByTestId('menu-withdrawal').click();
  await page.getByTestId('withdrawal-other').click();
  await atm.snap('withdrawal-other-amount');
  for (const digit of '120') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('key-enter').click();
  await atm.expectScreen('take_card');
  await page.getByTestId('take-card').click();
  await atm.expectScreen('take_cash');
  await expect(page.getByTestId('take-cash-amount')).toContainText('120.00');
  // Asked for with the cash in the slot: it prints as the withdrawal settles.
  await page.getByTestId('receipt-print').click();
  await expect(page.getByTestId('receipt-delivery')).toHaveAttribute('data-delivery', 'queued');
  await atm.snap('take-cash-receipt-queued');
  await page.getByTestId('take-cash').click();
  await atm.expectScreen('goodbye');
  await expect(page.getByTestId('receipt-delivery')).toHaveAttribute('data-delivery', 'saved');
  await atm.snap('goodbye-receipt-saved');
  const receipts = join(kiosk.dataDir, 'receipts');
  expect(existsSync(receipts) ? readdirSync(receipts).filter((name) => name.endsWith('.pdf')) : []).toHaveLength(1);
});

test('PIN change in three steps; the new PIN opens the next session', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await signIn(atm, kiosk.url, CHLOE);
  await page.getByTestId('menu-pin_change').click();
  await atm.expectScreen('pin_change');
  await atm.snap('pin-change');
  for (const pin of [CHLOE.pin, '582913', '582913']) await atm.enterPin(pin);
  await atm.expectScreen('transaction_result');
  await expect(page.getByTestId('result-title')).toHaveAttribute('data-outcome', 'completed');
  await atm.snap('pin-change-result');
  await page.getByTestId('result-done').click();
  await page.getByTestId('take-card').click();
  await atm.expectScreen('goodbye');
  await atm.expectScreen('idle');
  await atm.tapDemoCard(CHLOE.demoCardId);
  await atm.enterPin('582913');
  await atm.expectScreen('menu');
});

test.describe('withdrawal refusals', () => {
  test.use({ hostOptions: { settings: { dailyWithdrawalCountMax: 1 } } });

  test('insufficient funds, over the per-withdrawal limit, not dispensable, then over the daily count', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    await signIn(atm, kiosk.url, BEN); // €310.55
    await page.getByTestId('menu-withdrawal').click();
    for (const [units, code] of [
      ['400', 'INSUFFICIENT_FUNDS'],
      ['600', 'LIMIT_PER_WITHDRAWAL'],
      ['15', 'AMOUNT_NOT_DISPENSABLE'],
    ] as const) {
      await withdrawOther(atm, units);
      await atm.expectScreen('withdrawal_amount');
      await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', code);
      await atm.snap(`refusal-${code.toLowerCase().replaceAll('_', '-')}`);
    }
    await page.getByTestId('fast-cash-2000').click();
    await page.getByTestId('take-card').click();
    await page.getByTestId('take-cash').click();
    await atm.expectScreen('goodbye');
    await atm.expectScreen('idle');

    await atm.tapDemoCard(BEN.demoCardId);
    await atm.enterPin(BEN.pin);
    await page.getByTestId('menu-withdrawal').click();
    await page.getByTestId('fast-cash-2000').click();
    await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', 'LIMIT_DAILY_COUNT');
    await atm.snap('refusal-limit-daily-count');
  });
});

test.describe('dispenser jam', () => {
  test.use({ hostOptions: { dispenserFaults: [{ kind: 'jam_before_present' }] } });

  test('a jam before presenting declines the withdrawal and leaves no debit', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    await signIn(atm, kiosk.url, ANA);
    const before = await availableOn(atm);
    await page.getByTestId('menu-withdrawal').click();
    await page.getByTestId('fast-cash-5000').click();
    await atm.expectScreen('transaction_result');
    await expect(page.getByTestId('result-title')).toHaveAttribute('data-outcome', 'declined');
    await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', 'DISPENSER_FAULT');
    await atm.snap('refusal-dispenser-fault');
    await page.getByTestId('result-menu').click();
    expect(await availableOn(atm)).toBe(before);
  });
});

test.describe('items left behind', () => {
  test.use({ hostOptions: { settings: { cashTakeTimeoutMs: 2_000, cardTakeTimeoutMs: 2_000 } } });

  test('cash not taken is retracted and the withdrawal reversed', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    await signIn(atm, kiosk.url, ANA);
    const before = await availableOn(atm);
    await page.getByTestId('menu-withdrawal').click();
    await page.getByTestId('fast-cash-5000').click();
    await page.getByTestId('take-card').click();
    await atm.expectScreen('take_cash');
    await atm.expectScreen('goodbye');
    await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', 'CASH_RETRACTED');
    await page.getByTestId('receipt-screen').click();
    await expect(page.getByTestId('receipt')).toBeVisible();
    await atm.snap('goodbye-cash-retracted');
    await atm.expectScreen('idle');
    await signIn(atm, kiosk.url, ANA);
    expect(await availableOn(atm)).toBe(before);
  });

  test('a card not taken is retained; the reader then refuses it', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    await signIn(atm, kiosk.url, BEN);
    await page.getByTestId('menu-balance').click();
    await page.getByTestId('balance-done').click();
    await atm.expectScreen('take_card');
    await atm.expectScreen('card_retained');
    await atm.snap('card-retained-not-taken');
    await atm.expectScreen('idle');
    await atm.tapDemoCard(BEN.demoCardId);
    await atm.expectScreen('card_refused');
  });
});

test.describe('inactivity', () => {
  test.use({ hostOptions: { settings: { inactivityTimeoutMs: 6_000 } } });

  test('"Do you need more time?" counts down; yes keeps the session, silence ends it', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    await signIn(atm, kiosk.url, ANA);
    const prompt = page.getByTestId('more-time');
    await expect(prompt).toBeVisible({ timeout: 6_000 });
    await expect(page.getByTestId('more-time-countdown')).toContainText(/\d/);
    await atm.snap('more-time');
    await page.getByTestId('more-time-yes').click();
    await expect(prompt).toBeHidden();
    await atm.expectScreen('menu');
    await expect(prompt).toBeVisible({ timeout: 6_000 });
    await atm.expectScreen('goodbye');
    await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', 'SESSION_TIMEOUT');
    await atm.snap('goodbye-timeout');
  });
});

test.describe('shuffled PIN keypad', () => {
  test.use({ hostOptions: { settings: { shuffledPinKeypad: true } } });

  test('the digits come in main’s order and the PIN still works', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    await atm.open(kiosk.url);
    await atm.tapDemoCard(ANA.demoCardId);
    const keypad = page.getByRole('group', { name: 'Keypad' });
    await expect(keypad).toHaveAttribute('data-layout', 'shuffled');
    await atm.snap('pin-entry-shuffled');
    await atm.enterPin(ANA.pin);
    await atm.expectScreen('menu');
  });
});
