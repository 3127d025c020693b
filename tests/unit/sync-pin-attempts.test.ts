// The PIN-attempt counter is the bank's, shared by every kiosk: wrong PINs at two kiosks add up, the bank's
// "retain" is obeyed at once where the card is, and the other kiosk refuses the card after its next pull. Offline,
// the local counter decides and the attempts reach the bank later, once each.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartedBank } from '../support/bank-server.ts';
import { CARDS, createSyncFixture, endSession, eventually, refusalOf, signIn, value } from '../support/sync-fixture.ts';

const fixture = createSyncFixture();
afterEach(() => fixture.cleanup());

function bankCard(started: StartedBank, pan: string): { status: string; pin_failed_attempts: number } {
  const db = new Database(join(started.dataDir, 'bank.db'), { readonly: true });
  try {
    return db.prepare('SELECT status, pin_failed_attempts FROM cards WHERE pan_hmac = ?').get(started.cardKey(pan)) as {
      status: string;
      pin_failed_attempts: number;
    };
  } finally {
    db.close();
  }
}

describe('shared PIN-attempt counter', () => {
  it('two wrong PINs at one kiosk and one at another retain the card, and both kiosks then refuse it', async () => {
    const bank = await fixture.startBank({ extraDeviceIds: ['kiosk-test-02'] });
    const lobby = await fixture.start(bank);
    const street = await fixture.start(bank, { deviceId: 'kiosk-test-02' });
    await Promise.all([lobby.core.sync.idle(), street.core.sync.idle()]);

    value(await lobby.call('insertCard', { source: 'demo', demoCardId: CARDS.ana.demoCardId }));
    expect(refusalOf(await lobby.call('submitPin', { pin: '0000' }))).toBe('PIN_INCORRECT');
    expect(refusalOf(await lobby.call('submitPin', { pin: '0001' }))).toBe('PIN_INCORRECT');
    endSession(lobby);
    expect(bankCard(bank, CARDS.ana.pan)).toEqual({ status: 'active', pin_failed_attempts: 2 });

    value(await street.call('insertCard', { source: 'demo', demoCardId: CARDS.ana.demoCardId }));
    // Locally this is the street kiosk's first wrong PIN; the bank's counter makes it the third.
    expect(refusalOf(await street.call('submitPin', { pin: '0002' }))).toBe('CARD_RETAINED');
    expect(bankCard(bank, CARDS.ana.pan)).toEqual({ status: 'retained', pin_failed_attempts: 3 });
    const streetDb = street.db();
    expect(streetDb.prepare('SELECT reason FROM retained_cards').all()).toEqual([{ reason: 'pin_attempts_exceeded' }]);
    streetDb.close();
    endSession(street);
    expect(refusalOf(await street.call('insertCard', { source: 'demo', demoCardId: CARDS.ana.demoCardId }))).toBe(
      'CARD_RETAINED',
    );

    // The lobby kiosk learns it from the changes feed (its interval pull, run here by hand).
    await lobby.core.sync.pullNow();
    expect(refusalOf(await lobby.call('insertCard', { source: 'demo', demoCardId: CARDS.ana.demoCardId }))).toBe(
      'CARD_RETAINED',
    );
  });

  it('offline, counts wrong PINs locally and reports each to the bank once when it is back', async () => {
    const bank = await fixture.startBank({ faults: true });
    const kiosk = await fixture.start(bank);
    await kiosk.core.sync.idle();
    bank.setFaults({ rates: { drop_before_apply: 1 } });
    value(await kiosk.call('insertCard', { source: 'demo', demoCardId: CARDS.ben.demoCardId }));
    expect(refusalOf(await kiosk.call('submitPin', { pin: '0000' }))).toBe('PIN_INCORRECT');
    expect(refusalOf(await kiosk.call('submitPin', { pin: '0001' }))).toBe('PIN_INCORRECT');
    endSession(kiosk);
    expect(bankCard(bank, CARDS.ben.pan).pin_failed_attempts).toBe(0);
    expect(kiosk.core.sync.status().queueLength).toBe(2);

    // Back online: the two queued reports land once each, even though the first delivery is duplicated.
    bank.setFaults({ script: ['duplicate'] });
    await eventually(async () => (await kiosk.core.sync.drainNow()).pending === 0);
    expect(bankCard(bank, CARDS.ben.pan)).toEqual({ status: 'active', pin_failed_attempts: 2 });
    // A right PIN online resets the shared counter.
    value(await signIn(kiosk, CARDS.ben));
    expect(bankCard(bank, CARDS.ben.pan).pin_failed_attempts).toBe(0);
  });
});
