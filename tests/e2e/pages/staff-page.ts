// Page object for the staff maintenance mode: what a branch staff member does, in the words of the product. Codes
// come from the demo authenticator secrets through `otpauth`, one TOTP step per login (main refuses a replayed step).
import { type Locator, type Page, expect } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import type { KioskPage } from './kiosk-page.ts';

export type StaffAccount = { readonly staffId: string; password: string; readonly totpSecretBase32: string | null };

const STEP_MS = 30_000;
/** How long the corner must be held (renderer/staff/use-corner-hold.ts), with room for a slow frame. */
const CORNER_HOLD_WAIT_MS = 6_000;

export function totpCode(secretBase32: string, step: number): string {
  return new TOTP({
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: 6,
    period: STEP_MS / 1000,
  }).generate({
    timestamp: step * STEP_MS,
  });
}

/** A code that no step within main's window (±1 step, and the next step in case the clock turns) accepts. */
export function wrongCode(secretBase32: string): string {
  const step = Math.floor(Date.now() / STEP_MS);
  const valid = new Set([-1, 0, 1, 2].map((offset) => totpCode(secretBase32, step + offset)));
  return ['000000', '111111', '222222', '333333', '444444'].find((code) => !valid.has(code)) ?? '555555';
}

export class StaffPage {
  readonly page: Page;
  readonly kiosk: KioskPage;
  /** The last TOTP step used per staff id: each login takes a later one. */
  private readonly lastStep = new Map<string, number>();

  constructor(kiosk: KioskPage) {
    this.kiosk = kiosk;
    this.page = kiosk.page;
  }

  root(): Locator {
    return this.page.getByTestId('staff-root');
  }

  async expectScreen(name: string) {
    await expect(this.page.locator(`[data-staff-screen="${name}"]`)).toBeVisible();
  }

  /** Press and hold the bottom-left corner until the staff login opens, then let go. */
  async holdCorner() {
    const viewport = this.page.viewportSize() ?? { width: 1280, height: 800 };
    await this.page.mouse.move(24, viewport.height - 24);
    await this.page.mouse.down();
    await expect(this.page.getByTestId('staff-login')).toBeVisible({ timeout: CORNER_HOLD_WAIT_MS });
    await this.page.mouse.up();
  }

  /** Types into the focused field on the on-screen keyboard (letters, digits, capitals via Shift, symbols). */
  async typeOnScreen(text: string) {
    const symbols = this.page.getByTestId('osk-symbols');
    for (const character of text) {
      const plain = /[a-z0-9]/i.test(character);
      // The numeric layout has no symbol keys to switch to.
      if ((await symbols.count()) > 0 && (await symbols.getAttribute('aria-pressed')) !== String(!plain))
        await symbols.click();
      if (/[A-Z]/.test(character)) await this.page.getByTestId('osk-shift').click();
      await this.page.getByTestId(`osk-${character}`).click();
    }
  }

  /** A code for a step after the last one this staff member used; waits for the clock when the window is used up. */
  async nextCode(account: StaffAccount): Promise<string> {
    if (!account.totpSecretBase32) return '';
    const used = this.lastStep.get(account.staffId) ?? 0;
    let current = Math.floor(Date.now() / STEP_MS);
    // Main accepts one step of drift each way: the step after the current one is still good.
    while (used + 1 > current + 1) {
      await this.page.waitForTimeout(current * STEP_MS + STEP_MS - Date.now() + 200);
      current = Math.floor(Date.now() / STEP_MS);
    }
    const step = Math.max(current, used + 1);
    this.lastStep.set(account.staffId, step);
    return totpCode(account.totpSecretBase32, step);
  }

  /** Fills the login panel: the staff id on the on-screen keyboard, the rest from a connected keyboard. */
  async submitLogin(staffId: string, password: string, code: string) {
    await this.page.getByTestId('staff-login-id').click();
    await this.typeOnScreen(staffId);
    await this.page.getByTestId('staff-login-password').fill(password);
    await this.page.getByTestId('staff-login-totp').fill(code);
    await this.page.getByTestId('staff-login-submit').click();
  }

  async login(account: StaffAccount) {
    await this.holdCorner();
    await this.submitLogin(account.staffId, account.password, await this.nextCode(account));
  }

  /** First login of a seeded account: the forced password change, then the staff home. */
  async firstLogin(account: StaffAccount, newPassword: string) {
    await this.login(account);
    await this.expectScreen('password');
    await this.changePassword(account.password, newPassword);
    account.password = newPassword;
  }

  async changePassword(current: string, next: string, again = next) {
    await this.page.getByTestId('staff-password-current').fill(current);
    await this.page.getByTestId('staff-password-new').fill(next);
    await this.page.getByTestId('staff-password-again').fill(again);
    await this.page.getByTestId('staff-password-submit').click();
  }

  async open(screen: string) {
    await this.page.getByTestId(`staff-menu-${screen}`).click();
    await this.expectScreen(screen);
  }

  async home() {
    await this.page.getByTestId('staff-home').click();
    await this.expectScreen('home');
  }

  async logout() {
    await this.page.getByTestId('staff-logout').click();
    await expect(this.root()).toBeHidden();
  }

  /**
   * On the retract refunds screen: opens the refund of the partial retract with this STAN and types the whole
   * currency units counted in the retract bin on the on-screen numeric keyboard.
   */
  async enterRefund(stan: string, units: string) {
    await this.page.getByTestId(`refund-choose-${stan}`).click();
    await this.page.getByTestId('refund-amount').click();
    await expect(this.page.getByTestId('keyboard-dock')).toBeVisible();
    await this.typeOnScreen(units);
  }

  /** Refunds the partial retract with this STAN by the counted whole units. */
  async refundRetract(stan: string, units: string) {
    await this.enterRefund(stan, units);
    await this.page.getByTestId('refund-submit').click();
  }

  /** On the staff accounts screen: binds a staff card to an account, its number typed on the on-screen keyboard. */
  async bindStaffCard(staffId: string, pan: string) {
    await this.page.getByTestId(`account-bind-${staffId}`).click();
    await this.page.getByTestId('card-number').click();
    await expect(this.page.getByTestId('keyboard-dock')).toBeVisible();
    await this.typeOnScreen(pan);
    await this.page.getByTestId('account-bind-submit').click();
    await expect(this.page.getByTestId('account-card-bound')).toBeVisible();
  }

  /** A keyboard-wedge stripe reader: types track 2 and presses Enter. */
  async swipeCard(pan: string, expiresYymm = '3012') {
    await this.page.keyboard.type(`;${pan}=${expiresYymm}1010000000000?`);
    await this.page.keyboard.press('Enter');
  }

  error(): Locator {
    return this.page.getByTestId('staff-error');
  }

  /** Types into a field by test id (a connected keyboard). */
  async fill(testId: string, value: string) {
    await this.page.getByTestId(testId).fill(value);
  }
}
