/**
 * The retention policy's arithmetic (issue 24, item 6; docs/retention.md), pure: a record is due for review once
 * its period — whole calendar years, in UTC — has run from its closure. A closure on 29 February runs to 1 March
 * of a year with no 29 February (Date's own rollover): a day late rather than a day early.
 */
export function retentionDueAt(closedAt: Date, years: number): Date {
  const due = new Date(closedAt.getTime());
  due.setUTCFullYear(due.getUTCFullYear() + years);
  return due;
}

/**
 * The latest closure that can be due at `now`, with a day to spare for the rollover above: a prefilter for the
 * database, which {@link retentionDueAt} then settles exactly.
 */
export function closedNoLaterThan(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime() + 86_400_000);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/**
 * When the record is due for review: when its period runs out, or, when a decision to retain it set a later date
 * to look again, that date.
 */
export function reviewDueAt(closedAt: Date, years: number, reviewAgainAt: Date | null): Date {
  const due = retentionDueAt(closedAt, years);
  return reviewAgainAt !== null && reviewAgainAt.getTime() > due.getTime() ? reviewAgainAt : due;
}
