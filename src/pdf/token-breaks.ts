/**
 * Line breaks inside tokens too wide for their column, decided before pdfkit sees the text.
 *
 * pdfkit's line wrapper splits a word wider than the line by trial: it measures ever shorter and longer
 * prefixes, then measures the whole remainder again for every line it cuts off, so the cost grows with
 * the square of the token's length. A 20,000-character string without spaces took over a second to lay
 * out and held the event loop for that long (docs/architecture.md §10, PDF). Here each such token is cut
 * once, greedily, into pieces that fit the width, joined by line feeds: pdfkit then only ever sees words
 * that fit, and the cost is linear in the text.
 */

/** Width in points of a string in the font and size the text will be drawn in. */
export type MeasureWidth = (text: string) => number;

/**
 * Kerning makes a string a little narrower or wider than the sum of its characters; the greedy cut aims
 * this much short of the width, and every piece is measured whole before it is kept.
 */
const KERNING_ALLOWANCE = 0.98;

/** A run of characters that are not white space: what pdfkit may have to split by trial. */
const TOKEN = /[^\s]+/g;

/**
 * `text` with every token wider than `width` split into pieces no wider than `width`, separated by line
 * feeds; everything else, white space included, is unchanged.
 * @throws RangeError when `width` is not a positive finite number.
 */
export function breakLongTokens(text: string, width: number, measure: MeasureWidth): string {
  if (!Number.isFinite(width) || width <= 0) throw new RangeError(`breakLongTokens: width must be positive, got ${width}`);
  const charWidths = new Map<string, number>();
  const widthOfChar = (ch: string): number => {
    let w = charWidths.get(ch);
    if (w === undefined) {
      w = measure(ch);
      charWidths.set(ch, w);
    }
    return w;
  };
  return text.replace(TOKEN, (token) => {
    // A cheap upper bound first: most tokens are words, far narrower than any column.
    let sum = 0;
    for (const ch of token) sum += widthOfChar(ch);
    if (sum * KERNING_ALLOWANCE <= width && measure(token) <= width) return token;
    return splitToken(token, width, widthOfChar, measure).join('\n');
  });
}

function splitToken(token: string, width: number, widthOfChar: (ch: string) => number, measure: MeasureWidth): string[] {
  const chars = [...token];
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    let sum = 0;
    while (end < chars.length && (end === start || sum + widthOfChar(chars[end]) <= width * KERNING_ALLOWANCE)) {
      sum += widthOfChar(chars[end]);
      end += 1;
    }
    // Trust but verify: give characters back while the piece, measured whole, is too wide.
    while (end - start > 1 && measure(chars.slice(start, end).join('')) > width) end -= 1;
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}
