import fc from 'fast-check';
import { breakLongTokens } from './token-breaks';

/** A monospaced measure: every character 5 points wide. */
const mono = (text: string): number => [...text].length * 5;

describe('breakLongTokens', () => {
  it('leaves text whose words fit unchanged, white space included', () => {
    const text = 'a few  short words\nacross lines\tand tabs';
    expect(breakLongTokens(text, 100, mono)).toBe(text);
  });

  it('splits a token wider than the width into pieces that fit, one per line', () => {
    const token = 'x'.repeat(55);
    // 100 points hold 20 characters; the cut aims 2 % short (kerning), so 19 per piece.
    expect(breakLongTokens(`before ${token} after`, 100, mono)).toBe(
      `before ${'x'.repeat(19)}\n${'x'.repeat(19)}\n${'x'.repeat(17)} after`,
    );
  });

  it('keeps every character, in order, and never leaves a piece wider than the width', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'W', 'i', '-', '/', ' ', '\n', 'é'), maxLength: 400 }),
        fc.integer({ min: 1, max: 200 }),
        (text, width) => {
          const widths: Record<string, number> = { a: 5, W: 9, i: 2, '-': 3, '/': 3, ' ': 2.5, é: 5 };
          const measure = (s: string) => [...s].reduce((sum, ch) => sum + (widths[ch] ?? 0), 0);
          const out = breakLongTokens(text, width, measure);
          expect(out.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
          for (const piece of out.split(/\s+/)) {
            if ([...piece].length > 1) expect(measure(piece)).toBeLessThanOrEqual(width);
          }
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('measures in linear time: a 200,000-character token takes a single pass', () => {
    let calls = 0;
    const counting = (s: string) => {
      calls += 1;
      return mono(s);
    };
    const out = breakLongTokens('y'.repeat(200_000), 300, counting);
    expect(out.split('\n')).toHaveLength(Math.ceil(200_000 / 58));
    // One measure per distinct character, one for the whole token, one check per piece.
    expect(calls).toBeLessThan(2 + Math.ceil(200_000 / 58) + 5);
  });

  it('refuses a width that is not positive', () => {
    expect(() => breakLongTokens('x', 0, mono)).toThrow(RangeError);
    expect(() => breakLongTokens('x', Number.NaN, mono)).toThrow(RangeError);
  });
});
