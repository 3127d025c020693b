// The customer side of the bank (the Flask API's features, without its defects): registration, login with
// rotating refresh tokens, profile allow-list, password reset through the notifications outbox, TOTP, and
// ownership-checked account operations. argon2 runs before or after a transaction, never inside one. Every token
// carries the customer's token generation; a password reset or a refresh token's reuse moves to the next one, which
// ends every session at once (access tokens included, checked on each request).
import { Secret, TOTP } from 'otpauth';
import type {
  CustomerAccount,
  HistoryEntry,
  HistoryResponse,
  MovementResult,
  Profile,
  ProfileUpdate,
  TokenPair,
} from '../shared/bank-api/index.ts';
import { DATE_RANGE_DAYS_MAX, STATEMENT_ROWS_MAX } from '../shared/bank-api/index.ts';
import { uuidv7 } from '../shared/ids.ts';
import type { Hasher } from './auth/hashing.ts';
import { hmacHex, randomToken } from './auth/secrets.ts';
import type { TokenService } from './auth/tokens.ts';
import { BankError } from './errors.ts';
import { type AccountRow, availableOf, balanceOf, type BankLedger, type TransferRow } from './store/ledger.ts';
import type { Db } from './store/open-store.ts';

export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
/** How long an outbox message is worth delivering: its reset token's lifetime (the only kind of message so far). */
export const NOTIFICATION_TTL_MS = PASSWORD_RESET_TTL_MS;
export const NEW_ACCOUNT_CURRENCY = 'EUR';
const DAY_MS = 86_400_000;
const HISTORY_DEFAULT_DAYS = 30;
const TOTP_ISSUER = 'ATM Bank';
const TOTP_WINDOW = 1;

type CustomerRow = {
  id: number;
  email: string | null;
  password_hash: string | null;
  display_name: string;
  phone: string | null;
  address: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_counter: number | null;
  token_generation: number;
};

const CUSTOMER_COLUMNS =
  'id, email, password_hash, display_name, phone, address, totp_secret, totp_pending_secret, totp_last_counter, ' +
  'token_generation';

export type CustomerServiceDeps = {
  readonly db: Db;
  readonly ledger: BankLedger;
  readonly tokens: TokenService;
  readonly passwords: Hasher;
  readonly hmacKey: Uint8Array;
  readonly now: () => number;
  /** Called after a message was committed to notifications_outbox (the mail sender sends it without waiting). */
  readonly onNotificationQueued?: () => void;
};

function dayStartMs(day: string): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (!Number.isFinite(ms)) throw new BankError('invalid_request', 'Invalid date.');
  return ms;
}

export function createCustomerService(deps: CustomerServiceDeps) {
  const { db, ledger, tokens, passwords, hmacKey, now, onNotificationQueued } = deps;
  const byId = db.prepare<{ id: number }, CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = @id`);
  const byEmail = db.prepare<{ email: string }, CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE email = @email`,
  );
  const insertCustomer = db.prepare<{ email: string; hash: string; name: string; at: number }>(
    'INSERT INTO customers (email, password_hash, display_name, created_at_ms) VALUES (@email, @hash, @name, @at)',
  );
  const insertAccount = db.prepare<{ customer: number; number: string; label: string; kind: string; currency: string }>(
    `INSERT INTO accounts (customer_id, account_number, label, kind, currency, status) VALUES (@customer, @number, @label, @kind, @currency, 'open')`,
  );
  const accountsOf = db.prepare<{ customer: number }, { id: number }>(
    'SELECT id FROM accounts WHERE customer_id = @customer ORDER BY account_number',
  );
  const updateProfile = db.prepare<{ id: number; name: string; phone: string | null; address: string | null }>(
    'UPDATE customers SET display_name = @name, phone = @phone, address = @address WHERE id = @id',
  );
  const setPassword = db.prepare<{ id: number; hash: string }>(
    'UPDATE customers SET password_hash = @hash WHERE id = @id',
  );
  const setTotp = db.prepare<{ id: number; secret: string | null; pending: string | null; counter: number | null }>(
    'UPDATE customers SET totp_secret = @secret, totp_pending_secret = @pending, totp_last_counter = @counter WHERE id = @id',
  );
  const setTotpCounter = db.prepare<{ id: number; counter: number }>(
    'UPDATE customers SET totp_last_counter = @counter WHERE id = @id',
  );
  const insertRefresh = db.prepare<{ hash: string; customer: number; family: string; expires: number }>(
    'INSERT INTO refresh_tokens (jti_hash, customer_id, family, expires_at_ms) VALUES (@hash, @customer, @family, @expires)',
  );
  const refreshByHash = db.prepare<
    { hash: string },
    { customer_id: number; family: string; used_at_ms: number | null; revoked: number; expires_at_ms: number }
  >('SELECT customer_id, family, used_at_ms, revoked, expires_at_ms FROM refresh_tokens WHERE jti_hash = @hash');
  const markRefreshUsed = db.prepare<{ hash: string; at: number }>(
    'UPDATE refresh_tokens SET used_at_ms = @at WHERE jti_hash = @hash AND used_at_ms IS NULL',
  );
  const revokeAllOf = db.prepare<{ customer: number }>(
    'UPDATE refresh_tokens SET revoked = 1 WHERE customer_id = @customer',
  );
  const generationOf = db
    .prepare<{ id: number }, number>('SELECT token_generation FROM customers WHERE id = @id')
    .pluck();
  const nextGeneration = db.prepare<{ id: number }>(
    'UPDATE customers SET token_generation = token_generation + 1 WHERE id = @id',
  );
  const insertReset = db.prepare<{ hash: string; customer: number; expires: number }>(
    'INSERT INTO password_resets (token_hash, customer_id, expires_at_ms) VALUES (@hash, @customer, @expires)',
  );
  const resetByHash = db.prepare<
    { hash: string },
    { customer_id: number; expires_at_ms: number; used_at_ms: number | null }
  >('SELECT customer_id, expires_at_ms, used_at_ms FROM password_resets WHERE token_hash = @hash');
  const markResetUsed = db.prepare<{ hash: string; at: number }>(
    'UPDATE password_resets SET used_at_ms = @at WHERE token_hash = @hash AND used_at_ms IS NULL',
  );
  const insertOutbox = db.prepare<{ customer: number; payload: string; at: number }>(
    `INSERT INTO notifications_outbox (customer_id, channel, kind, payload_json, created_at_ms) VALUES (@customer, 'email', 'password_reset', @payload, @at)`,
  );
  const pruneSent = db.prepare<{ before: number; limit: number }>(
    `DELETE FROM notifications_outbox WHERE id IN (
       SELECT id FROM notifications_outbox WHERE sent_at_ms IS NOT NULL AND sent_at_ms < @before
        ORDER BY sent_at_ms LIMIT @limit)`,
  );
  const pruneUnsent = db.prepare<{ before: number; limit: number }>(
    `DELETE FROM notifications_outbox WHERE id IN (
       SELECT id FROM notifications_outbox WHERE sent_at_ms IS NULL AND created_at_ms < @before
        ORDER BY created_at_ms LIMIT @limit)`,
  );
  const pruneRefreshTokens = db.prepare<{ before: number; limit: number }>(
    `DELETE FROM refresh_tokens WHERE jti_hash IN (
       SELECT jti_hash FROM refresh_tokens WHERE expires_at_ms < @before ORDER BY expires_at_ms LIMIT @limit)`,
  );
  const prunePasswordResets = db.prepare<{ before: number; limit: number }>(
    `DELETE FROM password_resets WHERE token_hash IN (
       SELECT token_hash FROM password_resets WHERE expires_at_ms < @before ORDER BY expires_at_ms LIMIT @limit)`,
  );
  const history = db.prepare<
    { account: number; fromMs: number; toMs: number; before: number; limit: number },
    TransferRow
  >(
    `SELECT * FROM (
       SELECT * FROM transfers WHERE debit_account_id = @account AND seq < @before
       UNION ALL
       SELECT * FROM transfers WHERE credit_account_id = @account AND seq < @before)
      WHERE created_at_ms >= @fromMs AND created_at_ms < @toMs
      ORDER BY seq DESC LIMIT @limit`,
  );

  // A hash to verify against when the email is unknown, so a missing account costs the same time as a wrong password.
  let decoyHash: Promise<string> | null = null;
  const decoy = () => (decoyHash ??= passwords.hash(randomToken()));

  function toAccount(row: AccountRow): CustomerAccount {
    return {
      accountNumber: row.account_number ?? '',
      label: row.label,
      kind: row.kind === 'savings' ? 'savings' : 'checking',
      currency: row.currency,
      status: row.status,
      balanceMinor: balanceOf(row),
      availableMinor: availableOf(row),
    };
  }

  function toProfile(row: CustomerRow): Profile {
    return {
      customerId: row.id,
      email: row.email,
      displayName: row.display_name,
      phone: row.phone,
      address: row.address,
      totpEnabled: row.totp_secret !== null,
    };
  }

  function mustCustomer(id: number): CustomerRow {
    const row = byId.get({ id });
    if (!row) throw new BankError('unauthorized', 'Unknown customer.');
    return row;
  }

  /** The caller's own account; anything else (someone else's or nonexistent) is the same 404, so existence never leaks. */
  function ownedAccount(customerId: number, accountNumber: string): AccountRow {
    const account = ledger.accountByNumber(accountNumber);
    if (!account || account.customer_id !== customerId) throw new BankError('not_found', 'Account not found.');
    return account;
  }

  function totpFor(row: CustomerRow, secret: string): TOTP {
    return new TOTP({
      issuer: TOTP_ISSUER,
      label: row.email ?? `customer-${row.id}`,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      secret: Secret.fromBase32(secret),
    });
  }

  /** The TOTP counter the code matches (within ±1 step), or null; a counter at or below the last used one is a replay. */
  function totpCounter(row: CustomerRow, secret: string, code: string): number | null {
    const totp = totpFor(row, secret);
    const delta = totp.validate({ token: code, timestamp: now(), window: TOTP_WINDOW });
    if (delta === null) return null;
    const counter = totp.counter({ timestamp: now() }) + delta;
    if (row.totp_last_counter !== null && counter <= row.totp_last_counter) return null;
    return counter;
  }

  /** Ends every session of the customer: refresh tokens revoked, and tokens of the old generation refused. */
  function signOutEverywhere(customerId: number): void {
    revokeAllOf.run({ customer: customerId });
    nextGeneration.run({ id: customerId });
  }

  /**
   * `generation` is the one read before the credential was checked, so a pair whose issue raced a sign-out carries
   * the old generation and is refused on first use.
   */
  async function issuePair(customerId: number, family: string, generation: number): Promise<TokenPair> {
    const access = await tokens.sign('access', String(customerId), { generation });
    const refresh = await tokens.sign('refresh', String(customerId), { family, generation });
    insertRefresh.run({
      hash: hmacHex(hmacKey, refresh.jti),
      customer: customerId,
      family,
      expires: Math.floor(now()) + tokens.ttlOf('refresh') * 1000,
    });
    return {
      accessToken: access.token,
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresInS: tokens.ttlOf('access'),
    };
  }

  function range(
    from: string | undefined,
    to: string | undefined,
  ): { from: string; to: string; fromMs: number; toMs: number } {
    const toDay = to ?? new Date(now()).toISOString().slice(0, 10);
    const toMs = dayStartMs(toDay) + DAY_MS;
    const fromDay = from ?? new Date(toMs - HISTORY_DEFAULT_DAYS * DAY_MS).toISOString().slice(0, 10);
    const fromMs = dayStartMs(fromDay);
    if (fromMs >= toMs) throw new BankError('invalid_request', '`from` must not be after `to`.');
    if (toMs - fromMs > DATE_RANGE_DAYS_MAX * DAY_MS)
      throw new BankError('invalid_request', `A range covers at most ${DATE_RANGE_DAYS_MAX} days.`);
    return { from: fromDay, to: toDay, fromMs, toMs };
  }

  function toEntry(row: TransferRow, accountId: number): HistoryEntry {
    const direction = row.debit_account_id === accountId ? 'debit' : 'credit';
    const label = `${row.code.replace('_', ' ')}${row.kind === 'pending' ? ' (hold)' : row.kind === 'void_pending' ? ' (hold released)' : ''}`;
    return {
      seq: row.seq,
      transferId: row.id,
      createdAt: new Date(row.created_at_ms).toISOString(),
      kind: row.kind,
      code: row.code,
      direction,
      amountMinor: row.amount_minor,
      description: row.reference ? `${label} — ${row.reference}` : label,
    };
  }

  function movementResult(transferId: string, account: AccountRow, amountMinor: number): MovementResult {
    const after = ledger.account(account.id) ?? account;
    return {
      transferId,
      accountNumber: account.account_number ?? '',
      amountMinor,
      balanceMinor: balanceOf(after),
      availableMinor: availableOf(after),
      createdAt: new Date(now()).toISOString(),
    };
  }

  return {
    async register(
      email: string,
      password: string,
      displayName: string,
    ): Promise<{ customerId: number; accountNumber: string }> {
      if (byEmail.get({ email })) throw new BankError('conflict', 'This email is already registered.');
      const hash = await passwords.hash(password);
      return db
        .transaction(() => {
          if (byEmail.get({ email })) throw new BankError('conflict', 'This email is already registered.');
          const customerId = Number(
            insertCustomer.run({ email, hash, name: displayName, at: Math.floor(now()) }).lastInsertRowid,
          );
          const accountNumber = `5${String(customerId).padStart(7, '0')}`;
          insertAccount.run({
            customer: customerId,
            number: accountNumber,
            label: 'Checking',
            kind: 'checking',
            currency: NEW_ACCOUNT_CURRENCY,
          });
          return { customerId, accountNumber };
        })
        .immediate();
    },

    /** Returns the token pair, or throws invalid_credentials / totp_required (the caller counts failures per IP). */
    async login(email: string, password: string, totpCode: string | undefined): Promise<TokenPair> {
      const row = byEmail.get({ email });
      const ok = await passwords.verify(row?.password_hash ?? (await decoy()), password);
      if (!row || !row.password_hash || !ok) throw new BankError('invalid_credentials', 'Wrong email or password.');
      if (row.totp_secret !== null) {
        if (!totpCode) throw new BankError('totp_required', 'A second-factor code is required.');
        const counter = totpCounter(row, row.totp_secret, totpCode);
        if (counter === null) throw new BankError('totp_required', 'The second-factor code is wrong or already used.');
        setTotpCounter.run({ id: row.id, counter });
      }
      return issuePair(row.id, uuidv7(now()), row.token_generation);
    },

    /**
     * Single-use rotation: the presented token is spent. Presenting a spent one means a copy leaked and we cannot
     * tell the thief from the customer, so it signs the customer out everywhere (every family, every access token).
     */
    async refresh(refreshToken: string): Promise<TokenPair> {
      const claims = await tokens.verify('refresh', refreshToken).catch(() => {
        throw new BankError('invalid_credentials', 'Invalid refresh token.');
      });
      const hash = hmacHex(hmacKey, claims.jti);
      const spent = db
        .transaction(() => {
          const row = refreshByHash.get({ hash });
          if (!row || row.revoked === 1 || row.expires_at_ms <= now()) return null;
          const generation = generationOf.get({ id: row.customer_id });
          // Issued before a sign-out everywhere (its row may have been written after the revocation, in a race).
          if (generation === undefined || claims.generation !== generation) return null;
          if (row.used_at_ms !== null) {
            signOutEverywhere(row.customer_id);
            return null;
          }
          markRefreshUsed.run({ hash, at: Math.floor(now()) });
          return { customerId: row.customer_id, family: row.family, generation };
        })
        .immediate();
      if (!spent) throw new BankError('invalid_credentials', 'Invalid refresh token.');
      return issuePair(spent.customerId, spent.family, spent.generation);
    },

    /** The customer's current token generation (null for an unknown customer): tokens of any other are refused. */
    tokenGenerationOf(customerId: number): number | null {
      return generationOf.get({ id: customerId }) ?? null;
    },

    /** Writes a one-time token to the notifications outbox (never to a response or a log); silent for unknown emails. */
    requestPasswordReset(email: string): void {
      const row = byEmail.get({ email });
      if (!row) return;
      const token = randomToken();
      const expires = Math.floor(now()) + PASSWORD_RESET_TTL_MS;
      db.transaction(() => {
        insertReset.run({ hash: hmacHex(hmacKey, token), customer: row.id, expires });
        insertOutbox.run({
          customer: row.id,
          payload: JSON.stringify({ to: row.email, token, expiresAt: new Date(expires).toISOString() }),
          at: Math.floor(now()),
        });
      })();
      onNotificationQueued?.();
    },

    /**
     * Deletes at most `limit` dead outbox messages: delivered (`sent_at_ms`, set by the out-of-band sender) more than
     * `retentionMs` ago, or never delivered and expired (their token lapsed) more than `retentionMs` ago. A message the
     * mail sender gave up (expired, out of attempts, unreadable) is an undelivered one and goes by the same rule.
     */
    pruneNotifications(retentionMs: number, limit: number): number {
      const before = Math.floor(now()) - retentionMs;
      return db.transaction(() => {
        const sent = pruneSent.run({ before, limit }).changes;
        return sent + pruneUnsent.run({ before: before - NOTIFICATION_TTL_MS, limit: limit - sent }).changes;
      })();
    },

    /**
     * Deletes at most `limit` refresh-token and password-reset records that expired more than `retentionMs` ago. An
     * expired token is refused by its signature's expiry before any lookup, so its record no longer guards anything
     * (reuse detection only matters while the token could still be accepted).
     */
    pruneExpiredCredentials(retentionMs: number, limit: number): number {
      const before = Math.floor(now()) - retentionMs;
      return db.transaction(() => {
        const refresh = pruneRefreshTokens.run({ before, limit }).changes;
        return refresh + prunePasswordResets.run({ before, limit: limit - refresh }).changes;
      })();
    },

    async confirmPasswordReset(token: string, newPassword: string): Promise<void> {
      const hash = hmacHex(hmacKey, token);
      const valid = (row: ReturnType<typeof resetByHash.get>) =>
        row !== undefined && row.used_at_ms === null && row.expires_at_ms > now();
      if (!valid(resetByHash.get({ hash })))
        throw new BankError('invalid_credentials', 'The reset token is invalid or expired.');
      const passwordHash = await passwords.hash(newPassword);
      db.transaction(() => {
        const row = resetByHash.get({ hash });
        if (!row || !valid(row) || markResetUsed.run({ hash, at: Math.floor(now()) }).changes === 0) {
          throw new BankError('invalid_credentials', 'The reset token is invalid or expired.');
        }
        setPassword.run({ id: row.customer_id, hash: passwordHash });
        // Whoever knew the old password may hold live tokens: none survives the reset.
        signOutEverywhere(row.customer_id);
      }).immediate();
    },

    profile(customerId: number): Profile {
      return toProfile(mustCustomer(customerId));
    },

    updateProfile(customerId: number, update: ProfileUpdate): Profile {
      const row = mustCustomer(customerId);
      updateProfile.run({
        id: customerId,
        name: update.displayName ?? row.display_name,
        phone: update.phone === undefined ? row.phone : update.phone,
        address: update.address === undefined ? row.address : update.address,
      });
      return toProfile(mustCustomer(customerId));
    },

    totpSetup(customerId: number): { secret: string; otpauthUri: string } {
      const row = mustCustomer(customerId);
      if (row.totp_secret !== null) throw new BankError('conflict', 'Two-factor authentication is already enabled.');
      const secret = new Secret({ size: 20 }).base32;
      setTotp.run({ id: customerId, secret: null, pending: secret, counter: row.totp_last_counter });
      return { secret, otpauthUri: totpFor(row, secret).toString() };
    },

    totpEnable(customerId: number, code: string): void {
      const row = mustCustomer(customerId);
      if (row.totp_pending_secret === null) throw new BankError('invalid_state', 'Start the set-up first.');
      const counter = totpCounter(row, row.totp_pending_secret, code);
      if (counter === null) throw new BankError('invalid_credentials', 'Wrong code.');
      setTotp.run({ id: customerId, secret: row.totp_pending_secret, pending: null, counter });
    },

    totpDisable(customerId: number, code: string): void {
      const row = mustCustomer(customerId);
      if (row.totp_secret === null) throw new BankError('invalid_state', 'Two-factor authentication is not enabled.');
      const counter = totpCounter(row, row.totp_secret, code);
      if (counter === null) throw new BankError('invalid_credentials', 'Wrong code.');
      setTotp.run({ id: customerId, secret: null, pending: null, counter });
    },

    accounts(customerId: number): CustomerAccount[] {
      return accountsOf
        .all({ customer: customerId })
        .map((row) => ledger.account(row.id))
        .filter((row): row is AccountRow => row !== null)
        .map(toAccount);
    },

    account(customerId: number, accountNumber: string): CustomerAccount {
      return toAccount(ownedAccount(customerId, accountNumber));
    },

    /** Synchronous: runs inside the idempotency transaction. */
    deposit(
      customerId: number,
      accountNumber: string,
      amountMinor: number,
      reference: string | undefined,
    ): MovementResult {
      const account = ownedAccount(customerId, accountNumber);
      const id = uuidv7(now());
      ledger.applyMovement({
        id,
        kind: 'single',
        debitAccountId: ledger.internalAccountId('clearing', account.currency),
        creditAccountId: account.id,
        amountMinor,
        code: 'deposit',
        origin: 'customer',
        reference: reference ?? null,
      });
      return movementResult(id, account, amountMinor);
    },

    withdraw(
      customerId: number,
      accountNumber: string,
      amountMinor: number,
      reference: string | undefined,
    ): MovementResult {
      const account = ownedAccount(customerId, accountNumber);
      const id = uuidv7(now());
      ledger.applyMovement({
        id,
        kind: 'single',
        debitAccountId: account.id,
        creditAccountId: ledger.internalAccountId('clearing', account.currency),
        amountMinor,
        code: 'withdrawal',
        origin: 'customer',
        reference: reference ?? null,
      });
      return movementResult(id, account, amountMinor);
    },

    /** Atomic double-entry transfer from an account the caller owns to any open account of the same currency. */
    transfer(
      customerId: number,
      from: string,
      to: string,
      amountMinor: number,
      reference: string | undefined,
    ): MovementResult {
      const source = ownedAccount(customerId, from);
      const target = ledger.accountByNumber(to);
      if (!target || target.customer_id === null) throw new BankError('not_found', 'Destination account not found.');
      if (target.id === source.id) throw new BankError('invalid_request', 'Source and destination must differ.');
      const id = uuidv7(now());
      ledger.applyMovement({
        id,
        kind: 'single',
        debitAccountId: source.id,
        creditAccountId: target.id,
        amountMinor,
        code: 'transfer',
        origin: 'customer',
        reference: reference ?? null,
      });
      return movementResult(id, source, amountMinor);
    },

    balance(customerId: number, accountNumber: string) {
      const account = ownedAccount(customerId, accountNumber);
      return {
        accountNumber,
        currency: account.currency,
        balanceMinor: balanceOf(account),
        availableMinor: availableOf(account),
      };
    },

    history(
      customerId: number,
      accountNumber: string,
      query: { from?: string; to?: string; limit: number; before?: number },
    ): HistoryResponse {
      const account = ownedAccount(customerId, accountNumber);
      const span = range(query.from, query.to);
      const rows = history.all({
        account: account.id,
        fromMs: span.fromMs,
        toMs: span.toMs,
        before: query.before ?? Number.MAX_SAFE_INTEGER,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const nextBefore = rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null;
      return {
        accountNumber,
        from: span.from,
        to: span.to,
        items: page.map((row) => toEntry(row, account.id)),
        nextBefore,
      };
    },

    /** Statement rows oldest first (bounded by STATEMENT_ROWS_MAX) with opening and closing balances. */
    statement(customerId: number, accountNumber: string, query: { from?: string; to?: string }) {
      const account = ownedAccount(customerId, accountNumber);
      const customer = mustCustomer(customerId);
      const span = range(query.from, query.to);
      const rows = history
        .all({
          account: account.id,
          fromMs: span.fromMs,
          toMs: span.toMs,
          before: Number.MAX_SAFE_INTEGER,
          limit: STATEMENT_ROWS_MAX,
        })
        .reverse()
        .map((row) => toEntry(row, account.id));
      return {
        customerName: customer.display_name,
        account: toAccount(account),
        from: span.from,
        to: span.to,
        rows,
        truncated: rows.length === STATEMENT_ROWS_MAX,
      };
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
