/**
 * Periods with explicit offsets (docs/law.md §3.4): a wrong time zone is a recurrent error
 * (IPCO-17 14.59), so a time without an offset is refused and the offset is kept as written.
 */
import fc from 'fast-check';
import { checkPeriod, parseInstantWithOffset } from './period';

describe('parseInstantWithOffset', () => {
  it.each([
    ['2026-03-01T10:00:00+01:00', '2026-03-01T09:00:00.000Z', '+01:00'],
    ['2026-03-01T09:00:00.123Z', '2026-03-01T09:00:00.123Z', 'Z'],
    ['2026-03-01T09:00:00.1Z', '2026-03-01T09:00:00.100Z', 'Z'],
    ['2026-03-01T10:00+01:00', '2026-03-01T09:00:00.000Z', '+01:00'], // seconds optional
    [' 2026-03-01T04:00:00-05:00 ', '2026-03-01T09:00:00.000Z', '-05:00'],
    ['2026-06-01T12:00:00+05:45', '2026-06-01T06:15:00.000Z', '+05:45'], // Nepal
    ['2026-01-01T00:00:00+14:00', '2025-12-31T10:00:00.000Z', '+14:00'],
    ['2026-01-01T00:00:00-14:00', '2026-01-01T14:00:00.000Z', '-14:00'],
    ['2026-03-01T09:00:00+00:00', '2026-03-01T09:00:00.000Z', '+00:00'], // kept, not turned into Z
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z', 'Z'], // leap day
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z', 'Z'], // divisible by 400
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z', 'Z'], // the earliest supported year
  ])('accepts %j', (input, iso, offset) => {
    const result = parseInstantWithOffset(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.instant.toISOString()).toBe(iso);
    expect(result.offset).toBe(offset);
  });

  it.each([
    ['2026-03-01T10:00:00', 'a time without an offset is ambiguous: give Z or ±HH:MM'],
    ['2026-03-01T10:00', 'a time without an offset is ambiguous: give Z or ±HH:MM'],
    ['2026-03-01', /^a date without a time and offset is ambiguous/],
    ['2026-02-30T10:00:00Z', '2026-02-30 is not a calendar date'],
    ['0000-01-01T00:00:00+14:00', 'the year must be between 1900 and 2200'],
    ['9999-12-31T23:59:59Z', 'the year must be between 1900 and 2200'],
    ['2025-02-29T10:00:00Z', '2025-02-29 is not a calendar date'],
    ['1900-02-29T10:00:00Z', '1900-02-29 is not a calendar date'],
    ['2026-04-31T10:00:00Z', '2026-04-31 is not a calendar date'],
    ['2026-13-01T10:00:00Z', '2026-13-01 is not a calendar date'],
    ['2026-03-00T10:00:00Z', '2026-03-00 is not a calendar date'],
    ['2026-03-01T24:00:00Z', /is not a time of day/],
    ['2026-03-01T10:60:00Z', /is not a time of day/],
    ['2026-03-01T10:00:60Z', /is not a time of day/],
    ['2026-03-01T10:00:00+15:00', 'offset +15:00 is beyond ±14:00'],
    ['2026-03-01T10:00:00+14:30', 'offset +14:30 is beyond ±14:00'],
    ['2026-03-01T10:00:00-14:01', 'offset -14:01 is beyond ±14:00'],
    ['2026-03-01T10:00:00+01:60', 'offset +01:60 is not ±HH:MM'],
    ['2026-03-01T10:00:00-00:00', /offset unknown/],
    ['2026-03-01T10:00:00.1234Z', /at most milliseconds/],
    ['2026-03-01T10:00:00+0100', /^not an ISO 8601 date-time/],
    ['2026-03-01T10:00:00+01', /^not an ISO 8601 date-time/],
    ['2026-03-01 10:00:00Z', /^not an ISO 8601 date-time/],
    ['2026-3-1T10:00:00Z', /^not an ISO 8601 date-time/],
    ['01/03/2026 10:00', /^not an ISO 8601 date-time/],
    ['yesterday', /^not an ISO 8601 date-time/],
    ['', /empty/],
  ])('refuses %j', (input, reason) => {
    const result = parseInstantWithOffset(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('round-trips any instant written with any valid offset', () => {
    const arbitrary = fc.record({
      ms: fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
      offsetMinutes: fc.integer({ min: -14 * 60, max: 14 * 60 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ ms, offsetMinutes }) => {
        const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const abs = Math.abs(offsetMinutes);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const offset =
          offsetMinutes === 0
            ? 'Z'
            : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const result = parseInstantWithOffset(`${local}${offset}`);
        expect(result).toEqual({ ok: true, instant: new Date(ms), offset });
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('checkPeriod', () => {
  it('accepts start before end and keeps both offsets as supplied', () => {
    expect(checkPeriod('2026-03-01T10:00:00+01:00', '2026-03-01T09:30:00Z')).toEqual({
      ok: true,
      start: { instant: new Date('2026-03-01T09:00:00Z'), offset: '+01:00' },
      end: { instant: new Date('2026-03-01T09:30:00Z'), offset: 'Z' },
    });
  });

  it.each([
    ['2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z'], // reversed
    ['2026-03-01T10:00:00+01:00', '2026-03-01T09:00:00Z'], // same instant, different offsets
    ['2026-03-01T09:30:00Z', '2026-03-01T10:00:00+01:00'], // looks later, is earlier
  ])('refuses %j to %j: start must be before end', (start, end) => {
    expect(checkPeriod(start, end)).toEqual({ ok: false, reason: 'start must be before end' });
  });

  it('names the end at fault', () => {
    expect(checkPeriod('2026-03-01T10:00:00', '2026-03-02T10:00:00Z')).toEqual({
      ok: false,
      reason: 'start: a time without an offset is ambiguous: give Z or ±HH:MM',
    });
    expect(checkPeriod('2026-03-01T10:00:00Z', '2026-02-30T10:00:00Z')).toEqual({
      ok: false,
      reason: 'end: 2026-02-30 is not a calendar date',
    });
  });
});
