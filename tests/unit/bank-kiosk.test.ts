// The kiosk side of the bank over real HTTP: device authentication (expiry by injected clock, revocation, rotation),
// exactly-once money requests, two-phase hold rules, the PIN-attempt counter shared by kiosks, advices, reversals,
// batch push, the changes cursor and settlement totals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AdviceResponse,
  AuthoriseResponse,
  BatchResponse,
  ChangesResponse,
  CompleteResponse,
  EnrolmentResponse,
  KioskTransferResponse,
  PinAttemptResponse,
  ReversalResponse,
  TotalsResponse,
} from '../../shared/bank-api/index.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { type BankClient, createBankClient, DEMO, deviceToken, type OrError } from '../support/bank-client.ts';
import { type StartedBank, startBankServer } from '../support/bank-server.ts';

const START_MS = Date.UTC(2026, 5, 1, 9, 0, 0);
const TODAY = '2026-06-01';

describe('bank kiosk API', () => {
  let bank: StartedBank;
  let client: BankClient;
  let token: string;
  let nowMs: number;
  const clock = { now: () => nowMs };

  beforeEach(async () => {
    nowMs = START_MS;
    bank = await startBankServer({ clock, extraDeviceIds: ['kiosk-test-02'] });
    client = createBankClient(bank.url);
    token = await deviceToken(client, bank.deviceId, bank.deviceSecret);
  });
  afterEach(() => bank.close());

  const authorise = (
    amountMinor: number,
    options: { pan?: string; account?: string; bearer?: string; id?: string } = {},
  ) => {
    const transferId = options.id ?? uuidv7(nowMs);
    return client.post<OrError<AuthoriseResponse>>('/v1/kiosk/authorisations', {
      token: options.bearer ?? token,
      idempotencyKey: transferId,
      body: {
        transferId,
        cardKey: bank.cardKey(options.pan ?? DEMO.ana.pan),
        accountNumber: options.account ?? DEMO.ana.checking,
        amountMinor,
        currency: 'EUR',
      },
    });
  };
  const complete = (pendingId: string, action: 'post' | 'void', amountMinor?: number, bearer = token) => {
    const transferId = uuidv7(nowMs);
    return client.post<OrError<CompleteResponse>>('/v1/kiosk/completions', {
      token: bearer,
      idempotencyKey: transferId,
      body: {
        transferId,
        pendingId,
        action,
        ...(amountMinor === undefined ? {} : { amountMinor }),
        reason: action === 'post' ? 'dispensed' : 'cancelled',
      },
    });
  };
  const pinAttempt = (bearer: string, outcome: 'failure' | 'success', pan: string = DEMO.ben.pan) =>
    client.post<PinAttemptResponse>('/v1/kiosk/cards/pin-attempts', {
      token: bearer,
      idempotencyKey: uuidv7(nowMs),
      body: { cardKey: bank.cardKey(pan), outcome },
    });
  const transferCount = () =>
    (bank.server.bank.db.prepare('SELECT count(*) AS n FROM transfers').get() as { n: number }).n;

  describe('device authentication', () => {
    it('refuses a wrong secret and an unknown device with the same answer', async () => {
      const wrong = await client.post('/v1/devices/token', {
        body: { deviceId: bank.deviceId, deviceSecret: 'w'.repeat(43) },
      });
      const unknown = await client.post('/v1/devices/token', {
        body: { deviceId: 'kiosk-nobody', deviceSecret: bank.deviceSecret },
      });
      expect(wrong.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body.error.code).toBe('invalid_credentials');
    });

    it('a device token expires on the injected clock', async () => {
      expect((await client.get('/v1/kiosk/changes?limit=1', { token })).status).toBe(200);
      nowMs += bank.server.bank.limits.deviceTokenTtlS * 1000 + 1;
      const expired = await client.get('/v1/kiosk/changes?limit=1', { token });
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('unauthorized');
    });

    it('a revoked device is refused on its live token and at the token endpoint', async () => {
      bank.server.bank.devices.setStatus(bank.deviceId, 'revoked');
      expect((await client.get('/v1/kiosk/changes?limit=1', { token })).status).toBe(401);
      expect(
        (await client.post('/v1/devices/token', { body: { deviceId: bank.deviceId, deviceSecret: bank.deviceSecret } }))
          .status,
      ).toBe(401);
    });

    it('rotating the secret invalidates the old secret and the tokens issued under it', async () => {
      const newSecret = 'k'.repeat(20) + 'new-secret-for-rotation';
      expect((await client.post('/v1/devices/me/secret', { token, body: { newDeviceSecret: newSecret } })).status).toBe(
        204,
      );
      expect((await client.get('/v1/kiosk/changes?limit=1', { token })).status).toBe(401);
      expect(
        (await client.post('/v1/devices/token', { body: { deviceId: bank.deviceId, deviceSecret: bank.deviceSecret } }))
          .status,
      ).toBe(401);
      const fresh = await deviceToken(client, bank.deviceId, newSecret);
      expect((await client.get('/v1/kiosk/changes?limit=1', { token: fresh })).status).toBe(200);
    });

    it('a device token is not a customer token and vice versa', async () => {
      expect((await client.get('/v1/accounts', { token })).status).toBe(401);
      const login = await client.post<{ accessToken: string }>('/v1/auth/login', {
        body: { email: DEMO.ana.email, password: DEMO.ana.password },
      });
      expect((await client.get('/v1/kiosk/changes', { token: login.body.accessToken })).status).toBe(401);
    });
  });

  describe('idempotency', () => {
    it('same key and body returns the stored response once booked; a different body is 409', async () => {
      const transferId = uuidv7(nowMs);
      const first = await authorise(10_000, { id: transferId });
      const again = await authorise(10_000, { id: transferId });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(first.headers.get('idempotent-replayed')).toBe('false');
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(transferCount()).toBe(4 + 1); // four opening balances + one hold
      const changed = await authorise(20_000, { id: transferId });
      expect(changed.status).toBe(409);
      expect(changed.body.error?.code).toBe('idempotency_key_reused');
    });

    it('the Idempotency-Key must be present and equal the transferId', async () => {
      const transferId = uuidv7(nowMs);
      const body = {
        transferId,
        cardKey: bank.cardKey(DEMO.ana.pan),
        accountNumber: DEMO.ana.checking,
        amountMinor: 100,
        currency: 'EUR',
      };
      const missing = await client.post('/v1/kiosk/authorisations', { token, body });
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('invalid_request');
      const mismatch = await client.post('/v1/kiosk/authorisations', { token, body, idempotencyKey: uuidv7(nowMs) });
      expect(mismatch.body.error.code).toBe('idempotency_key_mismatch');
    });

    it('a declined authorisation is stored too: the retry gets the same decline', async () => {
      const transferId = uuidv7(nowMs);
      const first = await authorise(10_000_000, { id: transferId });
      expect(first.body).toMatchObject({ outcome: 'declined', declineCode: 'insufficient_funds' });
      expect((await authorise(10_000_000, { id: transferId })).headers.get('idempotent-replayed')).toBe('true');
    });
  });

  describe('two-phase holds', () => {
    it('a hold lowers available but not balance; a partial post books part and releases the rest', async () => {
      const hold = await authorise(20_000);
      expect(hold.body).toMatchObject({
        outcome: 'approved',
        declineCode: null,
        balanceMinor: 125_000,
        availableMinor: 105_000,
      });
      const post = await complete(hold.body.transferId, 'post', 15_000);
      expect(post.body).toMatchObject({
        postedMinor: 15_000,
        releasedMinor: 5_000,
        balanceMinor: 110_000,
        availableMinor: 110_000,
      });
    });

    it('each hold resolves exactly once, and only up to its amount', async () => {
      const hold = await authorise(5_000);
      const tooMuch = await complete(hold.body.transferId, 'post', 5_001);
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.error?.code).toBe('amount_invalid');
      expect((await complete(hold.body.transferId, 'void')).body).toMatchObject({
        postedMinor: 0,
        releasedMinor: 5_000,
        availableMinor: 125_000,
      });
      const second = await complete(hold.body.transferId, 'post', 5_000);
      expect(second.status).toBe(409);
      expect(second.body.error?.code).toBe('already_resolved');
    });

    it("another kiosk cannot resolve this kiosk's hold, and an unknown hold is 404", async () => {
      const hold = await authorise(5_000);
      const other = await deviceToken(client, 'kiosk-test-02', bank.devices['kiosk-test-02'] ?? '');
      expect((await complete(hold.body.transferId, 'post', 5_000, other)).status).toBe(404);
      expect((await complete(uuidv7(nowMs), 'void')).status).toBe(404);
    });

    it('declines with a code: blocked, expired, not linked, over the daily card limit', async () => {
      expect((await authorise(100, { pan: DEMO.ben.blockedPan, account: DEMO.ben.checking })).body.declineCode).toBe(
        'card_blocked',
      );
      expect(
        (await authorise(100, { pan: DEMO.chloe.expiredPan, account: DEMO.chloe.checking })).body.declineCode,
      ).toBe('card_expired');
      expect((await authorise(100, { pan: DEMO.ana.pan, account: DEMO.ben.checking })).body.declineCode).toBe(
        'account_not_linked',
      );
      expect((await authorise(100, { pan: '4111111111111111' })).body.declineCode).toBe('card_unknown');
      expect((await authorise(100_001, { pan: DEMO.chloe.pan, account: DEMO.chloe.checking })).body.declineCode).toBe(
        'limit_exceeded',
      );
      const held = await authorise(60_000, { pan: DEMO.chloe.pan, account: DEMO.chloe.checking });
      expect(held.body.outcome).toBe('approved');
      expect((await authorise(50_000, { pan: DEMO.chloe.pan, account: DEMO.chloe.checking })).body.declineCode).toBe(
        'limit_exceeded',
      );
      await complete(held.body.transferId, 'void');
      expect((await authorise(50_000, { pan: DEMO.chloe.pan, account: DEMO.chloe.checking })).body.outcome).toBe(
        'approved',
      );
    });
  });

  describe('shared PIN-attempt counter', () => {
    it('two failures at kiosk A and one at kiosk B retain the card', async () => {
      const kioskB = await deviceToken(client, 'kiosk-test-02', bank.devices['kiosk-test-02'] ?? '');
      expect((await pinAttempt(token, 'failure')).body).toMatchObject({
        failedAttempts: 1,
        attemptsRemaining: 2,
        retain: false,
      });
      expect((await pinAttempt(token, 'failure')).body).toMatchObject({
        failedAttempts: 2,
        attemptsRemaining: 1,
        retain: false,
      });
      const third = await pinAttempt(kioskB, 'failure');
      expect(third.body).toMatchObject({ failedAttempts: 3, attemptsRemaining: 0, status: 'retained', retain: true });
      // A good PIN afterwards does not release it, and the card can no longer withdraw.
      expect((await pinAttempt(token, 'success')).body).toMatchObject({ status: 'retained', retain: true });
      expect((await authorise(100, { pan: DEMO.ben.pan, account: DEMO.ben.checking })).body.declineCode).toBe(
        'card_retained',
      );
      const feed = await client.get<ChangesResponse>('/v1/kiosk/changes?cursor=0&limit=500', { token: kioskB });
      const ben = feed.body.changes.find(
        (change) => change.type === 'card' && change.card.cardKey === bank.cardKey(DEMO.ben.pan),
      );
      expect(ben).toMatchObject({ card: { status: 'retained', pinFailedAttempts: 3 } });
    });

    it('a correct PIN before the third failure resets the counter; a retried attempt is not counted twice', async () => {
      const key = uuidv7(nowMs);
      const body = { cardKey: bank.cardKey(DEMO.ben.pan), outcome: 'failure' };
      await client.post('/v1/kiosk/cards/pin-attempts', { token, idempotencyKey: key, body });
      const retried = await client.post<PinAttemptResponse>('/v1/kiosk/cards/pin-attempts', {
        token,
        idempotencyKey: key,
        body,
      });
      expect(retried.body.failedAttempts).toBe(1);
      await pinAttempt(token, 'failure');
      expect((await pinAttempt(token, 'success')).body).toMatchObject({ failedAttempts: 0, status: 'active' });
      expect((await pinAttempt(token, 'failure')).body.failedAttempts).toBe(1);
    });
  });

  describe('advices and reversals', () => {
    const advice = (
      kind: 'withdrawal' | 'deposit',
      amountMinor: number,
      account: string = DEMO.ben.checking,
      pan: string = DEMO.ben.pan,
    ) => {
      const transferId = uuidv7(nowMs);
      return client.post<AdviceResponse>('/v1/kiosk/advices', {
        token,
        idempotencyKey: transferId,
        body: {
          transferId,
          kind,
          standIn: true,
          cardKey: bank.cardKey(pan),
          accountNumber: account,
          amountMinor,
          currency: 'EUR',
          occurredAt: new Date(nowMs).toISOString(),
        },
      });
    };

    it('applies a stand-in withdrawal, or declines it with a reason (nothing booked) for the exception log', async () => {
      expect((await advice('withdrawal', 10_000)).body).toMatchObject({ outcome: 'applied', balanceMinor: 21_055 });
      const before = transferCount();
      expect((await advice('withdrawal', 50_000)).body).toMatchObject({
        outcome: 'declined',
        declineCode: 'insufficient_funds',
        balanceMinor: null,
      });
      expect(transferCount()).toBe(before);
    });

    it('reverses a posted movement once, never more than its amount, never a hold', async () => {
      const applied = await advice('withdrawal', 10_000);
      const reverse = (originalId: string, amountMinor?: number) => {
        const transferId = uuidv7(nowMs);
        return client.post<OrError<ReversalResponse>>('/v1/kiosk/reversals', {
          token,
          idempotencyKey: transferId,
          body: {
            transferId,
            originalId,
            reason: 'dispense_fault',
            ...(amountMinor === undefined ? {} : { amountMinor }),
          },
        });
      };
      expect((await reverse(applied.body.transferId, 10_001)).body.error?.code).toBe('amount_invalid');
      expect((await reverse(applied.body.transferId)).body).toMatchObject({
        amountMinor: 10_000,
        balanceMinor: 31_055,
      });
      expect((await reverse(applied.body.transferId)).body.error?.code).toBe('already_resolved');
      const hold = await authorise(1_000);
      expect((await reverse(hold.body.transferId)).body.error?.code).toBe('invalid_state');
    });
  });

  describe('transfers and enrolment', () => {
    const balance = (accountNumber: string) =>
      (
        bank.server.bank.db
          .prepare('SELECT credits_posted_minor - debits_posted_minor AS b FROM accounts WHERE account_number = ?')
          .get(accountNumber) as { b: number }
      ).b;
    const transfer = (amountMinor: number, to: string, options: { id?: string; from?: string } = {}) => {
      const transferId = options.id ?? uuidv7(nowMs);
      return client.post<OrError<KioskTransferResponse>>('/v1/kiosk/transfers', {
        token,
        idempotencyKey: transferId,
        body: {
          transferId,
          cardKey: bank.cardKey(DEMO.ana.pan),
          fromAccountNumber: options.from ?? DEMO.ana.checking,
          toAccountNumber: to,
          amountMinor,
          currency: 'EUR',
        },
      });
    };

    it('books a transfer once (a replay answers the same), declines what it cannot book, reverses it once', async () => {
      const payer = balance(DEMO.ana.checking);
      const payee = balance(DEMO.ben.checking);
      const id = uuidv7(nowMs);
      const first = await transfer(2_500, DEMO.ben.checking, { id });
      expect(first.body).toMatchObject({ outcome: 'approved', declineCode: null, balanceMinor: payer - 2_500 });
      const replay = await transfer(2_500, DEMO.ben.checking, { id });
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(balance(DEMO.ana.checking)).toBe(payer - 2_500);
      expect(balance(DEMO.ben.checking)).toBe(payee + 2_500);

      const before = transferCount();
      expect((await transfer(100, '000000001')).body).toMatchObject({
        outcome: 'declined',
        declineCode: 'recipient_unavailable',
      });
      expect((await transfer(100, DEMO.ana.checking)).body.declineCode).toBe('recipient_unavailable');
      expect((await transfer(payer * 10, DEMO.ben.checking)).body.declineCode).toBe('insufficient_funds');
      // Another customer's account as the source: the card is not linked to it.
      expect((await transfer(100, DEMO.ana.checking, { from: DEMO.ben.checking })).body.declineCode).toBe(
        'account_not_linked',
      );
      expect(transferCount()).toBe(before);

      const reversalId = uuidv7(nowMs);
      const reversal = await client.post<OrError<ReversalResponse>>('/v1/kiosk/reversals', {
        token,
        idempotencyKey: reversalId,
        body: { transferId: reversalId, originalId: id, reason: 'not_completed' },
      });
      expect(reversal.body).toMatchObject({ amountMinor: 2_500, balanceMinor: payer });
      expect(balance(DEMO.ben.checking)).toBe(payee);
    });

    it('opens an enrolled customer, account and active card once; the card is in the changes feed', async () => {
      const cursor = (await client.get<ChangesResponse>('/v1/kiosk/changes?cursor=0&limit=500', { token })).body
        .nextCursor;
      const enrolmentId = uuidv7(nowMs);
      const body = {
        enrolmentId,
        holderName: 'Eva Kiosk',
        account: { accountNumber: '91234567', label: 'Everyday', kind: 'checking', currency: 'EUR' },
        card: { cardKey: 'a1'.repeat(32), panLast4: '0019', expiresYymm: '3012' },
      };
      const enrol = (payload: typeof body, key = payload.enrolmentId) =>
        client.post<OrError<EnrolmentResponse>>('/v1/kiosk/enrolments', { token, idempotencyKey: key, body: payload });
      const first = await enrol(body);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ accountNumber: '91234567', status: 'active', cardKey: 'a1'.repeat(32) });
      const replay = await enrol(body);
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect((await enrol(body, uuidv7(nowMs))).body.error?.code).toBe('idempotency_key_mismatch');
      const again = { ...body, enrolmentId: uuidv7(nowMs) };
      expect((await enrol(again)).body.error?.code).toBe('conflict');
      const otherCard = { ...again, enrolmentId: uuidv7(nowMs), card: { ...body.card, cardKey: 'b2'.repeat(32) } };
      expect((await enrol(otherCard)).body.error?.code).toBe('conflict'); // the account number is taken

      const feed = await client.get<ChangesResponse>(`/v1/kiosk/changes?cursor=${cursor}&limit=500`, { token });
      const card = feed.body.changes.find((change) => change.type === 'card');
      expect(card).toMatchObject({
        card: { cardKey: 'a1'.repeat(32), status: 'active', accountNumbers: ['91234567'] },
      });
      expect(
        feed.body.changes.some((change) => change.type === 'account' && change.account.customerName === 'Eva Kiosk'),
      ).toBe(true);
      const pinHash = bank.server.bank.db
        .prepare('SELECT pin_hash FROM cards WHERE pan_hmac = ?')
        .get('a1'.repeat(32)) as {
        pin_hash: string;
      };
      expect(pinHash.pin_hash).toMatch(/^\$argon2id\$/);
    });
  });

  it('batch push: per-item results, exactly-once per transferId across single and batch requests', async () => {
    const single = await authorise(1_000);
    const newHold = uuidv7(nowMs);
    const items = [
      {
        op: 'authorise',
        body: {
          transferId: single.body.transferId,
          cardKey: bank.cardKey(DEMO.ana.pan),
          accountNumber: DEMO.ana.checking,
          amountMinor: 1_000,
          currency: 'EUR',
        },
      },
      {
        op: 'authorise',
        body: {
          transferId: newHold,
          cardKey: bank.cardKey(DEMO.ana.pan),
          accountNumber: DEMO.ana.checking,
          amountMinor: 2_000,
          currency: 'EUR',
        },
      },
      { op: 'complete', body: { transferId: uuidv7(nowMs), pendingId: newHold, action: 'post', reason: 'dispensed' } },
      {
        op: 'complete',
        body: { transferId: uuidv7(nowMs), pendingId: uuidv7(nowMs), action: 'void', reason: 'fault' },
      },
    ];
    const batchKey = uuidv7(nowMs);
    const first = await client.post<BatchResponse>('/v1/kiosk/batch', {
      token,
      idempotencyKey: batchKey,
      body: { items },
    });
    expect(first.body.results.map((result) => result.status)).toEqual([200, 200, 200, 404]);
    expect(first.body.results[0]?.result).toEqual(single.body);
    expect(first.body.results[2]?.result).toMatchObject({ postedMinor: 2_000 });
    expect(first.body.results[3]?.error?.code).toBe('not_found');
    const replay = await client.post<BatchResponse>('/v1/kiosk/batch', {
      token,
      idempotencyKey: batchKey,
      body: { items },
    });
    expect(replay.body).toEqual(first.body);
    const tooMany = await client.post('/v1/kiosk/batch', {
      token,
      idempotencyKey: uuidv7(nowMs),
      body: { items: Array.from({ length: 101 }, () => items[1]) },
    });
    expect(tooMany.status).toBe(400);
  });

  it('changes: bounded pages in sequence order, a monotonic cursor, and only what changed after it', async () => {
    const pages: ChangesResponse[] = [];
    let cursor = 0;
    for (let guard = 0; guard < 20; guard++) {
      const page = await client.get<ChangesResponse>(`/v1/kiosk/changes?cursor=${cursor}&limit=3`, { token });
      pages.push(page.body);
      expect(page.body.changes.length).toBeLessThanOrEqual(3);
      expect(page.body.nextCursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.body.nextCursor;
      if (!page.body.hasMore) break;
    }
    const all = pages.flatMap((page) => page.changes);
    expect(all.filter((change) => change.type === 'account')).toHaveLength(4);
    expect(all.filter((change) => change.type === 'card')).toHaveLength(5);
    const seqs = all.map((change) => change.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect((await client.get<ChangesResponse>(`/v1/kiosk/changes?cursor=${cursor}`, { token })).body.changes).toEqual(
      [],
    );

    await authorise(3_000);
    const after = await client.get<ChangesResponse>(`/v1/kiosk/changes?cursor=${cursor}`, { token });
    expect(after.body.changes).toEqual([
      expect.objectContaining({
        type: 'account',
        account: expect.objectContaining({ accountNumber: DEMO.ana.checking, availableMinor: 122_000 }),
      }),
    ]);
    expect(after.body.nextCursor).toBeGreaterThan(cursor);
    expect((await client.get(`/v1/kiosk/changes?limit=501`, { token })).status).toBe(400);
  });

  it('totals per device and business day', async () => {
    const posted = await authorise(10_000);
    await complete(posted.body.transferId, 'post', 8_000);
    await authorise(2_000); // left outstanding
    const transferId = uuidv7(nowMs);
    await client.post('/v1/kiosk/advices', {
      token,
      idempotencyKey: transferId,
      body: {
        transferId,
        kind: 'deposit',
        standIn: false,
        cardKey: bank.cardKey(DEMO.ana.pan),
        accountNumber: DEMO.ana.checking,
        amountMinor: 5_000,
        currency: 'EUR',
        occurredAt: new Date(nowMs).toISOString(),
      },
    });
    const totals = await client.get<TotalsResponse>(`/v1/kiosk/totals?businessDay=${TODAY}`, { token });
    expect(totals.body).toEqual({
      deviceId: bank.deviceId,
      businessDay: TODAY,
      currencies: [
        {
          currency: 'EUR',
          withdrawals: { count: 1, amountMinor: 8_000 },
          deposits: { count: 1, amountMinor: 5_000 },
          reversals: { count: 0, amountMinor: 0 },
          holdsOpened: { count: 2, amountMinor: 12_000 },
          holdsOutstanding: { count: 1, amountMinor: 2_000 },
        },
      ],
    });
    const other = await deviceToken(client, 'kiosk-test-02', bank.devices['kiosk-test-02'] ?? '');
    expect(
      (await client.get<TotalsResponse>(`/v1/kiosk/totals?businessDay=${TODAY}`, { token: other })).body.currencies,
    ).toEqual([]);
  });
});
