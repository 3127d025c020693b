// The staff password policy: at least 12 characters, not a common password (as typed, or once the usual digits,
// symbols and letter substitutions around a common word are taken away), not built on the staff id, not one repeated
// character pattern. Length beats composition rules (NIST SP 800-63B), so no "one capital, one digit" rule.
import { COMMON_PASSWORDS_TEXT } from './common-passwords.ts';

export const STAFF_PASSWORD_LENGTH_MIN = 12;
export const STAFF_PASSWORD_LENGTH_MAX = 128;
/** Below this many distinct characters a password is a pattern (aaaaaaaaaaaa, abababababab). */
const DISTINCT_CHARACTERS_MIN = 5;
/** A common word must be at least this long to refuse a password merely built around it. */
const BASE_WORD_LENGTH_MIN = 4;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  COMMON_PASSWORDS_TEXT.split(/\s+/).filter((word) => word.length > 0),
);

export function commonPasswordCount(): number {
  return COMMON_PASSWORDS.size;
}

export type PasswordPolicyViolation = 'length' | 'common' | 'contains_staff_id' | 'pattern';

const SUBSTITUTIONS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** The word under the decoration: lower case, leading and trailing non-letters removed. */
function baseWord(text: string): string {
  return text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

function undoSubstitutions(text: string): string {
  return [...text].map((character) => SUBSTITUTIONS[character] ?? character).join('');
}

function isCommon(candidate: string): boolean {
  if (COMMON_PASSWORDS.has(candidate)) return true;
  const base = baseWord(candidate);
  if (base.length < BASE_WORD_LENGTH_MIN) return false;
  return COMMON_PASSWORDS.has(base) || COMMON_PASSWORDS.has(undoSubstitutions(base));
}

/** Why `password` breaks the policy for `staffId`, or null when it is acceptable. */
export function passwordPolicyViolation(password: string, staffId: string): PasswordPolicyViolation | null {
  const length = [...password].length;
  if (length < STAFF_PASSWORD_LENGTH_MIN || length > STAFF_PASSWORD_LENGTH_MAX) return 'length';
  const lower = password.toLowerCase();
  if (new Set(lower).size < DISTINCT_CHARACTERS_MIN) return 'pattern';
  if (lower.includes(staffId.toLowerCase())) return 'contains_staff_id';
  const squeezed = lower.replace(/[\s_.-]+/g, '');
  for (const candidate of [lower, squeezed, undoSubstitutions(lower), undoSubstitutions(squeezed)]) {
    if (isCommon(candidate)) return 'common';
  }
  return null;
}
