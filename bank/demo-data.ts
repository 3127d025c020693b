// The demo bank's customers, accounts and test cards: the same people, account numbers, cards and PINs as the
// kiosk's embedded demo (electron/demo/demo-data.ts, which bank/ may not import), plus customer-API logins. The
// card numbers are Luhn-valid test numbers (issuer prefix 400000); PINs and passwords are published in
// bank/README.md. Only their HMAC and argon2id hashes reach the database.
export const DEMO_CURRENCY = 'EUR';
export const DEMO_DEVICE_ID = 'kiosk-demo-01';
/** Per-card daily withdrawal limit for the demo cards (1,000.00 EUR). */
export const DEMO_DAILY_WITHDRAWAL_LIMIT_MINOR = 100_000;

export type DemoCustomer = {
  readonly displayName: string;
  readonly email: string;
  readonly password: string;
  readonly accounts: readonly {
    readonly accountNumber: string;
    readonly label: string;
    readonly kind: 'checking' | 'savings';
    readonly balanceMinor: number;
  }[];
  readonly cards: readonly {
    readonly pan: string;
    readonly pin: string;
    readonly expiresYymm: string;
    readonly status: 'active' | 'blocked';
  }[];
};

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    displayName: 'Ana García',
    email: 'ana@demo.bank.test',
    password: 'ana-demo-password',
    accounts: [
      { accountNumber: '10000001', label: 'Checking', kind: 'checking', balanceMinor: 125_000 },
      { accountNumber: '10000002', label: 'Savings', kind: 'savings', balanceMinor: 840_000 },
    ],
    cards: [{ pan: '4000001234567899', pin: '4921', expiresYymm: '2912', status: 'active' }],
  },
  {
    displayName: 'Ben Okafor',
    email: 'ben@demo.bank.test',
    password: 'ben-demo-password',
    accounts: [{ accountNumber: '20000001', label: 'Checking', kind: 'checking', balanceMinor: 31_055 }],
    cards: [
      { pan: '4000002345678906', pin: '7305', expiresYymm: '2806', status: 'active' },
      { pan: '4000003456789011', pin: '7305', expiresYymm: '2806', status: 'blocked' },
    ],
  },
  {
    displayName: 'Chloé Martin',
    email: 'chloe@demo.bank.test',
    password: 'chloe-demo-password',
    accounts: [{ accountNumber: '30000001', label: 'Checking', kind: 'checking', balanceMinor: 5_200_075 }],
    cards: [
      { pan: '4000004567890128', pin: '618402', expiresYymm: '3003', status: 'active' },
      { pan: '4000005678901233', pin: '2580', expiresYymm: '2301', status: 'active' },
    ],
  },
];
