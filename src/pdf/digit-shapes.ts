/**
 * Cells that differ only in their digits lay out alike: in the standard fonts the ten digits have one width
 * and no kerning with any other character, so two such strings have the same width in every part, the
 * same places to break a line (a digit is always a number to the line breaker), and so the same lines.
 * A table of communications data is mostly such cells (times, row numbers, durations, cell ids): pdf-table.ts
 * lays out one cell of each {@link digitShape} and reuses its layout for the rest.
 *
 * Nothing is assumed of a font: {@link hasUniformDigits} measures it once per process, on a scratch document,
 * through pdfkit's own measuring, and a font that fails is laid out cell by cell as before.
 */
import PDFDocument from 'pdfkit';

/** Text of printable ASCII only: what a shape stands for (no line feed, nothing `toWinAnsi` would change). */
const PRINTABLE_ASCII_LINE = /^[\x20-\x7e]*$/;
const DIGITS = '0123456789';
/** A size at which widths are whole numbers of the font's units, so sums compare exactly. */
const UNITS = 1000;

const uniform = new Map<string, boolean>();

/** `text` with every digit as `0`, or null when it is not one line of printable ASCII. */
export function digitShape(text: string): string | null {
  return PRINTABLE_ASCII_LINE.test(text) ? text.replace(/[0-9]/g, '0') : null;
}

/**
 * Whether, in the standard font `fontName`, every digit is as wide as `0` and a digit next to any printable
 * ASCII character (a digit included) is exactly as wide as the two apart: then {@link digitShape} keeps every
 * width. Measured once per font per process.
 */
export function hasUniformDigits(fontName: string): boolean {
  let known = uniform.get(fontName);
  if (known === undefined) {
    known = measureUniformDigits(fontName);
    uniform.set(fontName, known);
  }
  return known;
}

function measureUniformDigits(fontName: string): boolean {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.font(fontName).fontSize(UNITS);
  const width = (s: string): number => doc.widthOfString(s);
  const zero = width('0');
  for (const digit of DIGITS) {
    if (width(digit) !== zero) return false;
    for (let code = 0x20; code <= 0x7e; code += 1) {
      const other = String.fromCharCode(code);
      const apart = zero + width(other);
      if (width(digit + other) !== apart || width(other + digit) !== apart) return false;
    }
  }
  return true;
}
