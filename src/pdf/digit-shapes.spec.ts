import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { digitShape, hasUniformDigits } from './digit-shapes';
import { PDF_FONTS } from './pdf-document';
import { breakLongTokens } from './token-breaks';

describe('digitShape', () => {
  it('writes every digit as 0 in one line of printable ASCII', () => {
    expect(digitShape('2026-03-20 06:18:17 UTC / 07:18:17 +01:00')).toBe('0000-00-00 00:00:00 UTC / 00:00:00 +00:00');
    expect(digitShape('Row 123')).toBe('Row 000');
    expect(digitShape('')).toBe('');
  });

  it('has no shape for text with a line feed or a character outside ASCII', () => {
    expect(digitShape('12\n34')).toBeNull();
    expect(digitShape('Zoë 12')).toBeNull();
    expect(digitShape('12\t34')).toBeNull();
  });
});

describe('hasUniformDigits', () => {
  it.each(Object.values(PDF_FONTS))('holds for the kit font %s', (font) => {
    expect(hasUniformDigits(font)).toBe(true);
    // Measured once: the second answer is the remembered one.
    expect(hasUniformDigits(font)).toBe(true);
  });

  /** Text a table cell of communications data might hold: digits among separators, letters and spaces. */
  const cell = fc
    .array(fc.constantFrom(...'0123456789', '-', ':', '/', '+', ' ', 'UTC', 'A', 'W', 'T', 'y', '.', ',', '(', ')', "'"), { minLength: 1, maxLength: 40 })
    .map((parts) => parts.join(''));

  it.each(Object.entries(PDF_FONTS))('makes cells of one shape fit and wrap alike in %s (what pdf-table.ts relies on)', (_name, font) => {
    const doc = new PDFDocument({ autoFirstPage: true });
    doc.font(font).fontSize(7.5);
    const measure = (s: string): number => doc.widthOfString(s);
    const lines = (text: string, width: number): number => doc.heightOfString(text, { width }) / doc.currentLineHeight(true);
    fc.assert(
      fc.property(cell, fc.integer({ min: 8, max: 160 }), (text, width) => {
        const shape = digitShape(text) as string;
        const fitted = breakLongTokens(text, width, measure);
        const fittedShape = breakLongTokens(shape, width, measure);
        expect(digitShape(fitted.replace(/\n/g, ' '))).toBe(fittedShape.replace(/\n/g, ' '));
        expect(fitted.split('\n').map((piece) => piece.length)).toEqual(fittedShape.split('\n').map((piece) => piece.length));
        expect(Math.round(lines(fitted, width))).toBe(Math.round(lines(fittedShape, width)));
      }),
      { numRuns: 300 },
    );
  });
});
