/**
 * `npm run artifacts` (not part of `npm test`): the first page of each kind of PDF the service makes, as a PNG
 * in test-artifacts/, for a reviewer to look at (docs/products.md §8). Each PDF is made through the real API on
 * a real database, as in the e2e specs: an intelligence and an evidential product from the sample returns of
 * test/fixtures/returns, the application's whole record, and an error's report to the IPC. The PDFs are kept
 * beside the PNGs.
 *
 * The pages are drawn by `pdftoppm` from Debian's poppler-utils, installed with apt-get when it is missing and
 * the run may install packages; otherwise the PNGs are skipped with a message saying so, and the PDFs stay.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from './support/errors-report-fixture';
import { checkedAcquisition, issued, pdfBytes } from './support/products-http';
import { cspIds } from './support/returns-http';
import { createTestApp, type TestApp } from './support/test-app';

const OUT = join(__dirname, '..', 'test-artifacts');

/** Whether `pdftoppm` can be run, installing poppler-utils with apt-get if it may; the reason when it cannot. */
function pdftoppm(): { ok: true } | { ok: false; why: string } {
  const found = () => spawnSync('pdftoppm', ['-v']).error === undefined;
  if (found()) return { ok: true };
  if (process.getuid?.() !== 0) return { ok: false, why: 'pdftoppm is missing and only root may install poppler-utils (apt-get install poppler-utils)' };
  for (const args of [['install', '-y', 'poppler-utils'], ['update'], ['install', '-y', 'poppler-utils']]) {
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (found()) return { ok: true };
  }
  return { ok: false, why: 'apt-get could not install poppler-utils' };
}

describe('artifacts: the first page of each kind of PDF, as a PNG', () => {
  let t: TestApp;
  const made: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(() => t.close());

  const keep = (name: string, bytes: Buffer) => {
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(join(OUT, `${name}.pdf`), bytes);
    made.push(name);
  };

  it('makes each kind of PDF through the API', async () => {
    const acquisition = await checkedAcquisition(t, await cspIds(t));
    const intelligence = await issued(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' });
    keep('product-intelligence', (await pdfBytes(t, `/products/${intelligence.id}/pdf`)).bytes);
    const evidential = await issued(t, acquisition.app.id, { kind: 'final', handling: 'evidential', exhibitReference: 'PS/1' });
    keep('product-evidential', (await pdfBytes(t, `/products/${evidential.id}/pdf`)).bytes);
    keep('application-record', (await pdfBytes(t, `/applications/${acquisition.app.id}/record.pdf`)).bytes);
    const report = await buildReport(t, 'ART1', { textChars: 400, extraEdits: 0, mode: 'oneEdit' });
    keep('error-report', (await pdfBytes(t, `/errors/${report.entry.id}/report.pdf`)).bytes);
    // The statistics return of the year all of the above happened in, as the SRO reads it at its end.
    t.clock.set('2026-12-31T12:00:00.000Z');
    keep('statistics-return', (await pdfBytes(t, '/returns/statistics?from=2026-01-01&to=2026-12-31&format=pdf', 'sro')).bytes);
  });

  it('draws the first page of each as a PNG with pdftoppm, or says why it cannot', () => {
    const tool = pdftoppm();
    if (!tool.ok) {
      console.log(`PNGs skipped: ${tool.why}. The PDFs are in ${OUT}.`);
      return;
    }
    for (const name of made) {
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(OUT, `${name}.pdf`), join(OUT, name)]);
      expect(existsSync(join(OUT, `${name}.png`))).toBe(true);
    }
    console.log(`First pages written to ${OUT}: ${made.map((name) => `${name}.png`).join(', ')}`);
  });
});
