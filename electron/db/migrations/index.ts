// Every migration, in order. Append only.
import type { Migration } from '../migrate.ts';
import { migration0010 } from './0010-cards-and-accounts.ts';
import { migration0020 } from './0020-ledger.ts';
import { migration0030 } from './0030-cash.ts';
import { migration0040 } from './0040-journal.ts';
import { migration0050 } from './0050-transactions.ts';
import { migration0060 } from './0060-retained-card-reasons.ts';
import { migration0070 } from './0070-sync.ts';
import { migration0080 } from './0080-staff.ts';
import { migration0090 } from './0090-sync-operations.ts';
import { migration0100 } from './0100-staff-cards.ts';
import { migration0110 } from './0110-deposit-holds.ts';
import { migration0120 } from './0120-deposit-operations.ts';
import { migration0130 } from './0130-sync-accounts-in-flight.ts';
import { migration0140 } from './0140-test-dispenses.ts';

export const migrations: readonly Migration[] = [migration0010, migration0020, migration0030, migration0040, migration0050, migration0060, migration0070, migration0080, migration0090, migration0100, migration0110, migration0120, migration0130, migration0140];
