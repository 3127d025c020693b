// The branch staff maintenance mode end to end in Chromium through the browser host and the real core: entry by the
// corner hold, the forced password change, a wrong authenticator code, the lockout, auto-exit when idle, and every
// staff function — dashboard, replenishment, day totals, retained cards, retract refunds, PIN attempts, enrolment (the
// customer types the PIN; the new card then works), journal, service switch, test dispense, device faults, settings
// and staff accounts with authenticator enrolment. Each staff screen it reaches is saved to <outputDir>/screenshots.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/kiosk-host.ts';
import { KioskPage } from './pages/kiosk-page.ts';
import { type StaffAccount, StaffPage, totpCode, wrongCode } from './pages/staff-page.ts';

/** The demo staff (electron/demo/seed-demo-staff.ts): initial passwords and authenticator secrets. */
function supervisor(): StaffAccount {
  return {
    staffId: 'supervisor1',
    password: 'Kiosk-Demo-Supervisor-7Q',
    totpSecretBase32: 'NLJ7LFFCZL67YGO4SSCZANSCEK4H3ZUQ',
  };
}
function operator(): StaffAccount {
  return {
    staffId: 'operator1',
    password: 'Kiosk-Demo-Operator-4M',
    totpSecretBase32: 'HMXEBLEPHVEPCSWYYOVLDIGOONG63LLF',
  };
}
const NEW_PASSWORD = 'Branch-Till-Walnut-2026';

/** Demo cards (electron/demo/demo-data.ts). */
const ANA = { demoCardId: 'ana', pan: '4000001234567899', pin: '4921' };
const BEN = { demoCardId: 'ben', pan: '4000002345678906', pin: '7305' };
/** A number for a staff card: Luhn-valid, and no demo customer's (tests/support/staff-requests.ts STAFF_CARD_PAN). */
const STAFF_CARD = { pan: '4000001111222238' };

async function supervisorHome(atm: KioskPage, url: string): Promise<{ staff: StaffPage; account: StaffAccount }> {
  const staff = new StaffPage(atm);
  const account = supervisor();
  await atm.open(url);
  await staff.firstLogin(account, NEW_PASSWORD);
  await staff.expectScreen('home');
  return { staff, account };
}

/** Serious and critical axe findings on the page as it is (pinch zoom stays off by design, as in accessibility.spec). */
async function expectAxeClean(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).disableRules(['meta-viewport']).analyze();
  const blocking = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect.soft(blocking, label).toEqual([]);
}

test('staff screens are axe-clean in both themes and follow the language and display choices', async ({
  page,
  kiosk,
}) => {
  const atm = new KioskPage(page);
  const staff = new StaffPage(atm);
  await atm.open(kiosk.url);
  await staff.holdCorner();
  await expectAxeClean(page, 'login');
  await staff.submitLogin('supervisor1', supervisor().password, await staff.nextCode(supervisor()));
  await staff.expectScreen('password');
  await expectAxeClean(page, 'password change');
  await staff.changePassword(supervisor().password, NEW_PASSWORD);
  await staff.expectScreen('home');
  for (const screen of ['dashboard', 'replenishment', 'journal', 'settings', 'devices']) {
    await staff.open(screen);
    await expect(page.getByTestId('staff-loading')).toBeHidden();
    await expectAxeClean(page, screen);
    await atm.setAccessibility('high-contrast', true);
    await expectAxeClean(page, `${screen}, high contrast`);
    await atm.setAccessibility('high-contrast', false);
    await staff.home();
  }
  await atm.setAccessibility('high-contrast', true);
  await atm.setAccessibility('large-text', true);
  await staff.open('dashboard');
  await atm.snap('staff-dashboard-high-contrast-large-text');
  await atm.setAccessibility('high-contrast', false);
  await atm.setAccessibility('large-text', false);
  await atm.chooseLanguage('es');
  await expect(page.getByTestId('staff-band')).toContainText('MANTENIMIENTO');
  await atm.snap('staff-dashboard-es');
});

test.describe('entry and access', () => {
  test('the corner hold opens the login; the initial password must be changed first; the supervisor sees every function', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    const staff = new StaffPage(atm);
    const account = supervisor();
    await atm.open(kiosk.url);
    await staff.holdCorner();
    await staff.expectScreen('login');
    await expect(page.getByTestId('staff-login-password')).toHaveAttribute('type', 'password');
    await expect(page.getByTestId('staff-login-password')).toHaveAttribute('autocomplete', 'off');
    await expect(page.getByTestId('staff-login-password')).toHaveAttribute('spellcheck', 'false');
    await page.getByTestId('staff-login-id').click();
    await expect(page.getByTestId('osk')).toBeVisible();
    await atm.snap('staff-login');

    await staff.submitLogin(account.staffId, account.password, await staff.nextCode(account));
    await staff.expectScreen('password');
    await atm.snap('staff-password-change');
    // Too short is kept off by the form; too common is main's refusal.
    await staff.changePassword(account.password, 'password1234');
    await expect(staff.error()).toHaveAttribute('data-code', 'STAFF_PASSWORD_POLICY');
    await staff.changePassword(account.password, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    await expect(staff.error()).toHaveAttribute('data-code', 'mismatch');
    await staff.changePassword(account.password, NEW_PASSWORD);
    await staff.expectScreen('home');
    await expect(page.getByTestId('staff-who')).toHaveAttribute('data-role', 'supervisor');
    await expect(page.getByTestId('staff-idle')).toContainText(/[12]:\d\d/);
    for (const screen of [
      'dashboard',
      'replenishment',
      'dayTotals',
      'testDispense',
      'retainedCards',
      'retractRefunds',
      'resetPin',
      'enrolment',
      'journal',
      'service',
      'devices',
      'settings',
      'sync',
      'staffAccounts',
    ]) {
      await expect(page.getByTestId(`staff-menu-${screen}`)).toBeVisible();
    }
    await atm.snap('staff-home-supervisor');
    await staff.logout();
    await atm.expectScreen('idle');
  });

  test('an operator sees the cash functions only', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    const staff = new StaffPage(atm);
    await atm.open(kiosk.url);
    await staff.firstLogin(operator(), NEW_PASSWORD);
    await staff.expectScreen('home');
    await expect(page.locator('[data-testid^="staff-menu-"]')).toHaveCount(4);
    for (const screen of ['dashboard', 'replenishment', 'dayTotals', 'testDispense'])
      await expect(page.getByTestId(`staff-menu-${screen}`)).toBeVisible();
    await atm.snap('staff-home-operator');
  });

  test('a wrong authenticator code is refused', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    const staff = new StaffPage(atm);
    const account = supervisor();
    await atm.open(kiosk.url);
    await staff.holdCorner();
    await staff.submitLogin(account.staffId, account.password, wrongCode(account.totpSecretBase32 ?? ''));
    await expect(staff.error()).toHaveAttribute('data-code', 'STAFF_AUTH_FAILED');
    await expect(page.getByTestId('staff-login-totp')).toHaveValue('');
    await expect(page.getByTestId('staff-login-password')).toHaveValue('');
    await atm.snap('staff-login-refused');
    await page.getByTestId('staff-login-cancel').click();
    await atm.expectScreen('idle');
  });

  test('five failures lock the staff id, even for the right credentials', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    const staff = new StaffPage(atm);
    const account = supervisor();
    await atm.open(kiosk.url);
    await staff.holdCorner();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByTestId('staff-login-id').fill(account.staffId);
      await page.getByTestId('staff-login-password').fill(`wrong-password-${attempt}`);
      await page.getByTestId('staff-login-totp').fill(wrongCode(account.totpSecretBase32 ?? ''));
      await page.getByTestId('staff-login-submit').click();
      await expect(staff.error()).toHaveAttribute('data-code', attempt < 5 ? 'STAFF_AUTH_FAILED' : 'STAFF_LOCKED');
    }
    await page.getByTestId('staff-login-password').fill(account.password);
    await page.getByTestId('staff-login-totp').fill(await staff.nextCode(account));
    await page.getByTestId('staff-login-submit').click();
    await expect(staff.error()).toHaveAttribute('data-code', 'STAFF_LOCKED');
    await atm.snap('staff-login-locked');
  });

  test.describe('with a short idle timeout', () => {
    // Two minutes by default; shortened here so the test does not wait them out.
    test.use({ hostOptions: { settings: { staffIdleTimeoutMs: 20_000 } } });

    test('the staff session ends by itself after the idle timeout without a touch', async ({ page, kiosk }) => {
      const atm = new KioskPage(page);
      await supervisorHome(atm, kiosk.url);
      await expect(page.getByTestId('staff-idle')).toContainText(/0:[01]\d/);
      await expect(page.locator('main[data-screen="idle"]')).toBeVisible({ timeout: 30_000 });
    });
  });
});

test.describe('functions', () => {
  test('dashboard: cassettes, cash account, sync, devices and the journal', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('dashboard');
    await expect(page.getByTestId('dashboard-cassettes').locator('tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('dashboard-cash-matches')).not.toHaveAttribute('data-flagged', 'true');
    await expect(page.getByTestId('dashboard-sync-mode')).toBeVisible();
    await expect(page.getByTestId('device-state-dispenser')).toBeVisible();
    await expect(page.getByTestId('dashboard-journal').locator('[data-kind="staff.login"]').first()).toBeVisible();
    await atm.snap('staff-dashboard');
  });

  test('replenishment: Cassette Total, counted notes (a short is flagged), Add Cash by note count, Trial Cassette Total', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('replenishment');
    await expect(page.getByTestId('replenishment')).toHaveAttribute('data-step', '1');
    await atm.snap('staff-replenishment-1-total');
    await page.getByTestId('cassette-total').click();
    await expect(page.getByTestId('replenishment')).toHaveAttribute('data-step', '2');
    await expect(page.getByTestId('cassette-total-result')).toBeVisible();
    // The report went to the receipt printer after the total: the browser host's saves it in <dataDir>/receipts.
    await expect(page.getByTestId('cassette-total-printout')).toContainText('Report printed');
    expect(
      readdirSync(join(kiosk.dataDir, 'receipts')).filter((name) => name.startsWith('cassette-total-')),
    ).toHaveLength(1);

    // One €10 note short in cassette 1 (the demo loads 500 × €10, 500 × €20, 300 × €50).
    await page.getByTestId('count-notes-1').click();
    await staff.typeOnScreen('499');
    await staff.fill('count-notes-2', '500');
    await staff.fill('count-notes-3', '300');
    await atm.snap('staff-replenishment-2-count');
    await page.getByTestId('count-submit').click();
    await expect(page.getByTestId('count-result')).toHaveAttribute('data-flagged', 'true');
    await expect(page.getByTestId('count-result')).toHaveAttribute('data-variance', '-1000');
    await expect(page.getByTestId('replenishment')).toHaveAttribute('data-step', '3');

    for (const [position, notes] of [
      ['1', '600'],
      ['2', '400'],
      ['3', '200'],
    ] as const)
      await staff.fill(`load-notes-${position}`, notes);
    await atm.snap('staff-replenishment-3-load');
    await page.getByTestId('load-submit').click();
    await expect(page.getByTestId('load-result')).toBeVisible();
    await expect(page.getByTestId('replenishment')).toHaveAttribute('data-step', '4');
    await page.getByTestId('trial-cassette-total').click();
    await expect(page.getByTestId('trial-result')).toHaveAttribute('data-matches', 'true');
    await expect(page.getByTestId('trial-printout')).toContainText('Report printed');
    await expect(page.getByTestId('trial-result')).not.toHaveAttribute('data-closed', '');
    await expect(page.getByTestId('trial-cassettes-1')).toHaveAttribute('data-count', '600');
    await atm.snap('staff-replenishment-4-trial');
  });

  test.describe('with dual control', () => {
    test.use({ hostOptions: { settings: { staffDualControl: true } } });

    test('a count needs a second staff member: refused alone, accepted with the operator confirming', async ({
      page,
      kiosk,
    }) => {
      const atm = new KioskPage(page);
      const staff = new StaffPage(atm);
      const confirmer = operator();
      await atm.open(kiosk.url);
      // The operator finishes set-up first: a confirmer with an initial password is refused.
      await staff.firstLogin(confirmer, NEW_PASSWORD);
      await staff.logout();
      await staff.firstLogin(supervisor(), NEW_PASSWORD);
      await staff.open('replenishment');
      await page.getByTestId('cassette-total').click();
      for (const [position, notes] of [
        ['1', '500'],
        ['2', '500'],
        ['3', '300'],
      ] as const)
        await staff.fill(`count-notes-${position}`, notes);
      await page.getByTestId('count-submit').click();
      await expect(staff.error()).toHaveAttribute('data-code', 'STAFF_DUAL_CONTROL_REQUIRED');

      await page.getByTestId('confirmer-toggle').click();
      await staff.fill('confirmer-id', confirmer.staffId);
      await staff.fill('confirmer-password', confirmer.password);
      await staff.fill('confirmer-totp', await staff.nextCode(confirmer));
      await atm.snap('staff-replenishment-dual-control');
      await page.getByTestId('count-submit').click();
      await expect(page.getByTestId('count-result')).toHaveAttribute('data-flagged', 'false');
      await expect(page.getByTestId('replenishment')).toHaveAttribute('data-step', '3');
    });
  });

  test('day totals: a withdrawal shows in the Trial Day Total; Day Total closes the period; both print', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    await atm.open(kiosk.url);
    await atm.tapDemoCard(ANA.demoCardId);
    await atm.enterPin(ANA.pin);
    await page.getByTestId('menu-withdrawal').click();
    await page.getByTestId('fast-cash-2000').click();
    await page.getByTestId('take-card').click();
    await page.getByTestId('take-cash').click();
    await atm.expectScreen('goodbye');
    await atm.expectScreen('idle');

    const staff = new StaffPage(atm);
    await staff.firstLogin(supervisor(), NEW_PASSWORD);
    await staff.open('dayTotals');
    await page.getByTestId('trial-day-total').click();
    await expect(page.getByTestId('day-total-result')).toHaveAttribute('data-closed', 'false');
    await expect(page.getByTestId('day-total-withdrawals')).toContainText('1');
    await expect(page.getByTestId('day-total-printout')).toHaveAttribute('data-printout', 'saved');
    await atm.snap('staff-day-total-trial');
    await page.getByTestId('day-total').click();
    await page.getByTestId('day-total-confirm').click();
    await expect(page.getByTestId('day-total-result')).toHaveAttribute('data-closed', 'true');
    await expect(page.getByTestId('day-total-variance')).toBeVisible();
    await expect(page.getByTestId('day-total-printout')).toHaveAttribute('data-printout', 'saved');
    // The browser host has no printer: each report is a PDF beside the customers' receipts.
    const reports = readdirSync(join(kiosk.dataDir, 'receipts')).filter((name) => /day-total-/.test(name));
    expect(reports.map((name) => name.replace(/-K.*$/, '')).sort()).toEqual(['day-total', 'trial-day-total']);
    await atm.snap('staff-day-total-closed');
  });

  test('retained cards: three wrong PINs retain a card; the supervisor releases it with a reason', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    await atm.open(kiosk.url);
    await atm.tapDemoCard(BEN.demoCardId);
    for (const pin of ['1111', '2222', '3333']) await atm.enterPin(pin);
    await atm.expectScreen('card_retained');
    await atm.expectScreen('idle');

    const staff = new StaffPage(atm);
    await staff.firstLogin(supervisor(), NEW_PASSWORD);
    await staff.open('retainedCards');
    const card = page.getByTestId('retained-card').filter({ hasText: BEN.pan.slice(-4) });
    await expect(card).toHaveCount(1);
    await card.getByRole('button').click();
    await page.getByTestId('release-reason-customer_identified').click();
    await staff.fill('release-note', 'ID checked at the counter');
    await atm.snap('staff-retained-cards');
    await page.getByTestId('release-submit').click();
    await expect(page.getByTestId('retained-released')).toContainText(BEN.pan.slice(-4));
    await expect(page.getByTestId('retained-empty')).toBeVisible();
  });

  test.describe('with a partial retract', () => {
    // The customer leaves the cash in the slot; the retract brings back one of the two notes presented.
    test.use({
      hostOptions: {
        settings: { cashTakeTimeoutMs: 2_000 },
        dispenserFaults: [{ kind: 'retract_partial', notes: 1 }],
      },
    });

    test('retract refunds: the supervisor refunds what the retract bin holds, at most what was presented, once', async ({
      page,
      kiosk,
    }) => {
      const atm = new KioskPage(page);
      await atm.open(kiosk.url);
      await atm.tapDemoCard(ANA.demoCardId);
      await atm.enterPin(ANA.pin);
      await page.getByTestId('menu-withdrawal').click();
      await page.getByTestId('fast-cash-10000').click(); // two €50 notes
      await page.getByTestId('take-card').click();
      await atm.expectScreen('take_cash');
      await atm.expectScreen('goodbye');
      await expect(page.getByTestId('refusal-message')).toHaveAttribute('data-code', 'CASH_RETRACTED');
      await atm.expectScreen('idle');

      const staff = new StaffPage(atm);
      await staff.firstLogin(supervisor(), NEW_PASSWORD);
      await staff.open('retractRefunds');
      const row = page.getByTestId('refund-row');
      await expect(row).toHaveCount(1);
      await expect(row).toHaveAttribute('data-refunded', 'false');
      await expect(row).toContainText(ANA.pan.slice(-4));
      const stan = (await row.getAttribute('data-stan')) ?? '';
      expect(stan).toMatch(/^\d{6}$/);

      // More than the €100 presented: main refuses it and nothing is refunded.
      await staff.refundRetract(stan, '150');
      await expect(staff.error()).toHaveAttribute('data-code', 'AMOUNT_INVALID');
      await expect(row).toHaveAttribute('data-refunded', 'false');

      // The bin held one €50 note of this withdrawal.
      await staff.enterRefund(stan, '50');
      await expect(page.getByTestId('refund-submit')).toContainText('50');
      await atm.snap('staff-retract-refund-form');
      await expectAxeClean(page, 'retract refund form');
      await page.getByTestId('refund-submit').click();
      await expect(page.getByTestId('refund-done')).toContainText(ANA.pan.slice(-4));
      await expect(page.getByTestId('refund-done')).toContainText(stan);
      await expect(row).toHaveAttribute('data-refunded', 'true');
      await expect(row.getByTestId('refund-status')).toContainText('50');
      // Refunded once: the withdrawal offers no second refund.
      await expect(page.getByTestId(`refund-choose-${stan}`)).toHaveCount(0);
      await atm.snap('staff-retract-refunds');
    });
  });

  test('reset PIN attempts: a typed card number clears its wrong-PIN counter', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    await atm.open(kiosk.url);
    await atm.tapDemoCard(ANA.demoCardId);
    for (const pin of ['1111', '2222']) {
      await atm.enterPin(pin);
      await expect(page.getByTestId('pin-error')).toBeVisible();
    }
    await page.getByTestId('key-cancel').click();
    await atm.expectScreen('idle');

    const staff = new StaffPage(atm);
    await staff.firstLogin(supervisor(), NEW_PASSWORD);
    await staff.open('resetPin');
    await page.getByTestId('card-number').click();
    await staff.typeOnScreen(ANA.pan);
    await atm.snap('staff-reset-pin');
    await page.getByTestId('reset-pin-submit').click();
    await expect(page.getByTestId('reset-pin-result')).toHaveAttribute('data-previous', '2');
    await expect(page.getByTestId('reset-pin-result')).toHaveAttribute('data-status', 'active');
  });

  test('enrolment: staff enter the customer and card, the customer types the PIN, and the new card works', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    const pan = '4000009876543219';
    const pin = '7351';
    await staff.open('enrolment');
    await staff.fill('enrol-holder', 'Dana Example');
    await staff.fill('enrol-account-label', 'Everyday');
    await page.getByTestId('enrol-kind-checking').click();
    await staff.fill('card-number', pan);
    await staff.fill('card-expiry', '3012');
    await atm.snap('staff-enrolment-form');
    await page.getByTestId('enrol-submit').click();

    await expect(page.getByTestId('enrolment-pin')).toBeVisible();
    await expect(page.getByTestId('enrolment-masked-pan')).toContainText(pan.slice(-4));
    await atm.typePin(pin);
    await atm.snap('staff-enrolment-customer-pin');
    await page.getByTestId('key-enter').click();
    await expect(page.getByTestId('enrolment-pin-step')).toHaveAttribute('data-step', '2');
    await atm.enterPin(pin);
    await expect(page.getByTestId('enrolment-done')).toBeVisible();
    await expect(page.getByTestId('enrolment-done-card')).toContainText(pan.slice(-4));
    await atm.snap('staff-enrolment-done');
    await staff.logout();

    // The customer swipes the new card (keyboard-wedge reader) and the PIN they chose opens a session.
    await atm.expectScreen('idle');
    await page.keyboard.type(`;${pan}=3012101?`);
    await page.keyboard.press('Enter');
    await atm.expectScreen('pin_entry');
    await atm.enterPin(pin);
    await atm.expectScreen('menu');
  });

  test('journal: filter by type and staff id, page, export to a file, verify', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('journal');
    await staff.fill('journal-kind', 'staff.login');
    await staff.fill('journal-staff', 'supervisor1');
    await page.getByTestId('journal-search').click();
    const rows = page.getByTestId('journal-rows').getByTestId('journal-row');
    await expect(rows.first()).toHaveAttribute('data-kind', 'staff.login');
    expect(
      await rows.evaluateAll((found) => found.every((row) => row.getAttribute('data-kind') === 'staff.login')),
    ).toBe(true);
    await staff.fill('journal-stan', '12');
    await expect(page.getByTestId('journal-invalid')).toBeVisible();
    await expect(page.getByTestId('journal-search')).toBeDisabled();
    await page.getByTestId('journal-clear').click();
    await page.getByTestId('journal-search').click();
    await expect(page.getByTestId('journal-page')).toBeVisible();
    await atm.snap('staff-journal');

    await page.getByTestId('journal-export').click();
    const exported = page.getByTestId('journal-exported');
    await expect(exported).toHaveAttribute('data-file', /^journal-.*\.jsonl$/);
    const fileName = (await exported.getAttribute('data-file')) ?? '';
    expect(existsSync(join(kiosk.dataDir, 'journal-exports', fileName))).toBe(true);
    await page.getByTestId('journal-verify').click();
    await expect(page.getByTestId('journal-verified')).toHaveAttribute('data-ok', 'true');
    await atm.snap('staff-journal-export-verify');
  });

  test('service switch: out of service with a reason, the customer sees it, then back in service', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    const { staff, account } = await supervisorHome(atm, kiosk.url);
    await staff.open('service');
    await expect(page.getByTestId('service-state')).toHaveAttribute('data-in-service', 'true');
    await staff.fill('service-reason', 'Screen being cleaned');
    await page.getByTestId('service-out').click();
    await expect(page.getByTestId('service-state')).toHaveAttribute('data-in-service', 'false');
    await atm.snap('staff-service-out');
    await staff.logout();
    await atm.expectScreen('out_of_service');
    await atm.snap('staff-customer-out-of-service');

    await staff.login(account);
    await staff.expectScreen('home');
    await expect(page.getByTestId('staff-resume')).toHaveAttribute('data-in-service', 'false');
    await staff.open('service');
    await page.getByTestId('service-in').click();
    await expect(page.getByTestId('service-state')).toHaveAttribute('data-in-service', 'true');
    await staff.logout();
    await atm.expectScreen('idle');
  });

  test('test dispense: two notes from cassette 1 into the staff member’s hand', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('testDispense');
    await page.getByTestId('dispense-cassette-1').click();
    await page.getByTestId('dispense-notes-2').click();
    await page.getByTestId('dispense-submit').click();
    await expect(page.getByTestId('dispense-outcome').locator('[data-outcome]')).toHaveAttribute(
      'data-outcome',
      'presented',
    );
    await expect(page.getByTestId('dispense-cassette-1')).toContainText('498');
    await atm.snap('staff-test-dispense');
  });

  test('bank sync: a standalone kiosk has nothing parked or excepted, and sync now reports an empty queue', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('sync');
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-result')).toContainText('0');
    await expect(page.getByTestId('sync-parked')).toHaveCount(0);
    await expect(page.getByTestId('sync-exceptions')).toHaveCount(0);
    await atm.snap('staff-sync');
  });

  test('device diagnostics: a dispenser fault switch, then Reset clears it', async ({ page, kiosk }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('devices');
    await page.getByTestId('fault-mode-sticky').click();
    await page.getByTestId('fault-dispenser-jam_before_present').click();
    await expect(page.getByTestId('device-dispenser')).toHaveAttribute('data-injected', 'jam_before_present');
    await atm.snap('staff-devices-fault');
    // The armed fault makes the next dispense jam: the test dispense shows it.
    await staff.home();
    await staff.open('testDispense');
    await page.getByTestId('dispense-submit').click();
    await expect(page.getByTestId('dispense-outcome').or(staff.error())).toBeVisible();
    await staff.home();
    await staff.open('devices');
    await page.getByTestId('device-reset-dispenser').click();
    await expect(page.getByTestId('device-dispenser')).toHaveAttribute('data-injected', '');
    await expect(page.getByTestId('device-state-dispenser').locator('[data-state]')).toHaveAttribute(
      'data-state',
      'ready',
    );
    // Export diagnostics: a bundle file in the data dir's diagnostics folder, named on screen.
    await page.getByTestId('diagnostics-export').click();
    const saved = page.getByTestId('diagnostics-file');
    await expect(saved).toContainText(/diagnostics-.*\.jsonl/);
    const fileName = /(diagnostics-\S+\.jsonl)/.exec((await saved.textContent()) ?? '')?.[1] ?? '';
    expect(readdirSync(join(kiosk.dataDir, 'diagnostics'))).toContain(fileName);
    await atm.snap('staff-diagnostics-exported');
  });

  test('settings: a change is saved and journalled; an invalid one is refused with its code', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('settings');
    await expect(page.getByTestId('setting-dailyWithdrawalCountMax')).toHaveValue('5');
    await staff.fill('setting-dailyWithdrawalCountMax', '7');
    await page.getByTestId('setting-shuffledPinKeypad').click();
    await atm.snap('staff-settings');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toHaveAttribute('data-changed', /dailyWithdrawalCountMax/);
    await expect(page.getByTestId('settings-saved')).toHaveAttribute('data-changed', /shuffledPinKeypad/);
    await expect(page.getByTestId('setting-dailyWithdrawalCountMax')).toHaveValue('7');

    await staff.fill('setting-pinLengthMin', '9');
    await page.getByTestId('settings-save').click();
    await expect(staff.error()).toHaveAttribute('data-code', 'SETTINGS_INVALID');
    await expect(staff.error()).toContainText('SETTINGS_INVALID');
    await atm.snap('staff-settings-invalid');

    await staff.home();
    await staff.open('journal');
    await staff.fill('journal-kind', 'config.changed');
    await page.getByTestId('journal-search').click();
    await expect(page.getByTestId('journal-rows').getByTestId('journal-row').first()).toHaveAttribute(
      'data-kind',
      'config.changed',
    );
  });

  test('staff accounts: a new operator enrols an authenticator from the QR code at the first login', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('staffAccounts');
    await staff.fill('account-id', 'operator2');
    await staff.fill('account-name', 'Nia Newcomer');
    await page.getByTestId('account-role-operator').click();
    await staff.fill('account-password', 'Initial-Hazel-Lantern-31');
    await page.getByTestId('account-create-submit').click();
    await expect(page.getByTestId('account-created')).toBeVisible();
    await expect(page.getByTestId('account-operator2')).toBeVisible();
    await atm.snap('staff-accounts');
    await staff.logout();

    const newcomer: StaffAccount = {
      staffId: 'operator2',
      password: 'Initial-Hazel-Lantern-31',
      totpSecretBase32: null,
    };
    await staff.login(newcomer);
    await staff.expectScreen('password');
    await staff.changePassword(newcomer.password, 'Copper-Kettle-Meadow-88');
    await staff.expectScreen('totp');
    await expect(page.getByTestId('staff-totp-qr')).toHaveAttribute('src', /^data:image\/svg\+xml;utf8,/);
    const secret = ((await page.getByTestId('staff-totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await atm.snap('staff-totp-enrolment');
    await staff.fill('staff-totp-code', wrongCode(secret));
    await page.getByTestId('staff-totp-submit').click();
    await expect(staff.error()).toHaveAttribute('data-code', 'STAFF_AUTH_FAILED');
    await staff.fill('staff-totp-code', totpCode(secret, Math.floor(Date.now() / 30_000)));
    await page.getByTestId('staff-totp-submit').click();
    await staff.expectScreen('home');
    await expect(page.getByTestId('staff-who')).toHaveAttribute('data-role', 'operator');
  });

  test('staff card: bound by a supervisor, swiped at the welcome screen it opens the login with the staff id filled in', async ({
    page,
    kiosk,
  }) => {
    const atm = new KioskPage(page);
    const { staff } = await supervisorHome(atm, kiosk.url);
    await staff.open('staffAccounts');
    await staff.bindStaffCard('operator1', STAFF_CARD.pan);
    await expect(page.getByTestId('account-card-operator1')).toContainText(`•••• ${STAFF_CARD.pan.slice(-4)}`);
    await atm.snap('staff-accounts-card-bound');
    await staff.logout();

    await atm.expectScreen('idle');
    await staff.swipeCard(STAFF_CARD.pan);
    await expect(page.getByTestId('staff-login')).toBeVisible();
    await expect(page.getByTestId('staff-login-id')).toHaveValue('operator1');
    await expect(page.getByTestId('staff-login-from-card')).toContainText('operator1');
    // No customer session started from the card.
    await expect(page.getByTestId('staff-login-password')).toBeFocused();
    const account = operator();
    await staff.fill('staff-login-password', account.password);
    await staff.fill('staff-login-totp', await staff.nextCode(account));
    await page.getByTestId('staff-login-submit').click();
    await staff.expectScreen('password');
    await staff.changePassword(account.password, NEW_PASSWORD);
    await staff.expectScreen('home');
    await expect(page.getByTestId('staff-who')).toHaveAttribute('data-role', 'operator');
  });
});
