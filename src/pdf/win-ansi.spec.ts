import { isWinAnsi, toWinAnsi } from './win-ansi';

describe('toWinAnsi', () => {
  it('keeps Latin-1 and the typographic characters WinAnsi has', () => {
    expect(toWinAnsi('Zoë café £12 “quoted” – ‘x’ € … ™')).toBe('Zoë café £12 “quoted” – ‘x’ € … ™');
  });

  it('strips accents it cannot print, substitutes look-alikes and marks the rest', () => {
    expect(toWinAnsi('Łódź → Zoë\r\n€ “q” 日本')).toBe('Lódz -> Zoë\n€ “q” ??');
    expect(toWinAnsi('Ćwierć\u00a0mile\u2212x')).toBe('Cwierc mile-x');
  });

  it('normalises line ends and tabs, and refuses control characters and emoji', () => {
    expect(toWinAnsi('a\rb\r\nc\td')).toBe('a\nb\nc    d');
    expect(toWinAnsi('x\u0000y\u202Ez🚓')).toBe('x?y?z?');
  });

  it('returns printable ASCII, line feeds included, as it is', () => {
    const ascii = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)).join('') + '\nnext line';
    expect(toWinAnsi(ascii)).toBe(ascii);
  });

  it('produces only characters the standard fonts print', () => {
    const sample = Array.from({ length: 0x3000 }, (_, i) => String.fromCodePoint(i)).join('');
    for (const ch of toWinAnsi(sample)) expect(isWinAnsi(ch.codePointAt(0) ?? 0)).toBe(true);
  });
});
