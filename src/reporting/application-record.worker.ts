/**
 * The worker module of the application record PDF: piscina's worker threads load this file and call its
 * default export once per record (src/pdf/worker-pool.ts). It imports only the renderer and what the
 * renderer needs (the pure view, the labels and the PDF kit), never Nest or the database, so a worker
 * starts fast and holds no connection. {@link createApplicationRecordPdfPool} is the pool that loads it.
 */
import { PdfWorkerPool, transferPdf, workerModuleFile, type PdfWorkerPoolOptions } from '../pdf/worker-pool';
import { renderApplicationRecordPdf } from './application-record.pdf';
import type { ApplicationRecordView } from './application-record.view';

/** One record to render: the view and the instant written as its creation date. */
export interface ApplicationRecordPdfTask {
  view: ApplicationRecordView;
  creationDate: Date;
}

export default async function renderApplicationRecordPdfTask(task: ApplicationRecordPdfTask): Promise<unknown> {
  return transferPdf(await renderApplicationRecordPdf(task.view, { creationDate: task.creationDate }));
}

/** A pool of threads rendering record PDFs with this module. */
export function createApplicationRecordPdfPool(options?: PdfWorkerPoolOptions): PdfWorkerPool<ApplicationRecordPdfTask> {
  return new PdfWorkerPool(workerModuleFile(__dirname, 'application-record.worker'), options);
}
