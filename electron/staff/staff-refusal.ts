// A staff step refused for a reason the renderer can show. Thrown inside staff code (often inside a transaction, so
// nothing of the step is written) and turned into an error envelope by the service's one gate.
import type { ErrorCode } from '../../shared/ipc/envelope.ts';
import type { JournalEntry } from '../journal/journal-entry.ts';

export class StaffRefusal extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'StaffRefusal';
    this.code = code;
  }
}

/** Appends a journal row naming the acting staff member (the service fills in `staffId`). */
export type Audit = (entry: Omit<JournalEntry, 'staffId'>) => void;
