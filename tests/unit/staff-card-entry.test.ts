// Staff cards: a supervisor binds one to a staff account (an operator may not; a customer card is refused, and a staff
// card cannot be enrolled as a customer's). Inserted at the idle or out-of-service screen it starts no customer
// session: main tells the renderer to open the staff login with that staff id, and the password and authenticator code
// are still required. During a customer session it is refused like any card; once unbound it is an unknown card. The
// card number appears in no database file, journal row, log line or event.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/kiosk-core.ts';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import { openDatabase } from '../../electron/db/open-database.ts';
import { createJournal } from '../../electron/journal/journal.ts';
import type { DEMO_STAFF } from '../../electron/demo/seed-demo-staff.ts';
import { secretFromBase32, totpAt } from '../../electron/staff/totp.ts';
import type { Envelope } from '../../shared/ipc/envelope.ts';
import { type FakeClock, createFakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';
import { NEW_PASSWORD, OPERATOR, SUPERVISOR } from '../support/staff-fixture.ts';
import { SAMPLE_REQUESTS, STAFF_CARD_PAN } from '../support/staff-requests.ts';

/** Ana's demo customer card. */
const CUSTOMER_PAN = '4000001234567899';
const STAFF_TRACK2 = `;${STAFF_CARD_PAN}=30121010000000000?`;

let core: CoreFixture | undefined;
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
});

function value<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

type Staff = (typeof DEMO_STAFF)[number];

function staffDriver(kiosk: KioskCore, clock: FakeClock) {
  const staff = kiosk.handlers.staff;
  const changed = new Set<string>();
  /** The authenticator's code, at a fresh 30 s step (a code is never accepted twice). */
  const codeFor = (member: Staff) => {
    clock.advance(30_000);
    return totpAt(secretFromBase32(member.totpSecretBase32), clock.now());
  };
  return {
    codeFor,
    /** Logs in; the first time, replaces the initial password as the kiosk demands. */
    async loginAs(member: Staff) {
      const first = !changed.has(member.staffId);
      const password = first ? member.initialPassword : NEW_PASSWORD;
      const snapshot = value(await staff.login({ staffId: member.staffId, password, totpCode: codeFor(member) }));
      if (first) {
        changed.add(member.staffId);
        return value(await staff.changePassword({ currentPassword: password, newPassword: NEW_PASSWORD }));
      }
      return snapshot;
    },
  };
}

describe('staff cards', () => {
  it('binds, opens the staff login from idle and out of service, still needs password + TOTP, and unbinds', async () => {
    const fixture = createCoreFixture();
    core = fixture;
    const clock = createFakeClock();
    const kiosk = await fixture.start(clock);
    const { staff, session } = kiosk.handlers;
    const events: { event: string; payload: unknown }[] = [];
    kiosk.subscribe((event, payload) => events.push({ event, payload }));
    const staffCardEvents = () => events.filter((entry) => entry.event === 'staff.cardInserted');
    const journal = () => readJournal(fixture);
    const driver = staffDriver(kiosk, clock);

    // Binding: supervisor only; a customer card is refused; a staff card cannot be enrolled as a customer's.
    await driver.loginAs(SUPERVISOR);
    expect(
      await staff.bindStaffCard({ staffId: OPERATOR.staffId, card: { source: 'manual', pan: CUSTOMER_PAN } }),
    ).toMatchObject({ ok: false, error: { code: 'CARD_ALREADY_ENROLLED' } });
    expect(
      await staff.bindStaffCard({ staffId: 'nobody', card: { source: 'manual', pan: STAFF_CARD_PAN } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(
      value(await staff.bindStaffCard({ staffId: OPERATOR.staffId, card: { source: 'manual', pan: STAFF_CARD_PAN } })),
    ).toEqual({ staffId: OPERATOR.staffId, maskedPan: `•••• ${STAFF_CARD_PAN.slice(-4)}` });
    // The same card for another account is refused: a card opens one staff id.
    expect(
      await staff.bindStaffCard({ staffId: SUPERVISOR.staffId, card: { source: 'track2', track2: STAFF_TRACK2 } }),
    ).toMatchObject({ ok: false, error: { code: 'CARD_ALREADY_ENROLLED' } });
    const listed = value(await staff.listStaff({}));
    expect(listed.staff.find((row) => row.staffId === OPERATOR.staffId)?.card).toBe(`•••• ${STAFF_CARD_PAN.slice(-4)}`);
    expect(listed.staff.find((row) => row.staffId === SUPERVISOR.staffId)?.card).toBeNull();
    expect(
      await staff.startEnrolment({
        ...SAMPLE_REQUESTS.startEnrolment,
        card: { source: 'manual', pan: STAFF_CARD_PAN, expiresYymm: '3012' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'CARD_ALREADY_ENROLLED' } });
    // Below the service, the schema refuses the same number as a customer card too.
    expect(() => insertCustomerCardLike(fixture, OPERATOR.staffId)).toThrow(/staff card/);
    value(await staff.logout({}));
    expect(journal().find((row) => row.kind === 'staff.card_bound')).toMatchObject({
      staffId: SUPERVISOR.staffId,
      maskedPan: `•••• ${STAFF_CARD_PAN.slice(-4)}`,
      data: { account: OPERATOR.staffId },
    });

    // At idle: no customer session, the staff login is signalled with the card's staff id (typed or swiped).
    for (const insert of [
      { source: 'manual', pan: STAFF_CARD_PAN },
      { source: 'track2', track2: STAFF_TRACK2 },
    ] as const) {
      const before = staffCardEvents().length;
      const answer = value(await session.insertCard(insert));
      expect(answer).toMatchObject({ state: 'idle', sessionId: null, card: null, refusal: null });
      expect(staffCardEvents().slice(before)).toEqual([
        { event: 'staff.cardInserted', payload: { staffId: OPERATOR.staffId } },
      ]);
    }
    expect(value(session.getSnapshot({}) as Envelope<{ state: string }>).state).toBe('idle');
    expect(events.some((entry) => entry.event === 'session.changed')).toBe(false);
    expect(journal().filter((row) => row.kind === 'staff.card_inserted')).toHaveLength(2);
    expect(journal().find((row) => row.kind === 'staff.card_inserted')).toMatchObject({
      staffId: OPERATOR.staffId,
      maskedPan: `•••• ${STAFF_CARD_PAN.slice(-4)}`,
      sessionId: null,
      data: { loginOpened: true },
    });
    expect(journal().some((row) => row.kind === 'card.inserted')).toBe(false);

    // The card opens nothing by itself: a wrong password is still refused; the right password + code let them in.
    expect(
      await staff.login({
        staffId: OPERATOR.staffId,
        password: 'not-the-password',
        totpCode: driver.codeFor(OPERATOR),
      }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_AUTH_FAILED' } });
    expect((await driver.loginAs(OPERATOR)).session).toMatchObject({ staffId: OPERATOR.staffId, role: 'operator' });
    // An operator may not bind or unbind cards.
    expect(await staff.bindStaffCard(SAMPLE_REQUESTS.bindStaffCard)).toMatchObject({
      ok: false,
      error: { code: 'STAFF_FORBIDDEN' },
    });
    expect(await staff.unbindStaffCard(SAMPLE_REQUESTS.unbindStaffCard)).toMatchObject({
      ok: false,
      error: { code: 'STAFF_FORBIDDEN' },
    });
    // With a staff session open the card signals nothing (the kiosk is out of service to customers meanwhile).
    const duringStaff = staffCardEvents().length;
    expect(await session.insertCard({ source: 'manual', pan: STAFF_CARD_PAN })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
    expect(staffCardEvents()).toHaveLength(duringStaff);
    value(await staff.logout({}));

    // During a customer session the staff card is refused like any other card.
    expect(value(await session.insertCard({ source: 'manual', pan: CUSTOMER_PAN })).state).toBe('pin_entry');
    expect(await session.insertCard({ source: 'manual', pan: STAFF_CARD_PAN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    value(session.cancel({}) as Envelope<unknown>);
    clock.advance(60_000);
    expect(value(session.getSnapshot({}) as Envelope<{ state: string }>).state).toBe('idle');
    expect(staffCardEvents()).toHaveLength(duringStaff);

    // Out of service: customers' cards are refused, a staff card still opens the login.
    kiosk.takeOutOfService('test: out of service');
    expect(await session.insertCard({ source: 'manual', pan: CUSTOMER_PAN })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
    expect(value(await session.insertCard({ source: 'track2', track2: STAFF_TRACK2 })).state).toBe('idle');
    expect(staffCardEvents().slice(duringStaff)).toEqual([
      { event: 'staff.cardInserted', payload: { staffId: OPERATOR.staffId } },
    ]);

    // Unbound, the number is an unknown card.
    await driver.loginAs(SUPERVISOR);
    value(await staff.setService({ inService: true }));
    expect(value(await staff.unbindStaffCard({ staffId: OPERATOR.staffId }))).toEqual({
      staffId: OPERATOR.staffId,
      maskedPan: `•••• ${STAFF_CARD_PAN.slice(-4)}`,
    });
    expect(await staff.unbindStaffCard({ staffId: OPERATOR.staffId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    value(await staff.logout({}));
    expect(value(kiosk.handlers.system.getStatus({}) as Envelope<{ inService: boolean }>).inService).toBe(true);
    const unbound = staffCardEvents().length;
    expect(await session.insertCard({ source: 'manual', pan: STAFF_CARD_PAN })).toMatchObject({
      ok: false,
      error: { code: 'CARD_UNKNOWN' },
    });
    expect(value(session.getSnapshot({}) as Envelope<{ state: string }>).state).toBe('card_refused');
    expect(staffCardEvents()).toHaveLength(unbound);
    expect(journal().find((row) => row.kind === 'staff.card_unbound')).toMatchObject({
      staffId: SUPERVISOR.staffId,
      maskedPan: `•••• ${STAFF_CARD_PAN.slice(-4)}`,
    });

    // The card number is nowhere: database files (WAL included), journal, logs, events.
    const files = readdirSync(fixture.dataDir).filter((name) => name.startsWith('kiosk.db'));
    expect(files).toEqual(expect.arrayContaining(['kiosk.db']));
    const haystacks = [
      ...files.map((name) => readFileSync(join(fixture.dataDir, name)).toString('latin1')),
      JSON.stringify(journal()),
      fixture.logger.lines.join('\n'),
      JSON.stringify(events),
    ];
    for (const text of haystacks) {
      expect(text).not.toContain(STAFF_CARD_PAN);
      expect(text).not.toContain(STAFF_CARD_PAN.slice(0, 12));
    }
  });
});

/** Every journal row, oldest first, read through a second connection to the core's database. */
function readJournal(fixture: CoreFixture) {
  const db = openDatabase(join(fixture.dataDir, DATABASE_FILE), { integrityCheck: false });
  try {
    return createJournal(db, { now: () => 0 }).query({ limit: 500 });
  } finally {
    db.close();
  }
}

/** Inserts a customer card row with a staff card's lookup key (what the triggers of schema 100 must refuse). */
function insertCustomerCardLike(fixture: CoreFixture, staffId: string): void {
  const db = openDatabase(join(fixture.dataDir, DATABASE_FILE), { integrityCheck: false });
  try {
    const { pan_hmac } = db.prepare('SELECT pan_hmac FROM staff_cards WHERE staff_id = ?').get(staffId) as {
      pan_hmac: string;
    };
    db.prepare(
      `INSERT INTO cards (customer_id, pan_hmac, pan_last4, expires_yymm, status, pin_hash, updated_at)
       VALUES ((SELECT min(id) FROM customers), ?, '0000', '3012', 'active', '$argon2id$v=19$x', '2026-01-01T00:00:00.000Z')`,
    ).run(pan_hmac);
  } finally {
    db.close();
  }
}
