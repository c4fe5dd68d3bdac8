import fc from 'fast-check';
import { addCalendarDays, londonDate, parseIsoDate } from './london-time';
import { type AuthorisationRoute, authorisationEnd } from './validity';

// Clock changes used below (hand-checked): BST 2026 from Sun 29 Mar 01:00Z to Sun 25 Oct 01:00Z;
// BST 2028 from Sun 26 Mar 2028. End of a London day = 23:59:59.999Z in GMT, 22:59:59.999Z in BST.

/** [label, validFrom (UTC), expected end (UTC)] for the one-month routes (IPA s.65(1)). */
const MONTH_CASES: [string, string, string][] = [
  ['7 Jun 2026 10:00 BST → end of 6 Jul', '2026-06-07T09:00:00.000Z', '2026-07-06T22:59:59.999Z'],
  ['28 Jan 2026 → end of 27 Feb', '2026-01-28T12:00:00.000Z', '2026-02-27T23:59:59.999Z'],
  ['30 Jan 2026 (non-leap) → end of 28 Feb 2026', '2026-01-30T12:00:00.000Z', '2026-02-28T23:59:59.999Z'],
  ['31 Jan 2026 → end of 28 Feb 2026', '2026-01-31T12:00:00.000Z', '2026-02-28T23:59:59.999Z'],
  ['30 Jan 2028 (leap) → end of 29 Feb 2028', '2028-01-30T12:00:00.000Z', '2028-02-29T23:59:59.999Z'],
  ['31 Jan 2028 (leap) → end of 29 Feb 2028', '2028-01-31T12:00:00.000Z', '2028-02-29T23:59:59.999Z'],
  ['29 Feb 2028 → end of 28 Mar 2028 (BST)', '2028-02-29T12:00:00.000Z', '2028-03-28T22:59:59.999Z'],
  ['1 Mar 2026 → end of 31 Mar 2026 (BST)', '2026-03-01T12:00:00.000Z', '2026-03-31T22:59:59.999Z'],
  ['31 Mar 2026 → end of 30 Apr 2026', '2026-03-31T11:00:00.000Z', '2026-04-30T22:59:59.999Z'],
  ['31 Dec 2026 → end of 30 Jan 2027', '2026-12-31T12:00:00.000Z', '2027-01-30T23:59:59.999Z'],
  // Spring forward, Sun 29 Mar 2026: 01:00 GMT → 02:00 BST (01:30 London does not exist).
  ['29 Mar 2026 00:30 GMT → end of 28 Apr', '2026-03-29T00:30:00.000Z', '2026-04-28T22:59:59.999Z'],
  ['29 Mar 2026 00:59:59.999 GMT → end of 28 Apr', '2026-03-29T00:59:59.999Z', '2026-04-28T22:59:59.999Z'],
  ['29 Mar 2026 01:30Z = 02:30 BST → end of 28 Apr', '2026-03-29T01:30:00.000Z', '2026-04-28T22:59:59.999Z'],
  ['29 Mar 2026 23:30 BST (22:30Z) → end of 28 Apr', '2026-03-29T22:30:00.000Z', '2026-04-28T22:59:59.999Z'],
  // Fall back, Sun 25 Oct 2026: 02:00 BST → 01:00 GMT (01:30 London happens twice).
  ['24 Oct 2026 23:30 BST (22:30Z) → end of 23 Nov', '2026-10-24T22:30:00.000Z', '2026-11-23T23:59:59.999Z'],
  ['25 Oct 2026 00:30 BST (24 Oct 23:30Z) → end of 24 Nov', '2026-10-24T23:30:00.000Z', '2026-11-24T23:59:59.999Z'],
  ['25 Oct 2026 01:30 BST (00:30Z) → end of 24 Nov', '2026-10-25T00:30:00.000Z', '2026-11-24T23:59:59.999Z'],
  ['25 Oct 2026 01:30 GMT (01:30Z) → end of 24 Nov', '2026-10-25T01:30:00.000Z', '2026-11-24T23:59:59.999Z'],
  // Late and early grants: the London date counts, not the UTC date.
  ['23:59 BST 6 Jun 2026 (22:59Z) is 6 Jun → end of 5 Jul', '2026-06-06T22:59:00.000Z', '2026-07-05T22:59:59.999Z'],
  ['00:01 BST 7 Jun 2026 (6 Jun 23:01Z) is 7 Jun → end of 6 Jul', '2026-06-06T23:01:00.000Z', '2026-07-06T22:59:59.999Z'],
  ['23:59 GMT 14 Jan 2026 → end of 13 Feb', '2026-01-14T23:59:00.000Z', '2026-02-13T23:59:59.999Z'],
  ['00:01 GMT 15 Jan 2026 → end of 14 Feb', '2026-01-15T00:01:00.000Z', '2026-02-14T23:59:59.999Z'],
];

/** [label, validFrom (UTC), expected end (UTC)] for s.61A: 3 calendar days beginning with the day of grant (IPA s.65(3A)). */
const THREE_DAY_CASES: [string, string, string][] = [
  ['6 Mar 2026 00:00 GMT → end of 8 Mar', '2026-03-06T00:00:00.000Z', '2026-03-08T23:59:59.999Z'],
  ['6 Mar 2026 23:59:59.999 GMT → end of 8 Mar', '2026-03-06T23:59:59.999Z', '2026-03-08T23:59:59.999Z'],
  ['Fri 5 Jun 2026 → end of Sun 7 Jun (calendar days across a weekend)', '2026-06-05T08:00:00.000Z', '2026-06-07T22:59:59.999Z'],
  ['Sat 28 Mar 2026 → end of Mon 30 Mar (weekend + spring forward)', '2026-03-28T10:00:00.000Z', '2026-03-30T22:59:59.999Z'],
  ['Fri 23 Oct 2026 14:00 BST → end of Sun 25 Oct (fall back)', '2026-10-23T13:00:00.000Z', '2026-10-25T23:59:59.999Z'],
  ['29 Mar 2026 00:30 GMT → end of 31 Mar (BST)', '2026-03-29T00:30:00.000Z', '2026-03-31T22:59:59.999Z'],
  ['25 Oct 2026 00:30 BST (24 Oct 23:30Z) → end of 27 Oct (GMT)', '2026-10-24T23:30:00.000Z', '2026-10-27T23:59:59.999Z'],
  ['25 Oct 2026 01:30 GMT → end of 27 Oct', '2026-10-25T01:30:00.000Z', '2026-10-27T23:59:59.999Z'],
  ['00:30 BST 7 Jun 2026 (6 Jun 23:30Z) → end of 9 Jun', '2026-06-06T23:30:00.000Z', '2026-06-09T22:59:59.999Z'],
  ['Thu 24 Dec 2026 → end of Sat 26 Dec (holidays count)', '2026-12-24T12:00:00.000Z', '2026-12-26T23:59:59.999Z'],
  ['31 Dec 2026 → end of 2 Jan 2027', '2026-12-31T12:00:00.000Z', '2027-01-02T23:59:59.999Z'],
];

const ROUTE_CASES: [AuthorisationRoute, string, string, string][] = [
  ...MONTH_CASES.map(([l, from, to]): [AuthorisationRoute, string, string, string] => ['ipc60A', l, from, to]),
  ...MONTH_CASES.map(([l, from, to]): [AuthorisationRoute, string, string, string] => ['dso61', l, from, to]),
  ...THREE_DAY_CASES.map(([l, from, to]): [AuthorisationRoute, string, string, string] => ['dso61A', l, from, to]),
];

describe('authorisationEnd (fixed cases)', () => {
  it.each(ROUTE_CASES)('%s: %s', (route, _label, validFrom, expected) => {
    expect(authorisationEnd(route, new Date(validFrom)).toISOString()).toBe(expected);
  });

  it('throws RangeError for an invalid validFrom', () => {
    expect(() => authorisationEnd('ipc60A', new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('authorisationEnd (properties)', () => {
  const validFrom = fc.date({
    min: new Date('2000-01-01T00:00:00.000Z'),
    max: new Date('2060-12-31T00:00:00.000Z'),
    noInvalidDate: true,
  });
  const options = { seed: 42, numRuns: 300 };

  /** Calendar days from `a` to `b` inclusive. */
  const inclusiveDays = (a: string, b: string): number => {
    let n = 1;
    for (let d = a; d < b; d = addCalendarDays(d, 1)) n += 1;
    return n;
  };

  it('one-month routes: ends at the end of a London day, 28–31 days inclusive, never past the same day next month', () => {
    fc.assert(
      fc.property(validFrom, fc.constantFrom<AuthorisationRoute>('ipc60A', 'dso61'), (from, route) => {
        const end = authorisationEnd(route, from);
        const startDay = londonDate(from);
        const endDay = londonDate(end);
        expect(londonDate(new Date(end.getTime() + 1))).toBe(addCalendarDays(endDay, 1));
        expect(end.getTime()).toBeGreaterThan(from.getTime());
        const days = inclusiveDays(startDay, endDay);
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(31);
        const s = parseIsoDate(startDay);
        const e = parseIsoDate(endDay);
        expect((e.year - s.year) * 12 + (e.month - s.month)).toBeLessThanOrEqual(1);
        if (e.year !== s.year || e.month !== s.month) expect(e.day).toBeLessThan(s.day);
      }),
      options,
    );
  });

  it('dso61A: ends at the end of the third London day beginning with the day of grant', () => {
    fc.assert(
      fc.property(validFrom, (from) => {
        const end = authorisationEnd('dso61A', from);
        expect(londonDate(end)).toBe(addCalendarDays(londonDate(from), 2));
        expect(londonDate(new Date(end.getTime() + 1))).toBe(addCalendarDays(londonDate(from), 3));
      }),
      options,
    );
  });
});
