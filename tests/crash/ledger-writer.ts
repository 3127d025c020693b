// Crash-test writer, run as a child process (`node tests/crash/ledger-writer.ts <db> <accountId>`) and killed with
// SIGKILL at random points. It makes withdrawals forever (hold, then post in full, in part, or void, each its own
// commit) and prints a transfer id on stdout only after the commit holding it returned: a printed id is a promise
// that the transfer survives any crash.
import { createLedger, type TransferInput } from '../../electron/ledger/ledger.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { openLedgerDb } from './ledger-fixture.ts';

const HOLD_MINOR_MAX = 500_00;
/** Stops on its own if nobody kills it (a parent that died), instead of writing forever. */
const WITHDRAWALS_MAX = 20_000;

const [path, accountArg] = process.argv.slice(2);
if (!path || !accountArg) {
  process.stderr.write('usage: ledger-writer.ts <db path> <customer account id>\n');
  process.exit(2);
}
const accountId = Number(accountArg);
const db = openLedgerDb(path);
const ledger = createLedger(db, { now: Date.now });
const cash = ledger.internalAccountId('kiosk_cash', 'EUR');

function commit(transfer: TransferInput) {
  const result = ledger.createTransfers([transfer]);
  if (!result.ok) {
    process.stderr.write(`refused ${transfer.kind}: ${result.code}\n`);
    process.exit(1);
  }
  // Synchronous on pipes (Linux): once write returns, the line is the parent's even if we die next.
  process.stdout.write(`${transfer.id}\n`);
}

function resolve(pendingId: string, heldMinor: number) {
  const roll = Math.random();
  const kind = roll < 0.2 ? 'void_pending' : 'post_pending';
  const amountMinor = kind === 'void_pending' ? 0 : roll < 0.5 ? 1 + Math.floor(Math.random() * heldMinor) : heldMinor;
  commit({ id: uuidv7(), kind, debitAccountId: 0, creditAccountId: 0, amountMinor, code: 'withdrawal', pendingId });
}

// A kill between hold and post leaves a hold open: release it first, as the kiosk does at start-up.
const open = db
  .prepare(
    `SELECT p.id, p.amount_minor FROM transfers AS p
      WHERE p.kind = 'pending' AND NOT EXISTS (SELECT 1 FROM transfers AS r WHERE r.pending_id = p.id)`,
  )
  .all() as { id: string; amount_minor: number }[];
for (const pending of open) {
  commit({ id: uuidv7(), kind: 'void_pending', debitAccountId: 0, creditAccountId: 0, amountMinor: 0, code: 'withdrawal', pendingId: pending.id });
}

for (let withdrawal = 0; withdrawal < WITHDRAWALS_MAX; withdrawal++) {
  const heldMinor = 1 + Math.floor(Math.random() * HOLD_MINOR_MAX);
  const pendingId = uuidv7();
  commit({ id: pendingId, kind: 'pending', debitAccountId: accountId, creditAccountId: cash, amountMinor: heldMinor, code: 'withdrawal' });
  resolve(pendingId, heldMinor);
}
db.close();
