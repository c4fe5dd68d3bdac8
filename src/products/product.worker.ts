/**
 * The worker module of the product PDF: piscina's worker threads load this file and call its default
 * export once per product (src/pdf/worker-pool.ts). It imports only the renderer and what the renderer
 * needs (the frozen content's types, the pure summary, the labels and the PDF kit), never Nest or the
 * database, so a worker starts fast and holds no connection. {@link createProductPdfPool} is the pool that
 * loads it, for the service and the bench alike (docs/architecture.md §14).
 */
import { PdfWorkerPool, transferPdf, workerModuleFile, type PdfWorkerPoolOptions } from '../pdf/worker-pool';
import type { ProductContent } from './product-content';
import { renderProductPdf } from './product.pdf';

/** One product to render: its frozen content (the creation date is the content's `issuedAt`). */
export interface ProductPdfTask {
  content: ProductContent;
}

export default async function renderProductPdfTask(task: ProductPdfTask): Promise<unknown> {
  return transferPdf(await renderProductPdf(task.content));
}

/** A pool of threads rendering product PDFs with this module. */
export function createProductPdfPool(options?: PdfWorkerPoolOptions): PdfWorkerPool<ProductPdfTask> {
  return new PdfWorkerPool(workerModuleFile(__dirname, 'product.worker'), options);
}
