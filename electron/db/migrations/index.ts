// Every migration, in order. Append only.
import type { Migration } from '../migrate.ts';
import { migration0010 } from './0010-cards-and-accounts.ts';

export const migrations: readonly Migration[] = [migration0010];
