// Trace numbers: the STAN counts up and wraps; the RRN (one year digit + day + hour + STAN) can come round again ten
// years on, and then the STAN whose RRN is taken is skipped instead of refusing every transaction for that hour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrate.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { type Db, openDatabase } from '../../electron/db/open-database.ts';
import { createTraceNumbers, STAN_MAX } from '../../electron/transactions/trace-numbers.ts';

let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  db = undefined;
  dir = undefined;
});

function freshDb(): Db {
  dir = mkdtempSync(join(tmpdir(), 'atm-trace-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  migrate(db, migrations);
  return db;
}

/** A recorded transaction holding `rrn`, as one from ten years earlier would. */
function recordRrn(target: Db, rrn: string, stan: string, businessDay: string) {
  const at = `${businessDay}T09:00:00.000Z`;
  const customer = target.prepare("INSERT INTO customers (display_name, created_at) VALUES ('Old Customer', ?) RETURNING id").get(at) as {
    id: number;
  };
  const card = target
    .prepare(
      `INSERT INTO cards (customer_id, pan_hmac, pan_last4, expires_yymm, status, pin_hash, updated_at)
       VALUES (?, ?, '0000', '1612', 'active', '$argon2id$v=19$m=19456,t=2,p=1$x$y', ?) RETURNING id`,
    )
    .get(customer.id, crypto.randomUUID().replace(/-/g, '').padEnd(64, '0'), at) as { id: number };
  target
    .prepare(
      `INSERT INTO customer_transactions (id, session_id, card_id, kind, amount_minor, currency, business_day, stan, rrn, status, created_at, updated_at)
       VALUES (?, ?, ?, 'balance', 0, 'EUR', ?, ?, ?, 'completed', ?, ?)`,
    )
    .run(crypto.randomUUID(), crypto.randomUUID(), card.id, businessDay, stan, rrn, at, at);
}

describe('trace numbers', () => {
  it('counts the STAN up and wraps after 999999 to 000001', () => {
    const target = freshDb();
    const trace = createTraceNumbers(target);
    const at = Date.UTC(2026, 10, 25, 9, 30);
    expect(trace.next(at)).toEqual({ stan: '000001', rrn: '632909000001', businessDay: '2026-11-25' });
    target.prepare("UPDATE trace_counters SET value = ? WHERE name = 'stan'").run(STAN_MAX);
    expect(trace.next(at).stan).toBe('000001');
  });

  it('skips a STAN whose RRN a transaction ten years ago already holds, and every later one stays unique', () => {
    const target = freshDb();
    const trace = createTraceNumbers(target);
    const at = Date.UTC(2026, 10, 25, 9, 30);
    // Ten years earlier, same day of year and hour: the RRNs of STANs 1 and 2 are taken.
    recordRrn(target, '632909000001', '000001', '2016-11-25');
    recordRrn(target, '632909000002', '000002', '2016-11-25');
    expect(trace.next(at)).toMatchObject({ stan: '000003', rrn: '632909000003' });
    expect(trace.next(at)).toMatchObject({ stan: '000004', rrn: '632909000004' });
  });
});
