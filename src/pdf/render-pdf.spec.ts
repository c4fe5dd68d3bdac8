/** The PDF kit end to end: rendered documents read back with pdf-parse (test/support/errors-pdf-text.ts). */
import { extractPdfText, type ExtractedText } from '../../test/support/errors-pdf-text';
import { drawTable } from './pdf-table';
import { renderPdf, type RenderPdfOptions } from './render-pdf';

const MARKING = 'OFFICIAL-SENSITIVE';
const OPTIONS: RenderPdfOptions = {
  title: 'Kit sample',
  subject: MARKING,
  marking: MARKING,
  creationDate: new Date('2026-03-02T09:30:00Z'),
};

const lines = (text: string): string[] => text.split('\n').map((line) => line.trim());
const withoutSpace = (text: string): string => text.replace(/\s+/g, '');

/** A document that runs over several pages: paragraphs, fields and a long table. */
function sample(): Promise<Buffer> {
  return renderPdf(OPTIONS, (w) => {
    w.title('Kit sample', 'A subtitle in grey.');
    w.heading('1. Fields');
    w.field('Short', 'A value.');
    w.field('Missing', 'Not recorded', { mutedValue: true });
    w.heading('2. Table');
    drawTable(w, {
      columns: [
        { header: 'Row', weight: 1 },
        { header: 'Text', weight: 4 },
      ],
      rows: Array.from({ length: 120 }, (_, i) => ({ cells: [`R${i + 1}`, `Cell text of row ${i + 1}`], notes: [`Note ${i + 1}`] })),
    });
  });
}

describe('renderPdf', () => {
  let pdf: Buffer;
  let extracted: ExtractedText;

  beforeAll(async () => {
    pdf = await sample();
    extracted = await extractPdfText(pdf);
  });

  it('marks every page in its header and footer and numbers it "Page x of y"', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(extracted.total).toBeGreaterThanOrEqual(3);
    for (const page of extracted.pages) {
      expect({ page: page.num, markings: lines(page.text).filter((line) => line === MARKING).length }).toEqual({ page: page.num, markings: 2 });
      expect([...page.text.matchAll(/Page \d+ of \d+/g)].map((m) => m[0])).toEqual([`Page ${page.num} of ${extracted.total}`]);
    }
  });

  it('repeats the table header on every page the table runs onto and keeps each row with its notes', () => {
    const tablePages = extracted.pages.filter((page) => /\bR\d+\b/.test(page.text));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) expect(lines(page.text)).toContain('Row Text');
    for (let i = 1; i <= 120; i += 1) {
      const page = extracted.pages.find((p) => lines(p.text).includes(`R${i} Cell text of row ${i}`));
      expect({ row: i, noteOnSamePage: page !== undefined && lines(page.text).includes(`Note ${i}`) }).toEqual({ row: i, noteOnSamePage: true });
    }
  });

  it('is byte-identical for the same content and creation date, and differs for another date', async () => {
    expect((await sample()).equals(pdf)).toBe(true);
    const later = await renderPdf({ ...OPTIONS, creationDate: new Date('2026-03-02T09:30:01Z') }, (w) => w.title('Kit sample'));
    const same = await renderPdf(OPTIONS, (w) => w.title('Kit sample'));
    expect(later.equals(same)).toBe(false);
  });

  it('writes the fixed dates and its own producer into the info dictionary, with no pdfkit default', () => {
    const raw = pdf.toString('latin1');
    // pdfkit 0.20 writes each info value as an indirect object: `/CreationDate 12 0 R` … `12 0 obj\n(D:…)`.
    const infoValue = (key: string): string | undefined => {
      const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw)?.[1];
      return ref === undefined ? undefined : new RegExp(`\\n${ref} 0 obj\\n\\(([^)]*)\\)`).exec(raw)?.[1];
    };
    expect(infoValue('CreationDate')).toBe('D:20260302093000Z');
    expect(infoValue('ModDate')).toBe('D:20260302093000Z');
    expect(infoValue('Producer')).toBe('cd-workflow');
    expect(infoValue('Title')).toBe('Kit sample');
    expect(raw).not.toContain('PDFKit');
    expect(raw).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('prints text outside the standard fonts as its nearest printable form', async () => {
    const text = await extractPdfText(await renderPdf(OPTIONS, (w) => w.paragraph('Łódź → Police, Zoë, 日本')));
    expect(text.pages[0].text).toContain('Lódz -> Police, Zoë, ??');
  });

  it('rejects an invalid creation date and a body that throws', async () => {
    await expect(renderPdf({ ...OPTIONS, creationDate: new Date('not a date') }, () => undefined)).rejects.toThrow(TypeError);
    await expect(
      renderPdf(OPTIONS, () => {
        throw new Error('body failed');
      }),
    ).rejects.toThrow('body failed');
  });

  describe('with a handling caveat', () => {
    const CAVEAT = 'Intelligence only: not to be disclosed without the SPOC';

    it('prints it, smaller, under the marking at the head and over it at the foot of every page', async () => {
      const text = await extractPdfText(await renderPdf({ ...OPTIONS, caveat: CAVEAT }, (w) => {
        w.title('Kit sample');
        drawTable(w, { columns: [{ header: 'Row', weight: 1 }], rows: Array.from({ length: 120 }, (_, i) => ({ cells: [`R${i + 1}`] })) });
      }));
      expect(text.total).toBeGreaterThanOrEqual(2);
      for (const page of text.pages) {
        const stamped = lines(page.text).filter((line) => line === MARKING || line === CAVEAT || /^Page \d+ of \d+$/.test(line));
        expect(stamped).toEqual([MARKING, CAVEAT, CAVEAT, MARKING, `Page ${page.num} of ${text.total}`]);
      }
    });

    it('sets a long caveat smaller, and cuts one too long for its line with an ellipsis', async () => {
      const long = `${'Handle with care and tell the SPOC before any use of this data '.repeat(4)}END`;
      const text = await extractPdfText(await renderPdf({ ...OPTIONS, caveat: long }, (w) => w.title('Kit sample')));
      const stamped = lines(text.pages[0].text).filter((line) => line.startsWith('Handle with care'));
      expect(stamped).toHaveLength(2);
      for (const line of stamped) expect({ ellipsis: line.endsWith('…'), end: line.includes('END') }).toEqual({ ellipsis: true, end: false });
    });

    it('changes nothing when there is none, or it is empty', async () => {
      const draw = (w: Parameters<Parameters<typeof renderPdf>[1]>[0]) => w.title('Kit sample');
      const without = await renderPdf(OPTIONS, draw);
      expect((await renderPdf({ ...OPTIONS, caveat: undefined }, draw)).equals(without)).toBe(true);
      expect((await renderPdf({ ...OPTIONS, caveat: ' ' }, draw)).equals(without)).toBe(true);
      expect(lines((await extractPdfText(without)).pages[0].text).filter((line) => line !== '')).toEqual(['Kit sample', MARKING, MARKING, 'Page 1 of 1']);
    });
  });

  describe('text with no spaces', () => {
    const TOKEN = Array.from({ length: 20_000 }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[(i * 7) % 36]).join('');

    /** A paragraph, a field value and a table cell, each one 20,000-character token. */
    const render = () =>
      renderPdf(OPTIONS, (w) => {
        w.paragraph(`P${TOKEN}`);
        w.field('Field', `F${TOKEN}`);
        drawTable(w, { columns: [{ header: 'Narrow', weight: 1 }, { header: 'Wide', weight: 3 }], rows: [{ cells: ['short', `T${TOKEN}`] }] });
      });

    it('is broken into lines that fit, and reads back whole', async () => {
      const text = await extractPdfText(await render());
      const body = withoutSpace(text.pages.map((p) => p.text.replaceAll(MARKING, '').replace(/Page \d+ of \d+/g, '')).join(''));
      // Booleans, not the strings: a failure should not print 60,000 characters.
      expect({ paragraph: body.includes(`P${TOKEN}`), field: body.includes(`F${TOKEN}`) }).toEqual({ paragraph: true, field: true });
      // The table keeps a row on one page, so a cell taller than a page is cut short with an ellipsis.
      expect({ cellStart: body.includes(`shortT${TOKEN.slice(0, 2_000)}`), ellipsis: body.includes('…') }).toEqual({
        cellStart: true,
        ellipsis: true,
      });
    });

    it('renders in a fraction of a second, not the seconds pdfkit takes to split such a word itself', async () => {
      await render();
      const start = performance.now();
      await render();
      // Unbroken, pdfkit took over a second for each of these three on the machines this was written on.
      expect(performance.now() - start).toBeLessThan(1_000);
    });
  });
});
