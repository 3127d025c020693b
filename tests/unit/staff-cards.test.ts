// Staff card and record functions: releasing a retained card records who and why; unlocking resets the PIN counter;
// an enrolled card works at once through the customer session with the customer's own PIN, which appears nowhere
// (database, WAL, journal, export, logs, snapshots) except as its argon2id hash; the journal viewer and export; and
// settings changes journalled with before/after, invalid ones refused with nothing changed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staffChannels } from '../../shared/ipc/staff.ts';
import { verifyJournalExportFile } from '../../electron/journal/journal-export.ts';
import { JOURNAL_EXPORTS_DIR } from '../../electron/staff/staff-service.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';
import { SUPERVISOR, type StaffFixture, createStaffFixture } from '../support/staff-fixture.ts';
import { NEW_CARD_PAN, SAMPLE_REQUESTS } from '../support/staff-requests.ts';

const PIN_CANARY = '739164';

let fixture: StaffFixture | undefined;
let core: CoreFixture | undefined;
afterEach(async () => {
  fixture?.cleanup();
  await core?.cleanup();
  fixture = undefined;
  core = undefined;
});

describe('retained cards and unlocking', () => {
  it('releases a retained card recording who and why, and resets a card’s wrong-PIN counter', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    const ana = f.db.prepare("SELECT id FROM cards WHERE pan_last4 = '7899'").get() as { id: number };
    const ben = f.db.prepare("SELECT id FROM cards WHERE pan_last4 = '8906'").get() as { id: number };
    const at = new Date(f.clock.now()).toISOString();
    for (let attempt = 0; attempt < 3; attempt++) f.cards.recordPinFailure(ana.id, at);
    f.cards.recordPinFailure(ben.id, at);
    f.cards.recordPinFailure(ben.id, at);
    await f.loginAs(SUPERVISOR);

    const listed = f.value(await f.handlers.listRetainedCards({}));
    expect(listed.cards).toEqual([
      {
        cardId: ana.id,
        maskedPan: '•••• 7899',
        holderName: 'Ana García',
        retainedAt: at,
        reason: 'pin_attempts_exceeded',
      },
    ]);
    expect(
      f.value(
        await f.handlers.releaseRetainedCard({
          cardId: ana.id,
          reason: 'customer_identified',
          note: 'passport checked',
        }),
      ),
    ).toEqual({ cardId: ana.id, maskedPan: '•••• 7899' });
    expect(await f.handlers.releaseRetainedCard({ cardId: ana.id, reason: 'other', note: null })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(
      f.db
        .prepare('SELECT released_by, release_reason, release_note FROM retained_cards WHERE card_id = ?')
        .get(ana.id),
    ).toEqual({
      released_by: SUPERVISOR.staffId,
      release_reason: 'customer_identified',
      release_note: 'passport checked',
    });
    expect(f.cards.findById(ana.id)).toMatchObject({ status: 'active', pinFailedAttempts: 0 });
    expect(f.journal.query({ kind: 'staff.card_released', limit: 5 })[0]).toMatchObject({
      staffId: SUPERVISOR.staffId,
      maskedPan: '•••• 7899',
      data: { reason: 'customer_identified' },
    });

    expect(f.value(await f.handlers.resetPinAttempts({ card: { source: 'manual', pan: '4000002345678906' } }))).toEqual(
      { maskedPan: '•••• 8906', previousAttempts: 2, status: 'active' },
    );
    expect(f.cards.findById(ben.id)?.pinFailedAttempts).toBe(0);
    expect(await f.handlers.resetPinAttempts({ card: { source: 'manual', pan: NEW_CARD_PAN } })).toMatchObject({
      ok: false,
      error: { code: 'CARD_UNKNOWN' },
    });
    const journalText = JSON.stringify(f.journal.query({ limit: 500 }));
    expect(journalText).not.toContain('4000002345678906');
  });
});

describe('enrolment', () => {
  it('creates a customer, account and card that works at once with the PIN the customer typed, stored only as its hash', async () => {
    core = createCoreFixture();
    const clock = createFakeClock();
    const kiosk = await core.start(clock);
    fixture = await createStaffFixture({ dataDir: core.dataDir, clock });
    const f = fixture;
    await f.loginAs(SUPERVISOR);
    expect(await f.handlers.submitEnrolmentPin({ pin: PIN_CANARY, pinAgain: PIN_CANARY })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    const started = f.value(await f.handlers.startEnrolment(SAMPLE_REQUESTS.startEnrolment));
    expect(started.enrolment).toMatchObject({
      maskedPan: `•••• ${NEW_CARD_PAN.slice(-4)}`,
      holderName: 'Dana Ionescu',
    });
    expect(
      await f.handlers.startEnrolment({
        ...SAMPLE_REQUESTS.startEnrolment,
        card: { source: 'manual', pan: '4000001234567899', expiresYymm: '3012' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    // The customer's PIN: the policy applies (no runs, no repeated digit), and the two entries must agree.
    expect(await f.handlers.submitEnrolmentPin({ pin: '1234', pinAgain: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'PIN_POLICY' },
    });
    expect(await f.handlers.submitEnrolmentPin({ pin: PIN_CANARY, pinAgain: '739165' })).toMatchObject({
      ok: false,
      error: { code: 'PIN_MISMATCH' },
    });
    const enrolled = f.value(await f.handlers.submitEnrolmentPin({ pin: PIN_CANARY, pinAgain: PIN_CANARY }));
    expect(enrolled).toMatchObject({
      maskedPan: `•••• ${NEW_CARD_PAN.slice(-4)}`,
      holderName: 'Dana Ionescu',
      accountNumber: expect.stringMatching(/^9\d{7}$/),
    });
    expect(f.service.snapshot().enrolment).toBeNull();
    // A card already known is refused.
    expect(await f.handlers.startEnrolment(SAMPLE_REQUESTS.startEnrolment)).toMatchObject({
      ok: false,
      error: { code: 'CARD_ALREADY_ENROLLED' },
    });
    f.value(await f.handlers.logout({}));

    // The customer uses it at once, through the real session service.
    expect(await kiosk.handlers.session.insertCard({ source: 'manual', pan: NEW_CARD_PAN })).toMatchObject({
      ok: true,
      value: { state: 'pin_entry' },
    });
    const menu = await kiosk.handlers.session.submitPin({ pin: PIN_CANARY });
    expect(menu).toMatchObject({ ok: true, value: { state: 'menu' } });
    const balance = await kiosk.handlers.session.chooseTransaction({ transaction: 'balance' });
    expect(balance).toMatchObject({ ok: true, value: { accounts: [{ accountLabel: 'Checking', ledgerMinor: 0 }] } });
    await kiosk.handlers.session.cancel({});

    // The PIN canary is nowhere but in its argon2id hash.
    const card = f.db.prepare('SELECT pin_hash FROM cards WHERE pan_last4 = ?').get(NEW_CARD_PAN.slice(-4)) as {
      pin_hash: string;
    };
    expect(card.pin_hash.startsWith('$argon2id$')).toBe(true);
    expect(card.pin_hash).not.toContain(PIN_CANARY);
    f.value(
      await f.handlers.login({
        staffId: SUPERVISOR.staffId,
        password: 'Correct-Lantern-Orbit-93',
        totpCode: f.codeFor(SUPERVISOR),
      }),
    );
    const exported = f.value(await f.handlers.exportJournal({ fromSeq: null, toSeq: null }));
    const dataDir = core.dataDir;
    const files = readdirSync(dataDir).filter((name) => name.startsWith('kiosk.db'));
    expect(files).toEqual(expect.arrayContaining(['kiosk.db', 'kiosk.db-wal']));
    const haystacks = [
      ...files.map((name) => readFileSync(join(dataDir, name)).toString('latin1')),
      readFileSync(join(core.dataDir, JOURNAL_EXPORTS_DIR, exported.fileName), 'utf8'),
      JSON.stringify(f.journal.query({ limit: 500 })),
      f.logger.lines.join('\n'),
      core.logger.lines.join('\n'),
      JSON.stringify(f.snapshots),
    ];
    for (const text of haystacks) {
      expect(text).not.toContain(PIN_CANARY);
      expect(text).not.toContain(NEW_CARD_PAN);
    }
  });
});

describe('journal viewer', () => {
  it('filters by kind, masked card and staff, pages backwards in bounded pages, exports a file that verifies', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    f.journal.append({
      kind: 'transaction.approved',
      stan: '004211',
      maskedPan: '•••• 7899',
      amountMinor: 2_000,
      currency: 'EUR',
    });
    f.journal.append({
      kind: 'transaction.approved',
      stan: '004212',
      maskedPan: '•••• 8906',
      amountMinor: 5_000,
      currency: 'EUR',
    });
    await f.loginAs(SUPERVISOR);
    const query = SAMPLE_REQUESTS.queryJournal;
    const byCard = f.value(await f.handlers.queryJournal({ ...query, panLast4: '7899' }));
    expect(byCard.rows.map((row) => row.stan)).toEqual(['004211']);
    const byStan = f.value(await f.handlers.queryJournal({ ...query, stan: '004212' }));
    expect(byStan.rows).toHaveLength(1);
    const byStaff = f.value(
      await f.handlers.queryJournal({ ...query, staffId: SUPERVISOR.staffId, kind: 'staff.login' }),
    );
    expect(byStaff.rows).toHaveLength(1);
    const future = f.value(
      await f.handlers.queryJournal({ ...query, from: new Date(f.clock.now() + 60_000).toISOString() }),
    );
    expect(future.rows).toEqual([]);
    // Pages of 2, newest first, until the first row.
    const seen: number[] = [];
    let beforeSeq: number | null = null;
    for (let page = 0; page < 50; page++) {
      const result: { rows: { seq: number }[]; nextBeforeSeq: number | null } = f.value(
        await f.handlers.queryJournal({ ...query, limit: 2, beforeSeq }),
      );
      seen.push(...result.rows.map((row) => row.seq));
      if (result.nextBeforeSeq === null) break;
      beforeSeq = result.nextBeforeSeq;
    }
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(staffChannels.queryJournal.request.safeParse({ ...query, limit: 101 }).success).toBe(false);
    const exported = f.value(await f.handlers.exportJournal({ fromSeq: null, toSeq: null }));
    expect(verifyJournalExportFile(join(f.dataDir, JOURNAL_EXPORTS_DIR, exported.fileName))).toMatchObject({
      ok: true,
      rows: exported.rows,
    });
    expect(f.value(await f.handlers.verifyJournal({}))).toMatchObject({ ok: true, brokenAtSeq: null });
    // The diagnostics bundle lands in the data dir and opens with its manifest.
    const bundle = f.value(await f.handlers.exportDiagnostics({}));
    const lines = readFileSync(join(f.dataDir, 'diagnostics', bundle.fileName), 'utf8').trim().split('\n');
    expect(bundle.bytes).toBeGreaterThan(0);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ kind: 'manifest' });
  });
});

describe('settings', () => {
  it('journals each change with before and after, and refuses invalid settings with nothing changed', async () => {
    fixture = await createStaffFixture();
    const f = fixture;
    await f.loginAs(SUPERVISOR);
    const before = f.value(await f.handlers.getSettings({})).settings;
    expect(before.withdrawalMaxMinor).toBe(50_000);
    const updated = f.value(
      await f.handlers.updateSettings({
        patch: { withdrawalMaxMinor: 40_000, shuffledPinKeypad: true, bank: { standInPerCardMinor: 10_000 } },
      }),
    );
    expect(updated.changed.sort()).toEqual(['bank.standInPerCardMinor', 'shuffledPinKeypad', 'withdrawalMaxMinor']);
    expect(f.settings()).toMatchObject({
      withdrawalMaxMinor: 40_000,
      shuffledPinKeypad: true,
      bank: { standInPerCardMinor: 10_000, standInPerKioskMinor: 100_000 },
    });
    const rows = f.journal.query({ kind: 'config.changed', limit: 10 });
    expect(rows.map((row) => row.data)).toEqual(
      expect.arrayContaining([
        // Nobody confirms: dual control is off.
        { setting: 'withdrawalMaxMinor', before: '50000', after: '40000', confirmedBy: null },
        { setting: 'shuffledPinKeypad', before: 'false', after: 'true', confirmedBy: null },
        { setting: 'bank.standInPerCardMinor', before: '20000', after: '10000', confirmedBy: null },
      ]),
    );
    expect(rows.every((row) => row.staffId === SUPERVISOR.staffId)).toBe(true);

    const journalRows = f.journal.status().rows;
    const stored = f.db.prepare("SELECT value FROM kiosk_meta WHERE key = 'settings'").get();
    const invalid: Record<string, number | string>[] = [
      { withdrawalMaxMinor: 5_000_000 },
      { currency: 'euro' },
      { noSuchSetting: 1 },
      { pinLengthMin: 8, pinLengthMax: 6 },
    ];
    for (const patch of invalid) {
      expect(await f.handlers.updateSettings({ patch }), JSON.stringify(patch)).toMatchObject({
        ok: false,
        error: { code: 'SETTINGS_INVALID' },
      });
    }
    expect(f.settings().withdrawalMaxMinor).toBe(40_000);
    expect(f.db.prepare("SELECT value FROM kiosk_meta WHERE key = 'settings'").get()).toEqual(stored);
    expect(f.journal.status().rows).toBe(journalRows);
  });
});

describe('bank sync issues', () => {
  it('lists parked requests and exceptions, routes each action to the sync engine with the staff id, and syncs now', async () => {
    const calls: string[] = [];
    fixture = await createStaffFixture({
      sync: {
        listParked: () => [{ seq: 7, op: 'advice', reason: 'account_unavailable', attempts: 3 }],
        retryParked: (seq) => (calls.push(`retry ${seq}`), true),
        discardParked: (seq, staffId) => (calls.push(`discard ${seq} by ${staffId}`), true),
        listExceptions: () => [
          { id: 4, kind: 'advice_declined', amountMinor: 5_000, currency: 'EUR', reason: 'insufficient_funds', createdAtMs: 0 },
        ],
        resolveException: (id, staffId) => (calls.push(`resolve ${id} by ${staffId}`), true),
        drainNow: async () => (calls.push('drain'), { pending: 0, parked: 1 }),
        pullNow: async () => (calls.push('pull'), true),
      },
    });
    const f = fixture;
    await f.loginAs(SUPERVISOR);
    expect(f.value(await f.handlers.syncIssues({}))).toEqual({
      parked: [{ seq: 7, op: 'advice', reason: 'account_unavailable', attempts: 3 }],
      exceptions: [
        { id: 4, kind: 'advice_declined', amountMinor: 5_000, currency: 'EUR', reason: 'insufficient_funds', at: '1970-01-01T00:00:00.000Z' },
      ],
    });
    for (const request of [
      { action: 'retry', seq: 7 },
      { action: 'discard', seq: 7 },
      { action: 'resolve', id: 4 },
    ] as const) {
      expect(f.value(await f.handlers.resolveSyncIssue(request))).toEqual({ done: true });
    }
    expect(f.value(await f.handlers.syncNow({}))).toEqual({ pending: 0, parked: 1, pulled: true });
    expect(calls).toEqual([
      'retry 7',
      `discard 7 by ${SUPERVISOR.staffId}`,
      `resolve 4 by ${SUPERVISOR.staffId}`,
      'drain',
      'pull',
    ]);
    const audited = f.journal.query({ limit: 50 }).filter((row) => row.kind === 'staff.sync_issue_resolved');
    expect(audited.map((row) => row.staffId)).toEqual([SUPERVISOR.staffId, SUPERVISOR.staffId, SUPERVISOR.staffId]);
  });
});
