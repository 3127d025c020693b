// The kiosk-wide throttle on failed attempts across cards (DESIGN §4): wrong PINs and unknown card numbers on one
// kiosk are counted together; past the limit within the window every card is refused before any lookup, journalled,
// until the block has passed; a restart does not reset it. Real core, SQLite, argon2 and keychain.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ATTEMPT_BLOCK_MS,
  ATTEMPT_FAILURES_MAX,
  ATTEMPT_WINDOW_MS,
  THROTTLED_REASON,
} from '../../electron/cards/attempt-throttle.ts';
import type { KioskCore } from '../../electron/core/kiosk-core-types.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';

const ANA = { demoCardId: 'ana', pin: '4921' };
const BEN = { demoCardId: 'ben', pin: '7305' };

let fixture: CoreFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

/** A Luhn-valid 16-digit card number no demo customer holds. */
function unknownPan(index: number): string {
  const body = `49999900000${String(index).padStart(4, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

async function tryUnknown(core: KioskCore, clock: FakeClock, index: number) {
  const answer = await core.handlers.session.insertCard({ source: 'manual', pan: unknownPan(index) });
  clock.advance(10_000); // the refusal screen times out back to idle
  return answer;
}

async function twoWrongPins(core: KioskCore, clock: FakeClock, card: { demoCardId: string }) {
  expect(await core.handlers.session.insertCard({ source: 'demo', demoCardId: card.demoCardId })).toMatchObject({ ok: true });
  for (const pin of ['1111', '2222'])
    expect(await core.handlers.session.submitPin({ pin })).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT' } });
  await core.handlers.session.cancel({});
  clock.advance(30_000);
}

describe('the kiosk-wide attempt throttle', () => {
  it('counts wrong PINs and unknown cards across cards, then refuses every card until the block has passed', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    let core = await fixture.start(clock);

    // Two wrong PINs on each of two cards (never the third that would retain one), then unknown card numbers.
    await twoWrongPins(core, clock, ANA);
    await twoWrongPins(core, clock, BEN);
    const unknownNeeded = ATTEMPT_FAILURES_MAX - 4;
    for (let index = 0; index < unknownNeeded; index++) {
      expect(await tryUnknown(core, clock, index)).toMatchObject({ ok: false, error: { code: 'CARD_UNKNOWN' } });
    }

    // The limit is reached: a good card with its right PIN is refused before any lookup, as is an unknown one.
    const refused = await core.handlers.session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    expect(await tryUnknown(core, clock, 99)).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE' } });
    expect(fixture.logger.lines.some((line) => line.includes('too many failed attempts'))).toBe(true);

    // A restart does not lift it: the count lives in the journal.
    await core.close();
    core = await fixture.start(clock);
    expect(await core.handlers.session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });

    // Refusals during the block are journalled but not counted, so the block ends on time.
    clock.advance(ATTEMPT_BLOCK_MS);
    expect(await core.handlers.session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId })).toMatchObject({
      ok: true,
      value: { state: 'pin_entry' },
    });
    expect(await core.handlers.session.submitPin({ pin: ANA.pin })).toMatchObject({ ok: true, value: { state: 'menu' } });

    const db = new Database(join(fixture.dataDir, 'kiosk.db'), { readonly: true });
    const throttled = db
      .prepare("SELECT count(*) AS n FROM journal WHERE kind = 'card.refused' AND json_extract(data, '$.reason') = ?")
      .get(THROTTLED_REASON);
    const unknown = db
      .prepare("SELECT masked_pan FROM journal WHERE kind = 'card.refused' AND json_extract(data, '$.reason') = 'CARD_UNKNOWN'")
      .all() as { masked_pan: string }[];
    db.close();
    expect(throttled).toEqual({ n: 3 });
    // Unknown numbers are journalled masked, never in full.
    expect(unknown).toHaveLength(unknownNeeded);
    for (const row of unknown) expect(row.masked_pan).toMatch(/^•+ \d{4}$/);
  });

  it('forgets failures older than the window: slow, honest mistakes never add up to a block', async () => {
    fixture = createCoreFixture();
    const clock = createFakeClock();
    const core = await fixture.start(clock);
    for (let index = 0; index < ATTEMPT_FAILURES_MAX * 2; index++) {
      expect(await tryUnknown(core, clock, index)).toMatchObject({ ok: false, error: { code: 'CARD_UNKNOWN' } });
      // Spaced so that fewer than the limit ever fall inside one window.
      clock.advance(Math.ceil(ATTEMPT_WINDOW_MS / (ATTEMPT_FAILURES_MAX - 1)));
    }
    expect(await core.handlers.session.insertCard({ source: 'demo', demoCardId: ANA.demoCardId })).toMatchObject({
      ok: true,
    });
  });
});
