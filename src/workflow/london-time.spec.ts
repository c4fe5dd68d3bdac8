import fc from 'fast-check';
import {
  addCalendarDays,
  dayOfWeek,
  daysInMonth,
  endOfLondonDay,
  formatLondonDateTime,
  londonDate,
  londonOffsetMinutes,
  londonZoneName,
  parseIsoDate,
  startOfLondonDay,
} from './london-time';

describe('london-time', () => {
  it.each([
    // [instant, London date] — BST: London = UTC + 1 h; GMT: London = UTC.
    ['2026-06-06T22:59:00.000Z', '2026-06-06'], // 23:59 BST
    ['2026-06-06T23:01:00.000Z', '2026-06-07'], // 00:01 BST, UTC date still 6 Jun
    ['2026-01-15T23:59:59.999Z', '2026-01-15'], // GMT
    ['2026-03-29T00:59:59.999Z', '2026-03-29'], // 00:59 GMT, just before spring forward
    ['2026-03-29T01:00:00.000Z', '2026-03-29'], // 02:00 BST
    ['2026-10-24T23:30:00.000Z', '2026-10-25'], // 00:30 BST on fall-back day
    ['2026-10-25T23:30:00.000Z', '2026-10-25'], // 23:30 GMT
  ])('londonDate(%s) = %s', (iso, expected) => {
    expect(londonDate(new Date(iso))).toBe(expected);
  });

  it.each([
    ['2026-01-15', '2026-01-15T00:00:00.000Z', '2026-01-15T23:59:59.999Z'],
    ['2026-07-15', '2026-07-14T23:00:00.000Z', '2026-07-15T22:59:59.999Z'],
    // 29 Mar 2026 is 23 hours long: 00:00 GMT → 00:00 BST next day.
    ['2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T22:59:59.999Z'],
    // 25 Oct 2026 is 25 hours long: 00:00 BST → 00:00 GMT next day.
    ['2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-25T23:59:59.999Z'],
    ['2026-03-30', '2026-03-29T23:00:00.000Z', '2026-03-30T22:59:59.999Z'],
    ['2026-10-26', '2026-10-26T00:00:00.000Z', '2026-10-26T23:59:59.999Z'],
  ])('%s runs from %s to %s', (date, start, end) => {
    expect(startOfLondonDay(date).toISOString()).toBe(start);
    expect(endOfLondonDay(date).toISOString()).toBe(end);
  });

  it('reports the UK offset in minutes', () => {
    expect(londonOffsetMinutes(new Date('2026-01-15T12:00:00.000Z'))).toBe(0);
    expect(londonOffsetMinutes(new Date('2026-07-15T12:00:00.500Z'))).toBe(60);
  });

  it('does calendar arithmetic on ISO dates', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2026-12-31', 2)).toBe('2027-01-02');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(dayOfWeek('2026-12-24')).toBe(4); // Thursday
  });

  it('rejects invalid input', () => {
    expect(() => parseIsoDate('2026-02-29')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-1-01')).toThrow(RangeError);
    expect(() => endOfLondonDay('not a date')).toThrow(RangeError);
    expect(() => londonDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('every instant lies within [start, end] of its own London day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }),
        (instant) => {
          const day = londonDate(instant);
          const start = startOfLondonDay(day);
          const end = endOfLondonDay(day);
          expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(end.getTime()).toBeGreaterThanOrEqual(instant.getTime());
          expect(londonDate(start)).toBe(day);
          expect(londonDate(end)).toBe(day);
          expect(londonDate(new Date(start.getTime() - 1))).toBe(addCalendarDays(day, -1));
          expect(londonDate(new Date(end.getTime() + 1))).toBe(addCalendarDays(day, 1));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
  describe('formatLondonDateTime (what a person reads: London wall clock with the zone)', () => {
    it.each([
      ['2026-12-18T14:03:00.000Z', '18 Dec 2026 14:03 GMT'],
      ['2026-07-01T08:05:00.000Z', '1 Jul 2026 09:05 BST'],
      // The London day, not the UTC day: 23:30Z on 6 June is 00:30 BST on 7 June.
      ['2026-06-06T23:30:00.000Z', '7 Jun 2026 00:30 BST'],
      // Spring forward: 00:59 GMT, then 02:00 BST one minute later.
      ['2026-03-29T00:59:00.000Z', '29 Mar 2026 00:59 GMT'],
      ['2026-03-29T01:00:00.000Z', '29 Mar 2026 02:00 BST'],
      // Fall back: 01:30 happens twice, told apart by the zone.
      ['2026-10-25T00:30:00.000Z', '25 Oct 2026 01:30 BST'],
      ['2026-10-25T01:30:00.000Z', '25 Oct 2026 01:30 GMT'],
      // Seconds are truncated, so the last instant of a day stays on that day.
      ['2026-03-13T23:59:59.999Z', '13 Mar 2026 23:59 GMT'],
      ['2026-01-05T00:00:00.000Z', '5 Jan 2026 00:00 GMT'],
      // British Double Summer Time (1941), from the tz database: named by its offset.
      ['1941-06-01T12:00:00.000Z', '1 Jun 1941 14:00 UTC+02:00'],
    ])('%s is %s', (iso, expected) => {
      expect(formatLondonDateTime(new Date(iso))).toBe(expected);
    });

    it('agrees with londonDate and londonOffsetMinutes for any instant', () => {
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      fc.assert(
        fc.property(
          fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }),
          (instant) => {
            const [year, month, day] = londonDate(instant).split('-').map(Number);
            const zone = londonOffsetMinutes(instant) === 0 ? 'GMT' : 'BST';
            expect(londonZoneName(instant)).toBe(zone);
            expect(formatLondonDateTime(instant)).toMatch(
              new RegExp(`^${day} ${months[month - 1]} ${year} ([01]\\d|2[0-3]):[0-5]\\d ${zone}$`),
            );
          },
        ),
        { seed: 7, numRuns: 300 },
      );
    });

    it('rejects an invalid instant', () => {
      expect(() => formatLondonDateTime(new Date(Number.NaN))).toThrow(RangeError);
    });
  });
});
