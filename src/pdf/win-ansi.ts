/**
 * Text the standard-14 fonts can print. Those fonts are not embedded, which keeps rendering fast and the
 * output small (docs/architecture.md §10, PDF), but they only cover WinAnsi: Latin-1 plus a few
 * typographic characters. pdfkit writes garbage for anything else (e.g. "Ł" or "→"), so every string
 * the kit draws goes through {@link toWinAnsi} first.
 */

/** Code points above 0xFF that the standard-14 fonts' WinAnsi encoding still covers (pdfkit's map). */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Replacements for common characters that neither WinAnsi nor NFKD decomposition covers. */
const FALLBACKS: Readonly<Record<string, string>> = {
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** Text every character of which is printable ASCII or a line feed: {@link toWinAnsi} leaves it as it is. */
const PRINTABLE_ASCII = /^[\x20-\x7e\n]*$/;

/** Whether the standard fonts print `cp` (LF counts: it is a line break, not a glyph). */
export function isWinAnsi(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);
}

/**
 * Makes a string printable with the standard-14 fonts: CRLF/CR to LF, tabs to spaces, accents stripped
 * where the base letter is printable, a few look-alikes substituted, anything else (control characters
 * included) as "?".
 */
export function toWinAnsi(text: string): string {
  // Most text is printable ASCII already (identifiers, times, words): nothing to change, nothing to copy.
  if (PRINTABLE_ASCII.test(text)) return text;
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    const cp = ch.codePointAt(0) ?? 0;
    const fallback = FALLBACKS[ch];
    if (fallback !== undefined) {
      out += fallback;
    } else if (isWinAnsi(cp)) {
      out += ch;
    } else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base !== '' && [...base].every((c) => isWinAnsi(c.codePointAt(0) ?? 0)) ? base : '?';
    }
  }
  return out;
}
