/**
 * The whole record of an application as a PDF for inspectors, over real HTTP and a real database, on SQLite
 * and PostgreSQL (docs/architecture.md §8 `GET /applications/:id/record.pdf`). An application is built
 * through the API to authorised — returned and resubmitted, asked a question and answered, granted with a
 * finding — a request made to a CSP, two returns uploaded (one failing a check, which the SPOC accepts), the
 * request marked checked, an interim product issued and superseded by a final evidential one, that one sent
 * to a colleague, the product issued on the record and an error linked to it. The PDF, read back with
 * pdf-parse, holds the conversation, the decision and its finding, every check result, every product's PDF
 * SHA-256, the linked error, every history hash and the chain's verification; it is marked on every page,
 * rendered by the worker pool, the same bytes twice. A draft says what it does not have yet; an application
 * a Judicial Commissioner approved shows the approval; a record imported under RIPA 2000 reads back with its
 * particulars and its `imported` row. Only the SPOCs and the SRO of the authority read it: another authority's
 * are answered 404, every other role 403.
 */
import type { Response } from 'supertest';
import { ApplicationRecordsService } from '../src/reporting/application-records.service';
import { CHECK_PASSED, PDF_HASH_LABEL } from '../src/reporting/application-record-acquisition.pdf';
import { CHAIN_VALID } from '../src/reporting/application-record-history.pdf';
import { RETURN_CHECK_LABELS } from '../src/workflow/return-checks';
import { RECORD_MARKING, RECORD_TITLE, RIPA_RECORD_TITLE } from '../src/reporting/application-record.view';
import { ALL_RETURN_CHECKS } from '../src/disclosures/public-api';
import { formatLondonDateTime } from '../src/workflow/london-time';
import { createApplication, GRANT_DECISION, patchApplication, SPOC_SECTION, step, type AppRecord } from './support/applications';
import { buildFixture } from './support/authz-fixtures';
import { createError, recordReport, type ErrorRecord } from './support/errors-http';
import { binaryBody, bodyText, extractPdfText, occurrences, type ExtractedText } from './support/errors-pdf-text';
import { expectProblem } from './support/guards-no-change';
import { historyOf, userIds, verifyOf, type HistoryItem, type VerifyBody } from './support/lifecycle-http';
import { fixture, issued, LATE_CALL, received, type ProductRecord } from './support/products-http';
import { bearer, cspIds, GRANTED_AT, RETURNS_FORM, sendEvent, type RequestRecord, type ReturnRecord } from './support/returns-http';
import { ripaRecord } from './support/ripa-records';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const london = (iso: string): string => formatLondonDateTime(new Date(iso));
const solid = (text: string): string => text.replace(/\s+/g, '');

const RETURN_REASON = 'RETURN-R7: explain why a whole month of call records is needed for a robbery on one day.';
const PROPORTIONALITY = 'PROP-R7: the calls either side of the robbery show who arranged it; a month is the least that does.';
const QUESTION = 'QUESTION-R7: does the subscriber check not settle who used the phone?';
const ANSWER = 'ANSWER-R7: the phone was pay as you go; only the calls can show who used it.';
const RATIONALE = 'RATIONALE-R7: necessary to identify the robber and proportionate to a violent offence.';
const FINDING = 'FINDING-R7: the robber threatened to return with a knife tonight.';
const REVIEW_REASON = 'REVIEW-R7: one call just after the period, withheld from the product.';
const SUPERSEDE_REASON = 'SUPERSEDE-R7: an exhibit is needed for the file.';
const NOTE = 'NOTE-R7: for the interview of the suspect.';

/** The record as bytes (a 200 answer). */
async function recordPdf(t: TestApp, user: string, id: string): Promise<Response> {
  return t.http().get(`/applications/${id}/record.pdf`).set('authorization', await bearer(t, user)).buffer(true).parse(binaryBody);
}

/** The answer as JSON (a problem). */
async function recordProblem(t: TestApp, user: string, id: string): Promise<Response> {
  return t.http().get(`/applications/${id}/record.pdf`).set('authorization', await bearer(t, user));
}

function expectMarkedOnEveryPage(extracted: ExtractedText): void {
  expect(extracted.total).toBeGreaterThan(0);
  for (const page of extracted.pages) {
    const lines = page.text.split('\n').map((line) => line.trim());
    // Header and footer: the stamps are drawn after the body, so they are read back after it.
    expect({ page: page.num, markings: lines.filter((line) => line === RECORD_MARKING).length }).toEqual({ page: page.num, markings: 2 });
    expect(occurrences(page.text, RECORD_MARKING)).toBe(2);
    expect([...page.text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => m[0])).toEqual([`Page ${page.num} of ${extracted.total}`]);
  }
}

describe(`GET /applications/:id/record.pdf (${DRIVER})`, () => {
  let t: TestApp;
  let csps: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    csps = await cspIds(t);
  });
  afterAll(() => t.close());

  describe('an application through authorisation, acquisition, products and an error', () => {
    let app: AppRecord;
    let request: RequestRecord;
    let returns: ReturnRecord[];
    let products: ProductRecord[];
    let error: ErrorRecord;
    let suspected: string[];
    let pdf: Buffer;
    let renderedByPool: number;
    let extracted: ExtractedText;
    let text: string;
    let history: HistoryItem[];
    let verification: VerifyBody;

    beforeAll(async () => {
      t.clock.set(GRANTED_AT);
      app = await createApplication(t, 'applicant', RETURNS_FORM);
      app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
      app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: RETURN_REASON });
      app = await patchApplication(t, 'applicant', app, { proportionality: PROPORTIONALITY });
      app = await step(t, 'applicant', app, { type: 'RESUBMIT' });
      app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
      app = await step(t, 'ocda', app, { type: 'REQUEST_MORE_INFO', question: QUESTION });
      app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: ANSWER } });
      app = await step(t, 'ocda', app, {
        type: 'GRANT',
        decision: { ...GRANT_DECISION, rationale: RATIONALE, findings: { imminentThreatToLife: { reasons: FINDING } } },
      });
      expect(app.status).toBe('authorised');

      // One request for the phone's subscriber and call records; the calls fail one check, which the SPOC accepts.
      const made = await t
        .http()
        .post(`/applications/${app.id}/disclosure-requests`)
        .set('authorization', await bearer(t))
        .send({ cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }, { dataItemRef: 'd2' }] });
      expect(made.status).toBe(201);
      request = await sendEvent(t, made.body as RequestRecord, { type: 'SEND' });
      returns = [
        await received(t, request.id, fixture('subscriber.csv'), 'd1', 'subscriber.csv'),
        await received(t, request.id, [fixture('call-data-records.csv').trimEnd(), LATE_CALL, ''].join('\n'), 'd2', 'calls.csv'),
      ];
      expect(returns[1].checks.map((c) => c.code)).toEqual(['OUTSIDE_PERIOD']);
      const check = returns[1].checks[0];
      await t
        .http()
        .post(`/disclosure-requests/${request.id}/returns/${returns[1].id}/checks/${check.id}/review`)
        .set('authorization', await bearer(t))
        .send({ decision: 'accepted', reason: REVIEW_REASON })
        .expect(200);
      const read = (await t.http().get(`/disclosure-requests/${request.id}`).set('authorization', await bearer(t)).expect(200)).body as RequestRecord;
      request = await sendEvent(t, read, { type: 'MARK_CHECKED' });
      expect(request.status).toBe('checked');

      // An interim intelligence product, then a final evidential one that supersedes it; the final one sent on.
      const interim = await issued(t, app.id, { kind: 'interim', handling: 'intelligence' });
      const final = await issued(t, app.id, { kind: 'final', handling: 'evidential', exhibitReference: 'RX/1', supersedes: interim.id, reason: SUPERSEDE_REASON });
      products = [interim, final];
      const recipient = (await userIds(t, ['applicant2'])).get('applicant2');
      await t.http().post(`/products/${final.id}/disseminations`).set('authorization', await bearer(t)).send({ recipientId: recipient, note: NOTE }).expect(201);
      const current = (await t.http().get(`/applications/${app.id}`).set('authorization', await bearer(t)).expect(200)).body as AppRecord;
      app = await step(t, 'spoc', current, { type: 'ISSUE_PRODUCT' });
      expect(app.status).toBe('productIssued');

      // An error the SPOC records against the record and its request; the failed check raised a suspected one too.
      error = await createError(t, 'spoc', recordReport(), { applicationIds: [app.id], disclosureRequestIds: [request.id] });
      await t.relay.drain();
      suspected = ((await t.http().get('/errors?status=suspected&pageSize=100').set('authorization', await bearer(t)).expect(200)).body as { items: ErrorRecord[] }).items
        .filter((entry) => entry.applicationIds.includes(app.id))
        .map((entry) => entry.id);
      expect(suspected).toHaveLength(1);

      const pool = t.app.get(ApplicationRecordsService).pdfWorkers;
      const before = pool.completed;
      const res = await recordPdf(t, 'sro', app.id);
      expect({ status: res.status, type: String(res.headers['content-type']) }).toEqual({ status: 200, type: expect.stringMatching(/^application\/pdf/) });
      renderedByPool = pool.completed - before;
      pdf = res.body as Buffer;
      extracted = await extractPdfText(pdf);
      text = bodyText(extracted, RECORD_MARKING);
      history = await historyOf(t, 'spoc', app.id);
      verification = await verifyOf(t, 'spoc', app.id);
    });

    it('is a PDF marked OFFICIAL-SENSITIVE twice on every page and numbered, rendered by the worker pool', () => {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(extracted.total).toBeGreaterThan(3);
      expectMarkedOnEveryPage(extracted);
      expect(renderedByPool).toBe(1);
    });

    it('holds the application and its form, in words', () => {
      expect(text).toContain(RECORD_TITLE);
      expect(text).toContain(`URN ${app.urn}`);
      expect(text).toContain('Public authority Thames Valley Police');
      expect(text).toContain('State Product issued');
      expect(text).toContain('Applicant of record DC Alex Applicant');
      expect(text).toContain('Statutory purpose The applicable crime purpose');
      expect(solid(text)).toContain(solid(PROPORTIONALITY));
      expect(text).toContain('Events data: Call records');
      expect(text).toContain('Entity data: IP address resolution');
      expect(text).toContain(`Valid from ${london(GRANTED_AT)}`);
    });

    it('holds the conversation: the return and the resubmission, the question and the answer', () => {
      expect(text).toContain('No. 3: Returned to the applicant');
      expect(solid(text)).toContain(solid(`Reason ${RETURN_REASON}`));
      expect(text).toContain('Answered by No. 5');
      expect(text).toContain('No. 5: Resubmitted to the SPOC');
      expect(text).toContain('In reply to No. 3 Form fields changed since Proportionality');
      expect(solid(text)).toContain(solid(`Question ${QUESTION}`));
      expect(text).toContain('In reply to No. 7');
      expect(solid(text)).toContain(solid(`SPOC advice ${ANSWER}`));
    });

    it('holds the decision and the authoriser’s finding', () => {
      expect(text).toContain('Decided by Olivia OCDA Authorising Officer');
      expect(text).toContain(`Office, rank or position ${GRANT_DECISION.officeRank}`);
      expect(solid(text)).toContain(solid(`Rationale (necessity and proportionality) ${RATIONALE}`));
      expect(text).toContain(`Conduct authorised ${GRANT_DECISION.conductAuthorised}`);
      expect(solid(text)).toContain(solid(`Finding: imminent threat to life (IPA s.77) ${FINDING}`));
    });

    it('holds the request and every check of every return, passed and failed, with the review', () => {
      expect(text).toContain('Request 1 to Example Mobile');
      expect(text).toContain('State Checked by the SPOC');
      for (const r of returns) expect(text).toContain(`SHA-256 of the file ${r.sha256}`);
      for (const code of ALL_RETURN_CHECKS) expect({ code, times: occurrences(text, RETURN_CHECK_LABELS[code]) }).toEqual({ code, times: returns.length });
      expect(occurrences(text, `${CHECK_PASSED} Not needed`)).toBe(ALL_RETURN_CHECKS.length * returns.length - 1);
      const failed = returns[1].checks[0].rowCount;
      expect(text).toContain(`${RETURN_CHECK_LABELS.OUTSIDE_PERIOD} Failed on ${failed} row${failed === 1 ? '' : 's'} Accepted by Pat Spoc, ${london(GRANTED_AT)}`);
      expect(solid(text)).toContain(solid(REVIEW_REASON));
    });

    it('holds every product’s PDF SHA-256 whole, the supersession and the dissemination', () => {
      for (const product of products) expect(text).toContain(`${PDF_HASH_LABEL} ${product.pdfSha256}`);
      expect(text).toContain('1 Interim product Intelligence product');
      expect(text).toContain('2 Final product Evidential product');
      expect(solid(text)).toContain(solid(`Supersedes product 1: ${SUPERSEDE_REASON}`));
      expect(text).toContain('2 Sent by the SPOC DS Sam Second Pat Spoc');
      expect(solid(text)).toContain(solid(`Note: ${NOTE}`));
    });

    it('holds the linked errors: the one recorded and the one the failed check raised', () => {
      for (const id of [error.id, ...suspected]) expect(text).toContain(`Error reference ${id}`);
      expect(text).toContain('Recorded Not yet classified');
      expect(text).toContain('This record, Request 1');
    });

    it('holds every history row with its hash and previous hash whole, and the chain’s verification', () => {
      // Created, submitted, returned, edited, resubmitted, sent, asked, sent again, granted, product issued.
      expect(history.map((row) => row.eventType ?? row.kind)).toEqual([
        'created',
        'SUBMIT_TO_SPOC',
        'RETURN_TO_APPLICANT',
        'edited',
        'RESUBMIT',
        'SUBMIT_FOR_AUTHORISATION',
        'REQUEST_MORE_INFO',
        'SUBMIT_FOR_AUTHORISATION',
        'GRANT',
        'ISSUE_PRODUCT',
      ]);
      for (const row of history) {
        expect(text).toContain(`${row.position} ${london(row.at)}`);
        expect(text).toContain(`Hash ${row.hash}`);
        expect(text).toContain(`Previous hash ${row.prevHash}`);
      }
      expect(verification).toMatchObject({ valid: true, rows: history.length });
      expect(text).toContain(`${CHAIN_VALID}: ${history.length} rows`);
      expect(text).toContain(`Head ${(verification as { head: string }).head}`);
    });

    it('prints no ISO instant and no code', () => {
      expect(ISO_INSTANT.exec(text)?.[0] ?? null).toBeNull();
      for (const code of [...ALL_RETURN_CHECKS, 'ipc60A', 'productIssued', 'RETURN_TO_APPLICANT', 'applicableCrime', 'callDataRecords', 'msisdn', 'reportedToIpc']) {
        expect({ code, found: new RegExp(`(?<![A-Za-z_])${code}(?![A-Za-z_])`).test(text) }).toEqual({ code, found: false });
      }
    });

    it('is the same bytes twice at the same instant', async () => {
      const again = await recordPdf(t, 'sro', app.id);
      expect(again.status).toBe(200);
      expect((again.body as Buffer).equals(pdf)).toBe(true);
    });

    it('is for the SPOCs and the SRO of the authority only: 404 to another authority’s, 403 to every other role, 401 without a token', async () => {
      for (const user of ['other-spoc', 'other-sro']) expectProblem(await recordProblem(t, user, app.id), 404, 'NOT_FOUND');
      // The record holds the requests, the products and the error register's entries: only roles that may read them all.
      for (const user of ['applicant', 'applicant2', 'dso', 'other-dso', 'ocda', 'jc', 'admin']) expectProblem(await recordProblem(t, user, app.id), 403, 'FORBIDDEN_ROLE');
      expectProblem(await recordProblem(t, 'spoc', '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(`/applications/${app.id}/record.pdf`), 401, 'AUTH_REQUIRED');
      expectProblem(await recordProblem(t, 'spoc', 'not-a-uuid'), 400);
    });
  });

  describe('a draft', () => {
    it('reads back with what it does not have yet said so', async () => {
      const draft = await createApplication(t, 'applicant');
      const res = await recordPdf(t, 'spoc', draft.id);
      expect(res.status).toBe(200);
      const text = bodyText(await extractPdfText(res.body as Buffer), RECORD_MARKING);
      expect(text).toContain('State Draft');
      expect(text).toContain('No SPOC section is recorded');
      expect(text).toContain('No grant is recorded.');
      expect(text).toContain('The application has not been authorised, so it has no period of validity.');
      expect(text).toContain('Nothing has been sent yet.');
      expect(text).toContain('No request was made to a communications service provider under this record.');
      expect(text).toContain('No product has been issued.');
      expect(text).toContain('No entry of the error register is linked to this record.');
      expect(text).toContain(`${CHAIN_VALID}: 1 row,`);
    });
  });

  describe('an application a Judicial Commissioner approved', () => {
    it('reads back with the approval', async () => {
      const app = await buildFixture(t, { state: 'judiciallyApproved' });
      const res = await recordPdf(t, 'sro', app.id);
      expect(res.status).toBe(200);
      const text = bodyText(await extractPdfText(res.body as Buffer), RECORD_MARKING);
      expect(text).toContain("Seeks to identify a journalist's source Yes");
      expect(text).toMatch(/Sent for approval at \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} (GMT|BST)/);
      expect(text).toContain('Answer Approved by a Judicial Commissioner');
      expect(text).toContain('Recorded by Sir Julian Commissioner (Judicial Commissioner)');
      expect(text).toContain('Judicial Commissioner Sir Julian Commissioner');
      expect(text).toContain('No such finding');
    });
  });

  describe('a record made under RIPA 2000, imported', () => {
    it('reads back with its particulars, its imported row and the chain’s verification', async () => {
      const record = ripaRecord({ necessity: 'RIPA-NECESSITY-R7: the number arranged the robbery.', dataSought: 'RIPA-DATA-R7: subscriber details' });
      const imported = await t.http().post('/admin/ripa-records').set('authorization', await bearer(t, 'admin')).send([record]);
      expect(imported.status).toBe(201);
      const { id, urn } = (imported.body as { items: { id: string; urn: string }[] }).items[0];

      const res = await recordPdf(t, 'spoc', id);
      expect(res.status).toBe(200);
      const extracted = await extractPdfText(res.body as Buffer);
      expectMarkedOnEveryPage(extracted);
      const text = bodyText(extracted, RECORD_MARKING);
      const [row] = await historyOf(t, 'spoc', id);
      expect(row.kind).toBe('imported');

      expect(text).toContain(RIPA_RECORD_TITLE);
      expect(text).toContain(`URN ${urn}`);
      expect(text).toContain('State Record made under RIPA 2000 (imported)');
      expect(text).toContain('Imported by Ada Admin');
      expect(text).toContain(`Original reference ${record.originalReference}`);
      expect(text).toContain('What was granted Notice to obtain and disclose the data (RIPA s.22(4))');
      expect(text).toContain(`Granted or given at ${london(record.grantedAt)}`);
      expect(text).toContain('Ground (RIPA s.22(2)) (b) preventing or detecting crime or preventing disorder');
      expect(solid(text)).toContain(solid(record.necessity));
      expect(solid(text)).toContain(solid(record.dataSought));
      expect(text).not.toContain('The SPOC\'s section');
      expect(text).toContain('The record was imported: no conversation took place in this service.');
      expect(text).toContain(`1 ${london(row.at)} Record made under RIPA 2000 imported Ada Admin (Administrator) None Record made under RIPA 2000 (imported)`);
      expect(text).toContain(`Hash ${row.hash}`);
      expect(text).toContain(`${CHAIN_VALID}: 1 row,`);
      expect(ISO_INSTANT.exec(text)?.[0] ?? null).toBeNull();

      expectProblem(await recordProblem(t, 'ocda', id), 403, 'FORBIDDEN_ROLE');
      expectProblem(await recordProblem(t, 'other-spoc', id), 404, 'NOT_FOUND');
    });
  });
});
