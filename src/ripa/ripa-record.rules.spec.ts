import { ripaDateErrors } from './ripa-record.rules';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const dates = { appliedAt: '2015-06-01T09:30:00+01:00', grantedAt: '2015-06-01T14:00:00+01:00' };
const codes = (over: Record<string, unknown>, now = NOW) => ripaDateErrors({ ...dates, ...over }, now).map((e) => [e.field, e.code]);

describe('ripaDateErrors', () => {
  it('passes dates in order, in the past, with or without an expiry or cancellation', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ expiresAt: '2015-06-30T23:59:59+01:00', cancelledAt: '2015-06-10T12:00:00Z' })).toEqual([]);
  });

  it('refuses every date later than now, on its own field; now itself is not later', () => {
    expect(codes({ appliedAt: '2027-01-01T00:00:00Z', grantedAt: '2027-01-01T01:00:00Z' })).toEqual([
      ['appliedAt', 'notInFuture'],
      ['grantedAt', 'notInFuture'],
    ]);
    expect(codes({ expiresAt: '2026-03-02T10:00:00.001Z', cancelledAt: '2026-03-02T11:00:00+01:00' })).toEqual([['expiresAt', 'notInFuture']]);
    expect(ripaDateErrors({ ...dates, grantedAt: '2026-03-02T10:00:00Z' }, NOW)).toEqual([]);
  });

  it('refuses a grant before the application, comparing instants whatever their offsets', () => {
    expect(codes({ appliedAt: '2015-06-01T14:00:00Z', grantedAt: '2015-06-01T14:30:00+01:00' })).toEqual([['grantedAt', 'grantedAfterApplied']]);
    // 14:30+01:00 is 13:30Z, after 13:00Z.
    expect(codes({ appliedAt: '2015-06-01T13:00:00Z', grantedAt: '2015-06-01T14:30:00+01:00' })).toEqual([]);
    expect(codes({ appliedAt: dates.grantedAt })).toEqual([]);
  });

  it('refuses an expiry not after the grant, and a cancellation before it', () => {
    expect(codes({ expiresAt: dates.grantedAt })).toEqual([['expiresAt', 'expiresAfterGranted']]);
    expect(codes({ cancelledAt: '2015-06-01T12:00:00Z' })).toEqual([['cancelledAt', 'cancelledAfterGranted']]);
    expect(codes({ cancelledAt: dates.grantedAt })).toEqual([]);
  });

  it('leaves absent and unreadable dates to the fields’ own validation', () => {
    expect(codes({ appliedAt: undefined, expiresAt: null, cancelledAt: '2015-06-01' })).toEqual([]);
    expect(codes({ grantedAt: 'yesterday' })).toEqual([]);
  });

  it('says what is wrong in words', () => {
    const [error] = ripaDateErrors({ ...dates, grantedAt: '2015-06-01T08:00:00+01:00' }, NOW);
    expect(error.message).toBe('grantedAt is before appliedAt: it cannot have been granted before it was applied for');
  });
});
