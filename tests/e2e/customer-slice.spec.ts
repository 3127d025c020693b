// The first customer slice end to end: card → PIN → balance → exit, lockout across a host restart, the
// keyboard-wedge stripe reader, and the PIN staying out of the page and off the disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/kiosk-host.ts';
import { KioskPage } from './pages/kiosk-page.ts';

const ANA = { demoCardId: 'ana', pan: '4000001234567899', pin: '4921' };
const CHLOE = { demoCardId: 'chloe', pan: '4000004567890128', pin: '618402' };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('a customer checks the balance with a good PIN and exits', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  await atm.snap('welcome');

  await atm.tapDemoCard(ANA.demoCardId);
  await atm.expectScreen('pin_entry');
  await expect(page.getByTestId('masked-pan')).toContainText('7899');
  await atm.typePin(ANA.pin);
  await atm.snap('pin-entry');
  await page.getByTestId('key-enter').click();

  await atm.expectScreen('menu');
  await atm.snap('menu');
  await page.getByTestId('menu-balance').click();

  await atm.expectScreen('balance');
  const accounts = page.getByTestId('balance-account');
  await expect(accounts).toHaveCount(2);
  await expect(accounts.first()).toContainText('1,250.00');
  await expect(accounts.nth(1)).toContainText('8,400.00');
  await atm.snap('balance');

  await page.getByTestId('balance-done').click();
  await atm.expectScreen('take_card');
  await atm.snap('take-card');
  await page.getByTestId('take-card').click();
  await atm.expectScreen('goodbye');
  await atm.snap('goodbye');
  await atm.expectScreen('idle');
});

test('three wrong PINs retain the card, and it stays retained after the host restarts', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  await atm.tapDemoCard(ANA.demoCardId);

  for (const attempt of [1, 2]) {
    await atm.enterPin('1111');
    await expect(page.getByTestId('pin-error'), `attempt ${attempt}`).toBeVisible();
    await atm.expectScreen('pin_entry');
  }
  await atm.enterPin('1111');
  await atm.expectScreen('card_retained');
  await atm.snap('card-retained');

  await kiosk.restart();
  await atm.open(kiosk.url);
  await atm.tapDemoCard(ANA.demoCardId);
  await atm.expectScreen('card_refused');
  await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', 'CARD_RETAINED');
  await atm.snap('card-refused');
});

test('a blocked card and an expired card are refused before any PIN', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  for (const [demoCardId, code] of [
    ['ben-blocked', 'CARD_BLOCKED'],
    ['chloe-expired', 'CARD_EXPIRED'],
  ] as const) {
    await atm.tapDemoCard(demoCardId);
    await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', code);
    await atm.expectScreen('idle');
  }
});

test('a keyboard-wedge stripe reader inserts the card with track 2 and Enter', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  await page.keyboard.type(`;${ANA.pan}=29121010000000000000?`);
  await page.keyboard.press('Enter');
  await atm.expectScreen('pin_entry');
  await expect(page.getByTestId('masked-pan')).toContainText('7899');
  await expect(page.locator('body')).not.toContainText(ANA.pan);
});

test('pressing a PIN digit never puts that digit in the page', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  await atm.tapDemoCard(CHLOE.demoCardId);
  await atm.expectScreen('pin_entry');

  // Everything but the keypad's own labels: the page's text, every attribute, every form value.
  const pageOutsideKeypad = () =>
    page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('[data-testid^="key-"]').forEach((key) => key.remove());
      const values = [...document.querySelectorAll('input, textarea')].map((field) => (field as HTMLInputElement).value);
      return `${clone.outerHTML}\n${values.join('\n')}`;
    });

  for (const digit of '0123456789') {
    await page.getByTestId('key-clear').click();
    const before = await pageOutsideKeypad();
    await page.getByTestId(`key-${digit}`).click();
    await expect(page.locator('[data-testid="pin-dots"] [data-filled="true"]')).toHaveCount(1);
    const after = await pageOutsideKeypad();
    const count = (html: string) => html.split(digit).length;
    expect(count(after), `digit ${digit} appeared in the page`).toBe(count(before));
    await expect(page.getByTestId('pin-dots')).not.toContainText(digit);
  }
  // The physical keypad too.
  await page.getByTestId('key-clear').click();
  const before = await pageOutsideKeypad();
  await page.keyboard.press('7');
  await expect(page.locator('[data-testid="pin-dots"] [data-filled="true"]')).toHaveCount(1);
  expect((await pageOutsideKeypad()).split('7').length).toBe(before.split('7').length);
});

test('after a session the PIN and card number appear in no file under the data dir and in no log', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  await atm.tapDemoCard(CHLOE.demoCardId);
  await atm.enterPin('618403'); // a wrong one first, so the failure path is covered too
  await expect(page.getByTestId('pin-error')).toBeVisible();
  await atm.enterPin(CHLOE.pin);
  await atm.expectScreen('menu');
  await page.getByTestId('menu-balance').click();
  await atm.expectScreen('balance');
  await page.getByTestId('balance-done').click();
  await page.getByTestId('take-card').click();
  await atm.expectScreen('idle');
  await kiosk.restart(); // checkpoints the WAL on close, then the files are read as they are on disk

  const files = filesUnder(kiosk.dataDir);
  expect(files.some((file) => file.endsWith('kiosk.db'))).toBe(true);
  expect(files.some((file) => file.endsWith('kiosk.log'))).toBe(true);
  for (const secret of [CHLOE.pin, '618403', CHLOE.pan]) {
    for (const file of files) {
      expect(readFileSync(file).includes(Buffer.from(secret)), `${secret.length}-digit secret found in ${file}`).toBe(false);
    }
    expect(kiosk.output.join('').includes(secret), 'secret found in the host output').toBe(false);
  }
});
