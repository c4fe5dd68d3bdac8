/**
 * Whether the dates of a record made under RIPA 2000 agree with each other and with now: the checks
 * class-validator cannot make, because they read several fields and the clock. Pure: `now` comes from the
 * injected clock through the caller.
 */
import { parseInstantWithOffset } from '../applications/public-api';

export const RIPA_DATE_FIELDS = ['appliedAt', 'grantedAt', 'expiresAt', 'cancelledAt'] as const;
export type RipaDateField = (typeof RIPA_DATE_FIELDS)[number];

/** A date at fault: which, a stable code for programs (the rule it breaks) and what a person should read. */
export interface RipaDateError {
  field: RipaDateField;
  code: string;
  message: string;
}

/** Epoch milliseconds of an instant written as the validators accept it (docs/law.md §3.4), or null. */
function instantOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const parsed = parseInstantWithOffset(value);
  return parsed.ok ? parsed.instant.getTime() : null;
}

/**
 * The date rules, each on the field it names:
 * - none is later than now: a record imported is of something that happened (`notInFuture`);
 * - it was granted no earlier than it was applied for: a designated person grants what is put to them
 *   (RIPA s.22(3)–(4)) (`grantedAfterApplied`);
 * - it expired after it was granted (`expiresAfterGranted`), and was cancelled no earlier than granted
 *   (`cancelledAfterGranted`).
 * Dates that are absent or do not parse are left to the field's own validation.
 */
export function ripaDateErrors(dates: Partial<Record<RipaDateField, unknown>>, now: Date): RipaDateError[] {
  const at = Object.fromEntries(RIPA_DATE_FIELDS.map((field) => [field, instantOf(dates[field])])) as Record<RipaDateField, number | null>;
  const errors: RipaDateError[] = [];
  for (const field of RIPA_DATE_FIELDS) {
    const instant = at[field];
    if (instant !== null && instant > now.getTime()) {
      errors.push({ field, code: 'notInFuture', message: `${field} is later than now (${now.toISOString()}): an imported record cannot be dated in the future` });
    }
  }
  const { appliedAt, grantedAt, expiresAt, cancelledAt } = at;
  if (appliedAt !== null && grantedAt !== null && grantedAt < appliedAt) {
    errors.push({ field: 'grantedAt', code: 'grantedAfterApplied', message: 'grantedAt is before appliedAt: it cannot have been granted before it was applied for' });
  }
  if (grantedAt !== null && expiresAt !== null && expiresAt <= grantedAt) {
    errors.push({ field: 'expiresAt', code: 'expiresAfterGranted', message: 'expiresAt must be after grantedAt' });
  }
  if (grantedAt !== null && cancelledAt !== null && cancelledAt < grantedAt) {
    errors.push({ field: 'cancelledAt', code: 'cancelledAfterGranted', message: 'cancelledAt is before grantedAt: it cannot have been cancelled before it was granted' });
  }
  return errors;
}
