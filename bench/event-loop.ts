/**
 * Event-loop delay of the main thread while PDFs render (docs/architecture.md §10, PDF): the p99 of
 * `perf_hooks.monitorEventLoopDelay` while several documents render at once through the service's own worker
 * pool, divided by the p99 of the same monitor over an idle spell of the same run. A renderer that held the
 * event loop would show its whole render time here; rendering on worker threads leaves the loop as it is
 * when idle, a ratio near 1. The report to the IPC is measured with its worst case (every free-text field
 * at its limit, no spaces: test/support/errors-report-worst-case.ts); any other document's pool and task
 * can be measured the same way with {@link poolEventLoopBench} (bench/product-pdf.ts does, for products).
 *
 * The monitor samples with a timer and records the time between two samples, so a block before its
 * first sample, or one still running when it is read, records nothing: every spell starts and ends with
 * an idle wait of a few samples.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderErrorReportPdf } from '../src/errors/error-report.pdf';
import { createErrorReportPdfPool } from '../src/errors/error-report.worker';
import type { PdfWorkerPool } from '../src/pdf/worker-pool';
import { worstCaseErrorReportView } from '../test/support/errors-report-worst-case';

/** Node's default sampling interval of the monitor, in ms. */
const RESOLUTION_MS = 10;

export interface EventLoopDelayResult {
  /** p99 while rendering ÷ p99 idle. */
  ratio: number;
  idleP99Ms: number;
  renderingP99Ms: number;
  renderingMaxMs: number;
  /** Wall time of the rendering spell. */
  renderMs: number;
  /** Documents rendered in it. */
  reports: number;
}

/** Measures one spell of `action` (and the samples after it), in ms. */
async function delayDuring(action: () => Promise<unknown>): Promise<{ p99: number; max: number }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  await sleep(RESOLUTION_MS * 3);
  await action();
  await sleep(RESOLUTION_MS * 5);
  histogram.disable();
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}

export interface EventLoopBench {
  /** Starts the pool's threads with one round of documents, so the spells time rendering, not start-up. */
  warmUp(): Promise<void>;
  measure(): Promise<EventLoopDelayResult>;
  close(): Promise<void>;
}

export interface RatioOptions {
  /** Documents rendered at once in each round. */
  reports: number;
  /** Length of the idle spell, and the least length of the rendering spell (whole rounds). */
  spellMs: number;
  /** Render one round only, however short. */
  oneRound?: boolean;
}

/**
 * One idle spell, then one spell of rounds in which `renderAll` renders `options.reports` reports at
 * once, as long as the idle spell at least: both spells hold a few hundred samples, so their p99 is not
 * just their largest sample, which one stall of a shared machine would set.
 */
async function measureRatio(options: RatioOptions, renderAll: () => Promise<Buffer[]>): Promise<EventLoopDelayResult> {
  const idle = await delayDuring(() => sleep(options.spellMs));
  let renderMs = 0;
  let rendered = 0;
  const rendering = await delayDuring(async () => {
    const start = performance.now();
    do {
      const pdfs = await renderAll();
      if (pdfs.some((pdf) => pdf.subarray(0, 5).toString('latin1') !== '%PDF-')) throw new Error('a document did not render');
      rendered += pdfs.length;
    } while (options.oneRound !== true && performance.now() - start < options.spellMs);
    renderMs = performance.now() - start;
  });
  return {
    ratio: rendering.p99 / idle.p99,
    idleP99Ms: idle.p99,
    renderingP99Ms: rendering.p99,
    renderingMaxMs: rendering.max,
    renderMs,
    reports: rendered,
  };
}

function worstCase(): { view: ReturnType<typeof worstCaseErrorReportView>; creationDate: Date } {
  const view = worstCaseErrorReportView();
  return { view, creationDate: new Date(view.generatedAt) };
}

/**
 * `options.reports` copies of `task` rendered at once, round after round, by `pool` (one of the service's
 * pools); the pool is closed with the bench.
 */
export function poolEventLoopBench<Task>(options: RatioOptions, pool: PdfWorkerPool<Task>, task: Task): EventLoopBench {
  const renderAll = () => Promise.all(Array.from({ length: options.reports }, () => pool.render(task)));
  return {
    async warmUp() {
      await renderAll();
    },
    measure: () => measureRatio(options, renderAll),
    close: () => pool.close(),
  };
}

/** The reports rendered by the service's worker pool (createErrorReportPdfPool). */
export function eventLoopBench(options: RatioOptions): EventLoopBench {
  return poolEventLoopBench(options, createErrorReportPdfPool(), worstCase());
}

/**
 * The control: the same reports rendered on this thread, after one warm-up render. One round: a held
 * loop takes no samples while it is held, so more rounds would only make the bench longer.
 */
export async function inThreadEventLoopRatio(options: Omit<RatioOptions, 'oneRound'>): Promise<EventLoopDelayResult> {
  const { view, creationDate } = worstCase();
  await renderErrorReportPdf(view, { creationDate });
  return measureRatio({ ...options, oneRound: true }, () =>
    Promise.all(Array.from({ length: options.reports }, () => renderErrorReportPdf(view, { creationDate }))),
  );
}
