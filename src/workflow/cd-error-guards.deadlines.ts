/**
 * The report-due helpers of the CD error register (docs/architecture.md §7.3; docs/law.md §2.3, §4.4): when a
 * relevant error's report falls due, the date that applies, whether it is overdue or was reported late, and
 * which reminders are due. Used by the engine, the service and the scheduler. No clock, no I/O: time arrives
 * as an argument. Import through cd-error.guards.ts, which re-exports this file; every exported function
 * carries TSDoc citing docs/law.md and a source tag, and has a `describe('<name>')` block in
 * cd-error.guards.spec.ts (cd-error.guards.meta.spec.ts).
 */
import type { CdErrorFacts } from './cd-error.guards';
import type { CdErrorState } from './cd-error.types';
import { londonDate } from './london-time';
import { addWorkingDays, workingDaysBetween } from './working-days';

/** Which reminder the outbox should carry (docs/law.md §4.4 "warn … breach"). */
export type CdErrorReminder = 'threeWorkingDaysBefore' | 'dueDay';

/** Working days allowed for a relevant error's report unless configured otherwise (IPCO-18 17.4). */
export const DEFAULT_REPORT_WORKING_DAYS = 10;

/** The first reminder goes this many working days before the due day. */
export const REMINDER_WORKING_DAYS_BEFORE = 3;

/** States in which a report to the IPC may be owed (a due date exists only after ASSESS). */
const REPORT_OUTSTANDING_STATES: readonly CdErrorState[] = ['assessed', 'sroSighted'];

/**
 * When a relevant error's report to the IPC is due: the end (23:59:59.999 Europe/London) of the
 * `workingDays`th working day after the London day on which the error was established — "as soon as
 * reasonably practicable and no later than 10 working days" (docs/law.md §2.3, §6 row 10; IPCO-18 17.4;
 * working day per IPA-263). The length is configurable; {@link DEFAULT_REPORT_WORKING_DAYS} is 10.
 * @throws RangeError if `workingDays` is not a positive integer or the date is invalid.
 */
export function reportDueAt(establishedAt: Date, workingDays: number): Date {
  return addWorkingDays(establishedAt, workingDays);
}

/**
 * The due date that applies: the one agreed with the IPC if any, else the statutory one, else null
 * (not a relevant error) (docs/law.md §2.3 "or as agreed with IPC"; §6 row 10; IPCO-18 17.4).
 */
export function effectiveDueAt(error: Pick<CdErrorFacts, 'reportDueAt' | 'agreedDueAt'>): Date | null {
  return error.agreedDueAt ?? error.reportDueAt ?? null;
}

/**
 * Whether the full report reached the IPC after the due date that applied (docs/law.md §4.4; IPCO-18 17.4):
 * `null` until it is reported, or when there is no due date (not a relevant error). An initial notification
 * does not move the due date, so a full report after it is still late.
 */
export function reportedLate(error: Pick<CdErrorFacts, 'reportDueAt' | 'agreedDueAt'> & { reportedAt: Date | null }): boolean | null {
  const due = effectiveDueAt(error);
  return error.reportedAt === null || due === null ? null : error.reportedAt.getTime() > due.getTime();
}

function outstandingDueAt(error: Pick<CdErrorFacts, 'status' | 'reportDueAt' | 'agreedDueAt'>): Date | null {
  return REPORT_OUTSTANDING_STATES.includes(error.status) ? effectiveDueAt(error) : null;
}

/**
 * The report to the IPC is still owed (assessed or SRO-sighted, not yet reported) and its due date
 * has passed (docs/law.md §4.4 "breach at day 10"; §6 row 10; IPCO-18 17.4).
 */
export function isOverdue(error: Pick<CdErrorFacts, 'status' | 'reportDueAt' | 'agreedDueAt'>, now: Date): boolean {
  const due = outstandingDueAt(error);
  return due !== null && now.getTime() > due.getTime();
}

/**
 * The report is owed, not yet overdue, and due within the next `n` working days: at most `n` working
 * days lie after today's London day up to the due day (0 when due today) (docs/law.md §2.3, §4.4;
 * IPCO-18 17.4; working day per IPA-263). For the dashboard's deadline list.
 */
export function dueWithinWorkingDays(
  error: Pick<CdErrorFacts, 'status' | 'reportDueAt' | 'agreedDueAt'>,
  now: Date,
  n: number,
): boolean {
  const due = outstandingDueAt(error);
  if (due === null || now.getTime() > due.getTime()) return false;
  return workingDaysBetween(now, due) <= n;
}

/**
 * Which reminders are due now for an owed report (docs/law.md §4.4 "warn … breach" timers; IPCO-18
 * 17.4): `threeWorkingDaysBefore` from the start of the working day three working days before the due
 * day, and `dueDay` on the due day, each until the deadline passes (then the error is overdue, see
 * {@link isOverdue}). Judged on London days and working days (IPA-263). A scheduler that missed a run
 * still sees the reminder; the outbox de-duplicates on (error id, reminder, due instant), so an
 * agreed extension gets reminders of its own.
 */
export function reminderDue(
  error: Pick<CdErrorFacts, 'status' | 'reportDueAt' | 'agreedDueAt'>,
  now: Date,
): CdErrorReminder[] {
  const due = outstandingDueAt(error);
  if (due === null || now.getTime() > due.getTime()) return [];
  const reminders: CdErrorReminder[] = [];
  const today = londonDate(now);
  // At most 3 working days remain after today exactly from the 3rd working day before the due day on
  // (the count only falls as today advances, and the day before that working day still sees 4).
  if (workingDaysBetween(now, due) <= REMINDER_WORKING_DAYS_BEFORE) reminders.push('threeWorkingDaysBefore');
  if (today === londonDate(due)) reminders.push('dueDay');
  return reminders;
}
