/** Reads the rendered PDFs back with pdf-parse 2.4, text per page (test/support/errors-pdf-text.ts). */
import { createHash } from 'node:crypto';
import { extractPdfText as extractText, type ExtractedText } from '../../test/support/errors-pdf-text';
import { renderErrorReportPdf, toWinAnsi } from './error-report.pdf';
import {
  NOT_RECORDED,
  REPORT_FIELD_LABELS,
  REPORT_MARKING,
  REPORT_TITLE,
  type ErrorReportFieldKey,
  type ErrorReportFields,
  type ErrorReportHistoryRow,
  type ErrorReportView,
} from './error-report.view';

// ---- fixtures --------------------------------------------------------------------------------

const CREATION_DATE = new Date('2026-03-02T09:30:00Z');

/** Deterministic filler prose of about `words` words (no hyphens, so pdfkit only breaks at spaces). */
function prose(tag: string, words: number): string {
  const vocabulary =
    'the applicant entered the identifier into the workflow and the designated person approved the request ' +
    'before the single point of contact noticed that the returned subscriber details did not match the ' +
    'person under investigation so acquisition was stopped and the data was quarantined pending review';
  const pool = vocabulary.split(' ');
  const out: string[] = [tag];
  for (let i = 0; out.length < words; i += 1) {
    out.push(pool[(i * 7) % pool.length]);
    if (i % 23 === 22) out[out.length - 1] += '.';
  }
  out.push(`${tag}_END`);
  return out.join(' ');
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function historyRows(count: number): ErrorReportHistoryRow[] {
  const states = ['detected', 'classified', 'sroNotified', 'reportedToIpc', 'ipcoAssessing'];
  const rows: ErrorReportHistoryRow[] = [];
  let prevHash = '0'.repeat(64);
  for (let position = 1; position <= count; position += 1) {
    const hash = hashOf(`history-${count}-${position}`);
    rows.push({
      position,
      at: `2026-02-${String(1 + (position % 27)).padStart(2, '0')} 10:${String(position % 60).padStart(2, '0')}`,
      event: position === 1 ? 'errorDetected' : 'fieldsUpdated',
      actor: `DC ${position} (SPoC, Test Constabulary)`,
      fromState: position === 1 ? null : states[(position - 2) % states.length],
      toState: states[(position - 1) % states.length],
      hash,
      prevHash,
    });
    prevHash = hash;
  }
  return rows;
}

/** Every text field carries a distinctive token (`DESC-7f3a91`, …) at its start. */
function fixture(size: { textWords: number; historyRows: number; urns: number; timeline: number }): ErrorReportView {
  const text = (tag: string): string => (size.textWords <= 1 ? tag : prose(tag, size.textWords));
  const fields: ErrorReportFields = {
    errorDescription: text('DESC-7f3a91'),
    howItOccurred: text('HOW-2b8c44'),
    collateralIntrusion: text('COLL-9d1e07'),
    preventiveSteps: text('PREV-5a6b12'),
    dataDestructionConfirmed: true,
    dataDestroyedAt: 'DESTROYED-2026-02-03 11:00',
    actionTakenOnData: text('ACT-3c4d88'),
    cspInformed: false,
    cspNotInformedReason: text('NOTINF-8e2f61'),
    excessDataDetails: text('EXCESS-1f0a5c'),
    discoveredAt: 'DISC-2026-02-01 09:15',
    establishedAt: 'EST-2026-02-02 14:00',
    reportedAt: 'REP-2026-02-05 16:30',
    reportedBy: 'REPBY-DS Jane Example (SPoC)',
    sroSightedAt: 'SRO-2026-02-04 08:45',
    authoriserReview: text('AUTHREV-6b7c29'),
  };
  return {
    errorId: 'ERR-2026-000042',
    authorityName: 'Test Constabulary',
    status: 'reportedToIpc',
    kind: 'relevantError',
    causeCode: 'incorrectIdentifier',
    responsibleParty: 'applicant',
    isIpRelated: true,
    linkedUrns: Array.from({ length: size.urns }, (_, i) => `TC/CD/2026/${String(1001 + i).padStart(6, '0')}`),
    linkedDisclosureRequestIds: Array.from({ length: size.urns }, (_, i) => `DR-${hashOf(`dr${i}`).slice(0, 12)}`),
    fields,
    reportDueAt: '2026-02-16',
    agreedDueAt: null,
    timeline: Array.from({ length: size.timeline }, (_, i) => ({
      at: `2026-02-0${1 + (i % 9)} 1${i % 10}:00`,
      label: `TIMELINE-${i + 1} step recorded`,
    })),
    history: historyRows(size.historyRows),
    generatedAt: '2026-03-02 09:30',
    generatedBy: 'GENBY-PC Sam Tester',
  };
}

const FIXTURES: { name: string; pages: number; view: ErrorReportView }[] = [
  { name: '1-page', pages: 1, view: fixture({ textWords: 1, historyRows: 2, urns: 1, timeline: 3 }) },
  { name: '2-page', pages: 2, view: fixture({ textWords: 30, historyRows: 6, urns: 2, timeline: 4 }) },
  { name: '20-page', pages: 20, view: fixture({ textWords: 700, historyRows: 215, urns: 12, timeline: 20 }) },
];

// ---- helpers ---------------------------------------------------------------------------------

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
const count = (text: string, needle: string): number => text.split(needle).length - 1;

/** The body text of the document: each page without its stamped header/footer lines, joined. */
function bodyText(extracted: ExtractedText): string {
  const stamp = /^(OFFICIAL-SENSITIVE|Page \d+ of \d+)$/;
  return squash(
    extracted.pages
      .map((page) =>
        page.text
          .split('\n')
          .filter((line) => !stamp.test(line.trim()))
          .join('\n'),
      )
      .join('\n'),
  );
}

// ---- tests -----------------------------------------------------------------------------------

describe('renderErrorReportPdf', () => {
  describe.each(FIXTURES)('$name report', ({ pages, view }) => {
    let pdf: Buffer;
    let extracted: ExtractedText;

    beforeAll(async () => {
      pdf = await renderErrorReportPdf(view, { creationDate: CREATION_DATE });
      extracted = await extractText(pdf);
    });

    it(`has ${pages} page(s), each marked ${REPORT_MARKING} in header and footer and numbered`, () => {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(extracted.total).toBe(pages);
      expect(extracted.pages.map((page) => page.num)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
      for (const page of extracted.pages) {
        const lines = page.text.split('\n').map((line) => line.trim());
        expect(lines.filter((line) => line === REPORT_MARKING).length).toBeGreaterThanOrEqual(2);
        expect(count(page.text, REPORT_MARKING)).toBeGreaterThanOrEqual(2);
        expect([...page.text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => m[0])).toEqual([
          `Page ${page.num} of ${pages}`,
        ]);
      }
    });

    it('contains the title, the identification block and every §4.3 field with its label and value', () => {
      const text = bodyText(extracted);
      expect(text).toContain(REPORT_TITLE);
      for (const value of [view.errorId, view.authorityName, view.causeCode, view.responsibleParty, view.reportDueAt]) {
        expect(text).toContain(value);
      }
      expect(text).toContain('Relevant error (IPA 2016 s.231(9))');
      expect(text).toMatch(/IP address related Yes/);
      expect(text).toMatch(/Agreed due date Not recorded/);
      for (const urn of view.linkedUrns) expect(text).toContain(urn);
      for (const id of view.linkedDisclosureRequestIds) expect(text).toContain(id);

      for (const { key, label } of REPORT_FIELD_LABELS) {
        expect(text).toContain(label);
        const value = view.fields[key];
        if (typeof value === 'string') expect(text).toContain(squash(value));
      }
      expect(text).toMatch(/Data destruction confirmed Yes/);
      expect(text).toMatch(/Operator \(CSP\) informed No/);
      expect(text).toContain(`Generated by ${view.generatedBy} at ${view.generatedAt}.`);
    });

    it('contains the timeline and every history row with its full hash and prev hash', () => {
      const text = bodyText(extracted);
      for (const entry of view.timeline) expect(text).toContain(`${entry.at} ${entry.label}`);
      for (const row of view.history) {
        expect(text).toContain(`${row.position}. ${row.at} ${row.event}`);
        expect(text).toContain(`Actor: ${row.actor} State: ${row.fromState ?? '(none)'} -> ${row.toState}`);
        expect(text).toContain(`hash ${row.hash}`);
        expect(text).toContain(`prev hash ${row.prevHash}`);
      }
    });

    it('is byte-identical for the same creation date and differs for another', async () => {
      const again = await renderErrorReportPdf(view, { creationDate: new Date(CREATION_DATE.getTime()) });
      expect(again.equals(pdf)).toBe(true);
      const later = await renderErrorReportPdf(view, { creationDate: new Date('2026-03-02T09:30:01Z') });
      expect(later.equals(pdf)).toBe(false);
    });
  });

  it('prints null values as "Not recorded" and booleans as Yes/No', async () => {
    const base = fixture({ textWords: 1, historyRows: 1, urns: 0, timeline: 0 });
    const fields = Object.fromEntries(REPORT_FIELD_LABELS.map(({ key }) => [key, null])) as Record<
      ErrorReportFieldKey,
      null
    >;
    const view: ErrorReportView = { ...base, kind: null, isIpRelated: false, fields, reportDueAt: null };
    const text = bodyText(await extractText(await renderErrorReportPdf(view, { creationDate: CREATION_DATE })));
    for (const { label } of REPORT_FIELD_LABELS) expect(text).toContain(`${label} ${NOT_RECORDED}`);
    expect(text).toContain('Classification Not yet classified');
    expect(text).toContain('IP address related No');
    expect(text).toContain('Authorisation/notice URNs None');
    expect(text).toContain('No timeline entries.');
  });

  it('writes the fixed dates and producer into the info dictionary, with no PDFKit defaults', async () => {
    const pdf = await renderErrorReportPdf(FIXTURES[0].view, { creationDate: CREATION_DATE });
    const raw = pdf.toString('latin1');
    // pdfkit 0.20 writes each info value as an indirect object: `/CreationDate 12 0 R` … `12 0 obj\n(D:…)`.
    const infoValue = (key: string): string | undefined => {
      const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw)?.[1];
      return ref === undefined ? undefined : new RegExp(`\\n${ref} 0 obj\\n\\(([^)]*)\\)`).exec(raw)?.[1];
    };
    expect(infoValue('CreationDate')).toBe('D:20260302093000Z');
    expect(infoValue('ModDate')).toBe('D:20260302093000Z');
    expect(infoValue('Producer')).toBe('cd-workflow');
    expect(infoValue('Creator')).toBe('cd-workflow');
    expect(raw).toContain(`(${REPORT_TITLE} \\(ERR-2026-000042\\))`);
    expect(raw).not.toContain('PDFKit');
    expect(raw).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('rejects an invalid creation date', async () => {
    await expect(renderErrorReportPdf(FIXTURES[0].view, { creationDate: new Date('not a date') })).rejects.toThrow(
      TypeError,
    );
  });

  it('keeps text outside the standard fonts printable', async () => {
    expect(toWinAnsi('Łódź → Zoë\r\n€ “q” 日本')).toBe('Lódz -> Zoë\n€ “q” ??');
    const view: ErrorReportView = { ...FIXTURES[0].view, authorityName: 'Łódź → Police' };
    const text = bodyText(await extractText(await renderErrorReportPdf(view, { creationDate: CREATION_DATE })));
    expect(text).toContain('Lódz -> Police');
  });
});
