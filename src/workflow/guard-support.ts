/**
 * Small pure helpers shared by the workflow guards (applications, CD errors). Not guards themselves:
 * the guard files' exported surface is their guard list.
 */

export function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** A form answer is given: non-blank text, a yes/no, a non-empty list, or any other value. */
export function isPresent(value: unknown): boolean {
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && value !== undefined;
}

/** ISO 8601 date-time with an explicit offset (docs/law.md §3.4: explicit time zone). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Years a record can sensibly speak of; beyond them an instant would not fit its fixed-width column. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2200;

/** Epoch milliseconds of an ISO instant with an explicit offset, within the supported years, or null. */
export function parseIsoWithOffset(value: unknown): number | null {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR ? ms : null;
}
