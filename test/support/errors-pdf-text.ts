/**
 * Text of a PDF, page by page, read back with pdf-parse 2.4 (`PDFParse#getText`).
 *
 * pdf-parse bundles pdf.js, which in Node loads its "fake worker" with a dynamic `import()`; Jest's
 * CommonJS runtime refuses dynamic imports without `--experimental-vm-modules`, and refuses `require()`
 * of that ES module too. So each extraction runs pdf-parse in a `worker_threads` worker: plain Node,
 * outside Jest's module system, with the PDF bytes passed in and the per-page text posted back.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PageTextResult, TextResult } from 'pdf-parse';

export interface ExtractedText {
  total: TextResult['total'];
  pages: Pick<PageTextResult, 'num' | 'text'>[];
}

const PDF_PARSE_URL = pathToFileURL(require.resolve('pdf-parse')).href;

/** Runs natively in the worker: `import { PDFParse } from 'pdf-parse'`, then `getText()`. */
const EXTRACT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PDFParse } = await import(workerData.pdfParseUrl);
  const parser = new PDFParse({ data: new Uint8Array(workerData.pdf) });
  try {
    const result = await parser.getText();
    parentPort.postMessage({
      total: result.total,
      pages: result.pages.map((page) => ({ num: page.num, text: page.text })),
    });
  } finally {
    await parser.destroy();
  }
})();
`;

export function extractPdfText(pdf: Buffer): Promise<ExtractedText> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(EXTRACT_SOURCE, {
      eval: true,
      workerData: { pdf: new Uint8Array(pdf), pdfParseUrl: PDF_PARSE_URL },
    });
    let result: ExtractedText | undefined;
    worker.once('message', (message: ExtractedText) => {
      result = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`pdf-parse worker exited with code ${code} without a result`));
    });
  });
}

/** supertest parser that keeps a binary body as one Buffer (use with `.buffer(true).parse(binaryBody)`). */
export function binaryBody(res: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
  stream.on('error', (error: Error) => callback(error, Buffer.alloc(0)));
}

export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
export const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;

/** The body text of the document: each page without its stamped header/footer lines, joined. */
export function bodyText(extracted: ExtractedText, marking: string): string {
  return squash(
    extracted.pages
      .map((page) =>
        page.text
          .split('\n')
          .filter((line) => line.trim() !== marking && !/^Page \d+ of \d+$/.test(line.trim()))
          .join('\n'),
      )
      .join('\n'),
  );
}
