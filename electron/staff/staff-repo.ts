// Staff accounts and their lockout state. Statements are prepared once; a failure count and the lock it triggers
// change in one transaction, so a crash never leaves a fifth failure without its lock.
import type { Db } from '../db/open-database.ts';
import type { StaffRole } from '../../shared/ipc/staff.ts';

/** Failed logins in a row after which a staff id is locked. */
export const STAFF_FAILURES_MAX = 5;
export const STAFF_LOCK_MS = 15 * 60_000;

export type StaffAccount = {
  readonly staffId: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly active: boolean;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly totpSecretSealed: string | null;
  readonly totpLastStep: number;
  readonly failedAttempts: number;
  readonly lockedUntilMs: number | null;
};

type Row = {
  staff_id: string;
  display_name: string;
  role: StaffRole;
  status: 'active' | 'disabled';
  password_hash: string;
  must_change_password: number;
  totp_secret_sealed: string | null;
  totp_last_step: number;
  failed_attempts: number;
  locked_until_ms: number | null;
};

function toAccount(row: Row): StaffAccount {
  return {
    staffId: row.staff_id,
    displayName: row.display_name,
    role: row.role,
    active: row.status === 'active',
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
    totpSecretSealed: row.totp_secret_sealed,
    totpLastStep: row.totp_last_step,
    failedAttempts: row.failed_attempts,
    lockedUntilMs: row.locked_until_ms,
  };
}

export type NewStaffAccount = {
  readonly staffId: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly passwordHash: string;
  readonly totpSecretSealed: string | null;
};

const COLUMNS = `staff_id, display_name, role, status, password_hash, must_change_password, totp_secret_sealed, totp_last_step,
  failed_attempts, locked_until_ms`;

/** Most accounts a listing returns. */
export const STAFF_LIST_MAX = 200;

export function createStaffRepo(db: Db) {
  const byId = db.prepare<{ staffId: string }, Row>(`SELECT ${COLUMNS} FROM staff_accounts WHERE staff_id = @staffId`);
  const all = db.prepare<{ limit: number }, Row>(
    `SELECT ${COLUMNS} FROM staff_accounts ORDER BY staff_id LIMIT @limit`,
  );
  const insert = db.prepare<NewStaffAccount & { now: string }>(
    `INSERT INTO staff_accounts (staff_id, display_name, role, password_hash, must_change_password, totp_secret_sealed,
                                 created_at, updated_at)
     VALUES (@staffId, @displayName, @role, @passwordHash, 1, @totpSecretSealed, @now, @now)`,
  );
  const addFailure = db.prepare<{ staffId: string; now: string }, { failed_attempts: number }>(
    `UPDATE staff_accounts SET failed_attempts = failed_attempts + 1, updated_at = @now WHERE staff_id = @staffId
     RETURNING failed_attempts`,
  );
  const lock = db.prepare<{ staffId: string; until: number; now: string }>(
    `UPDATE staff_accounts SET failed_attempts = 0, locked_until_ms = @until, updated_at = @now WHERE staff_id = @staffId`,
  );
  const success = db.prepare<{ staffId: string; step: number | null; now: string }>(
    `UPDATE staff_accounts SET failed_attempts = 0, locked_until_ms = NULL,
            totp_last_step = max(totp_last_step, coalesce(@step, 0)), updated_at = @now
      WHERE staff_id = @staffId`,
  );
  const useStep = db.prepare<{ staffId: string; step: number; now: string }>(
    `UPDATE staff_accounts SET totp_last_step = @step, updated_at = @now WHERE staff_id = @staffId AND totp_last_step < @step`,
  );
  const setPassword = db.prepare<{ staffId: string; hash: string; mustChange: number; now: string }>(
    `UPDATE staff_accounts SET password_hash = @hash, must_change_password = @mustChange, updated_at = @now WHERE staff_id = @staffId`,
  );
  const setTotp = db.prepare<{ staffId: string; sealed: string | null; step: number; now: string }>(
    `UPDATE staff_accounts SET totp_secret_sealed = @sealed, totp_last_step = @step, updated_at = @now WHERE staff_id = @staffId`,
  );
  const clearLock = db.prepare<{ staffId: string; now: string }>(
    `UPDATE staff_accounts SET failed_attempts = 0, locked_until_ms = NULL, updated_at = @now WHERE staff_id = @staffId`,
  );
  const countSealed = db.prepare<[], { n: number }>(
    'SELECT count(*) AS n FROM staff_accounts WHERE totp_secret_sealed IS NOT NULL',
  );

  const recordFailure = db.transaction((staffId: string, nowMs: number): { locked: boolean } => {
    const now = new Date(nowMs).toISOString();
    const row = addFailure.get({ staffId, now });
    if (!row || row.failed_attempts < STAFF_FAILURES_MAX) return { locked: false };
    lock.run({ staffId, until: nowMs + STAFF_LOCK_MS, now });
    return { locked: true };
  });

  return {
    find(staffId: string): StaffAccount | null {
      const row = byId.get({ staffId });
      return row ? toAccount(row) : null;
    },
    list(): StaffAccount[] {
      return all.all({ limit: STAFF_LIST_MAX }).map(toAccount);
    },
    /** A new account always starts with its initial password to be changed. */
    create(account: NewStaffAccount, now: string): void {
      insert.run({ ...account, now });
    },
    /** Counts a failed login; the fifth in a row locks the id for STAFF_LOCK_MS (and restarts the count). */
    recordFailure(staffId: string, nowMs: number): { locked: boolean } {
      return recordFailure(staffId, nowMs);
    },
    /** A good login: failures cleared and, when a TOTP code was used, its step remembered so it cannot be replayed. */
    recordSuccess(staffId: string, step: number | null, nowMs: number): void {
      success.run({ staffId, step, now: new Date(nowMs).toISOString() });
    },
    /** Marks a TOTP step used (a confirmer's code); false if it, or a later one, already was. */
    useTotpStep(staffId: string, step: number, nowMs: number): boolean {
      return useStep.run({ staffId, step, now: new Date(nowMs).toISOString() }).changes === 1;
    },
    setPassword(staffId: string, hash: string, mustChange: boolean, nowMs: number): void {
      setPassword.run({ staffId, hash, mustChange: mustChange ? 1 : 0, now: new Date(nowMs).toISOString() });
    },
    setTotpSecret(staffId: string, sealed: string | null, lastStep: number, nowMs: number): void {
      setTotp.run({ staffId, sealed, step: lastStep, now: new Date(nowMs).toISOString() });
    },
    clearLock(staffId: string, nowMs: number): void {
      clearLock.run({ staffId, now: new Date(nowMs).toISOString() });
    },
    /** Whether any TOTP secret is sealed (then the staff key must exist: see loadStaffSecretKey). */
    hasSealedSecrets(): boolean {
      return (countSealed.get()?.n ?? 0) > 0;
    },
  };
}

export type StaffRepo = ReturnType<typeof createStaffRepo>;
