// Staff contract: the branch maintenance mode (login with password + TOTP, cash replenishment, day totals, retained
// cards, enrolment, journal, service switch, diagnostics, settings). Main checks every call against STAFF_ACCESS, the
// one table of which role may use which channel; the renderer may read it to show only what the staff member may do.
import { z } from 'zod';
import { PIN_LENGTH_MAX } from '../card.ts';
import { channel, event } from './define.ts';
import { AmountMinorSchema, CardInsertSchema, CurrencySchema, SessionStateSchema } from './session.ts';
import { SyncStatusSchema } from './system.ts';

export const STAFF_ROLES = ['operator', 'supervisor'] as const;
export const StaffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** Staff ids are short and plain so they can be journalled as they are. */
export const StaffIdSchema = z.string().regex(/^[A-Za-z0-9._-]{3,32}$/);
/** Any printable text; the policy (length, common passwords) is main's, so a weak one gets STAFF_PASSWORD_POLICY. */
export const StaffPasswordSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\p{Cc}]*$/u);
export const TotpCodeSchema = z.string().regex(/^\d{6}$/);

/** A staff member's id, password and current authenticator code (null only before TOTP enrolment). */
export const StaffCredentialsSchema = z.strictObject({
  staffId: StaffIdSchema,
  password: StaffPasswordSchema,
  totpCode: TotpCodeSchema.nullable(),
});
export type StaffCredentials = z.infer<typeof StaffCredentialsSchema>;

/** A second staff member confirming a cash step (dual control); null when the step is done by one person. */
const ConfirmerSchema = StaffCredentialsSchema.nullable();

const Empty = z.strictObject({});
const Count = z.number().int().min(0).max(100_000);
const Position = z.number().int().min(1).max(8);
/** As the cassettes accept (DENOMINATION_MINOR_MAX in electron/cash/note-mix.ts). */
const Denomination = z.number().int().min(1).max(10_000_000);
const IsoTime = z.string().max(40);
const ShortText = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^\p{Cc}]*$/u);
/** Free text staff type: no control characters and no run of digits long enough to be a card number. */
const NoteText = ShortText.refine((text) => !/\d{12,}/.test(text), { message: 'looks like a card number' });

export const StaffSessionSchema = z.strictObject({
  staffId: StaffIdSchema,
  displayName: z.string().max(60),
  role: StaffRoleSchema,
  /** The initial password must be changed before anything else. */
  mustChangePassword: z.boolean(),
  /** No authenticator yet: enrol one (beginTotpEnrolment → confirmTotpEnrolment) before anything else. */
  mustEnrolTotp: z.boolean(),
  /** When the session ends for inactivity (epoch ms, main's clock). */
  idleTimeoutAtMs: z.number().int().nonnegative(),
  /** Methods of `staffChannels` this session may call now (role and set-up state applied). */
  allowed: z.array(z.string().regex(/^[A-Za-z]{1,40}$/)).max(64),
  /** Whether the kiosk goes back into service when this session ends. */
  resumeInService: z.boolean(),
});

export const REPLENISHMENT_STATES = ['totalled', 'counted', 'loaded'] as const;

export const StaffSnapshotSchema = z.strictObject({
  revision: z.number().int().nonnegative(),
  session: StaffSessionSchema.nullable(),
  /** An open enrolment waiting for the customer's PIN. */
  enrolment: z
    .strictObject({
      maskedPan: z.string().max(24),
      holderName: z.string().max(60),
      pinLengthMin: z.number().int().min(4).max(PIN_LENGTH_MAX),
      pinLengthMax: z.number().int().min(4).max(PIN_LENGTH_MAX),
      expiresAtMs: z.number().int().nonnegative(),
    })
    .nullable(),
  /** An open replenishment cycle and its step: totalled → counted → loaded (closed by Trial Cassette Total). */
  replenishment: z
    .strictObject({ cycleId: z.number().int().positive(), state: z.enum(REPLENISHMENT_STATES) })
    .nullable(),
});
export type StaffSnapshot = z.infer<typeof StaffSnapshotSchema>;

export const CassetteViewSchema = z.strictObject({
  position: Position,
  denominationMinor: Denomination,
  currency: CurrencySchema,
  count: Count,
  rejects: Count,
  status: z.enum(['ok', 'low', 'empty', 'fault']),
  valueMinor: AmountMinorSchema,
});

export const DeviceViewSchema = z.strictObject({
  device: z.enum(['dispenser', 'acceptor']),
  state: z.enum(['ready', 'busy', 'fault']),
  fault: z.string().max(64).nullable(),
  /** A simulator: fault switches are available. */
  simulated: z.boolean(),
  /** Faults queued on a simulator, by kind. */
  injectedFaults: z.array(z.string().max(40)).max(32),
});

export const JournalRowViewSchema = z.strictObject({
  seq: z.number().int().positive(),
  recordedAt: IsoTime,
  kind: z.string().max(64),
  sessionId: z.string().max(36).nullable(),
  stan: z.string().max(6).nullable(),
  maskedPan: z.string().max(24).nullable(),
  staffId: z.string().max(64).nullable(),
  amountMinor: AmountMinorSchema.nullable(),
  currency: CurrencySchema.nullable(),
  data: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])),
});
export type JournalRowView = z.infer<typeof JournalRowViewSchema>;

export const DashboardSchema = z.strictObject({
  kioskId: z.string().max(32),
  currency: CurrencySchema,
  /** Why customers are kept out once this staff session ends (null: back in service). */
  outOfServiceReason: z.string().max(200).nullable(),
  resumeInService: z.boolean(),
  customerSession: SessionStateSchema,
  cassettes: z.array(CassetteViewSchema).max(8),
  cassettesValueMinor: AmountMinorSchema,
  cashAccountMinor: AmountMinorSchema,
  /** The kiosk cash account equals Σ count × denomination. */
  cashMatches: z.boolean(),
  rejectsValueMinor: AmountMinorSchema,
  rejectsAccountMinor: AmountMinorSchema,
  retractBinNotes: Count,
  sync: SyncStatusSchema,
  devices: z.array(DeviceViewSchema).max(8),
  journal: z.strictObject({
    rows: z.number().int().nonnegative(),
    capacityRows: z.number().int().positive(),
    nearCapacity: z.boolean(),
  }),
  recentJournal: z.array(JournalRowViewSchema).max(20),
  replenishment: StaffSnapshotSchema.shape.replenishment,
});
export type Dashboard = z.infer<typeof DashboardSchema>;

/**
 * What became of a staff report sent to the receipt printer: printed, saved as a PDF in the receipts folder (no
 * printer configured; the file name only), or failed with a short reason for the screen. The step it reports on has
 * been recorded whatever this says.
 */
export const ReportPrintoutSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('printed') }),
  z.strictObject({ kind: z.literal('saved'), fileName: z.string().max(160) }),
  z.strictObject({ kind: z.literal('failed'), reason: z.string().min(1).max(200) }),
]);
export type ReportPrintout = z.infer<typeof ReportPrintoutSchema>;

export const CassetteTotalSchema = z.strictObject({
  cycleId: z.number().int().positive(),
  at: IsoTime,
  currency: CurrencySchema,
  cassettes: z
    .array(
      z.strictObject({
        position: Position,
        denominationMinor: Denomination,
        notes: Count,
        rejects: Count,
        valueMinor: AmountMinorSchema,
      }),
    )
    .max(8),
  retractBinNotes: Count,
  /** The kiosk cash and rejects accounts as they stood: what the count should find. */
  cashAccountMinor: AmountMinorSchema,
  rejectsAccountMinor: AmountMinorSchema,
  /** The Cassette Total report, printed after the counters were recorded. */
  printout: ReportPrintoutSchema,
});

const NotesOfDenomination = z.strictObject({ denominationMinor: Denomination, notes: Count });

export const CountedNotesRequestSchema = z.strictObject({
  /** Per cassette: the notes found in it and the rejected notes of its denomination found in the reject bin. */
  cassettes: z.array(z.strictObject({ position: Position, notes: Count, rejects: Count })).max(8),
  /** Notes found in the retract bin, by denomination. */
  retractBin: z.array(NotesOfDenomination).max(10),
  confirmer: ConfirmerSchema,
});

export const CountResultSchema = z.strictObject({
  cycleId: z.number().int().positive(),
  expectedMinor: AmountMinorSchema,
  countedMinor: AmountMinorSchema,
  /** counted − expected: positive is an over, negative a short; booked to overs/unders. */
  varianceMinor: AmountMinorSchema,
  flagged: z.boolean(),
  cassettes: z
    .array(
      z.strictObject({
        position: Position,
        expectedNotes: Count,
        countedNotes: Count,
        expectedRejects: Count,
        countedRejects: Count,
        varianceMinor: AmountMinorSchema,
      }),
    )
    .max(8),
});

export const AddCashRequestSchema = z.strictObject({
  cassettes: z
    .array(
      z.strictObject({
        position: Position,
        denominationMinor: Denomination,
        notes: z.number().int().min(0).max(10_000),
      }),
    )
    .min(1)
    .max(8),
  confirmer: ConfirmerSchema,
});

export const AddCashResultSchema = z.strictObject({
  cycleId: z.number().int().positive(),
  loadedMinor: AmountMinorSchema,
  cassettes: z.array(CassetteViewSchema).max(8),
});

export const TrialCassetteTotalSchema = z.strictObject({
  at: IsoTime,
  cassettes: z.array(CassetteViewSchema).max(8),
  cassettesValueMinor: AmountMinorSchema,
  cashAccountMinor: AmountMinorSchema,
  matches: z.boolean(),
  /** The replenishment cycle this total closed, if one was loaded. */
  closedCycleId: z.number().int().positive().nullable(),
  /** The Trial Cassette Total report, printed after the total was recorded. */
  printout: ReportPrintoutSchema,
});

const CountAndAmount = z.strictObject({ count: Count, amountMinor: AmountMinorSchema });

export const DayTotalsSchema = z.strictObject({
  withdrawals: CountAndAmount,
  deposits: CountAndAmount,
  transfers: CountAndAmount,
  feesMinor: AmountMinorSchema,
});
export type DayTotals = z.infer<typeof DayTotalsSchema>;

export const DayTotalResultSchema = z.strictObject({
  periodFrom: IsoTime,
  periodTo: IsoTime,
  currency: CurrencySchema,
  kiosk: DayTotalsSchema,
  /** The bank's totals for the same period; null for a standalone kiosk or when the bank did not answer. */
  bank: z.strictObject({ withdrawals: CountAndAmount, deposits: CountAndAmount }).nullable(),
  /** Kiosk net cash (withdrawals − deposits) minus the bank's; null without bank totals. */
  varianceMinor: AmountMinorSchema.nullable(),
  flagged: z.boolean(),
  /** Day Total closes the period (and books a variance); Trial Day Total changes nothing. */
  closed: z.boolean(),
  /** The report printed (or saved) after the total was taken; a fault here never undoes the total. */
  printout: ReportPrintoutSchema,
});

export const RetainedCardSchema = z.strictObject({
  cardId: z.number().int().positive(),
  maskedPan: z.string().max(24),
  holderName: z.string().max(60),
  retainedAt: IsoTime,
  reason: z.enum(['pin_attempts_exceeded', 'card_not_taken']),
});

/** Most partial retracts one listing returns (RETRACT_MISMATCHES_LIST_MAX in electron/transactions/teller.ts). */
export const RETRACT_REFUNDS_LIST_MAX = 50;
/** A customer transaction's id (UUIDv7): how staff name a withdrawal, never by its card number. */
const TransactionIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const Stan = z.string().regex(/^\d{6}$/);
/** A refund is at most what was presented, and no dispense is near this. */
const RefundMinor = z.number().int().min(1).max(100_000_000);

/** A withdrawal whose retract brought back fewer notes than were presented: posted in full, flagged for the count. */
export const RetractRefundViewSchema = z.strictObject({
  transactionId: TransactionIdSchema,
  stan: Stan,
  rrn: z.string().regex(/^\d{12}$/),
  at: IsoTime,
  maskedPan: z.string().max(24),
  currency: CurrencySchema,
  presentedMinor: AmountMinorSchema,
  /** From the mismatch's journal row; null if it cannot be read. */
  presentedNotes: Count.nullable(),
  retractedNotes: Count,
  /** The refund staff booked, or null while the mismatch is open. */
  refund: z.strictObject({ amountMinor: AmountMinorSchema, stan: Stan, at: IsoTime }).nullable(),
});
export type RetractRefundView = z.infer<typeof RetractRefundViewSchema>;

export const RELEASE_REASONS = ['customer_identified', 'returned_to_issuer', 'destroyed', 'other'] as const;

/** The card as staff present it: swiped (track 2) or typed. */
export const StaffCardSchema = CardInsertSchema.options[1].or(CardInsertSchema.options[2]);

export const EnrolmentRequestSchema = z.strictObject({
  holderName: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[^\p{Cc}\d]*$/u),
  accountLabel: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[^\p{Cc}]*$/u),
  accountKind: z.enum(['checking', 'savings']),
  /** The new card from the branch's card stock: swiped, or its number and expiry typed. */
  card: z.discriminatedUnion('source', [
    CardInsertSchema.options[1],
    z.strictObject({
      source: z.literal('manual'),
      pan: z.string().regex(/^\d{12,19}$/),
      expiresYymm: z.string().regex(/^\d{2}(0[1-9]|1[0-2])$/),
    }),
  ]),
});

const PinSchema = z.string().regex(new RegExp(`^\\d{4,${PIN_LENGTH_MAX}}$`));

export const StaffSummarySchema = z.strictObject({
  staffId: StaffIdSchema,
  displayName: z.string().max(60),
  role: StaffRoleSchema,
  totpEnrolled: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  active: z.boolean(),
  /** The staff card bound to the account (masked), or null. */
  card: z.string().max(24).nullable(),
});

const DispenserFaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('jam_before_present'), pickedNotes: z.number().int().min(0).max(40).optional() }),
  z.strictObject({ kind: z.literal('partial'), presentedNotes: z.number().int().min(1).max(40) }),
  z.strictObject({ kind: z.literal('not_taken') }),
  z.strictObject({ kind: z.literal('retract_partial'), notes: z.number().int().min(0).max(40) }),
  z.strictObject({ kind: z.literal('retract_jam'), notes: z.number().int().min(0).max(40).optional() }),
]);
const AcceptorFaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('reject'),
    notes: z.number().int().min(1).max(100),
    denominationMinor: Denomination.optional(),
  }),
  z.strictObject({ kind: z.literal('jam'), afterNotes: z.number().int().min(0).max(100) }),
]);
const FaultMode = z.enum(['once', 'sticky']);

/** A settings value as it crosses IPC: scalars, a short list, or one level of named scalars (`bank`). */
const SettingScalar = z.union([z.string().max(65_536), z.number(), z.boolean(), z.null()]);
const SettingValue = z.union([
  SettingScalar,
  z.array(SettingScalar).max(16),
  z.record(z.string().regex(/^[A-Za-z]{1,40}$/), SettingScalar),
]);
/** More top-level settings than the kiosk has, with room to grow; a bigger document is refused before it is read. */
export const SETTINGS_KEYS_MAX = 64;
/** Main validates the merged document with its settings schema; this only bounds the shape. */
export const SettingsDocumentSchema = z
  .custom<Record<string, unknown>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length <= SETTINGS_KEYS_MAX,
    { message: `at most ${SETTINGS_KEYS_MAX} settings` },
  )
  .pipe(z.record(z.string().regex(/^[A-Za-z]{1,40}$/), SettingValue));

export const staffChannels = {
  getSnapshot: channel('atm:staff:getSnapshot', Empty, StaffSnapshotSchema),
  /** Entry from the idle or out-of-service screen only; one staff session at a time. */
  login: channel('atm:staff:login', StaffCredentialsSchema, StaffSnapshotSchema),
  logout: channel('atm:staff:logout', Empty, StaffSnapshotSchema),
  /** A key was pressed: resets the 2-minute idle timeout. */
  keepAlive: channel('atm:staff:keepAlive', Empty, StaffSnapshotSchema),
  changePassword: channel(
    'atm:staff:changePassword',
    z.strictObject({ currentPassword: StaffPasswordSchema, newPassword: StaffPasswordSchema }),
    StaffSnapshotSchema,
  ),
  /** A new authenticator secret: the otpauth URI and a QR code (SVG text, made by main) to scan. */
  beginTotpEnrolment: channel(
    'atm:staff:beginTotpEnrolment',
    Empty,
    z.strictObject({ otpauthUri: z.string().max(300), qrSvg: z.string().max(60_000) }),
  ),
  /** The first code from the newly scanned authenticator proves it works; only then is the secret stored. */
  confirmTotpEnrolment: channel(
    'atm:staff:confirmTotpEnrolment',
    z.strictObject({ totpCode: TotpCodeSchema }),
    StaffSnapshotSchema,
  ),

  dashboard: channel('atm:staff:dashboard', Empty, DashboardSchema),

  /** Replenishment step 1: the counters as they stand (the printout), then zeroed; the cash goes back to the vault. */
  cassetteTotal: channel('atm:staff:cassetteTotal', Empty, CassetteTotalSchema),
  /** Step 2: the notes counted in each cassette, its rejects and the retract bin; differences go to overs/unders. */
  enterCounts: channel('atm:staff:enterCounts', CountedNotesRequestSchema, CountResultSchema),
  /** Step 3: notes loaded per cassette, by note count. */
  addCash: channel('atm:staff:addCash', AddCashRequestSchema, AddCashResultSchema),
  /** Step 4 (and any time): the counters against the kiosk cash account; closes a loaded cycle. */
  trialCassetteTotal: channel('atm:staff:trialCassetteTotal', Empty, TrialCassetteTotalSchema),

  trialDayTotal: channel('atm:staff:trialDayTotal', Empty, DayTotalResultSchema),
  dayTotal: channel('atm:staff:dayTotal', Empty, DayTotalResultSchema),

  listRetainedCards: channel(
    'atm:staff:listRetainedCards',
    Empty,
    z.strictObject({ cards: z.array(RetainedCardSchema).max(100) }),
  ),
  releaseRetainedCard: channel(
    'atm:staff:releaseRetainedCard',
    z.strictObject({ cardId: z.number().int().positive(), reason: z.enum(RELEASE_REASONS), note: NoteText.nullable() }),
    z.strictObject({ cardId: z.number().int().positive(), maskedPan: z.string().max(24) }),
  ),
  /** Partial retracts (the customer took some of the notes), newest first, each with its refund if booked. */
  listRetractRefunds: channel(
    'atm:staff:listRetractRefunds',
    Empty,
    z.strictObject({ refunds: z.array(RetractRefundViewSchema).max(RETRACT_REFUNDS_LIST_MAX) }),
  ),
  /**
   * Refunds what the retract-bin count found for one partial retract (1 … the presented amount), once per withdrawal;
   * with a bank, the bank reverses that much of the withdrawal. Dual control as for the other cash steps.
   */
  refundRetract: channel(
    'atm:staff:refundRetract',
    z.strictObject({
      transactionId: TransactionIdSchema,
      amountMinor: RefundMinor,
      note: NoteText.nullable(),
      confirmer: ConfirmerSchema,
    }),
    z.strictObject({
      transactionId: TransactionIdSchema,
      stan: Stan,
      refundStan: Stan,
      maskedPan: z.string().max(24),
      amountMinor: AmountMinorSchema,
      presentedMinor: AmountMinorSchema,
      currency: CurrencySchema,
      at: IsoTime,
    }),
  ),
  /** Unlocks a card that is not retained: its wrong-PIN counter starts again. */
  resetPinAttempts: channel(
    'atm:staff:resetPinAttempts',
    z.strictObject({ card: StaffCardSchema }),
    z.strictObject({
      maskedPan: z.string().max(24),
      previousAttempts: Count,
      status: z.enum(['active', 'blocked', 'retained']),
    }),
  ),

  /** Opens an enrolment; the customer then types the PIN on the keypad (submitEnrolmentPin). */
  startEnrolment: channel('atm:staff:startEnrolment', EnrolmentRequestSchema, StaffSnapshotSchema),
  /** The customer's PIN, twice, typed by the customer; it crosses IPC once and only its hash is kept. */
  submitEnrolmentPin: channel(
    'atm:staff:submitEnrolmentPin',
    z.strictObject({ pin: PinSchema, pinAgain: PinSchema }),
    z.strictObject({
      maskedPan: z.string().max(24),
      accountNumber: z.string().max(34),
      holderName: z.string().max(60),
    }),
  ),
  cancelEnrolment: channel('atm:staff:cancelEnrolment', Empty, StaffSnapshotSchema),

  queryJournal: channel(
    'atm:staff:queryJournal',
    z.strictObject({
      from: z.iso.datetime().nullable(),
      to: z.iso.datetime().nullable(),
      kind: z
        .string()
        .regex(/^[a-z_]+\.[a-z_]+$/)
        .max(64)
        .nullable(),
      panLast4: z
        .string()
        .regex(/^\d{4}$/)
        .nullable(),
      stan: z
        .string()
        .regex(/^\d{6}$/)
        .nullable(),
      staffId: StaffIdSchema.nullable(),
      /** Page backwards: rows with seq below this (null: from the newest). */
      beforeSeq: z.number().int().positive().nullable(),
      limit: z.number().int().min(1).max(100),
    }),
    z.strictObject({
      rows: z.array(JournalRowViewSchema).max(100),
      nextBeforeSeq: z.number().int().positive().nullable(),
    }),
  ),
  /** Writes the journal as JSON lines to a new file in the data dir's journal-exports folder. */
  exportJournal: channel(
    'atm:staff:exportJournal',
    z.strictObject({ fromSeq: z.number().int().positive().nullable(), toSeq: z.number().int().positive().nullable() }),
    z.strictObject({
      fileName: z.string().max(120),
      rows: z.number().int().nonnegative(),
      headSeq: z.number().int().nonnegative().nullable(),
    }),
  ),
  /** Bank sync: requests the bank refused (parked) and stand-ins it declined afterwards (exceptions), for staff. */
  syncIssues: channel(
    'atm:staff:syncIssues',
    Empty,
    z.strictObject({
      parked: z
        .array(
          z.strictObject({
            seq: z.number().int().positive(),
            op: z.string().max(20),
            reason: z.string().max(200).nullable(),
            attempts: z.number().int().nonnegative(),
          }),
        )
        .max(100),
      exceptions: z
        .array(
          z.strictObject({
            id: z.number().int().positive(),
            kind: z.string().max(40),
            amountMinor: AmountMinorSchema,
            currency: CurrencySchema.nullable(),
            reason: z.string().max(200),
            at: IsoTime,
          }),
        )
        .max(100),
    }),
  ),
  /** Send a parked request again, give it up (booked as it stands), or mark an exception settled. */
  resolveSyncIssue: channel(
    'atm:staff:resolveSyncIssue',
    z.discriminatedUnion('action', [
      z.strictObject({ action: z.literal('retry'), seq: z.number().int().positive() }),
      z.strictObject({ action: z.literal('discard'), seq: z.number().int().positive() }),
      z.strictObject({ action: z.literal('resolve'), id: z.number().int().positive() }),
    ]),
    z.strictObject({ done: z.boolean() }),
  ),
  /** Sends what waits for the bank and pulls its changes now. */
  syncNow: channel(
    'atm:staff:syncNow',
    Empty,
    z.strictObject({
      pending: z.number().int().nonnegative(),
      parked: z.number().int().nonnegative(),
      pulled: z.boolean(),
    }),
  ),
  /** Writes a diagnostics bundle (logs, journal verify result, settings without secrets) to the data dir. */
  exportDiagnostics: channel(
    'atm:staff:exportDiagnostics',
    Empty,
    z.strictObject({ fileName: z.string().max(120), bytes: z.number().int().nonnegative() }),
  ),
  verifyJournal: channel(
    'atm:staff:verifyJournal',
    Empty,
    z.strictObject({
      ok: z.boolean(),
      rows: z.number().int().nonnegative().nullable(),
      brokenAtSeq: z.number().int().nonnegative().nullable(),
      reason: z.string().max(40).nullable(),
    }),
  ),

  /** What happens when this staff session ends: back into service, or out of service with a reason. */
  setService: channel(
    'atm:staff:setService',
    z.discriminatedUnion('inService', [
      z.strictObject({ inService: z.literal(true) }),
      z.strictObject({ inService: z.literal(false), reason: NoteText }),
    ]),
    StaffSnapshotSchema,
  ),
  /** A few notes from one cassette to the staff member's hand, booked out of the kiosk cash account. */
  testDispense: channel(
    'atm:staff:testDispense',
    z.strictObject({ position: Position, notes: z.number().int().min(1).max(5) }),
    z.strictObject({
      outcome: z.enum(['presented', 'partial', 'jammed_before_present']),
      presentedNotes: Count,
      rejectedNotes: Count,
      amountMinor: AmountMinorSchema,
    }),
  ),
  deviceStatus: channel('atm:staff:deviceStatus', Empty, z.strictObject({ devices: z.array(DeviceViewSchema).max(8) })),
  injectDeviceFault: channel(
    'atm:staff:injectDeviceFault',
    z.discriminatedUnion('device', [
      z.strictObject({ device: z.literal('dispenser'), fault: DispenserFaultSchema, mode: FaultMode }),
      z.strictObject({ device: z.literal('acceptor'), fault: AcceptorFaultSchema, mode: FaultMode }),
    ]),
    z.strictObject({ devices: z.array(DeviceViewSchema).max(8) }),
  ),
  /** Clears a device's fault (after staff freed a jam) and drops queued simulator faults. */
  resetDevice: channel(
    'atm:staff:resetDevice',
    z.strictObject({ device: z.enum(['dispenser', 'acceptor']) }),
    z.strictObject({ devices: z.array(DeviceViewSchema).max(8) }),
  ),

  getSettings: channel('atm:staff:getSettings', Empty, z.strictObject({ settings: SettingsDocumentSchema })),
  /** Top-level keys to replace; the merged settings must pass main's schema or nothing changes. */
  updateSettings: channel(
    'atm:staff:updateSettings',
    // The confirmer is needed under dual control to switch it off or change the bank connection.
    z.strictObject({ patch: SettingsDocumentSchema, confirmer: ConfirmerSchema.optional() }),
    z.strictObject({ settings: SettingsDocumentSchema, changed: z.array(z.string().max(60)).max(64) }),
  ),

  listStaff: channel('atm:staff:listStaff', Empty, z.strictObject({ staff: z.array(StaffSummarySchema).max(200) })),
  /** A new staff account with an initial password it must change, and no authenticator until it enrols one. */
  createStaff: channel(
    'atm:staff:createStaff',
    z.strictObject({
      staffId: StaffIdSchema,
      displayName: z
        .string()
        .min(1)
        .max(60)
        .regex(/^[^\p{Cc}]*$/u),
      role: StaffRoleSchema,
      initialPassword: StaffPasswordSchema,
      confirmer: ConfirmerSchema.optional(),
    }),
    StaffSummarySchema,
  ),
  /** Lost authenticator or forgotten password: a new initial password, no authenticator, lockout cleared. */
  resetStaff: channel(
    'atm:staff:resetStaff',
    z.strictObject({ staffId: StaffIdSchema, initialPassword: StaffPasswordSchema, confirmer: ConfirmerSchema.optional() }),
    StaffSummarySchema,
  ),
  /**
   * Binds a staff card to an account (replacing its previous one): inserted at the idle or out-of-service screen it
   * opens the staff login with that id filled in. A customer card, or another account's card, is refused.
   */
  bindStaffCard: channel(
    'atm:staff:bindStaffCard',
    z.strictObject({ staffId: StaffIdSchema, card: StaffCardSchema }),
    z.strictObject({ staffId: StaffIdSchema, maskedPan: z.string().max(24) }),
  ),
  /** Removes an account's staff card: the number is an unknown card from then on. */
  unbindStaffCard: channel(
    'atm:staff:unbindStaffCard',
    z.strictObject({ staffId: StaffIdSchema }),
    z.strictObject({ staffId: StaffIdSchema, maskedPan: z.string().max(24) }),
  ),
} as const;

export type StaffChannels = typeof staffChannels;
export type StaffMethod = keyof StaffChannels;

export const staffEvents = {
  changed: event('atm:event:staff.changed', StaffSnapshotSchema),
  /**
   * A bound staff card was inserted at the idle or out-of-service screen: open the staff login with this id filled
   * in (no customer session was started, the card was handed back). The card number never leaves main.
   */
  cardInserted: event('atm:event:staff.cardInserted', z.strictObject({ staffId: StaffIdSchema })),
} as const;

/**
 * Who may call what. `public`: no staff session needed. Otherwise a session whose role is listed; `duringSetup`
 * channels stay open while the initial password or the authenticator is still to be set; `audited` channels write
 * a journal row naming the staff member on every accepted call. Adding a channel without an entry is a compile error.
 */
export type StaffAccess =
  | { readonly session: false }
  | {
      readonly session: true;
      readonly roles: readonly StaffRole[];
      readonly duringSetup: boolean;
      readonly audited: boolean;
    };

const ANYONE = { session: true, roles: STAFF_ROLES, duringSetup: true, audited: false } as const;
const CASH = { session: true, roles: ['operator', 'supervisor'], duringSetup: false, audited: true } as const;
const SUPERVISOR = { session: true, roles: ['supervisor'], duringSetup: false, audited: true } as const;

export const STAFF_ACCESS = {
  getSnapshot: { session: false },
  login: { session: false },
  logout: { ...ANYONE, audited: true },
  keepAlive: ANYONE,
  changePassword: { ...ANYONE, audited: true },
  beginTotpEnrolment: { ...ANYONE, audited: true },
  confirmTotpEnrolment: { ...ANYONE, audited: true },
  dashboard: CASH,
  cassetteTotal: CASH,
  enterCounts: CASH,
  addCash: CASH,
  trialCassetteTotal: CASH,
  trialDayTotal: CASH,
  dayTotal: CASH,
  testDispense: CASH,
  resetDevice: CASH,
  listRetainedCards: SUPERVISOR,
  releaseRetainedCard: SUPERVISOR,
  listRetractRefunds: SUPERVISOR,
  refundRetract: SUPERVISOR,
  resetPinAttempts: SUPERVISOR,
  startEnrolment: SUPERVISOR,
  submitEnrolmentPin: SUPERVISOR,
  cancelEnrolment: SUPERVISOR,
  queryJournal: SUPERVISOR,
  exportJournal: SUPERVISOR,
  verifyJournal: SUPERVISOR,
  exportDiagnostics: SUPERVISOR,
  syncIssues: SUPERVISOR,
  resolveSyncIssue: SUPERVISOR,
  syncNow: CASH,
  setService: SUPERVISOR,
  deviceStatus: SUPERVISOR,
  injectDeviceFault: SUPERVISOR,
  getSettings: SUPERVISOR,
  updateSettings: SUPERVISOR,
  listStaff: SUPERVISOR,
  createStaff: SUPERVISOR,
  resetStaff: SUPERVISOR,
  bindStaffCard: SUPERVISOR,
  unbindStaffCard: SUPERVISOR,
} as const satisfies Record<StaffMethod, StaffAccess>;
