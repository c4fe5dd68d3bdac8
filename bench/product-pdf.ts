/**
 * The product PDF cases of `npm run bench` (bench/cases.ts), both measured in this process against a
 * baseline of the same run, so that a shared, noisy machine moves both sides alike:
 *
 * - `product-pdf-throughput`: product PDFs per second of the service's renderer (`renderProductPdf`: the
 *   kit's writer and tables, the summary page with its chart, the stamps) for a 200-row call-records product
 *   ÷ PDFs per second of a bare pdfkit document holding the same text and the same table cells, written
 *   directly (one `doc.text` per line and per cell, no measuring, no summary). Both on this thread, in
 *   alternating slices of a fraction of a second each, so that a change in a shared machine's load falls
 *   on both sides alike. What it shows is what the kit's care (printable text, long tokens broken
 *   before pdfkit sees them, rows kept whole, headers repeated, marking and caveat on every page) and the
 *   summary page cost on top of pdfkit's own layout.
 * - `product-pdf-event-loop-delay`: the main thread's event-loop delay p99 while 2,000-row call-records
 *   products render through `createProductPdfPool()`, ÷ the idle p99 of a spell of the same length
 *   (bench/event-loop.ts).
 *
 * Both import the service's code from its build (bench/ compiles beside src/ into dist/), so they time what
 * `npm start` runs.
 */
import PDFDocument from 'pdfkit';
import { PDF_FONTS, PDF_MARGINS } from '../src/pdf/pdf-document';
import { londonTime } from '../src/pdf/plain-english';
import type { ProductContent } from '../src/products/product-content';
import { RECORD_TABLES } from '../src/products/product-record-tables';
import { renderProductPdf } from '../src/products/product.pdf';
import { createProductPdfPool } from '../src/products/product.worker';
import { callRecordProduct } from '../test/support/product-content-fixture';
import { poolEventLoopBench, type EventLoopBench, type RatioOptions } from './event-loop';
import { collectGarbage, type RatioBench } from './returns-throughput';

/** Rows of the call-records product the throughput case renders. */
export const THROUGHPUT_ROWS = 200;
/** Rows of the call-records product the event-loop case renders. */
export const EVENT_LOOP_ROWS = 2_000;
/** Wall time each side of a throughput pair aims at (the number of renders is set from a timed one). */
const SIDE_MS = 1_500;

const TABLE_GAP = 8;
const TABLE_SIZE = 7.5;

/**
 * The same content as a bare pdfkit document: the lines of text the product prints, then each record type's
 * table, one `doc.text` per cell in the same columns, a new page when the next row would pass the foot, and
 * on every page the marking, the caveat and "Page x of y" at head and foot. Those lines are text every
 * product page carries (docs/law.md §5), and pdfkit can only number "of y" on pages it has kept open
 * (`bufferPages`) until the body is done, as the kit does.
 */
export function renderBareProductPdf(content: ProductContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...PDF_MARGINS },
    font: PDF_FONTS.regular,
    bufferPages: true,
    info: { Title: content.urn, CreationDate: new Date(content.issuedAt), ModDate: new Date(content.issuedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = PDF_MARGINS.left;
  const width = doc.page.width - PDF_MARGINS.left - PDF_MARGINS.right;
  doc.fontSize(9);
  for (const line of textLines(content)) doc.text(line, left, doc.y, { width });

  for (const [recordType, spec] of Object.entries(RECORD_TABLES)) {
    const rows = content.records.filter((r) => r.recordType === recordType);
    if (rows.length === 0) continue;
    const total = spec.columns.reduce((sum, c) => sum + c.weight, 0);
    const usable = width - TABLE_GAP * (spec.columns.length - 1);
    let x = left;
    const columns = spec.columns.map((c) => {
      const column = { header: c.header, x, width: (usable * c.weight) / total };
      x += column.width + TABLE_GAP;
      return column;
    });
    const drawRow = (cells: readonly string[]) => {
      const top = doc.y;
      let bottom = top;
      cells.forEach((cell, i) => {
        doc.text(cell, columns[i].x, top, { width: columns[i].width });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 3;
    };
    doc.fontSize(TABLE_SIZE);
    drawRow(columns.map((c) => c.header));
    for (const record of rows) {
      if (doc.y + 30 > doc.page.maxY()) {
        doc.addPage();
        drawRow(columns.map((c) => c.header));
      }
      drawRow(spec.cells(record, String(record.rowNumber)));
      for (const flag of record.acceptedFlags) doc.text(`Accepted by the SPOC although it failed a check: ${flag}`, left, doc.y, { width });
    }
  }
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.fontSize(8);
    for (const [text, y] of [
      [content.marking, 26],
      [content.handlingCaveat, 39],
      [content.handlingCaveat, doc.page.height - 62],
      [content.marking, doc.page.height - 52],
      [`Page ${i - start + 1} of ${count}`, doc.page.height - 38],
    ] as const) {
      doc.text(text, left, y, { lineBreak: false });
    }
  }
  doc.end();
  return done;
}

/** The product's text outside the tables, one line each, as plain strings. */
function textLines(content: ProductContent): string[] {
  const a = content.authorisation;
  return [
    `Communications data product ${content.urn}`,
    content.handlingCaveat,
    `Authorisation ${a.route ?? ''}; office ${a.authoriserOffice ?? ''}; decided ${a.decidedAt ?? ''}; valid ${a.validFrom ?? ''} to ${a.validUntil ?? ''}; purpose ${a.statutoryPurpose ?? ''}`,
    ...content.requests.flatMap((r) => [
      `Request sent ${r.sentAt ?? ''}, returned ${r.returnedAt ?? ''}`,
      ...r.items.map((i) => `${i.identifier} ${i.identifierType} ${i.category} ${i.subtype} ${londonTime(i.periodStart)} to ${londonTime(i.periodEnd)} ${i.timeZone ?? ''}`),
      ...r.returns.map((ret) => `Return ${ret.fileName} received ${londonTime(ret.receivedAt)}, ${ret.rowCount} rows, SHA-256 ${ret.sha256}`),
    ]),
    `Checked by ${content.verification.by.displayName} at ${londonTime(content.verification.at)}`,
    ...content.verification.checks.map((c) => `${c.returnId} ${c.code} ${c.result} ${c.rowCount} ${c.reason ?? ''}`),
    ...content.caveats,
    `Issued at ${londonTime(content.issuedAt)} by ${content.issuedBy.displayName}; product ${content.productNumber} (${content.productId})`,
  ];
}

/** Time and CPU time spent rendering, and PDFs rendered, summed over the slices of one repetition. */
interface Tally {
  pdfs: number;
  seconds: number;
  cpuSeconds: number;
}

/** Renders `count` PDFs one after another, adding them to `tally`. */
async function renderInto(tally: Tally, render: () => Promise<Buffer>, count: number): Promise<void> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i += 1) {
    const pdf = await render();
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('a PDF did not render');
  }
  const used = process.cpuUsage(cpu);
  tally.pdfs += count;
  tally.seconds += Number(process.hrtime.bigint() - start) / 1e9;
  tally.cpuSeconds += (used.user + used.system) / 1e6;
}

/** Slices of each side per repetition, alternating: a change in the machine's load falls on both sides alike. */
const SLICES = 6;

/** `product-pdf-throughput`: product PDFs/s ÷ bare pdfkit PDFs/s for a call-records product of `rows` rows. */
export function productPdfThroughputBench(rows = THROUGHPUT_ROWS): RatioBench {
  const content = callRecordProduct(rows);
  const product = () => renderProductPdf(content);
  const bare = () => renderBareProductPdf(content);
  /** Renders per slice of each side, set in `prepare` so that a slice takes about SIDE_MS / SLICES. */
  let perSlice = { product: 1, bare: 1 };
  let turn = 0;
  return {
    async prepare() {
      // Untimed renders so the JIT has optimised both paths, then one timed slice each to size the slices.
      for (let i = 0; i < 5; i += 1) {
        await product();
        await bare();
      }
      const probe = { product: { pdfs: 0, seconds: 0, cpuSeconds: 0 }, bare: { pdfs: 0, seconds: 0, cpuSeconds: 0 } };
      await renderInto(probe.product, product, 3);
      await renderInto(probe.bare, bare, 3);
      const count = (t: Tally) => Math.max(1, Math.round((t.pdfs / t.seconds) * (SIDE_MS / 1000 / SLICES)));
      perSlice = { product: count(probe.product), bare: count(probe.bare) };
    },
    async measure() {
      const tally = { product: { pdfs: 0, seconds: 0, cpuSeconds: 0 }, bare: { pdfs: 0, seconds: 0, cpuSeconds: 0 } };
      for (let slice = 0; slice < SLICES; slice += 1) {
        // Collected before each slice: neither side pays for the other's garbage.
        const productFirst = (turn++ % 2) === 0;
        for (const side of productFirst ? (['product', 'bare'] as const) : (['bare', 'product'] as const)) {
          collectGarbage();
          await renderInto(tally[side], side === 'product' ? product : bare, perSlice[side]);
        }
      }
      const rate = (t: Tally) => t.pdfs / t.seconds;
      const cpuRate = (t: Tally) => t.pdfs / t.cpuSeconds;
      return {
        ratio: rate(tally.product) / rate(tally.bare),
        details: {
          rows,
          productPdfsPerSec: rate(tally.product),
          barePdfsPerSec: rate(tally.bare),
          productPdfs: tally.product.pdfs,
          barePdfs: tally.bare.pdfs,
          // The same quotient from CPU time: it moves far less with the load of a shared machine.
          cpuRatio: cpuRate(tally.product) / cpuRate(tally.bare),
        },
      };
    },
    finish: () => Promise.resolve(),
  };
}

/** `product-pdf-event-loop-delay`: 2,000-row call-records products rendered through the service's product pool. */
export function productEventLoopBench(options: RatioOptions, rows = EVENT_LOOP_ROWS): EventLoopBench {
  return poolEventLoopBench(options, createProductPdfPool(), { content: callRecordProduct(rows) });
}
