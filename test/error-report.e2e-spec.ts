/**
 * The report of a CD error to the IPC, through the API (docs/law.md §4.3; docs/architecture.md §8): GET
 * /errors/:id/report.pdf read back with pdf-parse (in a worker thread, test/support/errors-pdf-text.ts)
 * for a short report, an edited one, one with every free-text field at its limit, and the worst case
 * (every free-text field at its limit with no space in it), all built through the API; and GET
 * /errors/:id/report as JSON.
 *
 * Every page is marked OFFICIAL-SENSITIVE in header and footer and numbered "Page i of n"; the text holds
 * every §4.3 value (distinctive per report), the linked URNs and the hash chain, with every instant as a
 * London time with its zone and every code in words; two renders at the same instant of the test clock
 * are byte-identical; the PDF is rendered by the worker pool. The JSON keeps codes and ISO instants. Each
 * free-text field refuses one character over its limit, and the OpenAPI document states the limit.
 */
import { REPORT_TEXT_FIELDS, REPORT_TEXT_LIMITS } from '../src/errors/cd-error.limits';
import { CdErrorReports } from '../src/errors/cd-error-reports.service';
import { NOT_RECORDED, REPORT_FIELD_LABELS, REPORT_MARKING, REPORT_TITLE, type ErrorReportView } from '../src/errors/error-report.view';
import { CD_ERROR_STATE_LABELS } from '../src/workflow/cd-error.labels';
import { formatLondonDateTime } from '../src/workflow/london-time';
import { createError, errorHistory, patchError, recordReport, type ErrorHistoryRow } from './support/errors-http';
import { binaryBody, bodyText, extractPdfText, occurrences, type ExtractedText } from './support/errors-pdf-text';
import { buildReport, REPORT_CLOCK, TEXT_FIELDS, type BuiltReport, type ReportSize } from './support/errors-report-fixture';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
const GENESIS = '0'.repeat(64);
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Codes of these reports that are not also English words (`recorded`, `created`, `edited` are). */
const CODES = ['excessData', 'telecomsOperator', 'relevantError', 'reportedToIpc', 'sroSighted', 'ASSESS', 'SIGHT', 'REPORT_TO_IPC'];

const london = (iso: string): string => formatLondonDateTime(new Date(iso));

const REPORTS: { name: string; tag: string; pages: number; size: ReportSize }[] = [
  // Every field a person enters, in the POST; then assessed, sighted and reported: every §4.3 field.
  { name: 'short', tag: 'R1P7Q', pages: 2, size: { textChars: 10, extraEdits: 0, mode: 'atCreate' } },
  // Completed by one PATCH, edited eight more times, then assessed, sighted and reported: every §4.3 field.
  { name: 'edited', tag: 'R2P4K', pages: 2, size: { textChars: 10, extraEdits: 8, mode: 'oneEdit' } },
  // Every free-text field at its limit as prose, one PATCH per field and 68 more edits (80 history rows).
  { name: 'at-the-limits', tag: 'RLIM9Z', pages: 8, size: { textChars: 'limit', extraEdits: 68, mode: 'perField' } },
  // The worst case: every free-text field at its limit with no space in it.
  { name: 'worst-case', tag: 'RWC3X', pages: 8, size: { textChars: 'limit', spaces: false, extraEdits: 20, mode: 'perField' } },
];

describe(`CD error report to the IPC, PDF and JSON (${DRIVER})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function fetchPdf(user: string, id: string): Promise<{ pdf: Buffer; contentType: string }> {
    const res = await t
      .http()
      .get(`/errors/${id}/report.pdf`)
      .set('authorization', `Bearer ${await t.token(user)}`)
      .buffer(true)
      .parse(binaryBody);
    expect(res.status).toBe(200);
    return { pdf: res.body as Buffer, contentType: String(res.headers['content-type']) };
  }

  async function reportJson(user: string, id: string): Promise<ErrorReportView> {
    const res = await t.http().get(`/errors/${id}/report`).set('authorization', `Bearer ${await t.token(user)}`);
    expect(res.status).toBe(200);
    return res.body as ErrorReportView;
  }

  describe.each(REPORTS)('$name report', ({ tag, pages, size }) => {
    let built: BuiltReport;
    let pdf: Buffer;
    let extracted: ExtractedText;
    let history: ErrorHistoryRow[];
    let renderedByPool: number;

    beforeAll(async () => {
      built = await buildReport(t, tag, size);
      const pool = t.app.get(CdErrorReports).pdfWorkers;
      const before = pool.completed;
      const fetched = await fetchPdf('spoc', built.entry.id);
      renderedByPool = pool.completed - before;
      expect(fetched.contentType).toMatch(/^application\/pdf/);
      pdf = fetched.pdf;
      extracted = await extractPdfText(pdf);
      history = await errorHistory(t, 'spoc', built.entry.id);
    });

    it(`has ${pages} page(s), each marked ${REPORT_MARKING} at least twice (header and footer) and numbered "Page i of ${pages}"`, () => {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(extracted.total).toBe(pages);
      expect(extracted.pages.map((page) => page.num)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
      for (const page of extracted.pages) {
        const lines = page.text.split('\n').map((line) => line.trim());
        expect({ page: page.num, markings: lines.filter((line) => line === REPORT_MARKING).length >= 2 }).toEqual({ page: page.num, markings: true });
        expect(occurrences(page.text, REPORT_MARKING)).toBeGreaterThanOrEqual(2);
        expect([...page.text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => m[0])).toEqual([`Page ${page.num} of ${pages}`]);
      }
    });

    it('was rendered by the worker pool', () => {
      expect(renderedByPool).toBe(1);
    });

    it('holds every §4.3 field’s value (distinctive to this report) with its label, and the linked URNs', () => {
      const text = bodyText(extracted, REPORT_MARKING);
      // A line may break inside a token (after the hyphen of `HOW-R1P7Q`; anywhere in text without a
      // space): compare with the white space taken out.
      const solid = text.replace(/\s+/g, '');
      const { expected } = built;
      const holds = (value: string) => solid.includes(value.replace(/\s+/g, ''));
      expect(text).toContain(REPORT_TITLE);
      for (const { label } of REPORT_FIELD_LABELS) expect(text).toContain(label);
      for (const field of TEXT_FIELDS) {
        expect(expected.text[field].length).toBeLessThanOrEqual(REPORT_TEXT_LIMITS[field]);
        if (size.textChars === 'limit') expect(expected.text[field].length).toBeGreaterThan(REPORT_TEXT_LIMITS[field] - 20);
        expect({ field, found: holds(expected.text[field]) }).toEqual({ field, found: true });
      }
      expect(text).toContain('Thames Valley Police');
      expect(text).toContain(`Discovered at ${london(expected.discoveredAt)}`);
      expect(text).toContain(`Established at ${london(expected.establishedAt)}`);
      expect(text).toContain(`Data destroyed at ${london(expected.dataDestroyedAt)}`);
      expect(text).toContain('Data destruction confirmed Yes');
      // What became of the data wrongly obtained (docs/law.md §4.3).
      expect(text).toContain('What was done with the data Destroyed');
      expect(text).toContain(`Occurred at ${london('2026-02-25T22:30:00+00:00')}`);
      expect(text).toContain('Operator (CSP) informed No');
      expect(text).toContain(`SRO sighted at ${london(expected.sroSightedAt)}`);
      expect(text).toContain(`Reported at ${london(expected.reportedAt)}`);
      expect(text).toContain(`Reported by ${expected.reportedBy}`);
      // Every §4.3 field has its value, on every report size.
      for (const { label } of REPORT_FIELD_LABELS) expect(text).not.toContain(`${label} ${NOT_RECORDED}`);
      expect(text).toContain('Status Reported to the IPC');
      expect(text).toContain('Cause Excess data disclosed');
      expect(text).toContain('Responsible party Telecommunications operator');
      expect(text).toContain('IP address related Yes');
      expect(text).toContain('Classification Relevant error (IPA 2016 s.231(9))');
      expect(text).toContain(`Report due by ${london(built.entry.reportDueAt as string)}`);
      const urns = [...built.applications.map((a) => a.urn), expected.urn];
      expect(new Set(urns).size).toBe(3);
      for (const urn of urns) expect({ urn, found: holds(urn) }).toEqual({ urn, found: true });
      expect(text).toContain(`Generated by Pat Spoc at ${london(REPORT_CLOCK.rendered)}.`);
    });

    it('prints London times with their zone and words, never an ISO instant or a code', () => {
      const text = bodyText(extracted, REPORT_MARKING);
      // REPORT_CLOCK runs in March 2026, before the clocks go forward: GMT.
      expect(text).toContain('Discovered at 26 Feb 2026 08:13 GMT');
      expect(text).toContain('Report due by 13 Mar 2026 23:59 GMT');
      expect(text).toContain('Generated by Pat Spoc at 6 Mar 2026 08:05 GMT.');
      expect(ISO_INSTANT.exec(text)?.[0] ?? null).toBeNull();
      expect(CODES.filter((code) => new RegExp(`(?<![A-Za-z_])${code}(?![A-Za-z_])`).test(text))).toEqual([]);
    });

    it('holds every history row with its full hash and previous hash, its time and its states in words', () => {
      const text = bodyText(extracted, REPORT_MARKING);
      expect(history).toHaveLength(built.entry.version);
      for (const row of history) {
        expect(text).toContain(`Hash ${row.hash}`);
        expect(text).toContain(`Previous hash ${row.prevHash}`);
        expect(text).toContain(`${row.position} ${london(row.at)}`);
      }
      expect(text).toContain(`${CD_ERROR_STATE_LABELS.sroSighted} ${CD_ERROR_STATE_LABELS.reportedToIpc}`);
      expect(occurrences(text, 'Entry created')).toBe(1);
      expect(occurrences(text, 'Report edited')).toBe(built.entry.version - 4);
    });

    it('renders byte-identically at the same instant of the test clock, and differently at another', async () => {
      const again = await fetchPdf('spoc', built.entry.id);
      expect(again.pdf.equals(pdf)).toBe(true);
      t.clock.advance(1000);
      const later = await fetchPdf('spoc', built.entry.id);
      t.clock.set(REPORT_CLOCK.rendered);
      expect(later.pdf.equals(pdf)).toBe(false);
      expect((await fetchPdf('spoc', built.entry.id)).pdf.equals(pdf)).toBe(true);
    });
  });

  it('GET /errors/:id/report (JSON) has every §4.3 field, the linked URNs and the history with its hashes', async () => {
    const built = await buildReport(t, 'RJSON3', { textChars: 10, extraEdits: 2, mode: 'perField' });
    const { expected } = built;
    const view = await reportJson('sro', built.entry.id);
    expect(Object.keys(view.fields).sort()).toEqual(REPORT_FIELD_LABELS.map((l) => l.key).sort());
    expect(view).toMatchObject({
      errorId: built.entry.id,
      authorityName: 'Thames Valley Police',
      status: 'reportedToIpc',
      kind: 'relevantError',
      causeCode: expected.causeCode,
      responsibleParty: expected.responsibleParty,
      isIpRelated: true,
      linkedUrns: [...built.applications.map((a) => a.urn), expected.urn].sort(),
      linkedDisclosureRequestIds: [],
      reportDueAt: '2026-03-13T23:59:59.999Z',
      agreedDueAt: null,
      generatedAt: REPORT_CLOCK.rendered,
      generatedBy: 'Ch Supt Robin Sro',
      fields: {
        // expected.text carries dataWronglyObtained, the amount of data wrongly obtained (docs/law.md §4.3).
        ...expected.text,
        dataDisposal: 'destroyed',
        dataDestructionConfirmed: true,
        dataDestroyedAt: expected.dataDestroyedAt,
        cspInformed: false,
        discoveredAt: expected.discoveredAt,
        establishedAt: expected.establishedAt,
        reportedAt: expected.reportedAt,
        reportedBy: expected.reportedBy,
        sroSightedAt: expected.sroSightedAt,
      },
    });
    expect(view.timeline.map((e) => e.label)).toEqual([
      'Error occurred',
      'Error discovered',
      'Error established',
      'SRO sighted',
      'Reported to the IPC',
      'Report due to the IPC (10 working days)',
    ]);

    const history = await errorHistory(t, 'sro', built.entry.id);
    expect(view.history).toHaveLength(built.entry.version);
    expect(view.history.map((h) => ({ position: h.position, hash: h.hash, prevHash: h.prevHash, toState: h.toState }))).toEqual(
      history.map((h) => ({ position: h.position, hash: h.hash, prevHash: h.prevHash, toState: h.toState })),
    );
    view.history.forEach((row, i) => {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.prevHash).toBe(i === 0 ? GENESIS : view.history[i - 1].hash);
    });
    expect(view.history.map((h) => h.event)).toEqual(['created', ...Array<string>(built.entry.version - 4).fill('edited'), 'ASSESS', 'SIGHT', 'REPORT_TO_IPC']);
    expect(view.history.at(-1)).toMatchObject({ actor: 'Ch Supt Robin Sro', fromState: 'sroSighted', toState: 'reportedToIpc' });
  });

  it('refuses each free-text field one character over its limit (400 naming the field), and the OpenAPI document states the limit', async () => {
    let entry = await createError(t, 'spoc', recordReport());
    for (const field of REPORT_TEXT_FIELDS) {
      const limit = REPORT_TEXT_LIMITS[field];
      const over = await patchError(t, 'spoc', entry, { report: { [field]: 'x'.repeat(limit + 1) } });
      expect({ field, status: over.status, code: (over.body as { code?: string }).code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
      expect((over.body as { errors: { field: string }[] }).errors).toEqual([expect.objectContaining({ field: `report.${field}` })]);
      const at = await patchError(t, 'spoc', entry, { report: { [field]: 'x'.repeat(limit) } });
      expect({ field, status: at.status }).toEqual({ field, status: 200 });
      entry = at.body as typeof entry;
    }

    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      components: { schemas: Record<string, { properties: Record<string, { maxLength?: number; required?: unknown }> ; required?: string[] }> };
    };
    const schema = doc.components.schemas.CdErrorReportDto;
    for (const field of REPORT_TEXT_FIELDS) {
      expect({ field, maxLength: schema.properties[field].maxLength }).toEqual({ field, maxLength: REPORT_TEXT_LIMITS[field] });
    }
    expect(schema.required ?? []).toEqual([]);
  });
});
