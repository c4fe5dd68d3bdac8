import Holidays from 'date-holidays';
import { addCalendarDays, dayOfWeek, endOfLondonDay, type IsoDate, londonDate, parseIsoDate } from './london-time';

/**
 * Hand corrections to the `date-holidays` calendar, as ISO dates `YYYY-MM-DD`, each with a comment
 * saying why (e.g. a one-off bank holiday proclaimed after the installed package version). `add`
 * makes a weekday a non-working day; `remove` makes a listed holiday a working day again.
 *
 * Kept EMPTY: date-holidays agrees with the official GOV.UK England and Wales list for 2018–2025 and
 * with the hand-checked Scottish and Northern Irish holidays (working-days.spec.ts). The spec fails if
 * an entry is redundant (an `add` date date-holidays already has, or a `remove` date it lacks).
 * (IPA s.263 "working day"; docs/law.md §2.3)
 */
export const WORKING_DAY_OVERRIDES: { readonly add: readonly IsoDate[]; readonly remove: readonly IsoDate[] } = {
  add: [],
  remove: [],
};

/** The UK jurisdictions whose bank holidays all count (IPA s.263: "in any part of the United Kingdom"). */
const UK_REGIONS = ['ENG', 'WLS', 'SCT', 'NIR'] as const;

let regionCalendars: readonly Holidays[] | undefined;
const holidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

/**
 * Weekday public/bank holidays in any part of the UK in `year`, according to `date-holidays` alone
 * (before {@link WORKING_DAY_OVERRIDES}). Weekend dates (a holiday whose substitute day is listed
 * separately) and observances (Mother's Day, Easter Sunday, …) are dropped. Exported for the spec's
 * override-redundancy check.
 */
export function dateHolidaysWeekdayHolidays(year: number): ReadonlySet<IsoDate> {
  regionCalendars ??= UK_REGIONS.map((region) => new Holidays('GB', region));
  const dates = new Set<IsoDate>();
  for (const calendar of regionCalendars) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      // `date` is the local (Europe/London) "YYYY-MM-DD hh:mm:ss"; `start` is a UTC instant that
      // falls on the previous UTC day during BST, so never use it for the calendar date.
      const date = holiday.date.slice(0, 10);
      if (!date.startsWith(`${year}-`)) continue;
      const dow = dayOfWeek(date);
      if (dow !== 0 && dow !== 6) dates.add(date);
    }
  }
  return dates;
}

function nonWorkingWeekdays(year: number): ReadonlySet<IsoDate> {
  let dates = holidaysByYear.get(year);
  if (dates === undefined) {
    const set = new Set(dateHolidaysWeekdayHolidays(year));
    for (const date of WORKING_DAY_OVERRIDES.add) if (parseIsoDate(date).year === year) set.add(date);
    for (const date of WORKING_DAY_OVERRIDES.remove) set.delete(date);
    dates = set;
    holidaysByYear.set(year, dates);
  }
  return dates;
}

/**
 * Whether the London calendar date `date` (`YYYY-MM-DD`) is a working day: not a Saturday, Sunday,
 * Christmas Day, Good Friday, or a bank holiday in any part of the UK — the union of England,
 * Wales, Scotland and Northern Ireland (IPA s.263 "working day"; docs/law.md §2.3).
 * @throws RangeError if `date` is not a valid `YYYY-MM-DD` date.
 */
export function isWorkingDay(date: IsoDate): boolean {
  const { year } = parseIsoDate(date);
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return false;
  return !nonWorkingWeekdays(year).has(date);
}

/**
 * The end (23:59:59.999 Europe/London) of the `n`th working day after the London day of `instant`.
 * Day 1 is the first working day strictly after that day, whether or not `instant` itself fell on
 * a working day. Used for deadlines such as "≤ 10 working days" (CoP15 3.50; IPCO-18 17.4). E.g.
 * Thursday 24 Dec 2026 + 2 ends at the end of Wednesday 30 Dec 2026 (25 Dec Christmas Day, 28 Dec
 * substitute Boxing Day) (IPA s.263 "working day"; docs/law.md §2.3, §6).
 * @throws RangeError if `n` is not a positive integer or `instant` is invalid.
 */
export function addWorkingDays(instant: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  let date = londonDate(instant);
  let counted = 0;
  while (counted < n) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date)) counted += 1;
  }
  return endOfLondonDay(date);
}

/**
 * Number of working days after the London day of `a`, up to and including the London day of `b`;
 * 0 if `b`'s London day is not after `a`'s. Inverse of {@link addWorkingDays}:
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n` (IPA s.263 "working day"; docs/law.md §2.3, §6).
 * @throws RangeError for an invalid Date.
 */
export function workingDaysBetween(a: Date, b: Date): number {
  const last = londonDate(b);
  let date = londonDate(a);
  let count = 0;
  // ISO dates with 4-digit years sort lexicographically in calendar order.
  while (date < last) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date)) count += 1;
  }
  return count;
}
