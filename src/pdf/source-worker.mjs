// @ts-check
/**
 * Loads a TypeScript worker module from source, for runs that execute src/ as TypeScript: Jest compiles
 * each file with @swc/jest as it is required, but a worker thread is plain Node outside Jest's module
 * system and can only load JavaScript (docs/architecture.md §10, PDF). This file is what piscina's worker
 * loads there (worker-pool.ts chooses it when no compiled `.js` sits beside the worker module): it
 * teaches `require` to compile `.ts` files with @swc/core, using the options of jest.config.js, then
 * loads the module named in `workerData.source` and exports its default export.
 *
 * The build (`tsc -b tsconfig.build.json`) does not emit this file: under dist/ the worker module is
 * compiled JavaScript and is loaded directly, and @swc/core (a development dependency) is not needed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';
import { transformSync } from '@swc/core';

/** @typedef {NodeJS.Module & { _compile(code: string, filename: string): void }} CompilableModule */

const load = createRequire(import.meta.url);

/** The same compilation as jest.config.js: TypeScript with legacy decorators, to CommonJS. */
const SWC_OPTIONS = /** @type {const} */ ({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

/**
 * @param {NodeJS.Module} module
 * @param {string} filename
 */
load.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...SWC_OPTIONS, filename });
  /** @type {CompilableModule} */ (module)._compile(code, filename);
};

/**
 * @param {unknown} data
 * @returns {string}
 */
function sourceOf(data) {
  if (typeof data === 'object' && data !== null && 'source' in data && typeof data.source === 'string') return data.source;
  throw new TypeError('source-worker.mjs: workerData.source must name the TypeScript worker module');
}

/** @type {unknown} */
const worker = load(sourceOf(workerData));

export default typeof worker === 'object' && worker !== null && 'default' in worker ? worker.default : worker;
