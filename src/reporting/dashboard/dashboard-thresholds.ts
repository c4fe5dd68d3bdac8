/**
 * The instants the dashboard's SQL compares with (docs/statistics.md §5): every threshold in working
 * days turned into one cut-off instant, so a tile is a string comparison over an indexed column on both
 * databases (instants are stored as fixed-width ISO strings: docs/architecture.md §6). Pure: `now` is a
 * parameter, the calendar is the service's own (IPA s.263 "working day"; docs/law.md §2.3).
 */
import { APPLICATION_TRANSITIONS } from '../../workflow/application.machine';
import { APPLICATION_STATES, type ApplicationState } from '../../workflow/application.types';
import { addCalendarDays, endOfLondonDay, londonDate, startOfLondonDay, type IsoDate } from '../../workflow/london-time';
import { addWorkingDays, isWorkingDay } from '../../workflow/working-days';

/**
 * Open applications: the states from which the workflow can still move the application to another state
 * (docs/architecture.md §7.1). The final states (refused, declined, withdrawn, closed) and an imported RIPA
 * record have no row at all; `quashed` has only RECORD_WRITTEN, which keeps it quashed — nothing more can
 * happen to a quashed authorisation (IPA s.77(7)), and a written record still owed shows on its own tile.
 * Derived from the transition table, so a new state joins or leaves the tile with the machine.
 */
export const OPEN_APPLICATION_STATES: readonly ApplicationState[] = APPLICATION_STATES.filter((state) =>
  APPLICATION_TRANSITIONS.some(([from, , to]) => from === state && to !== state),
);

/**
 * How long an open application has been in its state, in working days (docs/law.md §2.3: the working days
 * after the London day it entered the state, up to and including today), in four bands. They touch: each
 * band's `min` is the previous band's `max` plus one, so every application is in exactly one.
 */
export const AGE_BANDS = [
  { key: 'upTo2', label: '2 working days or fewer', min: 0, max: 2 },
  { key: 'from3To5', label: '3 to 5 working days', min: 3, max: 5 },
  { key: 'from6To10', label: '6 to 10 working days', min: 6, max: 10 },
  { key: 'over10', label: 'More than 10 working days', min: 11, max: null },
] as const satisfies readonly { key: string; label: string; min: number; max: number | null }[];
export type AgeBandKey = (typeof AGE_BANDS)[number]['key'];
export const AGE_BAND_KEYS: readonly AgeBandKey[] = AGE_BANDS.map((band) => band.key);

/** What the dashboard counts with besides the clock (docs/statistics.md §5). */
export interface DashboardSettings {
  /** A request is waiting on its CSP once this many working days after its sending have passed (`DASHBOARD_CSP_WAIT_WORKING_DAYS`). */
  cspWaitWorkingDays: number;
  /** A report to the IPC is due soon when due within this many working days (the register's first reminder, docs/law.md §4.4). */
  errorsDueWithinWorkingDays: number;
  /** An authorisation is ending soon when it ends within this many London calendar days after today. */
  expiringWithinCalendarDays: number;
}

/** The register's first reminder comes three working days before the due day (docs/law.md §4.4): the same horizon. */
export const ERRORS_DUE_WITHIN_WORKING_DAYS = 3;
/** The five calendar days: enough to renew an authorisation before it ends (IPA s.65(2)). */
export const EXPIRING_WITHIN_CALENDAR_DAYS = 5;

/** An age band as cut-offs on the instant the application entered its state: `from` ≤ entered < `before`. */
export interface AgeBandBounds {
  key: AgeBandKey;
  /** Entered at or after this instant (null: no lower bound, the oldest band). */
  from: Date | null;
  /** Entered before this instant (null: no upper bound, the youngest band). */
  before: Date | null;
}

/** Every instant the tiles compare with, for one `now`. */
export interface DashboardThresholds {
  now: Date;
  bands: readonly AgeBandBounds[];
  /** Requests sent before this instant have had more than `cspWaitWorkingDays` working days. */
  cspSentBefore: Date;
  /** Reports due at or before this instant (and not yet overdue) are due soon. */
  errorsDueBy: Date;
  /** Authorisations ending at or before this instant (and not yet ended) are ending soon. */
  expiringBy: Date;
}

/**
 * The `n`th working day counting back from `date`, `date` itself being the first when it is a working day.
 * @throws RangeError if `n` is not a positive integer.
 */
function nthWorkingDayOnOrBefore(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  let day = date;
  let counted = isWorkingDay(day) ? 1 : 0;
  while (counted < n) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}

/**
 * The instant C such that something that happened at `x` is at least `n` working days old at `now`
 * (`workingDaysBetween(x, now) >= n`) exactly when x < C: the start of the London day of the `n`th working
 * day counting back from today. The age is the number of working days after the London day of `x`, up to and
 * including today's (docs/law.md §2.3), so x must fall on a day before that working day.
 * @throws RangeError if `n` is not a positive integer.
 */
export function atLeastWorkingDaysOldBefore(now: Date, n: number): Date {
  return startOfLondonDay(nthWorkingDayOnOrBefore(londonDate(now), n));
}

/**
 * The instant C such that a deadline of `n` working days after `x` has passed at `now`
 * (`now > addWorkingDays(x, n)`, the end of the `n`th working day after the London day of `x`: docs/law.md
 * §2.3) exactly when x < C. The deadline has passed when it ended on a day before today, that is when at least
 * `n` working days lie after the London day of `x` up to and including yesterday.
 * @throws RangeError if `n` is not a positive integer.
 */
export function workingDayDeadlinePassedBefore(now: Date, n: number): Date {
  return startOfLondonDay(nthWorkingDayOnOrBefore(addCalendarDays(londonDate(now), -1), n));
}

/** The bands as cut-offs: entered at or after the cut-off of `max + 1` working days, before that of `min`. */
export function ageBandBounds(now: Date): AgeBandBounds[] {
  return AGE_BANDS.map((band) => ({
    key: band.key,
    from: band.max === null ? null : atLeastWorkingDaysOldBefore(now, band.max + 1),
    before: band.min === 0 ? null : atLeastWorkingDaysOldBefore(now, band.min),
  }));
}

/** Every threshold of the dashboard at `now` (docs/statistics.md §5). */
export function dashboardThresholds(now: Date, settings: DashboardSettings): DashboardThresholds {
  return {
    now,
    bands: ageBandBounds(now),
    cspSentBefore: workingDayDeadlinePassedBefore(now, settings.cspWaitWorkingDays),
    // The same "due within n working days" as the register's list (`dueWithinWorkingDays`, docs/law.md §4.4).
    errorsDueBy: addWorkingDays(now, settings.errorsDueWithinWorkingDays),
    expiringBy: endOfLondonDay(addCalendarDays(londonDate(now), settings.expiringWithinCalendarDays)),
  };
}

/** When a request's CSP was expected to have answered: the end of the `n`th working day after its sending (docs/law.md §6, CoP15 3.50). */
export function cspExpectedBy(sentAt: Date, cspWaitWorkingDays: number): Date {
  return addWorkingDays(sentAt, cspWaitWorkingDays);
}
