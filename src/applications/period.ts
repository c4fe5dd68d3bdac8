/**
 * Periods of data requested: instants with an explicit UTC offset (docs/law.md §3.4).
 *
 * Start and end must carry an explicit time zone, above all for IP data (CoP06 3.35 and fn 53);
 * a wrong time zone is a recurrent error (IPCO-17 14.59). So a time without an offset is refused
 * rather than guessed, and the offset is kept exactly as the applicant wrote it, so the record
 * shows what was asked for.
 *
 * Pure functions, no Nest: the DTO layer calls them and turns `reason` into an API error message.
 */

import { EARLIEST_YEAR, LATEST_YEAR } from '../workflow/guard-support';

/** An instant and the offset it was written with (`Z` or `±HH:MM`, as supplied). */
export interface InstantWithOffset {
  instant: Date;
  offset: string;
}

/** Outcome of {@link parseInstantWithOffset}. */
export type InstantResult = ({ ok: true } & InstantWithOffset) | { ok: false; reason: string };

/** Outcome of {@link checkPeriod}. */
export type PeriodResult =
  | { ok: true; start: InstantWithOffset; end: InstantWithOffset }
  | { ok: false; reason: string };

/** Largest offset in use (UTC+14:00, Line Islands; UTC−12:00 is the most negative). */
const MAX_OFFSET_MINUTES = 14 * 60;

const EXAMPLE = 'e.g. 2026-03-01T10:00:00+01:00 or 2026-03-01T09:00:00Z';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/;

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parse an ISO 8601 / RFC 3339 date-time that carries an explicit offset: `Z` or `±HH:MM`
 * (`2026-03-01T10:00:00+01:00`, `2026-03-01T09:00:00.123Z`; seconds and milliseconds optional).
 *
 * Refused, each with its own reason: a time without an offset (ambiguous: GMT or BST?), a date
 * without a time, a date that is not on the calendar (`2026-02-30`), hour 24 or leap second 60,
 * more than millisecond precision (it would be silently truncated), `-00:00` (RFC 3339 "offset
 * unknown") and offsets beyond ±14:00. The returned `offset` is the text as supplied
 * (docs/law.md §3.4; IPCO-17 14.59).
 */
export function parseInstantWithOffset(value: string): InstantResult {
  if (typeof value !== 'string') return refuse('the date-time must be text');
  const text = value.trim();
  if (text === '') return refuse('the date-time is empty');
  if (DATE_ONLY.test(text)) {
    return refuse(`a date without a time and offset is ambiguous: give a date-time, ${EXAMPLE}`);
  }
  const match = DATE_TIME.exec(text);
  if (match === null) {
    return refuse(`not an ISO 8601 date-time with an offset (${EXAMPLE})`);
  }
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  if (offset === undefined) {
    return refuse('a time without an offset is ambiguous: give Z or ±HH:MM');
  }

  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
    return refuse(`the year must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return refuse(`${y}-${mo}-${d} is not a calendar date`);
  }
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) {
    const time = s === undefined ? `${h}:${mi}` : `${h}:${mi}:${s}`;
    return refuse(`${time} is not a time of day (00:00 to 23:59:59)`);
  }
  if (fraction !== undefined && fraction.length > 3) {
    return refuse('give fractions of a second to at most milliseconds (3 digits)');
  }
  const millisecond = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'));

  let offsetMinutes = 0;
  if (offset !== 'Z') {
    if (offset === '-00:00') {
      return refuse('-00:00 means "offset unknown": give Z or the actual offset');
    }
    const offsetHours = Number(offset.slice(1, 3));
    const offsetMins = Number(offset.slice(4, 6));
    if (offsetMins > 59) return refuse(`offset ${offset} is not ±HH:MM`);
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) {
      return refuse(`offset ${offset} is beyond ±14:00`);
    }
  }

  // Date.UTC maps years 0–99 to 1900–1999, so set the full year explicitly.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(hour, minute, second, millisecond);
  instant.setTime(instant.getTime() - offsetMinutes * 60_000);
  return { ok: true, instant, offset };
}

/**
 * Check a period: both ends parse with {@link parseInstantWithOffset} and start is strictly
 * before end (compared as instants, so `10:00+01:00` equals `09:00Z`). Reasons name the end at
 * fault (`start: …`, `end: …`).
 */
export function checkPeriod(start: string, end: string): PeriodResult {
  const from = parseInstantWithOffset(start);
  if (!from.ok) return refuse(`start: ${from.reason}`);
  const to = parseInstantWithOffset(end);
  if (!to.ok) return refuse(`end: ${to.reason}`);
  if (from.instant.getTime() >= to.instant.getTime()) {
    return refuse('start must be before end');
  }
  return {
    ok: true,
    start: { instant: from.instant, offset: from.offset },
    end: { instant: to.instant, offset: to.offset },
  };
}
