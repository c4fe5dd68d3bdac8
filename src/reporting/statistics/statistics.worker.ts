/**
 * The worker module of the statistics return's PDF: piscina's worker threads load this file and call its
 * default export once per return (src/pdf/worker-pool.ts). It imports only the renderer and what the
 * renderer needs (the return's types, the pure table words, the chart and the PDF kit), never Nest, the
 * database or the spreadsheet writers, so a worker starts fast and holds no connection
 * (docs/architecture.md §14). {@link createStatisticsPdfPool} is the pool that loads it.
 */
import { PdfWorkerPool, transferPdf, workerModuleFile, type PdfWorkerPoolOptions } from '../../pdf/worker-pool';
import type { StatisticsReturn } from './statistics-return';
import { renderStatisticsPdf } from './statistics.pdf';

/** One return to render: the return and the instant written as its creation date (its `generatedAt`). */
export interface StatisticsPdfTask {
  statistics: StatisticsReturn;
  creationDate: Date;
}

export default async function renderStatisticsPdfTask(task: StatisticsPdfTask): Promise<unknown> {
  return transferPdf(await renderStatisticsPdf(task.statistics, { creationDate: task.creationDate }));
}

/** A pool of threads rendering statistics return PDFs with this module. */
export function createStatisticsPdfPool(options?: PdfWorkerPoolOptions): PdfWorkerPool<StatisticsPdfTask> {
  return new PdfWorkerPool(workerModuleFile(__dirname, 'statistics.worker'), options);
}
