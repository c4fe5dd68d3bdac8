/**
 * One call from content to bytes: a document (pdf-document.ts), its body drawn by the caller through a
 * {@link PdfWriter}, the marking (and any handling caveat) and page numbers stamped on every page
 * (page-stamps.ts), and the result collected into a Buffer (pdf-buffer.ts). Synchronous work on the calling thread: a service
 * runs it in a worker (worker-pool.ts), never on the event loop (docs/architecture.md §10, PDF).
 */
import { collectPdf } from './pdf-buffer';
import { createPdfDocument, type PdfDocumentInfo } from './pdf-document';
import { PdfWriter } from './pdf-writer';
import { stampPages } from './page-stamps';

export interface RenderPdfOptions extends PdfDocumentInfo {
  /** Protective marking for the header and footer of every page (docs/law.md §5). */
  marking: string;
  /**
   * A handling caveat printed in a smaller font under the header's marking and over the footer's on
   * every page (a product's); without it the stamps are the marking and page number alone.
   */
  caveat?: string;
}

/** Renders the body that `draw` writes; the same content and `creationDate` give the same bytes. */
export async function renderPdf(options: RenderPdfOptions, draw: (writer: PdfWriter) => void): Promise<Buffer> {
  const doc = createPdfDocument(options);
  const bytes = collectPdf(doc);
  try {
    draw(new PdfWriter(doc));
    stampPages(doc, options.marking, options.caveat);
  } catch (error) {
    doc.end();
    await bytes.catch(() => undefined);
    throw error;
  }
  doc.end();
  return bytes;
}
