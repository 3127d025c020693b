// System contract: kiosk status for the idle screen and the demo card reader's card list.
import { z } from 'zod';
import { channel, event } from './define.ts';

/** Bank sync as the screens need it: an offline notice for customers, the queue and last error for staff. */
export const SyncStatusSchema = z.strictObject({
  /**
   * `standalone`: no bank configured (the embedded bank); `connecting`: configured, not yet heard from since start
   * (customers are not told of an outage nobody has seen); `offline`: the bank did not answer.
   */
  mode: z.enum(['standalone', 'connecting', 'online', 'offline']),
  /** Requests waiting to reach the bank. */
  queueLength: z.number().int().min(0),
  /** Requests the bank refused, waiting for staff. */
  parked: z.number().int().min(0),
  /** Open exceptions (e.g. a stand-in the bank declined afterwards), waiting for staff. */
  exceptions: z.number().int().min(0),
  /** Short and secret-free. */
  lastError: z.string().max(200).nullable(),
  /** The reduced offline limits while the bank is unreachable; null otherwise. */
  standIn: z.strictObject({ perCardMinor: z.number().int().min(0), perKioskMinor: z.number().int().min(0) }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const KioskStatusSchema = z.strictObject({
  kioskId: z.string().min(1).max(32),
  version: z.string().max(32),
  /** `demo` runs on the embedded demo data with the simulated card reader. */
  mode: z.enum(['demo', 'live']),
  inService: z.boolean(),
  outOfServiceReason: z.string().max(200).nullable(),
  manualCardEntry: z.boolean(),
  sync: SyncStatusSchema,
});
export type KioskStatus = z.infer<typeof KioskStatusSchema>;

export const DemoCardSchema = z.strictObject({
  demoCardId: z.string().regex(/^[a-z0-9-]{1,32}$/),
  holderName: z.string().max(60),
  maskedPan: z.string().max(24),
  /** What the card demonstrates: an active card, a blocked one, an expired one… */
  note: z.enum(['active', 'blocked', 'expired']),
});
export type DemoCard = z.infer<typeof DemoCardSchema>;

const Empty = z.strictObject({});

export const systemChannels = {
  getStatus: channel('atm:system:getStatus', Empty, KioskStatusSchema),
  listDemoCards: channel('atm:system:listDemoCards', Empty, z.strictObject({ cards: z.array(DemoCardSchema).max(20) })),
} as const;

export const systemEvents = {
  statusChanged: event('atm:event:system.statusChanged', KioskStatusSchema),
} as const;
