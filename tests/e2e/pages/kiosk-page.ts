// Page object for the customer screens: what a customer does, in the words of the product.
import { type Page, expect } from '@playwright/test';

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
}
