/**
 * The worker module of the report PDF: piscina's worker threads load this file and call its default
 * export once per report (src/pdf/worker-pool.ts). It imports only the renderer and what the renderer
 * needs (the pure view, the labels and the PDF kit), never Nest or the database, so a worker starts fast
 * and holds no connection. {@link createErrorReportPdfPool} is the pool that loads it, for the service
 * and the bench alike.
 */
import { PdfWorkerPool, transferPdf, workerModuleFile, type PdfWorkerPoolOptions } from '../pdf/worker-pool';
import { renderErrorReportPdf } from './error-report.pdf';
import type { ErrorReportView } from './error-report.view';

/** One report to render: the view and the instant written as its creation date. */
export interface ErrorReportPdfTask {
  view: ErrorReportView;
  creationDate: Date;
}

export default async function renderErrorReportPdfTask(task: ErrorReportPdfTask): Promise<unknown> {
  return transferPdf(await renderErrorReportPdf(task.view, { creationDate: task.creationDate }));
}

/** A pool of threads rendering report PDFs with this module. */
export function createErrorReportPdfPool(options?: PdfWorkerPoolOptions): PdfWorkerPool<ErrorReportPdfTask> {
  return new PdfWorkerPool(workerModuleFile(__dirname, 'error-report.worker'), options);
}
