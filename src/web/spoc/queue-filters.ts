import type { ApplicationState, PriorityGrade } from '../../workflow/application.types';
import { PRIORITY_GRADES } from '../../workflow/application.types';
import { addCalendarDays, londonDate, startOfLondonDay } from '../../workflow/london-time';
import { isWorkingDay, workingDaysBetween } from '../../workflow/working-days';

/**
 * The states a SPOC works in, in the queue's order (docs/architecture.md §7.1): what waits for their review,
 * what waits for an authoriser (a decision to record from OCDA's system or a DSO's oral grant), what waits for
 * the applicant, and what is authorised (requests to CSPs, products).
 */
export const SPOC_QUEUE_STATES = ['spocReview', 'awaitingAuthorisation', 'returnedToApplicant', 'authorised'] as const satisfies readonly ApplicationState[];
export type SpocQueueState = (typeof SPOC_QUEUE_STATES)[number];

/** The longest wait the filter takes, in working days (about two years). */
export const MAX_WAITING_DAYS = 500;

/** The queue's filters as the GET form sends them, checked. */
export interface QueueFilters {
  state: SpocQueueState;
  priorityGrade: PriorityGrade | null;
  /** Only those that have waited more than this many working days since they last changed; null for any. */
  waitingDays: number | null;
  page: number;
}

export type QueueFiltersResult = { ok: true; filters: QueueFilters } | { ok: false; filters: QueueFilters; errors: { field: string; message: string }[] };

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The form's answers (anything, from a query string) as filters, each wrong one named with what to do. */
export function parseQueueFilters(query: Record<string, unknown>): QueueFiltersResult {
  const errors: { field: string; message: string }[] = [];
  const state = text(query.state);
  const grade = text(query.priorityGrade);
  const days = text(query.waitingDays);
  const page = Number(text(query.page) || '1');
  const filters: QueueFilters = {
    state: (SPOC_QUEUE_STATES as readonly string[]).includes(state) ? (state as SpocQueueState) : 'spocReview',
    priorityGrade: (PRIORITY_GRADES as readonly string[]).includes(grade) ? (grade as PriorityGrade) : null,
    waitingDays: null,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
  if (state !== '' && filters.state !== state) errors.push({ field: 'state', message: 'Select a state from the list' });
  if (grade !== '' && filters.priorityGrade !== grade) errors.push({ field: 'priorityGrade', message: 'Select a priority grade from the list' });
  if (days !== '') {
    const n = Number(days);
    if (/^\d+$/.test(days) && n <= MAX_WAITING_DAYS) filters.waitingDays = n;
    else errors.push({ field: 'waitingDays', message: `Enter a whole number of working days from 0 to ${MAX_WAITING_DAYS}, like 3` });
  }
  return errors.length ? { ok: false, filters, errors } : { ok: true, filters };
}

/**
 * The instant C such that something last changed at `x` has waited more than `days` working days at `now`
 * (`workingDaysBetween(x, now) > days`, the working days after the London day of `x` up to and including today:
 * docs/law.md §2.3) exactly when x < C: the start of the London day of the (days + 1)th working day counting back
 * from today, today counting when it is a working day. What the queue sends the list as `updatedBefore`.
 */
export function changedBeforeToWaitMoreThan(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number, got ${days}`);
  let day = londonDate(now);
  let counted = isWorkingDay(day) ? 1 : 0;
  while (counted < days + 1) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(day)) counted += 1;
  }
  return startOfLondonDay(day);
}

/** How long something last changed at `changedAt` has waited at `now`, in working days (the column the queue shows). */
export function workingDaysWaiting(changedAt: Date, now: Date): number {
  return changedAt.getTime() >= now.getTime() ? 0 : workingDaysBetween(changedAt, now);
}
