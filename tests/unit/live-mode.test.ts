// A live kiosk never runs the simulators: without real device drivers it serves no customer, and no staff switch puts
// it back in service; with drivers given it serves. Staff mode works either way (set-up needs it).
import { afterEach, describe, expect, it } from 'vitest';
import { NO_DEVICE_DRIVERS_REASON } from '../../electron/core/kiosk-core.ts';
import { createSimulatedDispenser } from '../../electron/devices/simulated-cash-dispenser.ts';
import { createSimulatedDepositAcceptor } from '../../electron/devices/simulated-deposit-acceptor.ts';
import { DEMO_ACCEPTED_DENOMINATIONS } from '../../electron/demo/seed-demo-cash.ts';
import { type CoreFixture, createCoreFixture } from '../support/kiosk-fixture.ts';

let fixture: CoreFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

const instant = async () => {};

describe('a live kiosk', () => {
  it('without device drivers is out of service for customers and says why', async () => {
    fixture = createCoreFixture();
    const core = await fixture.start(undefined, { mode: 'live' });
    expect(await core.handlers.system.getStatus({})).toMatchObject({
      ok: true,
      value: { mode: 'live', inService: false, outOfServiceReason: NO_DEVICE_DRIVERS_REASON },
    });
    expect(await core.handlers.session.insertCard({ source: 'manual', pan: '4000001234567899' })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SERVICE' },
    });
    expect(fixture.logger.lines.some((line) => line.includes('no cash device drivers'))).toBe(true);
  });

  it('with drivers for both devices is in service (the drivers decide what the notes are)', async () => {
    fixture = createCoreFixture();
    const acceptor = createSimulatedDepositAcceptor({ denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS, sleep: instant });
    const core = await fixture.start(undefined, {
      mode: 'live',
      devices: {
        dispenser: createSimulatedDispenser({ sleep: instant }),
        acceptor: Object.assign(acceptor, { denominationsMinor: DEMO_ACCEPTED_DENOMINATIONS }),
      },
    });
    expect(await core.handlers.system.getStatus({})).toMatchObject({ ok: true, value: { mode: 'live', inService: true } });
  });
});
