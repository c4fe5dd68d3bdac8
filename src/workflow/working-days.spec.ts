import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isWorkingDayAt } from '../../test/support/workflow-replay';
import { addCalendarDays, dayOfWeek, londonDate, parseIsoDate } from './london-time';
import {
  WORKING_DAY_OVERRIDES,
  addWorkingDays,
  dateHolidaysWeekdayHolidays,
  isWorkingDay,
  workingDaysBetween,
} from './working-days';

interface BankHolidayFeed {
  division: string;
  events: { title: string; date: string; notes: string }[];
}

/** GOV.UK bank-holidays feed, England and Wales division, 2018–2025 (OGL; test/fixtures/bank-holidays/README.md). */
const FEED_PATH = path.resolve(__dirname, '../../test/fixtures/bank-holidays/uk-bank-holidays-england-and-wales-2018-2025.json');

/**
 * Weekday bank holidays in Scotland or Northern Ireland that are NOT England & Wales bank holidays,
 * hand-listed and checked against a computed calendar (weekday of each date noted):
 * 2 January (Scotland), St Patrick's Day 17 Mar (NI), Battle of the Boyne 12 Jul (NI), first Monday
 * of August (Scotland), St Andrew's Day 30 Nov (Scotland), each moved to the next free weekday when
 * it falls on a weekend.
 */
const SCOTLAND_AND_NI_ONLY: Record<number, string[]> = {
  2018: [
    '2018-01-02', // Tue, 2 January
    '2018-03-19', // Mon, St Patrick's substitute (17 Mar Sat)
    '2018-07-12', // Thu, Boyne
    '2018-08-06', // Mon, Scottish summer (first Monday of August)
    '2018-11-30', // Fri, St Andrew's
  ],
  2019: [
    '2019-01-02', // Wed, 2 January
    '2019-03-18', // Mon, St Patrick's substitute (17 Mar Sun)
    '2019-07-12', // Fri, Boyne
    '2019-08-05', // Mon, Scottish summer
    '2019-12-02', // Mon, St Andrew's substitute (30 Nov Sat)
  ],
  2020: [
    '2020-01-02', // Thu, 2 January
    '2020-03-17', // Tue, St Patrick's
    '2020-07-13', // Mon, Boyne substitute (12 Jul Sun)
    '2020-08-03', // Mon, Scottish summer
    '2020-11-30', // Mon, St Andrew's
  ],
  2021: [
    '2021-01-04', // Mon, 2 January substitute (2 Jan Sat; 1 Jan Fri is New Year's Day)
    '2021-03-17', // Wed, St Patrick's
    '2021-07-12', // Mon, Boyne
    '2021-08-02', // Mon, Scottish summer
    '2021-11-30', // Tue, St Andrew's
  ],
  2022: [
    // 1 Jan Sat, 2 Jan Sun: Mon 3 Jan is New Year substitute everywhere (in the E&W list);
    '2022-01-04', // Tue, Scotland's second substitute day
    '2022-03-17', // Thu, St Patrick's
    '2022-07-12', // Tue, Boyne
    '2022-08-01', // Mon, Scottish summer
    '2022-11-30', // Wed, St Andrew's
  ],
  2023: [
    // 1 Jan Sun: Mon 2 Jan is New Year substitute everywhere (in the E&W list);
    '2023-01-03', // Tue, Scotland's second day
    '2023-03-17', // Fri, St Patrick's
    '2023-07-12', // Wed, Boyne
    '2023-08-07', // Mon, Scottish summer
    '2023-11-30', // Thu, St Andrew's
  ],
  2024: [
    '2024-01-02', // Tue, 2 January
    '2024-03-18', // Mon, St Patrick's substitute (17 Mar Sun)
    '2024-07-12', // Fri, Boyne
    '2024-08-05', // Mon, Scottish summer
    '2024-12-02', // Mon, St Andrew's substitute (30 Nov Sat)
  ],
  2025: [
    '2025-01-02', // Thu, 2 January
    '2025-03-17', // Mon, St Patrick's
    '2025-07-14', // Mon, Boyne substitute (12 Jul Sat)
    '2025-08-04', // Mon, Scottish summer
    '2025-12-01', // Mon, St Andrew's substitute (30 Nov Sun)
  ],
};

const iso = (d: Date): string => d.toISOString();

describe('working days against the official England and Wales list, 2018–2025', () => {
  const feed = JSON.parse(fs.readFileSync(FEED_PATH, 'utf8')) as BankHolidayFeed;
  const official = new Set(feed.events.map((e) => e.date));
  const scotNi = new Set(Object.values(SCOTLAND_AND_NI_ONLY).flat());

  it('reads the reference feed from the repository test fixtures', () => {
    expect(path.relative(path.resolve(__dirname, '../..'), FEED_PATH)).toBe(
      path.join('test', 'fixtures', 'bank-holidays', 'uk-bank-holidays-england-and-wales-2018-2025.json'),
    );
    expect(feed.division).toBe('england-and-wales');
    expect(official.size).toBe(67);
  });

  it('hand list: 5 dates a year, all weekdays, none in the England and Wales list', () => {
    for (const [year, dates] of Object.entries(SCOTLAND_AND_NI_ONLY)) {
      expect(dates).toHaveLength(5);
      for (const date of dates) {
        expect(parseIsoDate(date).year).toBe(Number(year));
        expect([0, 6]).not.toContain(dayOfWeek(date));
        expect(official.has(date)).toBe(false);
      }
    }
  });

  it('every listed England and Wales bank holiday is a non-working day', () => {
    for (const date of official) expect([date, isWorkingDay(date)]).toEqual([date, false]);
  });

  it('every hand-listed Scottish / Northern Irish holiday is a non-working day', () => {
    for (const date of scotNi) expect([date, isWorkingDay(date)]).toEqual([date, false]);
  });

  it('every other weekday is a working day, and weekends never are', () => {
    let weekdays = 0;
    for (let date = '2018-01-01'; date <= '2025-12-31'; date = addCalendarDays(date, 1)) {
      const dow = dayOfWeek(date);
      const expected = dow !== 0 && dow !== 6 && !official.has(date) && !scotNi.has(date);
      if (dow !== 0 && dow !== 6) weekdays += 1;
      expect([date, isWorkingDay(date)]).toEqual([date, expected]);
    }
    expect(weekdays).toBe(2088);
  });
});

describe('WORKING_DAY_OVERRIDES', () => {
  it('has no redundant entry (each add is unknown to date-holidays, each remove is known)', () => {
    for (const date of WORKING_DAY_OVERRIDES.add) {
      const { year } = parseIsoDate(date);
      expect([0, 6]).not.toContain(dayOfWeek(date)); // a weekend is already non-working
      expect([date, dateHolidaysWeekdayHolidays(year).has(date)]).toEqual([date, false]);
    }
    for (const date of WORKING_DAY_OVERRIDES.remove) {
      const { year } = parseIsoDate(date);
      expect([date, dateHolidaysWeekdayHolidays(year).has(date)]).toEqual([date, true]);
    }
    const all = [...WORKING_DAY_OVERRIDES.add, ...WORKING_DAY_OVERRIDES.remove];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('isWorkingDay / isWorkingDayAt', () => {
  it('judges an instant on its London date', () => {
    // Sun 7 Jun 2026 23:30Z is 00:30 BST on Monday 8 Jun.
    expect(isWorkingDayAt(new Date('2026-06-07T23:30:00.000Z'))).toBe(true);
    expect(isWorkingDay('2026-06-07')).toBe(false);
    // Mon 28 Dec 2026 (substitute Boxing Day) 00:30 GMT.
    expect(isWorkingDayAt(new Date('2026-12-28T00:30:00.000Z'))).toBe(false);
  });

  it('rejects invalid dates', () => {
    expect(() => isWorkingDay('2026-13-01')).toThrow(RangeError);
    expect(() => isWorkingDayAt(new Date('nope'))).toThrow(RangeError);
  });
});

describe('addWorkingDays (hand-checked)', () => {
  it.each([
    // [label, instant, n, expected end]
    ['Thu 24 Dec 2026 + 2 → Wed 30 Dec (25 Fri Christmas, 28 Mon substitute Boxing Day)', '2026-12-24T10:00:00.000Z', 2, '2026-12-30T23:59:59.999Z'],
    ['Thu 24 Dec 2026 + 1 → Tue 29 Dec', '2026-12-24T10:00:00.000Z', 1, '2026-12-29T23:59:59.999Z'],
    ['Fri 19 Dec 2025 + 4 → Mon 29 Dec (25 Thu, 26 Fri)', '2025-12-19T16:00:00.000Z', 4, '2025-12-29T23:59:59.999Z'],
    ['Fri 18 Dec 2026 + 5 → Tue 29 Dec', '2026-12-18T16:00:00.000Z', 5, '2026-12-29T23:59:59.999Z'],
    ['Wed 29 Nov 2023 + 1 → Fri 1 Dec (Thu 30 Nov St Andrew’s)', '2023-11-29T12:00:00.000Z', 1, '2023-12-01T23:59:59.999Z'],
    ['Fri 27 Nov 2026 + 1 → Tue 1 Dec (Mon 30 Nov St Andrew’s)', '2026-11-27T12:00:00.000Z', 1, '2026-12-01T23:59:59.999Z'],
    ['Tue 11 Jul 2023 + 1 → Thu 13 Jul (Wed 12 Jul Boyne), BST', '2023-07-11T12:00:00.000Z', 1, '2023-07-13T22:59:59.999Z'],
    ['Fri 11 Jul 2025 + 1 → Tue 15 Jul (Mon 14 Jul Boyne substitute)', '2025-07-11T12:00:00.000Z', 1, '2025-07-15T22:59:59.999Z'],
    ['Thu 17 Apr 2025 + 1 → Tue 22 Apr (Good Friday, Easter Monday)', '2025-04-17T12:00:00.000Z', 1, '2025-04-22T22:59:59.999Z'],
    ['Thu 2 Apr 2026 + 1 → Tue 7 Apr (Good Friday 3 Apr, Easter Monday 6 Apr)', '2026-04-02T12:00:00.000Z', 1, '2026-04-07T22:59:59.999Z'],
    ['Sun 11 Jan 2026 + 1 → Mon 12 Jan (counting starts Monday)', '2026-01-11T12:00:00.000Z', 1, '2026-01-12T23:59:59.999Z'],
    ['Sun 11 Jan 2026 + 5 → Fri 16 Jan', '2026-01-11T12:00:00.000Z', 5, '2026-01-16T23:59:59.999Z'],
    ['Sat 10 Jan 2026 + 1 → Mon 12 Jan', '2026-01-10T12:00:00.000Z', 1, '2026-01-12T23:59:59.999Z'],
    ['Fri 5 Jun 2026 23:30 BST (22:30Z) + 1 → Mon 8 Jun', '2026-06-05T22:30:00.000Z', 1, '2026-06-08T22:59:59.999Z'],
    ['Mon 8 Jun 2026 00:30 BST (Sun 7 Jun 23:30Z) + 1 → Tue 9 Jun', '2026-06-07T23:30:00.000Z', 1, '2026-06-09T22:59:59.999Z'],
    ['Fri 27 Mar 2026 + 1 → Mon 30 Mar, first BST Monday', '2026-03-27T12:00:00.000Z', 1, '2026-03-30T22:59:59.999Z'],
    ['Fri 23 Oct 2026 + 1 → Mon 26 Oct, first GMT Monday', '2026-10-23T12:00:00.000Z', 1, '2026-10-26T23:59:59.999Z'],
    ['Fri 30 Dec 2022 + 1 → Wed 4 Jan 2023 (2 Jan substitute, 3 Jan Scotland)', '2022-12-30T12:00:00.000Z', 1, '2023-01-04T23:59:59.999Z'],
  ])('%s', (_label, instant, n, expected) => {
    expect(iso(addWorkingDays(new Date(instant), n))).toBe(expected);
  });

  it('returns 23:59:59.999 London time: 22:59:59.999Z in BST, 23:59:59.999Z in GMT', () => {
    const july = addWorkingDays(new Date('2026-07-14T09:00:00.000Z'), 1); // Wed 15 Jul 2026
    expect(iso(july)).toBe('2026-07-15T22:59:59.999Z');
    expect(londonDate(july)).toBe('2026-07-15');
    expect(londonDate(new Date(july.getTime() + 1))).toBe('2026-07-16');
    const january = addWorkingDays(new Date('2026-01-13T09:00:00.000Z'), 1); // Wed 14 Jan 2026
    expect(iso(january)).toBe('2026-01-14T23:59:59.999Z');
    expect(londonDate(new Date(january.getTime() + 1))).toBe('2026-01-15');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws RangeError for n = %p', (n) => {
    expect(() => addWorkingDays(new Date('2026-01-12T12:00:00.000Z'), n)).toThrow(RangeError);
  });

  it('throws RangeError for an invalid instant', () => {
    expect(() => addWorkingDays(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween (hand-checked)', () => {
  it.each([
    ['same London day', '2026-12-24T01:00:00.000Z', '2026-12-24T22:00:00.000Z', 0],
    ['b before a', '2026-12-30T12:00:00.000Z', '2026-12-24T12:00:00.000Z', 0],
    ['Thu 24 Dec → Wed 30 Dec 2026', '2026-12-24T12:00:00.000Z', '2026-12-30T12:00:00.000Z', 2],
    ['Thu 24 Dec → Mon 28 Dec 2026 (all holidays/weekend)', '2026-12-24T12:00:00.000Z', '2026-12-28T12:00:00.000Z', 0],
    ['Fri 5 Jun → Mon 8 Jun 00:30 BST (Sun 23:30Z)', '2026-06-05T12:00:00.000Z', '2026-06-07T23:30:00.000Z', 1],
    ['whole of January 2026 (1 Jan, 2 Jan Scotland excluded)', '2025-12-31T12:00:00.000Z', '2026-01-31T12:00:00.000Z', 20],
  ])('%s', (_label, a, b, expected) => {
    expect(workingDaysBetween(new Date(a), new Date(b))).toBe(expected);
  });
});

describe('addWorkingDays / workingDaysBetween properties', () => {
  const instant = fc.date({
    min: new Date('2018-01-01T00:00:00.000Z'),
    max: new Date('2030-12-31T00:00:00.000Z'),
    noInvalidDate: true,
  });
  const n = fc.integer({ min: 1, max: 40 });
  const options = { seed: 42, numRuns: 300 };

  it('never lands on a non-working day, and ends exactly at the end of a London day', () => {
    fc.assert(
      fc.property(instant, n, (d, k) => {
        const result = addWorkingDays(d, k);
        expect(isWorkingDayAt(result)).toBe(true);
        expect(londonDate(new Date(result.getTime() + 1))).toBe(addCalendarDays(londonDate(result), 1));
        expect(result.getTime()).toBeGreaterThan(d.getTime());
      }),
      options,
    );
  });

  it('is strictly monotonic in n', () => {
    fc.assert(
      fc.property(instant, n, (d, k) => {
        expect(addWorkingDays(d, k + 1).getTime()).toBeGreaterThan(addWorkingDays(d, k).getTime());
      }),
      options,
    );
  });

  it('composes: add(add(d, a), b) = add(d, a + b) for a working day d', () => {
    fc.assert(
      fc.property(instant, n, n, (x, a, b) => {
        const d = addWorkingDays(x, 1); // the end of some working day
        expect(isWorkingDayAt(d)).toBe(true);
        expect(iso(addWorkingDays(addWorkingDays(d, a), b))).toBe(iso(addWorkingDays(d, a + b)));
      }),
      options,
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(
      fc.property(instant, n, (d, k) => {
        expect(workingDaysBetween(d, addWorkingDays(d, k))).toBe(k);
      }),
      options,
    );
  });
});
