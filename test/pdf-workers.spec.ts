/**
 * The PDF worker modules load the renderer and pure code only, never Nest or the database
 * (docs/architecture.md §14): a worker thread then starts fast and holds no connection. Each module is loaded
 * in a process of its own, from source as the worker threads load it under Jest (src/pdf/swc-require.mjs), and
 * the packages it pulled in are listed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..');
const WORKERS = [
  'src/errors/error-report.worker.ts',
  'src/products/product.worker.ts',
  'src/reporting/application-record.worker.ts',
  'src/reporting/statistics/statistics.worker.ts',
];

/** The packages of node_modules the module at `path` loads, by name. */
function packagesLoadedBy(path: string): string[] {
  const script = `
    const { load } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/pdf/swc-require.mjs')).href)});
    load(${JSON.stringify(join(ROOT, path))});
    const names = new Set(Object.keys(load.cache).map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean));
    console.log(JSON.stringify([...names].sort()));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

describe('the PDF worker modules', () => {
  it.each(WORKERS)('%s loads neither Nest, TypeORM, a database driver nor the spreadsheet writers', (path) => {
    const loaded = packagesLoadedBy(path);
    expect(loaded).toContain('pdfkit');
    expect(loaded.filter((name) => /^(@nestjs\/|typeorm$|pg$|better-sqlite3$|reflect-metadata$)/.test(name))).toEqual([]);
    // The spreadsheet writers stay on the main thread: a worker that loaded them would start slowly for nothing.
    expect(loaded.filter((name) => /^(exceljs|jszip|csv-stringify)$/.test(name))).toEqual([]);
  });
});
