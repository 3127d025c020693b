// Page object for the customer screens: what a customer does, in the words of the product.
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';

export class KioskPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible();
  }

  screen(state: string) {
    return this.page.locator(`main[data-screen="${state}"]`);
  }

  async expectScreen(state: string) {
    await expect(this.screen(state)).toBeVisible();
  }

  async tapDemoCard(demoCardId: string) {
    await this.page.getByTestId(`demo-card-${demoCardId}`).click();
  }

  async typePin(pin: string) {
    for (const digit of pin) await this.page.getByTestId(`key-${digit}`).click();
  }

  async enterPin(pin: string) {
    await this.typePin(pin);
    await this.page.getByTestId('key-enter').click();
  }

  /** Withdrawal amount screen: "Other amount", whole units on the keypad, Enter. */
  async withdrawOtherAmount(units: string) {
    await this.page.getByTestId('withdrawal-other').click();
    for (const digit of units) await this.page.getByTestId(`key-${digit}`).click();
    await this.page.getByTestId('key-enter').click();
  }

  /** Card first, then the cash, as the kiosk presents them; ends on the goodbye screen. */
  async takeCardAndCash() {
    await this.expectScreen('take_card');
    await this.page.getByTestId('take-card').click();
    await this.expectScreen('take_cash');
    await this.page.getByTestId('take-cash').click();
    await this.expectScreen('goodbye');
  }

  /** The line shown over every screen while the bank cannot be reached (the kiosk stands in for it). */
  offlineNotice() {
    return this.page.getByTestId('offline-notice');
  }

  /** Taps a language in the bar above every screen (`en`, `es`, `fr`). */
  async chooseLanguage(language: string) {
    const button = this.page.getByTestId(`language-${language}`);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
  }

  /** Sets an accessibility toggle of the bar (`high-contrast`, `large-text`, `speech`) to `on`. */
  async setAccessibility(mode: 'high-contrast' | 'large-text' | 'speech', on: boolean) {
    const toggle = this.page.getByTestId(`a11y-${mode}`);
    if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', String(on));
  }

  /**
   * Saves a screenshot of the screen as it is now into one folder for the whole run,
   * `<outputDir>/screenshots/<name>.png`, so every screen can be reviewed side by side.
   */
  async snap(name: string) {
    await this.page.screenshot({ path: join(test.info().project.outputDir, 'screenshots', `${name}.png`) });
  }

  /** The screen's <h1>, which names it in the session's language. */
  title() {
    return this.page.locator('main h1').first();
  }
}
