// Money transactions end to end in Chromium through the browser host and the real core: withdrawal (card before
// cash), deposit, transfer to another customer, mini statement and PIN change.
import { expect, test } from './fixtures/kiosk-host.ts';
import { KioskPage } from './pages/kiosk-page.ts';

test('fast cash: take the card, then the cash; the receipt shows the withdrawal', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  await atm.tapDemoCard('ana');
  await atm.enterPin('4921');
  await page.getByTestId('menu-withdrawal').click();
  await atm.expectScreen('withdrawal_amount');
  await atm.snap('withdrawal-amount');
  await page.getByTestId('fast-cash-5000').click();
  await atm.expectScreen('take_card');
  await page.getByTestId('take-card').click();
  await atm.expectScreen('take_cash');
  await atm.snap('take-cash');
  await page.getByTestId('take-cash').click();
  await atm.expectScreen('goodbye');
  await page.getByTestId('receipt-screen').click();
  await expect(page.getByTestId('receipt-completed')).toContainText('50.00');
  await atm.snap('goodbye-receipt');
});

test('deposit, transfer to another customer, and the mini statement', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  await atm.tapDemoCard('ben');
  await atm.enterPin('7305');

  await page.getByTestId('menu-deposit').click();
  await atm.expectScreen('deposit_notes');
  await page.getByTestId('deposit-add-5000').click();
  await page.getByTestId('deposit-add-5000').click();
  await atm.snap('deposit');
  await page.getByTestId('deposit-submit').click();
  await atm.expectScreen('transaction_result');
  await page.getByTestId('receipt-screen').click();
  await expect(page.getByTestId('receipt-completed')).toContainText('100.00');
  await atm.snap('deposit-result');
  await page.getByTestId('result-menu').click();

  await page.getByTestId('menu-transfer').click();
  await atm.expectScreen('transfer_details');
  await page.getByTestId('transfer-to-other').click();
  for (const digit of '10000001') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('key-enter').click();
  await page.getByTestId('transfer-amount').click();
  for (const digit of '2500') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('key-enter').click();
  await page.getByTestId('transfer-continue').click();
  await atm.expectScreen('transfer_confirm');
  await expect(page.getByTestId('confirm-recipient')).toContainText('A** G*****');
  await atm.snap('transfer-confirm');
  await page.getByTestId('transfer-confirm').click();
  await atm.expectScreen('transaction_result');
  await page.getByTestId('result-menu').click();

  await page.getByTestId('menu-mini_statement').click();
  await atm.expectScreen('mini_statement');
  await expect(page.getByTestId('statement-row').first()).toHaveAttribute('data-code', /transfer|fee/);
  await atm.snap('mini-statement');
});
