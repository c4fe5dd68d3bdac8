// @ts-check
/**
 * Renders a product's stored content in a process of its own (the determinism test of test/products.e2e-spec.ts):
 * reads the canonical JSON content from the file named by argv[2], renders it with src/products/product.pdf.ts
 * (compiled from source as Jest compiles it) and writes the PDF to the file named by argv[3].
 */
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { load } from '../../src/pdf/swc-require.mjs';

const [contentFile, outFile] = process.argv.slice(2);
// A clock of this process's own (FAKE_NOW): the bytes must not depend on it.
if (process.env.FAKE_NOW) {
  const fixed = Date.parse(process.env.FAKE_NOW);
  const RealDate = Date;
  class FixedDate extends RealDate {
    /** @param {...(string | number | Date)} args */
    constructor(...args) {
      // @ts-expect-error -- a Date made with no arguments is the fixed instant, one made with any is as asked
      super(...(args.length === 0 ? [fixed] : args));
    }

    /** @override */
    static now() {
      return fixed;
    }
  }
  globalThis.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (FixedDate));
}
if (!contentFile || !outFile) throw new Error('usage: render-product-process.mjs <content.json> <out.pdf>');
/** @type {unknown} */
const loaded = load(fileURLToPath(new URL('../../src/products/product.pdf.ts', import.meta.url)));
const renderer = /** @type {{ renderProductPdf(content: unknown): Promise<Buffer> }} */ (loaded);
writeFileSync(outFile, await renderer.renderProductPdf(JSON.parse(readFileSync(contentFile, 'utf8'))));
