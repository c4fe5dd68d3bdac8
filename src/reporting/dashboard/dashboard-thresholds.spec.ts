import fc from 'fast-check';
import { addWorkingDays, workingDaysBetween } from '../../workflow/working-days';
import {
  AGE_BANDS,
  ageBandBounds,
  atLeastWorkingDaysOldBefore,
  dashboardThresholds,
  OPEN_APPLICATION_STATES,
  workingDayDeadlinePassedBefore,
} from './dashboard-thresholds';

/** Instants from 2019 to 2030, to the millisecond: GMT and BST, bank holidays, the turn of the year. */
const instant = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2030, 11, 31) }).map((ms) => new Date(ms));
/** Two instants at most seven weeks apart, the later one second. */
const pair = fc.tuple(instant, fc.integer({ min: 0, max: 49 * 86_400_000 })).map(([x, gap]) => [x, new Date(x.getTime() + gap)] as const);

describe('OPEN_APPLICATION_STATES', () => {
  it('is every state the workflow can still move on from: not the final ones, not quashed, not an imported record', () => {
    expect([...OPEN_APPLICATION_STATES].sort()).toEqual(
      ['authorised', 'awaitingAuthorisation', 'awaitingJudicialApproval', 'cancelled', 'draft', 'expired', 'productIssued', 'returnedToApplicant', 'spocReview'].sort(),
    );
  });
});

describe('atLeastWorkingDaysOldBefore', () => {
  it('x is at least n working days old at now exactly when x is before the cut-off', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 1, max: 12 }), ([x, now], n) => {
        expect(x.getTime() < atLeastWorkingDaysOldBefore(now, n).getTime()).toBe(workingDaysBetween(x, now) >= n);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts back over Easter 2026 (Good Friday 3 April, Easter Monday 6 April) to the London midnight in BST', () => {
    // Tuesday 7 April: 1 = 7 Apr, 2 = 2 Apr, 3 = 1 Apr.
    expect(atLeastWorkingDaysOldBefore(new Date('2026-04-07T09:00:00Z'), 3).toISOString()).toBe('2026-03-31T23:00:00.000Z');
  });
});

describe('workingDayDeadlinePassedBefore', () => {
  it('a deadline of n working days after x has passed at now exactly when x is before the cut-off', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 1, max: 12 }), ([x, now], n) => {
        expect(x.getTime() < workingDayDeadlinePassedBefore(now, n).getTime()).toBe(now.getTime() > addWorkingDays(x, n).getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('on a Saturday, a deadline that ended on Friday has passed though no working day followed it', () => {
    // Sent Friday 6 February 2026: 10 working days end at the end of Friday 20 February (GMT).
    const sent = new Date('2026-02-06T12:00:00Z');
    expect(sent.getTime() < workingDayDeadlinePassedBefore(new Date('2026-02-21T10:00:00Z'), 10).getTime()).toBe(true);
    expect(sent.getTime() < workingDayDeadlinePassedBefore(new Date('2026-02-20T23:59:59.999Z'), 10).getTime()).toBe(false);
  });
});

describe('ageBandBounds', () => {
  it('puts every instant in exactly one band, the band its age in working days says', () => {
    fc.assert(
      fc.property(pair, ([x, now]) => {
        const age = workingDaysBetween(x, now);
        const inBand = ageBandBounds(now).filter((b) => (b.from === null || x >= b.from) && (b.before === null || x < b.before));
        const expected = AGE_BANDS.filter((b) => age >= b.min && (b.max === null || age <= b.max));
        expect(inBand.map((b) => b.key)).toEqual(expected.map((b) => b.key));
      }),
      { numRuns: 2000 },
    );
  });

  it('has bands that touch and start at zero', () => {
    expect(AGE_BANDS[0].min).toBe(0);
    AGE_BANDS.slice(1).forEach((band, i) => expect(band.min).toBe((AGE_BANDS[i].max ?? Number.NaN) + 1));
    expect(AGE_BANDS.at(-1)?.max).toBeNull();
  });
});

describe('dashboardThresholds', () => {
  const settings = { cspWaitWorkingDays: 10, errorsDueWithinWorkingDays: 3, expiringWithinCalendarDays: 5 };

  it('ends the expiring horizon at the end of the fifth London day after today, in BST', () => {
    expect(dashboardThresholds(new Date('2026-03-31T09:00:00Z'), settings).expiringBy.toISOString()).toBe('2026-04-05T22:59:59.999Z');
  });

  it('takes the register’s own horizon for reports due soon: the end of the third working day after today', () => {
    // Tuesday 31 March 2026: 1 April, 2 April, then 7 April (Easter).
    expect(dashboardThresholds(new Date('2026-03-31T09:00:00Z'), settings).errorsDueBy.toISOString()).toBe('2026-04-07T22:59:59.999Z');
  });
});
