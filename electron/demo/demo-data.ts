// The embedded demo bank: customers, accounts and test cards seeded into an empty database in demo mode. These card
// numbers are test numbers (Luhn-valid, issuer prefix 400000) and the PINs are published in the README.
export type DemoCardSeed = {
  readonly demoCardId: string;
  readonly pan: string;
  readonly pin: string;
  readonly expiresYymm: string;
  readonly status: 'active' | 'blocked';
};

export type DemoCustomerSeed = {
  readonly displayName: string;
  readonly accounts: readonly {
    readonly accountNumber: string;
    readonly label: string;
    readonly kind: 'checking' | 'savings';
    readonly balanceMinor: number;
  }[];
  readonly cards: readonly DemoCardSeed[];
};

export const DEMO_CURRENCY = 'EUR';

export const DEMO_CUSTOMERS: readonly DemoCustomerSeed[] = [
  {
    displayName: 'Ana García',
    accounts: [
      { accountNumber: '10000001', label: 'Checking', kind: 'checking', balanceMinor: 125_000 },
      { accountNumber: '10000002', label: 'Savings', kind: 'savings', balanceMinor: 840_000 },
    ],
    cards: [{ demoCardId: 'ana', pan: '4000001234567899', pin: '4921', expiresYymm: '2912', status: 'active' }],
  },
  {
    displayName: 'Ben Okafor',
    accounts: [{ accountNumber: '20000001', label: 'Checking', kind: 'checking', balanceMinor: 31_055 }],
    cards: [
      { demoCardId: 'ben', pan: '4000002345678906', pin: '7305', expiresYymm: '2806', status: 'active' },
      { demoCardId: 'ben-blocked', pan: '4000003456789011', pin: '7305', expiresYymm: '2806', status: 'blocked' },
    ],
  },
  {
    displayName: 'Chloé Martin',
    accounts: [{ accountNumber: '30000001', label: 'Checking', kind: 'checking', balanceMinor: 5_200_075 }],
    cards: [
      { demoCardId: 'chloe', pan: '4000004567890128', pin: '618402', expiresYymm: '3003', status: 'active' },
      { demoCardId: 'chloe-expired', pan: '4000005678901233', pin: '2580', expiresYymm: '2301', status: 'active' },
    ],
  },
];
