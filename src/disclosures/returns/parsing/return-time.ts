/**
 * Reading the times in a CSP's return. A time with an offset names one instant. A time without one is
 * read in the time zone the CSP has declared for its files, and refused when it has declared none: a
 * wrong time zone is a recurrent error, above all for IP data, so a time is never guessed (docs/law.md
 * §3.4; CoP06 3.35 fn.53; IPCO-17 14.59). A local time the clocks passed twice (the autumn hour) or never
 * (the spring hour) names no single instant and is reported as such, for the row checker to flag.
 *
 * The row checker calls {@link scanTime} on every row of files of up to a million rows, so it reads the
 * text by character codes into a reusable scratch object instead of using `Date` parsing, regular
 * expressions or `Intl` per row; {@link readTime} is the same reading with a result of its own.
 */
import { EARLIEST_YEAR, LATEST_YEAR } from '../../../workflow/guard-support';
import { offsetText } from './utc-text';
import { zoneOffsets, type ZoneOffsets } from './zone-offsets';

/**
 * A time read from a return (docs/law.md §3.4: an explicit offset, never a guess). `ok`: the instant (`utcMs`), the offset it was written with or resolved to
 * in the zone (`+01:00`; `Z` is written `+00:00`), and `local`, the text as written when it carried no
 * offset (else null). Otherwise why not: `ambiguous` (the local time happened twice), `nonexistent` (it
 * never happened), `noZone` (no offset, and no zone to read it in) or `invalid` (anything else).
 */
export type TimeReading =
  | { ok: true; utcMs: number; offset: string; local: string | null }
  | { ok: false; kind: 'ambiguous' | 'nonexistent' | 'noZone' | 'invalid'; reason: string };

/**
 * What {@link scanTime} found, as small numbers rather than objects: the row checker reads one time per
 * row and must not allocate for it. The kinds are {@link TimeReading}'s (docs/law.md §3.4).
 */
export const TIME_OK = 0;
export const TIME_AMBIGUOUS = 1;
export const TIME_NONEXISTENT = 2;
export const TIME_NO_ZONE = 3;
export const TIME_INVALID = 4;
/** One of the TIME_ statuses. */
export type TimeStatus = typeof TIME_OK | typeof TIME_AMBIGUOUS | typeof TIME_NONEXISTENT | typeof TIME_NO_ZONE | typeof TIME_INVALID;

/** Where {@link scanTime} writes: reused from row to row so that reading a time allocates nothing. */
export interface TimeScratch {
  /** The instant, when the status is TIME_OK. */
  utcMs: number;
  /** The offset written or resolved, when TIME_OK, as text and in milliseconds east of UTC. */
  offset: string;
  offsetMs: number;
  /** The text (trimmed) when it carried no offset, else null. */
  local: string | null;
  /** Why the status is not TIME_OK, in plain English. */
  reason: string;
}

/** A fresh scratch object for {@link scanTime}: one per checker. */
export const newTimeScratch = (): TimeScratch => ({ utcMs: 0, offset: '', offsetMs: 0, local: null, reason: '' });

const EXAMPLE = 'e.g. 2026-03-01T10:00:00Z, 2026-06-14 13:05:00+01:00 or, in the declared zone, 2026-06-14 13:05:00';
const MAX_OFFSET_MINUTES = 14 * 60;
const MS_PER_DAY = 86_400_000;
const CODE_0 = 48;
const CODE_T = 84;
const CODE_SPACE = 32;
const CODE_DASH = 45;
const CODE_PLUS = 43;
const CODE_COLON = 58;
const CODE_DOT = 46;
const CODE_Z = 90;

/** The digit at `i`, or -1 (also past the end, where charCodeAt gives NaN). */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - CODE_0;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two-digit number at `i`, or -1. */
function twoDigitsAt(text: string, i: number): number {
  const high = digitAt(text, i);
  const low = digitAt(text, i + 1);
  return high < 0 || low < 0 ? -1 : high * 10 + low;
}

/**
 * No space (nor anything outside printable ASCII) at either end: the cell needs no trimming. Checked before
 * calling `trim`, which costs more than these two reads on a million rows.
 */
export function plainEnds(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first > CODE_SPACE && first < 127 && last > CODE_SPACE && last < 127;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil):
 * plain arithmetic, several times faster than Date.UTC, which matters at a million rows.
 */
function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Most files use one or two offsets throughout: the text is looked up only when the offset changes. */
function setOffset(out: TimeScratch, offsetMs: number): void {
  if (offsetMs !== out.offsetMs || out.offset === '') {
    out.offsetMs = offsetMs;
    out.offset = offsetText(offsetMs);
  }
}

/** Built only when a time is refused: the common path must not pay for the words. */
const notATime = (text: string): string => `${JSON.stringify(text)} is not a date and time (${EXAMPLE})`;

function invalid(out: TimeScratch, reason: string): TimeStatus {
  out.reason = reason;
  return TIME_INVALID;
}

/**
 * Reads `text` as `YYYY-MM-DD[T| ]HH:MM[:SS[.f{1,3}]][Z|±HH:MM]` into `out`. Without an offset the time
 * is read in `zone` (null: the CSP has declared none). Leading and trailing spaces are ignored. Refused as
 * invalid, each with its reason: any other shape (a date alone, a `T` in lower case, `+0100`), a date not
 * on the calendar (`2026-02-30`), hour 24 or second 60, more than three decimals of a second (they would
 * be cut off), `-00:00` ("offset unknown", RFC 3339), an offset beyond ±14:00, and a year outside
 * 1900–2200.
 */
export function scanTime(raw: string, zone: ZoneOffsets | null, out: TimeScratch): TimeStatus {
  const text = plainEnds(raw) ? raw : raw.trim();
  const length = text.length;
  const century = twoDigitsAt(text, 0);
  const yearOfCentury = twoDigitsAt(text, 2);
  if (
    length < 16 ||
    century < 0 ||
    yearOfCentury < 0 ||
    text.charCodeAt(4) !== CODE_DASH ||
    text.charCodeAt(7) !== CODE_DASH ||
    (text.charCodeAt(10) !== CODE_T && text.charCodeAt(10) !== CODE_SPACE) ||
    text.charCodeAt(13) !== CODE_COLON
  ) {
    if (length === 10 && /^\d{4}-\d{2}-\d{2}$/.test(text)) {
      return invalid(out, `${text} is a date without a time (${EXAMPLE})`);
    }
    return invalid(out, notATime(text));
  }
  const year = century * 100 + yearOfCentury;
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14);
  if (month < 0 || day < 0 || hour < 0 || minute < 0) return invalid(out, notATime(text));

  let i = 16;
  let second = 0;
  let millisecond = 0;
  if (text.charCodeAt(i) === CODE_COLON) {
    second = twoDigitsAt(text, i + 1);
    if (second < 0) return invalid(out, notATime(text));
    i += 3;
    if (text.charCodeAt(i) === CODE_DOT) {
      i += 1;
      let decimals = 0;
      let scale = 100;
      for (let d = digitAt(text, i); d >= 0; d = digitAt(text, ++i)) {
        decimals += 1;
        millisecond += d * scale;
        scale /= 10;
      }
      if (decimals === 0) return invalid(out, notATime(text));
      if (decimals > 3) return invalid(out, `${text} gives more than milliseconds, which would be cut off`);
    }
  }

  let offsetMinutes = 0;
  let hasOffset = true;
  const sign = text.charCodeAt(i);
  if (i === length) {
    hasOffset = false;
  } else if (sign === CODE_Z && i + 1 === length) {
    offsetMinutes = 0;
  } else if ((sign === CODE_PLUS || sign === CODE_DASH) && i + 6 === length && text.charCodeAt(i + 3) === CODE_COLON) {
    const offsetHours = twoDigitsAt(text, i + 1);
    const offsetMins = twoDigitsAt(text, i + 4);
    if (offsetHours < 0 || offsetMins < 0) return invalid(out, notATime(text));
    if (offsetMins > 59) return invalid(out, `${text} has an offset that is not ±HH:MM`);
    offsetMinutes = (sign === CODE_DASH ? -1 : 1) * (offsetHours * 60 + offsetMins);
    if (offsetMinutes === 0 && sign === CODE_DASH) {
      return invalid(out, `${text} has the offset -00:00, which means "offset unknown": the time cannot be placed`);
    }
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return invalid(out, `${text} has an offset beyond ±14:00`);
  } else {
    return invalid(out, notATime(text));
  }

  if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
    return invalid(out, `${text} is outside the years ${EARLIEST_YEAR} to ${LATEST_YEAR}`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return invalid(out, `${text} is not on the calendar`);
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return invalid(out, `${text} is not a time of day (00:00 to 23:59:59)`);
  }

  const wallMs = epochDay(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond;
  if (hasOffset) {
    setOffset(out, offsetMinutes * 60_000);
    out.utcMs = wallMs - out.offsetMs;
    out.local = null;
    return TIME_OK;
  }
  out.local = text;
  if (zone === null) {
    out.reason = `${text} has no offset, and the CSP has declared no time zone for its files, so the time cannot be placed`;
    return TIME_NO_ZONE;
  }
  const resolution = zone.resolve(wallMs);
  switch (resolution.kind) {
    case 'ok':
      setOffset(out, resolution.offsetMs);
      out.utcMs = wallMs - resolution.offsetMs;
      return TIME_OK;
    case 'ambiguous':
      out.reason =
        `${text} happened twice in ${zone.zone}, when the clocks went back: at ` +
        `${offsetText(resolution.earlierOffsetMs)} and again at ${offsetText(resolution.laterOffsetMs)}; ` +
        'it was not guessed';
      return TIME_AMBIGUOUS;
    case 'nonexistent':
      out.reason =
        `${text} never happened in ${zone.zone}: the clocks went forward over it, from ` +
        `${offsetText(resolution.beforeOffsetMs)} to ${offsetText(resolution.afterOffsetMs)}; it was not guessed`;
      return TIME_NONEXISTENT;
  }
}

const KIND_OF_STATUS = {
  [TIME_AMBIGUOUS]: 'ambiguous',
  [TIME_NONEXISTENT]: 'nonexistent',
  [TIME_NO_ZONE]: 'noZone',
  [TIME_INVALID]: 'invalid',
} as const;

/**
 * Reads a time from a return (docs/law.md §3.4): ISO 8601 `YYYY-MM-DDTHH:MM[:SS[.fff]]` (or a space for
 * the `T`) with `Z` or `±HH:MM` names that instant; without an offset it is read in `zone`, the IANA zone
 * the CSP has declared for its files. `noZone` when it has declared none; `ambiguous` when the local time
 * happened twice (`2026-10-25 01:30` in Europe/London) and `nonexistent` when it never happened
 * (`2026-03-29 01:30`): neither is ever guessed, because a wrong hour can identify the wrong person
 * (IPCO-17 14.59; IPCO-19 18.40). `invalid` for anything else, including a date not on the calendar or a
 * zone the platform does not know.
 */
export function readTime(text: string, zone: string | null): TimeReading {
  let offsets: ZoneOffsets | null = null;
  if (zone !== null) {
    offsets = zoneOffsets(zone);
    if (offsets === null) return { ok: false, kind: 'invalid', reason: `the time zone ${JSON.stringify(zone)} is not known` };
  }
  const out = newTimeScratch();
  const status = scanTime(text, offsets, out);
  if (status === TIME_OK) return { ok: true, utcMs: out.utcMs, offset: out.offset, local: out.local };
  return { ok: false, kind: KIND_OF_STATUS[status], reason: out.reason };
}
