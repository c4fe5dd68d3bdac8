// @ts-check
/**
 * A `require` that compiles `.ts` files with @swc/core, using the options of jest.config.js, for code that runs
 * src/ as TypeScript outside Jest's module system: a worker thread (source-worker.mjs) or a child process a
 * test starts (docs/architecture.md §14). Development only: the build does not emit it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { transformSync } from '@swc/core';

/** @typedef {NodeJS.Module & { _compile(code: string, filename: string): void }} CompilableModule */

export const load = createRequire(import.meta.url);

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
