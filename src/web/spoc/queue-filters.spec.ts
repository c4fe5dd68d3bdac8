import fc from 'fast-check';
import { changedBeforeToWaitMoreThan, parseQueueFilters, workingDaysWaiting } from './queue-filters';

describe('parseQueueFilters', () => {
  it('defaults to what waits for the SPOC’s review, any grade, any age, page 1', () => {
    expect(parseQueueFilters({})).toEqual({ ok: true, filters: { state: 'spocReview', priorityGrade: null, waitingDays: null, page: 1 } });
  });

  it('takes a working state, a grade and a number of working days', () => {
    expect(parseQueueFilters({ state: 'awaitingAuthorisation', priorityGrade: 'grade1', waitingDays: ' 3 ', page: '2' })).toEqual({
      ok: true,
      filters: { state: 'awaitingAuthorisation', priorityGrade: 'grade1', waitingDays: 3, page: 2 },
    });
  });

  it('names each wrong answer and keeps the others', () => {
    expect(parseQueueFilters({ state: 'closed', priorityGrade: 'grade9', waitingDays: 'three' })).toEqual({
      ok: false,
      filters: { state: 'spocReview', priorityGrade: null, waitingDays: null, page: 1 },
      errors: [
        { field: 'state', message: 'Select a state from the list' },
        { field: 'priorityGrade', message: 'Select a priority grade from the list' },
        { field: 'waitingDays', message: 'Enter a whole number of working days from 0 to 500, like 3' },
      ],
    });
    expect(parseQueueFilters({ waitingDays: '-1' }).ok).toBe(false);
    expect(parseQueueFilters({ waitingDays: '501' }).ok).toBe(false);
  });
});

describe('changedBeforeToWaitMoreThan', () => {
  it('on Monday 2 March 2026, more than 1 working day means last changed before Friday 27 February', () => {
    expect(changedBeforeToWaitMoreThan(new Date('2026-03-02T10:00:00Z'), 1).toISOString()).toBe('2026-02-27T00:00:00.000Z');
    expect(changedBeforeToWaitMoreThan(new Date('2026-03-02T10:00:00Z'), 0).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('skips the Christmas bank holidays and counts London days in summer time', () => {
    // Tuesday 29 Dec 2026: 28 Dec (substitute Boxing Day), 25 Dec, the weekend are not working days.
    expect(changedBeforeToWaitMoreThan(new Date('2026-12-29T09:00:00Z'), 1).toISOString()).toBe('2026-12-24T00:00:00.000Z');
    expect(changedBeforeToWaitMoreThan(new Date('2026-07-01T09:00:00Z'), 0).toISOString()).toBe('2026-06-30T23:00:00.000Z');
  });

  it('agrees with the age the queue shows: before the cut-off exactly when it has waited more than the days', () => {
    const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 0, max: 15 }), (a, b, days) => {
        const [changedAt, now] = a < b ? [a, b] : [b, a];
        expect(changedAt < changedBeforeToWaitMoreThan(now, days)).toBe(workingDaysWaiting(changedAt, now) > days);
      }),
      { numRuns: 300 },
    );
  });
});
