/**
 * PDF rendering off the main thread: a piscina pool of worker threads, each loading one worker module
 * (a file whose default export renders a task into bytes with {@link transferPdf}). pdfkit lays out text
 * synchronously, so rendering on the event loop stalls every request meanwhile; in a worker it costs the
 * main thread only the copy of the task in and the hand-over of the bytes out (docs/architecture.md §10, PDF).
 *
 * The worker module is found next to the module that names it: the compiled `.js` under `dist/` (`npm
 * start`, the bench), or, where the code runs as TypeScript from `src/` (Jest), the `.ts` loaded through
 * source-worker.mjs, which compiles it with @swc/core as Jest does.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import Piscina from 'piscina';

/** What piscina's worker loads: the worker module itself, or the loader with the source it should load. */
export interface WorkerModuleFile {
  filename: string;
  workerData?: { source: string };
}

export interface PdfWorkerPoolOptions {
  /** Threads at most; by default one fewer than the machine's cores (at least one), so a core stays free. */
  maxThreads?: number;
  /** A thread idle this long exits (piscina starts another on demand). */
  idleTimeoutMs?: number;
}

const SOURCE_LOADER = join(__dirname, 'source-worker.mjs');

/**
 * Lower scheduling priority of the worker threads (Linux `nice`, through piscina's optional
 * @napi-rs/nice): when rendering competes with the main thread for a core, the main thread wins.
 */
const WORKER_NICE_INCREMENT = 10;

/**
 * The file a worker thread loads for module `name` (no extension) in folder `dir`.
 * @throws Error when neither `name.js` nor `name.ts` is there.
 */
export function workerModuleFile(dir: string, name: string): WorkerModuleFile {
  const compiled = join(dir, `${name}.js`);
  if (existsSync(compiled)) return { filename: compiled };
  const source = join(dir, `${name}.ts`);
  if (existsSync(source)) return { filename: SOURCE_LOADER, workerData: { source } };
  throw new Error(`No worker module ${name}.js or ${name}.ts in ${dir}`);
}

/** Renders tasks of type `Task` (structured-cloneable data) into PDF bytes on worker threads. */
export class PdfWorkerPool<Task> {
  private pool: Piscina | undefined;
  private closed = false;

  constructor(
    private readonly file: WorkerModuleFile,
    private readonly options: PdfWorkerPoolOptions = {},
  ) {}

  /** Renders `task` on a worker thread; rejects with the worker's error if rendering throws. */
  async render(task: Task): Promise<Buffer> {
    const result: unknown = await this.threads().run(task);
    if (!(result instanceof Uint8Array)) throw new TypeError('PDF worker returned something other than bytes');
    return Buffer.from(result.buffer, result.byteOffset, result.byteLength);
  }

  /** Tasks the pool has finished (a test can see that rendering went through the pool). */
  get completed(): number {
    return this.pool?.completed ?? 0;
  }

  /** Stops the threads; later renders are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  /** The pool, started on first use: an application that never renders a PDF starts no thread. */
  private threads(): Piscina {
    if (this.closed) throw new Error('The PDF worker pool is closed');
    this.pool ??= new Piscina({
      filename: this.file.filename,
      workerData: this.file.workerData,
      minThreads: 0,
      maxThreads: this.options.maxThreads ?? Math.max(1, availableParallelism() - 1),
      idleTimeout: this.options.idleTimeoutMs ?? 30_000,
      niceIncrement: WORKER_NICE_INCREMENT,
    });
    return this.pool;
  }
}

/**
 * In a worker module: the PDF as the task's result, moved to the main thread rather than copied. The
 * bytes are first copied into an ArrayBuffer of their own, because a small Buffer is a view on Node's
 * shared allocation pool, which must not be transferred.
 */
export function transferPdf(pdf: Buffer): unknown {
  return Piscina.move(new Uint8Array(pdf));
}
