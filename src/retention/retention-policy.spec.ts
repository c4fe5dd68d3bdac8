import fc from 'fast-check';
import { closedNoLaterThan, retentionDueAt, reviewDueAt } from './retention-policy';

describe('the retention policy', () => {
  it('runs whole calendar years from closure', () => {
    expect(retentionDueAt(new Date('2021-06-30T23:30:00.000Z'), 5).toISOString()).toBe('2026-06-30T23:30:00.000Z');
    expect(retentionDueAt(new Date('2020-02-29T12:00:00.000Z'), 5).toISOString()).toBe('2025-03-01T12:00:00.000Z');
  });

  it('looks again at the later of the period’s end and the date a decision to retain set', () => {
    const closed = new Date('2020-01-10T00:00:00.000Z');
    expect(reviewDueAt(closed, 5, null).toISOString()).toBe('2025-01-10T00:00:00.000Z');
    expect(reviewDueAt(closed, 5, new Date('2027-01-01T00:00:00.000Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(reviewDueAt(closed, 5, new Date('2024-01-01T00:00:00.000Z')).toISOString()).toBe('2025-01-10T00:00:00.000Z');
  });

  it('never leaves out of the database’s prefilter a closure that is due', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 1, max: 30 }), (closedAt, now, years) => {
        if (retentionDueAt(closedAt, years).getTime() <= now.getTime()) expect(closedAt.getTime()).toBeLessThanOrEqual(closedNoLaterThan(now, years).getTime());
      }),
      { numRuns: 2000, seed: 24 },
    );
  });
});
