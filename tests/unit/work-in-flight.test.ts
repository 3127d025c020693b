import { describe, expect, it } from 'vitest';
import { createWorkInFlight, trackHandlers } from '../../electron/core/work-in-flight.ts';
import type { HandlerTable } from '../../electron/ipc/router.ts';

describe('work in flight', () => {
  it('settles only after tracked work, and the work that work starts, has finished', async () => {
    const work = createWorkInFlight();
    const order: string[] = [];
    let release = () => {};
    void work.track(
      new Promise<void>((resolve) => (release = resolve)).then(() => {
        order.push('first');
        // A step that starts another once it is done (a print whose outcome is then journalled by more work).
        void work.track(new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => order.push('second')));
      }),
    );
    const settled = work.settled(5_000).then((outcome) => order.push(`settled:${outcome}`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    release();
    await settled;
    expect(order).toEqual(['first', 'second', 'settled:settled']);
  });

  it('gives up at the deadline on work that never ends, and a failure counts as settled', async () => {
    const work = createWorkInFlight();
    work.track(Promise.reject(new Error('printer on fire'))).catch(() => undefined);
    expect(await work.settled(1_000)).toBe('settled');
    void work.track(new Promise(() => {}));
    expect(await work.settled(30)).toBe('timed_out');
  });

  it('tracks asynchronous handlers and answers every handler with the refusal while one is given', async () => {
    const work = createWorkInFlight();
    let refusing = false;
    let release = () => {};
    const table = {
      system: {
        getStatus: () => ({ ok: true, value: 'sync' }),
        slow: () => new Promise<string>((resolve) => (release = () => resolve('done'))),
      },
    } as unknown as HandlerTable;
    const tracked = trackHandlers(table, work, () => (refusing ? 'refused' : undefined)) as unknown as {
      system: { getStatus(): unknown; slow(): Promise<string> };
    };
    expect(tracked.system.getStatus()).toEqual({ ok: true, value: 'sync' });
    const slow = tracked.system.slow();
    refusing = true;
    expect(tracked.system.getStatus()).toBe('refused');
    expect(await work.settled(30)).toBe('timed_out');
    release();
    expect(await work.settled(1_000)).toBe('settled');
    expect(await slow).toBe('done');
  });
});
