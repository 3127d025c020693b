// One valid request per staff channel, typed by the contract: a channel added without a sample here is a compile
// error, which keeps the table-driven role tests complete.
import type { z } from 'zod';
import { luhnValid } from '../../shared/card.ts';
import type { StaffChannels, StaffMethod } from '../../shared/ipc/staff.ts';

/** A Luhn-valid test card number (issuer prefix 400000) not used by the demo bank. */
export function testPan(body = '400000987654321'): string {
  for (let digit = 0; digit <= 9; digit++) {
    const pan = `${body}${digit}`;
    if (luhnValid(pan)) return pan;
  }
  throw new Error('no check digit');
}

export const NEW_CARD_PAN = testPan();
/** A Luhn-valid number for a staff card (not a demo customer card). */
export const STAFF_CARD_PAN = testPan('400000111122223');

export const SAMPLE_REQUESTS: { readonly [M in StaffMethod]: z.input<StaffChannels[M]['request']> } = {
  getSnapshot: {},
  login: { staffId: 'operator1', password: 'not-the-password', totpCode: null },
  logout: {},
  keepAlive: {},
  changePassword: { currentPassword: 'not-the-password', newPassword: 'Another-Quiet-River-58' },
  beginTotpEnrolment: {},
  confirmTotpEnrolment: { totpCode: '123456' },
  dashboard: {},
  cassetteTotal: {},
  enterCounts: { cassettes: [], retractBin: [], confirmer: null },
  addCash: { cassettes: [{ position: 1, denominationMinor: 1_000, notes: 10 }], confirmer: null },
  trialCassetteTotal: {},
  trialDayTotal: {},
  dayTotal: {},
  testDispense: { position: 1, notes: 1 },
  resetDevice: { device: 'dispenser' },
  listRetainedCards: {},
  releaseRetainedCard: { cardId: 1, reason: 'customer_identified', note: 'ID checked at the counter' },
  listRetractRefunds: {},
  refundRetract: {
    transactionId: '01890a5d-ac96-774b-bcce-b302099a8057',
    amountMinor: 2_000,
    note: 'Counted with the branch manager',
    confirmer: null,
  },
  resetPinAttempts: { card: { source: 'manual', pan: '4000002345678906' } },
  startEnrolment: {
    holderName: 'Dana Ionescu',
    accountLabel: 'Checking',
    accountKind: 'checking',
    card: { source: 'manual', pan: NEW_CARD_PAN, expiresYymm: '3012' },
  },
  submitEnrolmentPin: { pin: '739164', pinAgain: '739164' },
  cancelEnrolment: {},
  queryJournal: {
    from: null,
    to: null,
    kind: null,
    panLast4: null,
    stan: null,
    staffId: null,
    beforeSeq: null,
    limit: 20,
  },
  exportJournal: { fromSeq: null, toSeq: null },
  verifyJournal: {},
  exportDiagnostics: {},
  syncIssues: {},
  resolveSyncIssue: { action: 'resolve', id: 1 },
  syncNow: {},
  setService: { inService: true },
  deviceStatus: {},
  injectDeviceFault: { device: 'dispenser', fault: { kind: 'not_taken' }, mode: 'once' },
  getSettings: {},
  updateSettings: { patch: { withdrawalMaxMinor: 40_000 } },
  listStaff: {},
  createStaff: {
    staffId: 'newop',
    displayName: 'New Operator',
    role: 'operator',
    initialPassword: 'Maple-Harbour-Violet-81',
  },
  resetStaff: { staffId: 'newop', initialPassword: 'Granite-Willow-Comet-27' },
  bindStaffCard: { staffId: 'operator1', card: { source: 'manual', pan: STAFF_CARD_PAN } },
  unbindStaffCard: { staffId: 'operator1' },
};
