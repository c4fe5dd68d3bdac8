/**
 * Calendar arithmetic on the Europe/London civil date of an instant.
 *
 * Pure functions: no clock is read here; every instant is a parameter (docs/architecture.md §4). Statutory
 * periods in the IPA run in whole days (IPA s.65(1)/(3A); s.263 "working day"; docs/law.md §2.3), and
 * the day that counts is the UK civil date, so a grant at 00:30 BST on 7 June (23:30Z on 6 June)
 * is a grant on 7 June. Offsets are taken from the platform's tz database via `Intl`, never
 * hand-coded, so GMT/BST changes are handled whatever the year.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const LONDON = 'Europe/London';
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const londonFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid instant');
  }
}

function londonWallClock(instant: Date): WallClock {
  assertValidInstant(instant);
  const parts: Record<string, number> = {};
  for (const part of londonFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Parses and validates a `YYYY-MM-DD` date (proleptic Gregorian, years 0000–9999).
 * @throws RangeError if the string is not a real calendar date.
 */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (m === null) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return { year, month, day };
}

/** Formats a year/month/day (month 1–12) as `YYYY-MM-DD`. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Number of days in `month` (1–12) of `year`, Gregorian leap-year rules. */
export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

function dateToUtcMidnight(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** Adds `n` calendar days (may be negative) to a `YYYY-MM-DD` date. */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
  const d = new Date(dateToUtcMidnight(date) + n * MS_PER_DAY);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of the week of a `YYYY-MM-DD` date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(dateToUtcMidnight(date)).getUTCDay();
}

/**
 * The Europe/London calendar date (`YYYY-MM-DD`) on which `instant` falls: the "day" that IPA
 * periods count from (IPA s.65(1)/(3A), s.263; docs/law.md §2.3).
 * @throws RangeError for an invalid Date.
 */
export function londonDate(instant: Date): IsoDate {
  const w = londonWallClock(instant);
  return formatIsoDate(w.year, w.month, w.day);
}

/** Minutes by which Europe/London is ahead of UTC at `instant` (0 in GMT, 60 in BST). */
export function londonOffsetMinutes(instant: Date): number {
  const w = londonWallClock(instant);
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  const wholeSeconds = instant.getTime() - (((instant.getTime() % 1000) + 1000) % 1000);
  return Math.round((d.getTime() - wholeSeconds) / MS_PER_MINUTE);
}

/**
 * The first instant (00:00:00.000 Europe/London) of the London calendar day `date`.
 * @throws RangeError if `date` is not a valid `YYYY-MM-DD` date.
 */
export function startOfLondonDay(date: IsoDate): Date {
  const midnightAsIfUtc = dateToUtcMidnight(date);
  // Guess with the offset at UTC midnight, then correct with the offset at the guess. UK clocks
  // change at 01:00 UTC, so London midnight always exists and is never repeated.
  const guess = midnightAsIfUtc - londonOffsetMinutes(new Date(midnightAsIfUtc)) * MS_PER_MINUTE;
  return new Date(midnightAsIfUtc - londonOffsetMinutes(new Date(guess)) * MS_PER_MINUTE);
}

/**
 * The last instant (23:59:59.999 Europe/London) of the London calendar day `date`: the moment a
 * period that "ends at the end of" that day ceases (IPA s.65(1)/(3A); docs/architecture.md §7.1). This is
 * 23:59:59.999Z in GMT and 22:59:59.999Z in BST.
 * @throws RangeError if `date` is not a valid `YYYY-MM-DD` date.
 */
export function endOfLondonDay(date: IsoDate): Date {
  return new Date(startOfLondonDay(addCalendarDays(date, 1)).getTime() - 1);
}

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * The name of UK civil time at `instant`: `GMT` or `BST`, from the tz database's offset rather than
 * ICU's zone names, so the output is the same on every build of Node. An offset the UK no longer uses
 * (double summer time before 1948) is written as `UTC+02:00`.
 */
export function londonZoneName(instant: Date): string {
  const offset = londonOffsetMinutes(instant);
  if (offset === 0) return 'GMT';
  if (offset === 60) return 'BST';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * An instant as a person in the UK reads it: the Europe/London wall clock to the minute with the zone
 * named, e.g. `18 Dec 2026 14:03 GMT` or `1 Jul 2026 09:05 BST`. Seconds are dropped (truncated, so the
 * end of a day, 23:59:59.999, stays on that day). Times in documents a person reads are London times
 * with the zone (docs/law.md §2.3: the day that counts is the UK civil date).
 * @throws RangeError for an invalid Date.
 */
export function formatLondonDateTime(instant: Date): string {
  const w = londonWallClock(instant);
  return `${w.day} ${MONTH_ABBREVIATIONS[w.month - 1]} ${w.year} ${pad(w.hour)}:${pad(w.minute)} ${londonZoneName(instant)}`;
}
