// @ts-check
/**
 * Loads a TypeScript worker module from source, for runs that execute src/ as TypeScript: Jest compiles
 * each file with @swc/jest as it is required, but a worker thread is plain Node outside Jest's module
 * system and can only load JavaScript (docs/architecture.md §10, PDF). This file is what piscina's worker
 * loads there (worker-pool.ts chooses it when no compiled `.js` sits beside the worker module): it
 * uses the `require` of swc-require.mjs, which compiles `.ts` files with @swc/core as Jest does, to
 * load the module named in `workerData.source`, and exports its default export.
 *
 * The build (`tsc -b tsconfig.build.json`) does not emit this file: under dist/ the worker module is
 * compiled JavaScript and is loaded directly, and @swc/core (a development dependency) is not needed.
 */
import { workerData } from 'node:worker_threads';
import { load } from './swc-require.mjs';

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
