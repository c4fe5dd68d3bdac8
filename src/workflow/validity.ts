import { addCalendarDays, daysInMonth, endOfLondonDay, formatIsoDate, londonDate, parseIsoDate } from './london-time';

/** Routes whose authorisations have a statutory duration (docs/law.md §2.1). */
export type AuthorisationRoute = 'ipc60A' | 'dso61' | 'dso61A';

/**
 * The instant an authorisation granted (or, for a renewal, starting) at `validFrom` ceases to
 * have effect. Days are Europe/London calendar days of `validFrom`.
 *
 * - `ipc60A` / `dso61`: "the end of the period of 1 month beginning with the date on which it is
 *   granted" (IPA s.65(1)). Product rule (docs/architecture.md §7.1; docs/law.md §2.3, CoP06 3.34 fn51): ends at
 *   23:59:59.999 Europe/London on the day before the same day-of-month in the next month, or, if
 *   that day-of-month does not exist in the next month, on the last day of the next month — never
 *   longer than a calendar month. 7 Jun → end of 6 Jul; 30 Jan 2026 → end of 28 Feb 2026;
 *   30 Jan 2028 → end of 29 Feb 2028; 31 Dec 2026 → end of 30 Jan 2027.
 * - `dso61A`: "the end of the period of 3 days beginning with the date on which it is granted"
 *   (IPA s.65(3A)) — calendar days, not working days: a grant at any time on 6 Mar ends at the end
 *   of 8 Mar, London time.
 *
 * @throws RangeError for an invalid Date.
 */
export function authorisationEnd(route: AuthorisationRoute, validFrom: Date): Date {
  const start = londonDate(validFrom);
  switch (route) {
    case 'ipc60A':
    case 'dso61':
      return endOfLondonDay(lastDayOfMonthBeginningWith(start));
    case 'dso61A':
      return endOfLondonDay(addCalendarDays(start, 2));
    default: {
      const unknown: never = route;
      throw new RangeError(`Unknown route: ${String(unknown)}`);
    }
  }
}

/** Last day of the month beginning with `date` (IPA s.65(1); docs/architecture.md §7.1). */
function lastDayOfMonthBeginningWith(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const lastOfNext = daysInMonth(nextYear, nextMonth);
  if (day > lastOfNext) return formatIsoDate(nextYear, nextMonth, lastOfNext);
  return addCalendarDays(formatIsoDate(nextYear, nextMonth, day), -1);
}
