import { latestLastDay, statisticsPeriod } from './statistics-period';

describe('the period of a statistics return (docs/statistics.md §1)', () => {
  it('is whole Europe/London days: a day in British Summer Time starts at 23:00 UTC the day before', () => {
    expect(statisticsPeriod('2026-01-01', '2026-12-31')).toEqual({
      ok: true,
      period: { from: '2026-01-01', to: '2026-12-31', startsAt: '2026-01-01T00:00:00.000Z', endsBefore: '2027-01-01T00:00:00.000Z', timeZone: 'Europe/London' },
    });
    expect(statisticsPeriod('2026-04-01', '2026-06-30')).toMatchObject({ period: { startsAt: '2026-03-31T23:00:00.000Z', endsBefore: '2026-06-30T23:00:00.000Z' } });
    expect(statisticsPeriod('2026-03-29', '2026-03-29')).toMatchObject({ period: { startsAt: '2026-03-29T00:00:00.000Z', endsBefore: '2026-03-29T23:00:00.000Z' } });
  });

  it('runs at most 13 months: to the day before the same date 13 months on, the month’s end when it has no such day', () => {
    expect(latestLastDay('2026-01-01')).toBe('2027-01-31');
    expect(latestLastDay('2026-01-31')).toBe('2027-02-27');
    expect(latestLastDay('2027-01-31')).toBe('2028-02-28');
    expect(statisticsPeriod('2026-01-01', '2027-01-31').ok).toBe(true);
    expect(statisticsPeriod('2026-01-01', '2027-02-01')).toEqual({ ok: false, field: 'to', message: 'A return covers at most 13 months: from 2026-01-01 the last day may be 2027-01-31.' });
  });

  it('refuses a day off the calendar, a malformed date and a period that ends before it starts, naming the field', () => {
    expect(statisticsPeriod('2026-02-29', '2026-03-01')).toMatchObject({ ok: false, field: 'from' });
    expect(statisticsPeriod('2026-01-01', '2026-13-01')).toMatchObject({ ok: false, field: 'to' });
    expect(statisticsPeriod('2026-1-01', '2026-03-01')).toMatchObject({ ok: false, field: 'from' });
    expect(statisticsPeriod('2026-03-02', '2026-03-01')).toEqual({ ok: false, field: 'to', message: 'to (2026-03-01) is before from (2026-03-02).' });
    expect(statisticsPeriod('2026-03-01', '2026-03-01').ok).toBe(true);
  });
});
