import fc from 'fast-check';
import { offsetText, utcIso } from './utc-text';

describe('utcIso', () => {
  it('writes any instant of 1900–2200 exactly as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31, 23, 59, 59, 999) }), (ms) => {
        expect(utcIso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('stays right across hours, days and years in a row (its memory of the hour)', () => {
    const start = Date.UTC(2026, 11, 31, 22, 59, 58, 999);
    for (let ms = start; ms < start + 3 * 3_600_000; ms += 999_999) {
      expect(utcIso(ms)).toBe(new Date(ms).toISOString());
    }
    expect(utcIso(Date.UTC(1969, 11, 31, 23, 59, 59, 999))).toBe('1969-12-31T23:59:59.999Z');
  });
});

describe('offsetText', () => {
  it.each([
    [0, '+00:00'],
    [3_600_000, '+01:00'],
    [-18_000_000, '-05:00'],
    [19_800_000, '+05:30'],
    [-(44 * 60 + 30) * 1000, '-00:44:30'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(offsetText(ms)).toBe(text);
    expect(offsetText(ms)).toBe(text);
  });
});
