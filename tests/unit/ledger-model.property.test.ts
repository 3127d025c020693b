// Model-based property test: random sequences of deposits, withdrawals (hold → post in full or in part, or void),
// linked customer transfers with a fee, resubmissions of earlier batches (same and altered bodies) and reopenings of
// the database file, run against the real SQLite ledger and an in-memory model side by side. After every step the
// answers and every counter agree, earlier rows are untouched, and the ledger's invariants hold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/open-database.ts';
import {
  type CreateTransfersResult,
  createLedger,
  type Ledger,
  type LedgerErrorCode,
  type TransferInput,
  type TransferKind,
} from '../../electron/ledger/ledger.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { addCustomerAccounts, allTransferRows, brokenInvariants, openLedgerDb, type StoredTransferRow } from '../crash/ledger-fixture.ts';

/** Runs × steps is what keeps this under ~20 s: every step commits durably and re-verifies the whole ledger. */
const NUM_RUNS = 200;
const STEPS_MAX = 60;

type CustomerName = 'ana' | 'ben' | 'carl' | 'frozen' | 'dollars';
const CUSTOMERS: readonly CustomerName[] = ['ana', 'ben', 'carl', 'frozen', 'dollars'];
const CARL_OVERDRAFT_MINOR = 50_00;

/** void_part and post_over ask for what the rules refuse: a partial void, a post above the hold. */
type ResolveAction = 'post_full' | 'post_partial' | 'post_over' | 'void' | 'void_zero' | 'void_part';

type Op =
  | { readonly type: 'deposit'; readonly to: CustomerName; readonly amountMinor: number }
  | { readonly type: 'hold'; readonly from: CustomerName; readonly amountMinor: number }
  | { readonly type: 'resolve'; readonly pick: number; readonly action: ResolveAction; readonly percent: number }
  | { readonly type: 'transfer'; readonly from: CustomerName; readonly to: CustomerName; readonly amountMinor: number; readonly feeMinor: number }
  | { readonly type: 'resubmit'; readonly pick: number; readonly alter: 'none' | 'amount' | 'reference' }
  /** A hold or transfer of exactly the available balance, one cent less or one more: the boundary of the funds rule. */
  | { readonly type: 'drain'; readonly from: CustomerName; readonly deltaMinor: -1 | 0 | 1; readonly hold: boolean }
  | { readonly type: 'reopen' };

const customer = fc.constantFrom(...CUSTOMERS);
const amount = fc.integer({ min: 1, max: 150_00 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('deposit' as const), to: customer, amountMinor: amount }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('hold' as const), from: customer, amountMinor: amount }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('resolve' as const),
      pick: fc.nat(),
      action: fc.constantFrom<ResolveAction>('post_full', 'post_partial', 'post_full', 'post_partial', 'void', 'void_zero', 'void_part', 'post_over'),
      percent: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('transfer' as const), from: customer, to: customer, amountMinor: amount, feeMinor: fc.integer({ min: 0, max: 3_00 }) }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('resubmit' as const), pick: fc.nat(), alter: fc.constantFrom('none' as const, 'amount' as const, 'reference' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('drain' as const), from: customer, deltaMinor: fc.constantFrom(-1 as const, 0 as const, 1 as const), hold: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'reopen' as const }) },
);

// ---- The model: plain maps, the rules written out again in the order the contract gives them. ----

type ModelAccount = {
  readonly id: number;
  readonly currency: string;
  readonly open: boolean;
  readonly customer: boolean;
  readonly overdraftMinor: number;
  debitsPending: number;
  debitsPosted: number;
  creditsPending: number;
  creditsPosted: number;
};

type ModelTransfer = {
  readonly id: string;
  readonly kind: TransferKind;
  readonly debit: number;
  readonly credit: number;
  readonly amountMinor: number;
  readonly pendingAmountMinor: number | null;
  readonly code: string;
  readonly pendingId: string | null;
  readonly reference: string | null;
};

type Model = {
  accounts: Map<number, ModelAccount>;
  transfers: Map<string, ModelTransfer>;
  resolved: Set<string>;
  /** Pending ids in creation order, for `resolve` to pick from (resolved ones included, to provoke refusals). */
  pendings: string[];
};

function sameBody(stored: ModelTransfer, input: TransferInput): boolean {
  const resolution = stored.pendingId !== null;
  return (
    stored.kind === input.kind &&
    stored.code === input.code &&
    stored.pendingId === (input.pendingId ?? null) &&
    stored.reference === (input.reference ?? null) &&
    (stored.debit === input.debitAccountId || (resolution && input.debitAccountId === 0)) &&
    (stored.credit === input.creditAccountId || (resolution && input.creditAccountId === 0)) &&
    (stored.amountMinor === input.amountMinor || (stored.kind === 'void_pending' && input.amountMinor === 0))
  );
}

function modelApplyOne(model: Model, input: TransferInput): 'created' | 'exists' | LedgerErrorCode {
  const stored = model.transfers.get(input.id);
  if (stored) return sameBody(stored, input) ? 'exists' : 'exists_with_different_body';
  if (input.kind === 'single' || input.kind === 'pending') {
    if (input.debitAccountId === input.creditAccountId) return 'accounts_must_differ';
    const debit = model.accounts.get(input.debitAccountId);
    const credit = model.accounts.get(input.creditAccountId);
    if (!debit || !credit) return 'account_not_found';
    if (debit.currency !== credit.currency) return 'currency_mismatch';
    if (!debit.open || !credit.open) return 'account_not_open';
    const available = debit.creditsPosted - debit.debitsPosted - debit.debitsPending + debit.overdraftMinor;
    if (debit.customer && available < input.amountMinor) return 'insufficient_funds';
    const posted = input.kind === 'single';
    if (posted) {
      debit.debitsPosted += input.amountMinor;
      credit.creditsPosted += input.amountMinor;
    } else {
      debit.debitsPending += input.amountMinor;
      credit.creditsPending += input.amountMinor;
      model.pendings.push(input.id);
    }
    model.transfers.set(input.id, {
      id: input.id,
      kind: input.kind,
      debit: debit.id,
      credit: credit.id,
      amountMinor: input.amountMinor,
      pendingAmountMinor: null,
      code: input.code,
      pendingId: null,
      reference: input.reference ?? null,
    });
    return 'created';
  }
  const pending = model.transfers.get(input.pendingId ?? '');
  if (!pending || pending.kind !== 'pending') return 'pending_not_found';
  if (model.resolved.has(pending.id)) return 'pending_already_resolved';
  if (input.amountMinor > pending.amountMinor) return 'amount_exceeds_pending';
  if (input.kind === 'void_pending' && input.amountMinor !== 0 && input.amountMinor !== pending.amountMinor) return 'amount_invalid';
  const debit = model.accounts.get(pending.debit);
  const credit = model.accounts.get(pending.credit);
  if (!debit || !credit) throw new Error('model lost an account');
  const posted = input.kind === 'post_pending' ? input.amountMinor : 0;
  debit.debitsPending -= pending.amountMinor;
  credit.creditsPending -= pending.amountMinor;
  debit.debitsPosted += posted;
  credit.creditsPosted += posted;
  model.resolved.add(pending.id);
  model.transfers.set(input.id, {
    id: input.id,
    kind: input.kind,
    debit: pending.debit,
    credit: pending.credit,
    amountMinor: input.kind === 'post_pending' ? posted : pending.amountMinor,
    pendingAmountMinor: pending.amountMinor,
    code: pending.code,
    pendingId: pending.id,
    reference: input.reference ?? null,
  });
  return 'created';
}

/** All or nothing: the batch runs on a copy that replaces the model only when every transfer passed. */
function modelApply(model: Model, batch: readonly TransferInput[]): { result: CreateTransfersResult; model: Model } {
  const draft = structuredClone(model);
  const results: ('created' | 'exists')[] = [];
  for (const [index, input] of batch.entries()) {
    const outcome = modelApplyOne(draft, input);
    if (outcome !== 'created' && outcome !== 'exists') return { result: { ok: false, index, code: outcome }, model };
    results.push(outcome);
  }
  return { result: { ok: true, results }, model: draft };
}

// ---- The harness: one fresh database file per run. ----

type World = {
  readonly path: string;
  db: Db;
  ledger: Ledger;
  readonly ids: Readonly<Record<CustomerName | 'cash' | 'settlement', number>>;
};

function createWorld(dir: string): { world: World; model: Model } {
  const path = join(dir, 'kiosk.db');
  const db = openLedgerDb(path);
  const ledger = createLedger(db, { now: () => 1_790_000_000_000 });
  const cash = ledger.internalAccountId('kiosk_cash', 'EUR');
  const settlement = ledger.internalAccountId('settlement', 'EUR');
  const [ana = 0, ben = 0, carl = 0, frozen = 0, dollars = 0] = addCustomerAccounts(db, [
    { accountNumber: '10000001' },
    { accountNumber: '20000001' },
    { accountNumber: '30000001', overdraftLimitMinor: CARL_OVERDRAFT_MINOR },
    { accountNumber: '40000001', status: 'frozen' },
    { accountNumber: '50000001', currency: 'USD' },
  ]);
  const ids = { ana, ben, carl, frozen, dollars, cash, settlement };
  const accounts = new Map<number, ModelAccount>();
  const add = (id: number, currency: string, open: boolean, customer: boolean, overdraftMinor: number) =>
    accounts.set(id, { id, currency, open, customer, overdraftMinor, debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 0 });
  add(cash, 'EUR', true, false, 0);
  add(settlement, 'EUR', true, false, 0);
  add(ana, 'EUR', true, true, 0);
  add(ben, 'EUR', true, true, 0);
  add(carl, 'EUR', true, true, CARL_OVERDRAFT_MINOR);
  add(frozen, 'EUR', false, true, 0);
  add(dollars, 'USD', true, true, 0);
  return { world: { path, db, ledger, ids }, model: { accounts, transfers: new Map(), resolved: new Set(), pendings: [] } };
}

function batchFor(operation: Op, world: World, model: Model, submitted: readonly (readonly TransferInput[])[]): readonly TransferInput[] | null {
  const { ids } = world;
  const id = () => uuidv7(1_790_000_000_000);
  switch (operation.type) {
    case 'deposit':
      return [{ id: id(), kind: 'single', debitAccountId: ids.cash, creditAccountId: ids[operation.to], amountMinor: operation.amountMinor, code: 'deposit' }];
    case 'hold':
      return [{ id: id(), kind: 'pending', debitAccountId: ids[operation.from], creditAccountId: ids.cash, amountMinor: operation.amountMinor, code: 'withdrawal' }];
    case 'resolve': {
      // Mostly a hold still open (the interesting case), sometimes any hold, to provoke second resolutions.
      const open = model.pendings.filter((pendingId) => !model.resolved.has(pendingId));
      const pool = operation.pick % 3 !== 0 && open.length > 0 ? open : model.pendings;
      const pendingId = pool[operation.pick % Math.max(1, pool.length)] ?? id();
      const held = model.transfers.get(pendingId)?.amountMinor ?? 1;
      const kind = operation.action.startsWith('post') ? 'post_pending' : 'void_pending';
      const part = Math.max(1, Math.floor((held * operation.percent) / 100));
      const amountMinor = { post_full: held, post_partial: part, post_over: held + 1, void: held, void_zero: 0, void_part: part }[operation.action];
      return [{ id: id(), kind, debitAccountId: 0, creditAccountId: 0, amountMinor, code: 'withdrawal', pendingId, reference: 'RRN 000042' }];
    }
    case 'transfer': {
      const transfer: TransferInput = {
        id: id(),
        kind: 'single',
        debitAccountId: ids[operation.from],
        creditAccountId: ids[operation.to],
        amountMinor: operation.amountMinor,
        code: 'transfer',
      };
      if (operation.feeMinor === 0) return [transfer];
      return [transfer, { id: id(), kind: 'single', debitAccountId: ids[operation.from], creditAccountId: ids.settlement, amountMinor: operation.feeMinor, code: 'fee' }];
    }
    case 'resubmit': {
      const earlier = submitted[operation.pick % Math.max(1, submitted.length)];
      if (!earlier) return null;
      if (operation.alter === 'none') return earlier;
      const [first, ...rest] = earlier;
      if (!first) return earlier;
      const altered: TransferInput =
        operation.alter === 'amount' ? { ...first, amountMinor: first.amountMinor + 1 } : { ...first, reference: 'ALTERED' };
      return [altered, ...rest];
    }
    case 'drain': {
      const account = model.accounts.get(ids[operation.from]);
      const available = account ? account.creditsPosted - account.debitsPosted - account.debitsPending + account.overdraftMinor : 0;
      const amountMinor = Math.max(1, available + operation.deltaMinor);
      return operation.hold
        ? [{ id: id(), kind: 'pending', debitAccountId: ids[operation.from], creditAccountId: ids.cash, amountMinor, code: 'withdrawal' }]
        : [{ id: id(), kind: 'single', debitAccountId: ids[operation.from], creditAccountId: ids.settlement, amountMinor, code: 'transfer' }];
    }
    case 'reopen':
      return null;
  }
}

function expectAgreement(world: World, model: Model, seen: readonly StoredTransferRow[]): StoredTransferRow[] {
  for (const account of model.accounts.values()) {
    expect(world.ledger.account(account.id), `account ${account.id}`).toMatchObject({
      debitsPendingMinor: account.debitsPending,
      debitsPostedMinor: account.debitsPosted,
      creditsPendingMinor: account.creditsPending,
      creditsPostedMinor: account.creditsPosted,
    });
  }
  const rows = allTransferRows(world.db);
  expect(rows.slice(0, seen.length), 'earlier transfers never change').toEqual(seen);
  expect(rows).toHaveLength(model.transfers.size);
  for (const row of rows.slice(seen.length)) {
    const expected = model.transfers.get(row.id);
    expect(row).toMatchObject({
      kind: expected?.kind,
      debit_account_id: expected?.debit,
      credit_account_id: expected?.credit,
      amount_minor: expected?.amountMinor,
      pending_amount_minor: expected?.pendingAmountMinor,
      code: expected?.code,
      pending_id: expected?.pendingId,
      reference: expected?.reference,
    });
  }
  expect(brokenInvariants(world.db, world.ledger)).toEqual([]);
  return rows;
}

describe('ledger against its model', () => {
  it('agrees on every answer and counter, keeps history and invariants, across reopenings', () => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: STEPS_MAX, size: 'max' }), (ops) => {
        const dir = mkdtempSync(join(tmpdir(), 'atm-ledger-model-'));
        const created = createWorld(dir);
        const world = created.world;
        let model = created.model;
        const submitted: (readonly TransferInput[])[] = [];
        let seen: StoredTransferRow[] = [];
        try {
          for (const operation of ops) {
            if (operation.type === 'reopen') {
              world.db.close();
              world.db = openLedgerDb(world.path);
              world.ledger = createLedger(world.db, { now: () => 1_790_000_000_000 });
            } else {
              const batch = batchFor(operation, world, model, submitted);
              if (!batch) continue;
              const expected = modelApply(model, batch);
              const actual = world.ledger.createTransfers(batch);
              expect(actual, JSON.stringify(operation)).toEqual(expected.result);
              if (actual.ok) for (const outcome of actual.results) outcomes.add(`${operation.type}:${outcome}`);
              else outcomes.add(actual.code);
              model = expected.model;
              submitted.push(batch);
            }
            seen = expectAgreement(world, model, seen);
          }
        } finally {
          world.db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The generators must reach every rule, or agreement would prove little.
    expect([...outcomes].sort()).toEqual(
      expect.arrayContaining([
        'account_not_open',
        'accounts_must_differ',
        'amount_exceeds_pending',
        'amount_invalid',
        'currency_mismatch',
        'exists_with_different_body',
        'insufficient_funds',
        'pending_already_resolved',
        'pending_not_found',
        'deposit:created',
        'hold:created',
        'resolve:created',
        'transfer:created',
        'drain:created',
        'resubmit:exists',
        'resubmit:created',
      ]),
    );
  });
});
