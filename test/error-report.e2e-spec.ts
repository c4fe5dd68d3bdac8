/**
 * The report of a CD error to the IPC, through the API (docs/law.md §4.3; docs/architecture.md §8): GET
 * /errors/:id/report.pdf read back with pdf-parse (in a worker thread, test/support/errors-pdf-text.ts)
 * for a 1-page, a 2-page and a 20-page report built through the API (long text fields by PATCH, many
 * PATCH edits for history rows), and GET /errors/:id/report as JSON.
 *
 * Every page is marked OFFICIAL-SENSITIVE in header and footer and numbered "Page i of n"; the text holds
 * every §4.3 value (distinctive per report), the linked URNs and the hash chain; two renders at the same
 * instant of the test clock are byte-identical.
 */
import { NOT_RECORDED, REPORT_FIELD_LABELS, REPORT_MARKING, REPORT_TITLE, type ErrorReportView } from '../src/errors/error-report.view';
import { errorHistory, type ErrorHistoryRow } from './support/errors-http';
import { binaryBody, bodyText, extractPdfText, occurrences, squash, type ExtractedText } from './support/errors-pdf-text';
import { buildReport, MAX_TEXT, REPORT_CLOCK, TEXT_FIELDS, type BuiltReport, type ReportSize } from './support/errors-report-fixture';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
const GENESIS = '0'.repeat(64);

const REPORTS: { name: string; tag: string; pages: number; size: ReportSize }[] = [
  // Every field a person enters, in the POST; then assessed, sighted and reported: every §4.3 field.
  { name: '1-page', tag: 'R1P7Q', pages: 1, size: { textChars: 10, extraEdits: 0, mode: 'atCreate' } },
  // Completed by one PATCH, edited eight more times, then assessed, sighted and reported: every §4.3 field.
  { name: '2-page', tag: 'R2P4K', pages: 2, size: { textChars: 10, extraEdits: 8, mode: 'oneEdit' } },
  // 10 000-character fields, one PATCH per field and 20 more edits (32 history rows).
  { name: '20-page', tag: 'R20P9Z', pages: 20, size: { textChars: 10_000, extraEdits: 68, mode: 'perField' } },
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

    beforeAll(async () => {
      built = await buildReport(t, tag, size);
      const fetched = await fetchPdf('spoc', built.entry.id);
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

    it('holds every §4.3 field’s value (distinctive to this report) with its label, and the linked URNs', () => {
      const text = bodyText(extracted, REPORT_MARKING);
      const { expected } = built;
      expect(text).toContain(REPORT_TITLE);
      expect(text).toContain(`Error ${built.entry.id}, Thames Valley Police`);
      for (const { label } of REPORT_FIELD_LABELS) expect(text).toContain(label);
      for (const field of TEXT_FIELDS) {
        expect(expected.text[field].length).toBeLessThanOrEqual(MAX_TEXT);
        expect({ field, found: text.includes(squash(expected.text[field])) }).toEqual({ field, found: true });
      }
      expect(text).toContain(`Discovered at ${expected.discoveredAt}`);
      expect(text).toContain(`Established at ${expected.establishedAt}`);
      expect(text).toContain(`Data destroyed at ${expected.dataDestroyedAt}`);
      expect(text).toContain('Data destruction confirmed Yes');
      expect(text).toContain('Operator (CSP) informed No');
      expect(text).toContain(`SRO sighted at ${expected.sroSightedAt}`);
      expect(text).toContain(`Reported at ${expected.reportedAt}`);
      expect(text).toContain(`Reported by ${expected.reportedBy}`);
      // Every §4.3 field has its value, on every report size.
      for (const { label } of REPORT_FIELD_LABELS) expect(text).not.toContain(`${label} ${NOT_RECORDED}`);
      expect(text).toContain(`Cause ${expected.causeCode}`);
      expect(text).toContain(`Responsible party ${expected.responsibleParty}`);
      expect(text).toContain('IP address related Yes');
      expect(text).toContain('Classification Relevant error (IPA 2016 s.231(9))');
      expect(text).toContain(`Report due by ${built.entry.reportDueAt}`);
      const urns = [...built.applications.map((a) => a.urn), expected.urn];
      expect(new Set(urns).size).toBe(3);
      for (const urn of urns) expect(text).toContain(urn);
      expect(text).toContain(`Generated by Pat Spoc at ${REPORT_CLOCK.rendered}.`);
    });

    it('holds every history row with its full hash and prev hash', () => {
      const text = bodyText(extracted, REPORT_MARKING);
      expect(history).toHaveLength(built.entry.version);
      for (const row of history) {
        expect(text).toContain(`hash ${row.hash}`);
        expect(text).toContain(`prev hash ${row.prevHash}`);
        expect(text).toContain(`State: ${row.fromState ?? '(none)'} -> ${row.toState}`);
      }
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
        ...expected.text,
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
});
