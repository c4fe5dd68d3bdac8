/**
 * The worker module of the reverse audit's PDF (src/pdf/worker-pool.ts): it imports only the renderer and the pure
 * view, never Nest or the database.
 */
import { PdfWorkerPool, transferPdf, workerModuleFile, type PdfWorkerPoolOptions } from '../../pdf/worker-pool';
import { renderReverseAuditPdf } from './reverse-audit.pdf';
import type { ReverseAuditView } from './reverse-audit.view';

export interface ReverseAuditPdfTask {
  view: ReverseAuditView;
  creationDate: Date;
}

export default async function renderReverseAuditPdfTask(task: ReverseAuditPdfTask): Promise<unknown> {
  return transferPdf(await renderReverseAuditPdf(task.view, { creationDate: task.creationDate }));
}

/** A pool of threads rendering reverse audit PDFs with this module. */
export function createReverseAuditPdfPool(options?: PdfWorkerPoolOptions): PdfWorkerPool<ReverseAuditPdfTask> {
  return new PdfWorkerPool(workerModuleFile(__dirname, 'reverse-audit.worker'), options);
}
