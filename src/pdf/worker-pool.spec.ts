import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { PdfWorkerPool, workerModuleFile } from './worker-pool';

/** Worker modules written for the test: they answer with their thread id, or fail when asked to. */
const JS_WORKER = `
const { threadId } = require('node:worker_threads');
module.exports = (task) => {
  if (task.fail) throw new Error('render failed: ' + task.fail);
  return new TextEncoder().encode('%PDF-' + task.n + ' thread ' + threadId);
};
`;
const TS_WORKER = `
import { threadId } from 'node:worker_threads';
interface Task { n: number }
export default function render(task: Task): Uint8Array {
  const label: string = \`%PDF-\${task.n} ts thread \${threadId}\`;
  return new TextEncoder().encode(label);
}
`;

describe('PdfWorkerPool', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdf-pool-'));
    writeFileSync(join(dir, 'compiled.worker.js'), JS_WORKER);
    writeFileSync(join(dir, 'source.worker.ts'), TS_WORKER);
    writeFileSync(join(dir, 'both.worker.js'), JS_WORKER);
    writeFileSync(join(dir, 'both.worker.ts'), TS_WORKER);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the compiled module when there is one, and the TypeScript source through the loader otherwise', () => {
    expect(workerModuleFile(dir, 'compiled.worker')).toEqual({ filename: join(dir, 'compiled.worker.js') });
    expect(workerModuleFile(dir, 'both.worker')).toEqual({ filename: join(dir, 'both.worker.js') });
    expect(workerModuleFile(dir, 'source.worker')).toEqual({
      filename: join(__dirname, 'source-worker.mjs'),
      workerData: { source: join(dir, 'source.worker.ts') },
    });
    expect(() => workerModuleFile(dir, 'missing.worker')).toThrow(/No worker module missing\.worker\.js or missing\.worker\.ts/);
  });

  it.each([
    ['compiled JavaScript', 'compiled.worker', 'thread'],
    ['TypeScript from source', 'source.worker', 'ts thread'],
  ])('renders on another thread from %s and hands back a Buffer', async (_kind, name, marker) => {
    const pool = new PdfWorkerPool<{ n: number }>(workerModuleFile(dir, name), { maxThreads: 2 });
    try {
      const results = await Promise.all([1, 2, 3].map((n) => pool.render({ n })));
      results.forEach((pdf, i) => {
        expect(Buffer.isBuffer(pdf)).toBe(true);
        const [, thread] = new RegExp(`^%PDF-${i + 1} ${marker} (\\d+)$`).exec(pdf.toString('latin1')) ?? [];
        expect(Number(thread)).toBeGreaterThan(0);
        expect(Number(thread)).not.toBe(threadId);
      });
      expect(pool.completed).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('rejects with the worker’s error, keeps working after it, and refuses work once closed', async () => {
    const pool = new PdfWorkerPool<{ n: number; fail?: string }>(workerModuleFile(dir, 'compiled.worker'), { maxThreads: 1 });
    await expect(pool.render({ n: 1, fail: 'bad input' })).rejects.toThrow('render failed: bad input');
    expect((await pool.render({ n: 2 })).toString('latin1')).toMatch(/^%PDF-2 thread \d+$/);
    await pool.close();
    await expect(pool.render({ n: 3 })).rejects.toThrow('The PDF worker pool is closed');
  });
});
