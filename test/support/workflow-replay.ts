/**
 * Test-only helpers over the pure workflow: judge an instant's London working day.
 */
import { londonDate } from '../../src/workflow/london-time';
import { isWorkingDay } from '../../src/workflow/working-days';

/**
 * Whether `instant` falls on a working day, judged on its Europe/London calendar date
 * (IPA s.263 "working day"; docs/law.md §2.3).
 * @throws RangeError for an invalid Date.
 */
export function isWorkingDayAt(instant: Date): boolean {
  return isWorkingDay(londonDate(instant));
}
