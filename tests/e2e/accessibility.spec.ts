// Accessibility end to end, through the browser host against the real core: axe-core on every reachable screen
// in the normal and the high-contrast theme, a language switch in the middle of a session, the display modes on
// the root element, and headphone mode (speech per screen, never a PIN digit, one tone per key press).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/kiosk-host.ts';
import { KioskPage } from './pages/kiosk-page.ts';

const ANA = { demoCardId: 'ana', pin: '4921' };

/**
 * Rules left out, each on purpose. `meta-viewport`: the kiosk disables pinch zoom by design (DESIGN.md §5: no
 * pinch zoom on a public screen); large-text mode is how a customer gets bigger type instead.
 */
const RULES_OFF = ['meta-viewport'];

/**
 * Sits between the page and the browser host's WebSocket and can hold back what the host sends, so a screen main
 * leaves by itself (PIN check, processing, goodbye) stays on display while it is audited.
 */
class HostLink {
  private holdWhen: ((message: string) => boolean) | null = null;
  private held: (() => void)[] | null = null;

  static async attach(page: Page): Promise<HostLink> {
    const link = new HostLink();
    await page.routeWebSocket(/\/__atm-host\/ws$/, (pageSide) => {
      const hostSide = pageSide.connectToServer();
      pageSide.onMessage((message) => hostSide.send(message));
      hostSide.onMessage((message) => link.fromHost(String(message), () => pageSide.send(message)));
    });
    return link;
  }

  /** Holds everything the host sends after the next message that puts the session in `state`. */
  holdAfterState(state: string): void {
    this.holdWhen = (message) => message.includes(`"state":"${state}"`);
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    this.holdWhen = null;
    for (const deliver of held) deliver();
  }

  private fromHost(message: string, deliver: () => void): void {
    if (this.held) {
      this.held.push(deliver);
      return;
    }
    deliver();
    if (this.holdWhen?.(message)) this.held = [];
  }
}

/** Runs axe on the page as it is and records (softly, so one run reports every screen) serious and critical issues. */
async function expectAxeClean(page: Page, label: string): Promise<void> {
  const { violations, passes } = await new AxeBuilder({ page }).disableRules(RULES_OFF).analyze();
  expect(passes.length, `${label}: axe checked nothing`).toBeGreaterThan(10);
  const blocking = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect.soft(blocking, label).toEqual([]);
}

/** Audits the screen on display in both themes and leaves the theme as it found it (normal). */
async function auditScreen(atm: KioskPage, name: string): Promise<void> {
  await expectAxeClean(atm.page, `${name}, normal theme`);
  await atm.snap(`a11y-${name}`);
  await atm.setAccessibility('high-contrast', true);
  await expectAxeClean(atm.page, `${name}, high contrast`);
  await atm.snap(`a11y-${name}-high-contrast`);
  await atm.setAccessibility('high-contrast', false);
}

test('every reachable screen is axe-clean in the normal and the high-contrast theme', async ({ page, kiosk }) => {
  test.setTimeout(180_000);
  const link = await HostLink.attach(page);
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);

  await auditScreen(atm, 'welcome');

  await atm.tapDemoCard(ANA.demoCardId);
  await atm.expectScreen('pin_entry');
  await atm.typePin('12');
  await auditScreen(atm, 'pin-entry');
  await page.getByTestId('key-clear').click();

  link.holdAfterState('verifying_pin');
  await atm.enterPin(ANA.pin);
  await atm.expectScreen('verifying_pin');
  await auditScreen(atm, 'processing-pin');
  link.release();

  await atm.expectScreen('menu');
  await auditScreen(atm, 'menu');

  await page.getByTestId('menu-deposit').click();
  await atm.expectScreen('deposit_notes');
  await page.getByTestId('deposit-add-5000').click();
  await auditScreen(atm, 'deposit');
  await page.getByTestId('deposit-submit').click();
  await atm.expectScreen('transaction_result');
  await auditScreen(atm, 'transaction-result');
  await page.getByTestId('result-menu').click();

  await page.getByTestId('menu-transfer').click();
  await atm.expectScreen('transfer_details');
  await auditScreen(atm, 'transfer-details');
  await page.getByTestId('transfer-to-other').click();
  for (const digit of '20000001') await page.getByTestId(`key-${digit}`).click();
  await auditScreen(atm, 'transfer-account-number');
  await page.getByTestId('key-enter').click();
  await page.getByTestId('transfer-amount').click();
  for (const digit of '1500') await page.getByTestId(`key-${digit}`).click();
  await page.getByTestId('key-enter').click();
  await page.getByTestId('transfer-continue').click();
  await atm.expectScreen('transfer_confirm');
  await auditScreen(atm, 'transfer-confirm');
  await page.getByTestId('transfer-back').click();

  await page.getByTestId('menu-balance').click();
  await atm.expectScreen('balance');
  await auditScreen(atm, 'balance');
  await page.getByTestId('balance-menu').click();

  await page.getByTestId('menu-mini_statement').click();
  await atm.expectScreen('mini_statement');
  await auditScreen(atm, 'mini-statement');
  await page.getByTestId('statement-menu').click();

  await page.getByTestId('menu-pin_change').click();
  await atm.expectScreen('pin_change');
  await auditScreen(atm, 'pin-change');
  await page.getByTestId('pin-change-back').click();

  await page.getByTestId('menu-withdrawal').click();
  await atm.expectScreen('withdrawal_amount');
  await auditScreen(atm, 'withdrawal-amount');
  // A refusal: more than the per-withdrawal maximum, typed as "Other amount".
  await page.getByTestId('withdrawal-other').click();
  for (const digit of '600') await page.getByTestId(`key-${digit}`).click();
  await auditScreen(atm, 'withdrawal-other-amount');
  await page.getByTestId('key-enter').click();
  await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', 'LIMIT_PER_WITHDRAWAL');
  await auditScreen(atm, 'withdrawal-refused');

  link.holdAfterState('processing');
  await page.getByTestId('fast-cash-5000').click();
  await atm.expectScreen('processing');
  await auditScreen(atm, 'processing');
  link.release();
  await atm.expectScreen('take_card');
  await auditScreen(atm, 'take-card');
  await page.getByTestId('take-card').click();
  await atm.expectScreen('take_cash');
  await auditScreen(atm, 'take-cash');
  link.holdAfterState('goodbye');
  await page.getByTestId('take-cash').click();
  await atm.expectScreen('goodbye');
  await auditScreen(atm, 'goodbye');
  link.release();
  await atm.expectScreen('idle');

  link.holdAfterState('card_refused');
  await atm.tapDemoCard('ben-blocked');
  await atm.expectScreen('card_refused');
  await auditScreen(atm, 'card-refused');
  link.release();
  await atm.expectScreen('idle');

  await atm.tapDemoCard(ANA.demoCardId);
  for (const attempt of [1, 2]) {
    await atm.enterPin('1111');
    await expect(page.getByTestId('pin-error'), `attempt ${attempt}`).toBeVisible();
  }
  await auditScreen(atm, 'pin-incorrect');
  link.holdAfterState('card_retained');
  await atm.enterPin('1111');
  await atm.expectScreen('card_retained');
  await auditScreen(atm, 'card-retained');
  link.release();
  await atm.expectScreen('idle');
});

test('the language can change mid-session; the session goes on, and the next one starts in English', async ({
  page,
  kiosk,
}) => {
  const atm = new KioskPage(page);
  await atm.open(kiosk.url);
  await expect(atm.title()).toHaveText('Welcome — insert your card');
  for (const [language, name] of [
    ['en', 'English'],
    ['es', 'Español'],
    ['fr', 'Français'],
  ] as const) {
    await expect(page.getByTestId(`language-${language}`)).toHaveText(name);
  }

  // Chosen on the welcome screen, the language carries into the session.
  await atm.chooseLanguage('es');
  await expect(atm.title()).toHaveText('Bienvenido — introduzca su tarjeta');
  await atm.tapDemoCard(ANA.demoCardId);
  await expect(atm.title()).toHaveText('Introduzca su PIN');
  await atm.enterPin(ANA.pin);
  await atm.expectScreen('menu');
  await expect(atm.title()).toHaveText('¿Qué operación desea realizar?');
  await expect(page.getByTestId('menu-withdrawal')).toHaveText('Retirar efectivo');

  await page.getByTestId('menu-balance').click();
  await atm.expectScreen('balance');
  // Spanish groups thousands only from five digits on: 1250,00 € but 12.500,00 €.
  await expect(page.getByTestId('balance-account').first()).toContainText(/1250,00\s€/);

  // Switched mid-session: same screen, same session, new words and number formats.
  await atm.chooseLanguage('fr');
  await atm.expectScreen('balance');
  await expect(atm.title()).toHaveText('Votre solde');
  await expect(page.getByTestId('balance-account').first()).toContainText(/1\s250,00\s€/);
  await page.getByTestId('balance-menu').click();
  await atm.expectScreen('menu');
  await expect(page.getByTestId('menu-withdrawal')).toHaveText('Retrait d’espèces');
  await expect(page.getByTestId('menu-exit')).toHaveText('Quitter');

  await page.getByTestId('menu-exit').click();
  await atm.expectScreen('take_card');
  await expect(atm.title()).toHaveText('Veuillez reprendre votre carte');
  await page.getByTestId('take-card').click();
  await atm.expectScreen('idle');
  await expect(atm.title()).toHaveText('Welcome — insert your card');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');
});

test('high contrast and large text switch the root attributes and end with the session', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  const html = page.locator('html');
  const rootFontPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await atm.open(kiosk.url);
  await expect(html).toHaveAttribute('data-contrast', 'normal');
  await expect(html).toHaveAttribute('data-text-size', 'normal');
  const normalFontPx = await rootFontPx();

  await atm.tapDemoCard(ANA.demoCardId);
  await atm.setAccessibility('high-contrast', true);
  await expect(html).toHaveAttribute('data-contrast', 'high');
  await expect(html).toHaveCSS('background-color', 'rgb(0, 0, 0)');
  await atm.setAccessibility('large-text', true);
  await expect(html).toHaveAttribute('data-text-size', 'large');
  expect((await rootFontPx()) / normalFontPx).toBeCloseTo(1.4, 1);
  await new KioskPage(page).snap('a11y-pin-entry-large-high-contrast');

  // The modes stay on from screen to screen within the session.
  await atm.enterPin(ANA.pin);
  await atm.expectScreen('menu');
  await expect(html).toHaveAttribute('data-contrast', 'high');
  await expect(html).toHaveAttribute('data-text-size', 'large');
  await new KioskPage(page).snap('a11y-menu-large-high-contrast');
  await atm.setAccessibility('high-contrast', false);
  await expect(html).toHaveAttribute('data-contrast', 'normal');
  await expect(html).toHaveCSS('background-color', 'rgb(10, 26, 51)');
  await atm.setAccessibility('high-contrast', true);

  await page.getByTestId('menu-exit').click();
  await page.getByTestId('take-card').click();
  await atm.expectScreen('idle');
  await expect(html).toHaveAttribute('data-contrast', 'normal');
  await expect(html).toHaveAttribute('data-text-size', 'normal');
  await expect(page.getByTestId('a11y-high-contrast')).toHaveAttribute('aria-pressed', 'false');
});

test('large text keeps every button inside the screen at 1280×800 and 1920×1080', async ({ page, kiosk }) => {
  const atm = new KioskPage(page);
  /** Buttons cut off at the sides, or text spilling out of its button: what "breaking the layout" looks like. */
  const brokenButtons = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((button) => {
          const box = button.getBoundingClientRect();
          return box.left < 0 || box.right > window.innerWidth + 1 || button.scrollWidth > button.clientWidth + 2;
        })
        .map((button) => button.dataset.testid ?? button.textContent),
    );
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    const check = async (screen: string) => {
      await atm.expectScreen(screen);
      expect.soft(await brokenButtons(), `${screen} at ${viewport.width}`).toEqual([]);
      await new KioskPage(page).snap(`a11y-${screen}-large-${viewport.width}`);
    };
    await page.setViewportSize(viewport);
    await atm.open(kiosk.url);
    await atm.setAccessibility('large-text', true);
    await atm.chooseLanguage('fr'); // the longest labels
    await check('idle');
    await atm.tapDemoCard(ANA.demoCardId);
    await check('pin_entry');
    await atm.enterPin(ANA.pin);
    await check('menu');
    for (const [transaction, screen, back] of [
      ['withdrawal', 'withdrawal_amount', 'withdrawal-back'],
      ['deposit', 'deposit_notes', 'deposit-back'],
      ['transfer', 'transfer_details', 'transfer-back'],
      ['balance', 'balance', 'balance-menu'],
      ['mini_statement', 'mini_statement', 'statement-menu'],
      ['pin_change', 'pin_change', 'pin-change-back'],
    ] as const) {
      await page.getByTestId(`menu-${transaction}`).click();
      await check(screen);
      await page.getByTestId(back).click();
      await atm.expectScreen('menu');
    }
    await page.getByTestId('menu-exit').click();
    await check('take_card');
    await page.getByTestId('take-card').click();
    await atm.expectScreen('idle');
  }
});

/** What the stubbed speech and audio APIs saw, kept on `window` by the init script below. */
type SpeechLog = {
  readonly utterances: { readonly text: string; readonly lang: string; readonly screen: string }[];
  readonly cancels: number;
  readonly tonesHz: number[];
};

/** Stands in for speechSynthesis and AudioContext before the app loads, recording every call. */
function stubSpeechAndAudio(): void {
  const log: SpeechLog = { utterances: [], cancels: 0, tonesHz: [] };
  Object.assign(window, { speechLog: log });
  class RecordedUtterance {
    text: string;
    lang = '';
    constructor(text: string) {
      this.text = text;
    }
  }
  const synthesis = {
    speak(utterance: RecordedUtterance) {
      const screen = document.querySelector('main[data-screen]')?.getAttribute('data-screen') ?? '';
      log.utterances.push({ text: utterance.text, lang: utterance.lang, screen });
    },
    cancel() {
      (log as { cancels: number }).cancels += 1;
    },
    getVoices: () => [],
    pause() {},
    resume() {},
    speaking: false,
    pending: false,
    paused: false,
  };
  class RecordedAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume() {
      return Promise.resolve();
    }
    createGain() {
      const param = { value: 1, setValueAtTime() {}, exponentialRampToValueAtTime() {}, linearRampToValueAtTime() {} };
      return { gain: param, connect: (next: unknown) => next, disconnect() {} };
    }
    createOscillator() {
      const frequency = {
        value: 440,
        setValueAtTime(value: number) {
          frequency.value = value;
        },
      };
      return {
        type: 'sine',
        frequency,
        connect: (next: unknown) => next,
        disconnect() {},
        start() {
          log.tonesHz.push(frequency.value);
        },
        stop() {},
      };
    }
  }
  Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: RecordedUtterance, configurable: true });
  Object.defineProperty(window, 'AudioContext', { value: RecordedAudioContext, configurable: true });
}

test('headphone mode reads each screen, never a PIN digit, and beeps the same tone for every key', async ({
  page,
  kiosk,
}) => {
  await page.addInitScript(stubSpeechAndAudio);
  const atm = new KioskPage(page);
  const speechLog = () => page.evaluate(() => (window as unknown as { speechLog: SpeechLog }).speechLog);
  const spokenOn = async (screen: string) =>
    (await speechLog()).utterances.filter((utterance) => utterance.screen === screen);
  await atm.open(kiosk.url);

  await atm.setAccessibility('speech', true);
  await expect.poll(async () => (await spokenOn('idle')).map((u) => u.text)).toContain('Welcome — insert your card');

  await atm.tapDemoCard(ANA.demoCardId);
  await atm.expectScreen('pin_entry');
  await expect.poll(async () => (await spokenOn('pin_entry')).map((u) => u.text)).toContain('Enter your PIN');
  const tonesBefore = (await speechLog()).tonesHz.length;
  // Three digits by touch, the last on the physical keypad, then Enter by touch.
  for (const digit of ANA.pin.slice(0, 3)) await page.getByTestId(`key-${digit}`).click();
  await page.keyboard.press(ANA.pin.slice(3));
  await page.getByTestId('key-enter').click();
  await atm.expectScreen('menu');

  const menuButtons = await page.locator('main button').allTextContents();
  await expect
    .poll(async () => (await spokenOn('menu')).map((u) => u.text))
    .toEqual(['What would you like to do?', ...menuButtons]);

  const log = await speechLog();
  // One tone per key press, all alike, so nothing audible tells the digits apart.
  expect(log.tonesHz.slice(tonesBefore)).toHaveLength(ANA.pin.length + 1);
  expect(new Set(log.tonesHz).size).toBe(1);
  // Nothing said during PIN entry has a digit in it, and nothing said at all holds the PIN.
  const onPinEntry = log.utterances.filter((utterance) => utterance.screen === 'pin_entry');
  expect(onPinEntry.length).toBeGreaterThan(0);
  for (const { text } of onPinEntry) expect(text, 'spoken on PIN entry').not.toMatch(/[0-9]/);
  for (const { text } of log.utterances) expect(text).not.toContain(ANA.pin);
  expect(new Set(log.utterances.map((utterance) => utterance.lang))).toEqual(new Set(['en-GB']));

  // Repeat on demand (the `*` key and the button), and any other key interrupts.
  const spokenCount = log.utterances.length;
  await page.keyboard.press('*');
  await expect.poll(async () => (await speechLog()).utterances.length).toBe(spokenCount + menuButtons.length + 1);
  const cancels = (await speechLog()).cancels;
  await page.keyboard.press('Shift');
  expect((await speechLog()).cancels).toBeGreaterThan(cancels);
  await page.getByTestId('a11y-repeat').click();
  await expect.poll(async () => (await speechLog()).utterances.length).toBe(spokenCount + 2 * (menuButtons.length + 1));

  // A language switch is read again, in the new language.
  await atm.chooseLanguage('es');
  await expect
    .poll(async () => (await speechLog()).utterances.filter((u) => u.lang === 'es-ES').map((u) => u.text))
    .toContain('¿Qué operación desea realizar?');
});
