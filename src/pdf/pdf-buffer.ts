/**
 * The bytes of a pdfkit document as one Buffer. pdfkit is a readable stream that writes as it goes;
 * the chunks are kept from the start and joined when the document ends.
 */

/** Collects `doc` from now until it ends; call before `doc.end()`. Rejects on a stream error. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
