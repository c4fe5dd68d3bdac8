/**
 * A new pdfkit document with the kit's fixed page set-up and deterministic metadata.
 *
 * - A4, standard-14 fonts only (nothing embedded: docs/architecture.md §10, PDF), margins that leave
 *   room for the marking stamped in the header and footer (page-stamps.ts).
 * - `bufferPages`, so every page is still open when the body is done and "Page x of y" can be stamped.
 * - Deterministic: pdfkit 0.20's only time-dependent inputs are `info.CreationDate` (default
 *   `new Date()`) and the trailer `/ID`, which it derives as MD5 over the info dictionary
 *   (`PDFSecurity.generateFileID`), not from randomness. Both come from the caller's creation date and
 *   title, so the same content and creation date give byte-identical output.
 */
import PDFDocument from 'pdfkit';
import { toWinAnsi } from './win-ansi';

/** Written as Producer and Creator instead of pdfkit's default ("PDFKit"). */
export const PDF_PRODUCER = 'cd-workflow';

export const PDF_FONTS = Object.freeze({ regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' } as const);
export type PdfFont = keyof typeof PDF_FONTS;

/** A4 in points; the top and bottom margins leave room for the stamped header and two footer lines. */
export const PDF_MARGINS = Object.freeze({ top: 62, bottom: 72, left: 50, right: 50 } as const);

export interface PdfDocumentInfo {
  /** The document's title (shown by viewers instead of the file name). */
  title: string;
  subject: string;
  /** Written as CreationDate and ModDate (and so into the `/ID`): pass the instant the content is of. */
  creationDate: Date;
}

/** @throws TypeError when `creationDate` is not a valid Date (pdfkit would stamp the clock instead). */
export function createPdfDocument(info: PdfDocumentInfo): PDFKit.PDFDocument {
  const { creationDate } = info;
  if (!(creationDate instanceof Date) || Number.isNaN(creationDate.getTime())) {
    throw new TypeError('createPdfDocument: creationDate must be a valid Date');
  }
  return new PDFDocument({
    size: 'A4',
    margins: { ...PDF_MARGINS },
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    font: PDF_FONTS.regular,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: toWinAnsi(info.title),
      Subject: toWinAnsi(info.subject),
      Producer: PDF_PRODUCER,
      Creator: PDF_PRODUCER,
      CreationDate: creationDate,
      ModDate: creationDate,
    },
  });
}
