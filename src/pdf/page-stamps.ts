/**
 * The protective marking in the header and footer of every page and "Page x of y" under it
 * (docs/law.md §5: a marking on every page). Stamped once the body is laid out, on the buffered pages,
 * because only then is y known.
 */
import { PDF_FONTS } from './pdf-document';
import { toWinAnsi } from './win-ansi';

const HEADER_Y = 26;
/** From the bottom edge of the page. */
const FOOTER_MARKING_OFFSET = 52;
const FOOTER_PAGE_OFFSET = 38;

/** Stamps `marking` above and below the body of every buffered page, and the page number. */
export function stampPages(doc: PDFKit.PDFDocument, marking: string): void {
  const text = toWinAnsi(marking);
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
