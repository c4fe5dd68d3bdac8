import { londonTime } from '../view-filters';

/** The clock of an oral urgent grant's written record, in words (docs/law.md §2.3 "Written record of an oral urgent grant"). */
export interface WrittenRecordClock {
  /** When it falls due, in UK time with the zone named. */
  dueBy: string;
  overdue: boolean;
  /** How long is left, or how long ago it fell due: `5 hours`, `1 day 3 hours`, `40 minutes`. */
  span: string;
  /** The whole sentence a person reads: `Written record due by 27 Nov 2026 14:03 GMT — 5 hours left`. */
  text: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A span of time as a person says it, rounded down (a deadline is never shown further off than it is): minutes under an
 * hour, hours under two days, then days and hours.
 */
export function spanInWords(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return 'less than a minute';
  if (span < HOUR) return plural(Math.floor(span / MINUTE), 'minute');
  if (span < 2 * DAY) return plural(Math.floor(span / HOUR), 'hour');
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span - days * DAY) / HOUR);
  return hours === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${plural(hours, 'hour')}`;
}

/**
 * The written-record clock of an application (its `writtenRecordDueAt`) at `now`, or null when no written record is
 * outstanding. The deadline itself is the service's (the workflow sets it at the oral grant); this only says it.
 */
export function writtenRecordClock(dueAt: string | null | undefined, now: Date): WrittenRecordClock | null {
  if (!dueAt) return null;
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return null;
  const left = due.getTime() - now.getTime();
  const dueBy = londonTime(due);
  if (left > 0) {
    const span = spanInWords(left);
    return { dueBy, overdue: false, span, text: `Written record due by ${dueBy} — ${span} left` };
  }
  const span = spanInWords(-left);
  return { dueBy, overdue: true, span, text: `Written record overdue: it was due by ${dueBy}, ${span} ago` };
}
