/** Reads the rendered PDFs back with pdf-parse 2.4, text per page (test/support/errors-pdf-text.ts). */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { bodyText, extractPdfText as extractText, squash, type ExtractedText } from '../../test/support/errors-pdf-text';
import {
  WORST_CASE_CODES,
  WORST_CASE_READS,
  worstCaseErrorReportView,
  worstCaseReportText,
  NO_IPC_EXCHANGE,
} from '../../test/support/errors-report-worst-case';
import { formatLondonDateTime } from '../workflow/london-time';
import { REPORT_TEXT_FIELDS, REPORT_TEXT_LIMITS } from './cd-error.limits';
import { HISTORY_COLUMNS, renderErrorReportPdf } from './error-report.pdf';
import {
  NOT_RECORDED,
  REPORT_FIELD_FORMATS,
  REPORT_FIELD_LABELS,
  REPORT_MARKING,
  REPORT_TITLE,
  type ErrorReportFieldKey,
  type ErrorReportFields,
  type ErrorReportHistoryRow,
  type ErrorReportView,
} from './error-report.view';
import { createErrorReportPdfPool } from './error-report.worker';

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

/** created, edits, then ASSESS, SIGHT, REPORT_TO_IPC at the end; each an hour after the last. */
function historyRows(count: number): ErrorReportHistoryRow[] {
  const steps: [string, string | null, string][] = [['created', null, 'recorded']];
  while (steps.length < count - 3) steps.push(['edited', 'recorded', 'recorded']);
  steps.push(['ASSESS', 'recorded', 'assessed'], ['SIGHT', 'assessed', 'sroSighted'], ['REPORT_TO_IPC', 'sroSighted', 'reportedToIpc']);
  let prevHash = '0'.repeat(64);
  return steps.slice(-count).map(([event, fromState, toState], i) => {
    const hash = hashOf(`history-${count}-${i}`);
    const row = {
      position: i + 1,
      at: new Date(Date.parse('2026-02-01T10:00:00.000Z') + i * 3_600_000).toISOString(),
      event,
      actor: `DC ${i + 1}`,
      fromState,
      toState,
      hash,
      prevHash,
    };
    prevHash = hash;
    return row;
  });
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
    dataDestroyedAt: '2026-02-03T11:00:00+00:00',
    actionTakenOnData: text('ACT-3c4d88'),
    cspInformed: false,
    cspNotInformedReason: text('NOTINF-8e2f61'),
    excessDataDetails: text('EXCESS-1f0a5c'),
    dataWronglyObtained: text('AMOUNT-4e5f70'),
    dataDisposal: 'quarantinedPendingIpc',
    occurredAt: '2026-01-31T18:00:00+00:00',
    discoveredAt: '2026-02-01T09:15:00+00:00',
    establishedAt: '2026-02-02T14:00:00+00:00',
    reportedAt: '2026-02-05T16:30:00.000Z',
    reportedBy: 'REPBY-DS Jane Example (SPoC)',
    sroSightedAt: '2026-02-04T08:45:00.000Z',
    authoriserReview: text('AUTHREV-6b7c29'),
  };
  return {
    errorId: 'ERR-2026-000042',
    authorityName: 'Test Constabulary',
    status: 'reportedToIpc',
    kind: 'relevantError',
    causeCode: 'incorrectIdentifier',
    responsibleParty: 'telecomsOperator',
    isIpRelated: true,
    linkedUrns: Array.from({ length: size.urns }, (_, i) => `TC/CD/2026/${String(1001 + i).padStart(6, '0')}`),
    linkedDisclosureRequestIds: Array.from({ length: size.urns }, (_, i) => `DR-${hashOf(`dr${i}`).slice(0, 12)}`),
    fields,
    reportDueAt: '2026-02-16T23:59:59.999Z',
    agreedDueAt: null,
    reportedLate: false,
    initialNotification: {
      whatIsKnown: text('KNOWN-0a1b2c'),
      whyFullReportNotReady: text('NOTREADY-3d4e5f'),
      fullReportExpectedBy: '2026-02-20T17:00:00.000Z',
      madeAt: '2026-02-04T09:00:00.000Z',
      madeBy: 'MADEBY-Ch Supt Example',
    },
    ipc: {
      response: 'seriousErrorInvestigation',
      reference: 'IPC-SEI-77',
      submissionsRequestedAt: '2026-02-10T09:00:00.000Z',
      submissionsDueBy: null,
      submissions: text('SUBMIT-6a7b8c'),
      submissionsMadeAt: '2026-02-12T12:00:00.000Z',
      seriousError: null,
      personInformed: null,
      determinationNotes: null,
      investigationOutcome: null,
    },
    timeline: Array.from({ length: size.timeline }, (_, i) => ({
      at: new Date(Date.parse('2026-02-01T10:00:00.000Z') + i * 86_400_000).toISOString(),
      label: `TIMELINE-${i + 1} step recorded`,
    })),
    history: historyRows(size.historyRows),
    generatedAt: '2026-03-02T09:30:00.000Z',
    generatedBy: 'GENBY-PC Sam Tester',
  };
}

const FIXTURES: { name: string; pages: number; view: ErrorReportView }[] = [
  { name: 'short', pages: 2, view: fixture({ textWords: 1, historyRows: 4, urns: 1, timeline: 3 }) },
  { name: 'medium', pages: 2, view: fixture({ textWords: 30, historyRows: 8, urns: 2, timeline: 4 }) },
  { name: 'long', pages: 24, view: fixture({ textWords: 700, historyRows: 295, urns: 12, timeline: 20 }) },
];

// ---- helpers ---------------------------------------------------------------------------------

const body = (extracted: ExtractedText): string => bodyText(extracted, REPORT_MARKING);
const count = (text: string, needle: string): number => text.split(needle).length - 1;
const london = (iso: string): string => formatLondonDateTime(new Date(iso));
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The codes a view carries (states, events, cause, party, kind) that must not appear as words of their own. */
function codesOf(view: ErrorReportView): string[] {
  const codes = new Set([view.status, view.causeCode, view.responsibleParty, view.kind ?? 'relevantError']);
  for (const row of view.history) {
    // `created` and `edited` are English words too ("Entry created"); the rest are codes only.
    if (row.event !== 'created' && row.event !== 'edited') codes.add(row.event);
    if (row.fromState !== null && row.fromState !== 'recorded' && row.fromState !== 'assessed') codes.add(row.fromState);
  }
  return [...codes];
}

function expectNoCodes(text: string, codes: readonly string[]): void {
  const found = codes.filter((code) => new RegExp(`(?<![A-Za-z_])${code}(?![A-Za-z_])`).test(text));
  expect(found).toEqual([]);
  expect(ISO_INSTANT.exec(text)?.[0] ?? null).toBeNull();
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
        expect([...page.text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => m[0])).toEqual([`Page ${page.num} of ${pages}`]);
      }
    });

    it('contains the title, the identification block in words and every §4.3 field with its label and value', () => {
      const text = body(extracted);
      expect(text).toContain(REPORT_TITLE);
      expect(text).toContain(`Error reference ${view.errorId}`);
      expect(text).toContain(`Public authority ${view.authorityName}`);
      expect(text).toContain('Status Reported to the IPC');
      expect(text).toContain('Classification Relevant error (IPA 2016 s.231(9))');
      expect(text).toContain('Cause Incorrect identifier');
      expect(text).toContain('Responsible party Telecommunications operator');
      expect(text).toContain('IP address related Yes');
      expect(text).toContain('Report due by 16 Feb 2026 23:59 GMT');
      expect(text).toContain(`Agreed due date ${NOT_RECORDED}`);
      for (const urn of view.linkedUrns) expect(text).toContain(urn);
      for (const id of view.linkedDisclosureRequestIds) expect(text).toContain(id);

      for (const { key, label } of REPORT_FIELD_LABELS) {
        expect(text).toContain(label);
        const value = view.fields[key];
        if (typeof value !== 'string') continue;
        const format = REPORT_FIELD_FORMATS[key];
        expect(text).toContain(format === 'instant' ? `${label} ${london(value)}` : format === 'disposal' ? `${label} Quarantined until the IPC gives its view` : squash(value));
      }
      // The amount of data wrongly obtained and what became of it (docs/law.md §4.3), the late flag and the IPC exchange.
      expect(text).toContain('Data wrongly obtained (amount) AMOUNT-4e5f70');
      expect(text).toContain('Full report late No');
      expect(text).toContain(`Made at 4 Feb 2026 09:00 GMT by MADEBY-Ch Supt Example`);
      expect(text).toContain('Full report expected by 20 Feb 2026 17:00 GMT');
      expect(text).toContain('Response Serious error investigation opened');
      expect(text).toContain('Submissions requested at (IPA s.231(5)) 10 Feb 2026 09:00 GMT');
      expect(text).toContain('Discovered at 1 Feb 2026 09:15 GMT');
      expect(text).toContain('Data destruction confirmed Yes');
      expect(text).toContain('Operator (CSP) informed No');
      expect(text).toContain(`Generated by ${view.generatedBy} at 2 Mar 2026 09:30 GMT.`);
    });

    it('contains the timeline and every history row in words, with London times and its full hash and previous hash', () => {
      const text = body(extracted);
      for (const entry of view.timeline) expect(text).toContain(`${london(entry.at)} ${entry.label}`);
      expect(text).toContain(Object.values(HISTORY_COLUMNS).join(' '));
      for (const row of view.history) {
        expect(text).toContain(`${row.position} ${london(row.at)}`);
        expect(text).toContain(`Hash ${row.hash}`);
        expect(text).toContain(`Previous hash ${row.prevHash}`);
      }
      expect(text).toContain('1 1 Feb 2026 10:00 GMT Entry created DC 1 None Recorded');
      const last = view.history.length;
      expect(text).toContain(`${last} ${london(view.history[last - 1].at)} Reported to the IPC DC ${last} Sighted by the SRO Reported to the IPC`);
      if (last > 4) expect(count(text, 'Report edited')).toBe(last - 4);
    });

    it('prints no code and no ISO instant', () => {
      expectNoCodes(body(extracted), codesOf(view));
    });

    it('is byte-identical for the same creation date and differs for another', async () => {
      const again = await renderErrorReportPdf(view, { creationDate: new Date(CREATION_DATE.getTime()) });
      expect(again.equals(pdf)).toBe(true);
      const later = await renderErrorReportPdf(view, { creationDate: new Date('2026-03-02T09:30:01Z') });
      expect(later.equals(pdf)).toBe(false);
    });
  });

  it('prints null values as "Not recorded", booleans as Yes/No and an unclassified entry as such', async () => {
    const base = fixture({ textWords: 1, historyRows: 1, urns: 0, timeline: 0 });
    const fields = Object.fromEntries(REPORT_FIELD_LABELS.map(({ key }) => [key, null])) as Record<ErrorReportFieldKey, null>;
    const view: ErrorReportView = {
      ...base,
      status: 'recorded',
      kind: null,
      causeCode: 'not recorded',
      isIpRelated: false,
      fields,
      reportDueAt: null,
    };
    const text = body(await extractText(await renderErrorReportPdf(view, { creationDate: CREATION_DATE })));
    for (const { label } of REPORT_FIELD_LABELS) expect(text).toContain(`${label} ${NOT_RECORDED}`);
    expect(text).toContain('Status Recorded');
    expect(text).toContain('Classification Not yet classified');
    expect(text).toContain('Cause Not recorded');
    expect(text).toContain('IP address related No');
    expect(text).toContain(`Report due by ${NOT_RECORDED}`);
    expect(text).toContain('Authorisation/notice URNs None');
    expect(text).toContain('No timeline entries.');
  });

  it('says when no initial notification was made, no response is recorded, and the report is not yet made', async () => {
    const base = FIXTURES[0].view;
    const view: ErrorReportView = { ...base, reportedLate: null, initialNotification: null, ipc: NO_IPC_EXCHANGE };
    const text = body(await extractText(await renderErrorReportPdf(view, { creationDate: CREATION_DATE })));
    expect(text).toContain('No initial notification was made.');
    expect(text).toContain('No response from the IPC is recorded.');
    expect(text).toContain('Full report late Not yet reported');
    const late = body(await extractText(await renderErrorReportPdf({ ...base, reportedLate: true }, { creationDate: CREATION_DATE })));
    expect(late).toContain('Full report late Yes: reported after its due date');
  });

  it('spells out a code its table does not know rather than printing it', async () => {
    const view: ErrorReportView = { ...FIXTURES[0].view, status: 'awaitingArchive', causeCode: 'newCauseCode' };
    const text = body(await extractText(await renderErrorReportPdf(view, { creationDate: CREATION_DATE })));
    expect(text).toContain('Status Awaiting archive');
    expect(text).toContain('Cause New cause code');
  });

  it('writes the title with the error id into the info dictionary', async () => {
    const raw = (await renderErrorReportPdf(FIXTURES[0].view, { creationDate: CREATION_DATE })).toString('latin1');
    expect(raw).toContain(`(${REPORT_TITLE} \\(ERR-2026-000042\\))`);
    expect(raw).not.toContain('PDFKit');
  });

  it('rejects an invalid creation date', async () => {
    await expect(renderErrorReportPdf(FIXTURES[0].view, { creationDate: new Date('not a date') })).rejects.toThrow(TypeError);
  });

  it('keeps text outside the standard fonts printable', async () => {
    const view: ErrorReportView = { ...FIXTURES[0].view, authorityName: 'Łódź → Police' };
    const text = body(await extractText(await renderErrorReportPdf(view, { creationDate: CREATION_DATE })));
    expect(text).toContain('Public authority Lódz -> Police');
  });
});

describe('the worst-case report (every free-text field at its limit, no spaces)', () => {
  const view = worstCaseErrorReportView();
  const creationDate = new Date(view.generatedAt);
  let pdf: Buffer;
  let extracted: ExtractedText;

  beforeAll(async () => {
    pdf = await renderErrorReportPdf(view, { creationDate });
    extracted = await extractText(pdf);
  });

  it('is built from the documented limits', () => {
    const text = worstCaseReportText();
    for (const field of REPORT_TEXT_FIELDS) {
      expect({ field, length: text[field].length, spaces: /\s/.test(text[field]) }).toEqual({ field, length: REPORT_TEXT_LIMITS[field], spaces: false });
    }
  });

  it('is marked and numbered on every page', () => {
    expect(extracted.total).toBeGreaterThan(5);
    for (const page of extracted.pages) {
      expect(count(page.text, REPORT_MARKING)).toBe(2);
      expect([...page.text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => m[0])).toEqual([`Page ${page.num} of ${extracted.total}`]);
    }
  });

  it('reads back in plain English: London times with their zone, and words for every code', () => {
    const text = body(extracted);
    const r = WORST_CASE_READS;
    expect(text).toContain(`Status ${r.status}`);
    expect(text).toContain(`Classification ${r.kind}`);
    expect(text).toContain(`Cause ${r.causeCode}`);
    expect(text).toContain(`Responsible party ${r.responsibleParty}`);
    expect(text).toContain(`Report due by ${r.reportDueAt}`);
    expect(text).toContain(`Discovered at ${r.discoveredAt}`);
    expect(text).toContain(`Established at ${r.establishedAt}`);
    expect(text).toContain(`Data destroyed at ${r.dataDestroyedAt}`);
    expect(text).toContain(`SRO sighted at ${r.sroSightedAt}`);
    expect(text).toContain(`Reported at ${r.reportedAt}`);
    expect(text).toContain(`at ${r.generatedAt}.`);
    expect(text).toContain('Entry created');
    expect(text).toContain('Sighted by the SRO Reported to the IPC');
    expectNoCodes(text, WORST_CASE_CODES);
  });

  it('holds every free-text field whole, broken only by line ends', () => {
    const solid = body(extracted).replace(/\s+/g, '');
    const text = worstCaseReportText();
    for (const field of REPORT_TEXT_FIELDS) expect({ field, whole: solid.includes(text[field]) }).toEqual({ field, whole: true });
    for (const name of [view.authorityName, view.generatedBy, view.history[0].actor]) expect(solid.includes(name)).toBe(true);
  });

  it('renders on a worker thread, byte for byte as on this one, without holding this thread', async () => {
    const pool = createErrorReportPdfPool();
    try {
      const warm = await pool.render({ view, creationDate });
      expect(warm.equals(pdf)).toBe(true);

      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      await sleep(30);
      const pdfs = await Promise.all(Array.from({ length: 4 }, () => pool.render({ view, creationDate })));
      await sleep(50);
      delay.disable();

      expect(pdfs.every((p) => p.equals(pdf))).toBe(true);
      expect(pool.completed).toBe(5);
      // Four such reports take well over a second on this thread (each several hundred ms under Jest);
      // on the pool the loop only ever waits for its ordinary work.
      expect(delay.max / 1e6).toBeLessThan(250);
    } finally {
      await pool.close();
    }
  });
});
