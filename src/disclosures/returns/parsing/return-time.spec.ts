import fc from 'fast-check';
import { readTime, type TimeReading } from './return-time';

const LONDON = 'Europe/London';

function ok(reading: TimeReading): Extract<TimeReading, { ok: true }> {
  if (!reading.ok) throw new Error(`expected a reading, got ${reading.kind}: ${reading.reason}`);
  return reading;
}

const iso = (reading: TimeReading): string => new Date(ok(reading).utcMs).toISOString();

/** The Europe/London offset of an instant, as `±HH:MM`, from the platform's tz data. */
function londonOffset(instant: Date): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  return name === 'GMT' || name === undefined ? '+00:00' : name.slice(3);
}

/** The wall-clock text of an instant in Europe/London, `YYYY-MM-DD HH:MM:SS`. */
function londonWallClock(instant: Date): string {
  const fields = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: LONDON,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${fields.year}-${fields.month}-${fields.day} ${fields.hour}:${fields.minute}:${fields.second}`;
}

describe('readTime: times without an offset, read in the CSP’s declared zone', () => {
  it('reads a British Summer Time wall clock in Europe/London as an hour ahead of UTC', () => {
    const reading = ok(readTime('2026-06-14 13:05:00', LONDON));
    expect(new Date(reading.utcMs).toISOString()).toBe('2026-06-14T12:05:00.000Z');
    expect(reading.offset).toBe('+01:00');
    expect(reading.local).toBe('2026-06-14 13:05:00');
  });

  it('reads GMT winter time in Europe/London as UTC', () => {
    const reading = ok(readTime('2026-01-14T13:05:00', LONDON));
    expect(new Date(reading.utcMs).toISOString()).toBe('2026-01-14T13:05:00.000Z');
    expect(reading.offset).toBe('+00:00');
    expect(reading.local).toBe('2026-01-14T13:05:00');
  });

  it('refuses the same BST time when the CSP has declared no zone, and says so', () => {
    const reading = readTime('2026-06-14 13:05:00', null);
    expect(reading).toMatchObject({ ok: false, kind: 'noZone' });
    expect(!reading.ok && reading.reason).toMatch(/declared no time zone/);
  });

  it('does not guess the repeated autumn hour (2026-10-25 01:30 happened twice in London)', () => {
    const reading = readTime('2026-10-25 01:30:00', LONDON);
    expect(reading).toMatchObject({ ok: false, kind: 'ambiguous' });
    expect(!reading.ok && reading.reason).toMatch(/twice.*\+01:00.*\+00:00.*not guessed/);
    // Either side of the repeated hour is one instant.
    expect(iso(readTime('2026-10-25 00:59:59', LONDON))).toBe('2026-10-24T23:59:59.000Z');
    expect(iso(readTime('2026-10-25 02:00:00', LONDON))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('does not guess the skipped spring hour (2026-03-29 01:30 never happened in London)', () => {
    const reading = readTime('2026-03-29 01:30:00', LONDON);
    expect(reading).toMatchObject({ ok: false, kind: 'nonexistent' });
    expect(!reading.ok && reading.reason).toMatch(/never happened.*forward.*not guessed/);
    expect(iso(readTime('2026-03-29 00:59:59', LONDON))).toBe('2026-03-29T00:59:59.000Z');
    expect(iso(readTime('2026-03-29 02:00:00', LONDON))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('follows a zone whose clocks move by half an hour (Lord Howe Island)', () => {
    expect(readTime('2026-10-04 02:15', 'Australia/Lord_Howe')).toMatchObject({ ok: false, kind: 'nonexistent' });
    expect(ok(readTime('2026-10-04 02:45', 'Australia/Lord_Howe')).offset).toBe('+11:00');
    expect(readTime('2026-04-05 01:45', 'Australia/Lord_Howe')).toMatchObject({ ok: false, kind: 'ambiguous' });
    expect(ok(readTime('2026-04-05 02:15', 'Australia/Lord_Howe')).offset).toBe('+10:30');
  });

  it('refuses a zone the platform does not know', () => {
    expect(readTime('2026-06-14 13:05:00', 'Mars/Olympus_Mons')).toMatchObject({ ok: false, kind: 'invalid' });
  });
});

describe('readTime: times with an offset', () => {
  it('lets an explicit offset override the zone', () => {
    const reading = ok(readTime('2026-06-14T13:05:00+02:00', LONDON));
    expect(new Date(reading.utcMs).toISOString()).toBe('2026-06-14T11:05:00.000Z');
    expect(reading.offset).toBe('+02:00');
    expect(reading.local).toBeNull();
  });

  it('reads an explicit offset in the autumn hour as the one instant it names', () => {
    expect(iso(readTime('2026-10-25T01:30:00+01:00', LONDON))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(readTime('2026-10-25T01:30:00+00:00', LONDON))).toBe('2026-10-25T01:30:00.000Z');
  });

  it('writes Z as +00:00 and needs no zone', () => {
    expect(ok(readTime('2026-03-01T10:00:00Z', null))).toEqual({
      ok: true,
      utcMs: Date.UTC(2026, 2, 1, 10),
      offset: '+00:00',
      local: null,
    });
  });

  it('accepts a space for the T, no seconds, and up to three decimals', () => {
    expect(iso(readTime('2026-03-01 10:00Z', null))).toBe('2026-03-01T10:00:00.000Z');
    expect(iso(readTime('2026-03-01T10:00:05.5-05:00', null))).toBe('2026-03-01T15:00:05.500Z');
    expect(iso(readTime('2026-03-01T10:00:05.123+05:30', null))).toBe('2026-03-01T04:30:05.123Z');
    expect(iso(readTime('  2026-03-01T10:00:05Z ', null))).toBe('2026-03-01T10:00:05.000Z');
  });

  it.each([
    ['2026-02-30T10:00:00Z', /not on the calendar/],
    ['2026-02-29T10:00:00Z', /not on the calendar/],
    ['2026-03-01', /date without a time/],
    ['2026-03-01T24:00:00Z', /not a time of day/],
    ['2026-03-01T10:00:60Z', /not a time of day/],
    ['2026-03-01T10:00:00.1234Z', /more than milliseconds/],
    ['2026-03-01T10:00:00-00:00', /offset unknown/],
    ['2026-03-01T10:00:00+14:30', /beyond ±14:00/],
    ['2026-03-01T10:00:00+01:75', /not ±HH:MM/],
    ['2026-03-01T10:00:00+0100', /not a date and time/],
    ['2026-03-01t10:00:00Z', /not a date and time/],
    ['2026-03-01T10:00:00.Z', /not a date and time/],
    ['1899-12-31T10:00:00Z', /outside the years/],
    ['01/03/2026 10:00', /not a date and time/],
    ['', /not a date and time/],
  ])('refuses %j as invalid', (text, reason) => {
    const reading = readTime(text, LONDON);
    expect(reading).toMatchObject({ ok: false, kind: 'invalid' });
    expect(!reading.ok && reading.reason).toMatch(reason);
  });

  it('accepts 29 February in a leap year', () => {
    expect(iso(readTime('2028-02-29T10:00:00Z', null))).toBe('2028-02-29T10:00:00.000Z');
  });
});

describe('readTime: properties', () => {
  const instants = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });

  it('reads any instant written with its Europe/London offset back to the same instant', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const offset = londonOffset(instant);
        const wall = londonWallClock(instant);
        const millis = String(instant.getUTCMilliseconds()).padStart(3, '0');
        const reading = ok(readTime(`${wall.replace(' ', 'T')}.${millis}${offset}`, LONDON));
        expect(reading.utcMs).toBe(instant.getTime());
        expect(reading.offset).toBe(offset);
      }),
      { numRuns: 500 },
    );
  });

  it('reads any London wall clock without an offset to that instant, unless the hour is the repeated one', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const whole = new Date(Math.floor(instant.getTime() / 1000) * 1000);
        const reading = readTime(londonWallClock(whole), LONDON);
        // A wall clock shown by London time happened at least once, so it is never 'nonexistent'.
        if (reading.ok) {
          expect(reading.utcMs).toBe(whole.getTime());
          expect(reading.offset).toBe(londonOffset(whole));
        } else {
          expect(reading.kind).toBe('ambiguous');
          const hourLater = londonWallClock(new Date(whole.getTime() + 3_600_000));
          const hourEarlier = londonWallClock(new Date(whole.getTime() - 3_600_000));
          expect([hourLater, hourEarlier]).toContain(londonWallClock(whole));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads any instant written in UTC with Z to itself, whatever the zone', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(LONDON, 'America/New_York', 'Asia/Kolkata', null), (instant, zone) => {
        expect(ok(readTime(instant.toISOString(), zone)).utcMs).toBe(instant.getTime());
      }),
      { numRuns: 300 },
    );
  });

  /** The last Sunday of a month: the UK's clocks change then (EU rule, since 1996). */
  const lastSunday = (year: number, month: number): number => {
    const last = new Date(Date.UTC(year, month, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clockChanges = fc.record({
    year: fc.integer({ min: 1996, max: 2100 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  });

  it('finds every minute of 01:00–01:59 on the last Sunday of October ambiguous in London, and of March skipped', () => {
    fc.assert(
      fc.property(clockChanges, ({ year, minute, second }) => {
        const time = `01:${pad(minute)}:${pad(second)}`;
        const autumn = readTime(`${year}-10-${pad(lastSunday(year, 10))} ${time}`, LONDON);
        const spring = readTime(`${year}-03-${pad(lastSunday(year, 3))} ${time}`, LONDON);
        expect(autumn).toMatchObject({ ok: false, kind: 'ambiguous' });
        expect(spring).toMatchObject({ ok: false, kind: 'nonexistent' });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expect(typeof readTime(text, LONDON).ok).toBe('boolean');
      }),
    );
  });
});
