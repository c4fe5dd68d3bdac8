/**
 * The protective marking in the header and footer of every page and "Page x of y" under it
 * (docs/law.md §5: a marking on every page). Stamped once the body is laid out, on the buffered pages,
 * because only then is y known.
 *
 * An optional handling caveat (a product's "handle as intelligence only…") is printed in a smaller font
 * under the marking in the header and over it in the footer. Without one, the stamps are exactly what they
 * were before caveats existed.
 */
import { PDF_FONTS } from './pdf-document';
import { toWinAnsi } from './win-ansi';

const HEADER_Y = 26;
/** From the bottom edge of the page. */
const FOOTER_MARKING_OFFSET = 52;
const FOOTER_PAGE_OFFSET = 38;
/** The caveat: under the header's marking, over the footer's (both inside the page margins). */
const CAVEAT_HEADER_Y = 39;
const FOOTER_CAVEAT_OFFSET = 62;
const CAVEAT_SIZE = 7.5;
/** A caveat too wide for one line at its size is set smaller, down to this, then cut with an ellipsis. */
const CAVEAT_MIN_SIZE = 5.5;
/** The caveat keeps clear of the page's edges by the body's side margins. */
const CAVEAT_SIDE_MARGIN = 50;

/** Stamps `marking` (and `caveat`, when given) above and below the body of every buffered page, and the page number. */
export function stampPages(doc: PDFKit.PDFDocument, marking: string, caveat?: string): void {
  const text = toWinAnsi(marking);
  const caveatText = caveat === undefined ? undefined : toWinAnsi(caveat).replace(/\s+/g, ' ').trim();
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    const page = doc.page;
    const savedBottom = page.margins.bottom;
    // Writing below the bottom margin makes pdfkit add a page (docs/architecture.md §10, PDF).
    page.margins.bottom = 0;
    try {
      doc.fillColor('black');
      centred(doc, text, HEADER_Y, PDF_FONTS.bold, 10);
      if (caveatText !== undefined && caveatText !== '') caveatLine(doc, caveatText, CAVEAT_HEADER_Y);
      if (caveatText !== undefined && caveatText !== '') caveatLine(doc, caveatText, page.height - FOOTER_CAVEAT_OFFSET);
      centred(doc, text, page.height - FOOTER_MARKING_OFFSET, PDF_FONTS.bold, 10);
      centred(doc, `Page ${i - start + 1} of ${count}`, page.height - FOOTER_PAGE_OFFSET, PDF_FONTS.regular, 8.5);
    } finally {
      page.margins.bottom = savedBottom;
    }
  }
}

function centred(doc: PDFKit.PDFDocument, text: string, y: number, font: string, size: number): void {
  doc.font(font).fontSize(size);
  const x = (doc.page.width - doc.widthOfString(text)) / 2;
  doc.text(text, x, y, { lineBreak: false });
}

/** The caveat on one line: smaller when it is wide, cut with an ellipsis when even the smallest size is too wide. */
function caveatLine(doc: PDFKit.PDFDocument, text: string, y: number): void {
  const room = doc.page.width - 2 * CAVEAT_SIDE_MARGIN;
  doc.font(PDF_FONTS.regular);
  let size = CAVEAT_SIZE;
  while (size > CAVEAT_MIN_SIZE && doc.fontSize(size).widthOfString(text) > room) size -= 0.5;
  doc.fontSize(size);
  let line = text;
  if (doc.widthOfString(line) > room) {
    const chars = [...text];
    let end = chars.length;
    while (end > 1 && doc.widthOfString(`${chars.slice(0, end).join('').trimEnd()}…`) > room) end -= Math.max(1, Math.floor((end - 1) / 20));
    line = `${chars.slice(0, end).join('').trimEnd()}…`;
  }
  centred(doc, line, y, PDF_FONTS.regular, size);
}
