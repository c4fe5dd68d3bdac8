/**
 * The period a statistics return covers (docs/statistics.md §1): whole Europe/London calendar days, from the
 * first to the last inclusive, at most 13 months (a year's return and a month more, so consecutive returns may overlap). Pure.
 */
import { addCalendarDays, daysInMonth, formatIsoDate, parseIsoDate, startOfLondonDay, type IsoDate } from '../../workflow/london-time';
import type { StatisticsPeriod } from './statistics-return';

export const MAX_PERIOD_MONTHS = 13;

/** A calendar date as the query writes it; whether it is on the calendar is checked below. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type PeriodResult = { ok: true; period: StatisticsPeriod } | { ok: false; field: 'from' | 'to'; message: string };

function validDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  try {
    parseIsoDate(value);
    return true;
  } catch {
    // parseIsoDate refuses a day off the calendar (30 February).
    return false;
  }
}

/** The same day `months` calendar months on, or the month's last day when it has no such day (31 January + 1 month = 28 or 29 February). */
function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The latest last day a return starting on `from` may have: the day before the same date 13 months on. */
export function latestLastDay(from: IsoDate): IsoDate {
  return addCalendarDays(addMonths(from, MAX_PERIOD_MONTHS), -1);
}

export function statisticsPeriod(from: string, to: string): PeriodResult {
  if (!validDate(from)) return { ok: false, field: 'from', message: 'from must be a calendar date written YYYY-MM-DD.' };
  if (!validDate(to)) return { ok: false, field: 'to', message: 'to must be a calendar date written YYYY-MM-DD.' };
  if (to < from) return { ok: false, field: 'to', message: `to (${to}) is before from (${from}).` };
  const latest = latestLastDay(from);
  if (to > latest) {
    return { ok: false, field: 'to', message: `A return covers at most ${MAX_PERIOD_MONTHS} months: from ${from} the last day may be ${latest}.` };
  }
  return {
    ok: true,
    period: {
      from,
      to,
      startsAt: startOfLondonDay(from).toISOString(),
      endsBefore: startOfLondonDay(addCalendarDays(to, 1)).toISOString(),
      timeZone: 'Europe/London',
    },
  };
}
