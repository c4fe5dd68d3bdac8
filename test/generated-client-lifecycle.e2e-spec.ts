/**
 * The client generated from the served OpenAPI document (test/generated/api, `npm run client:generate`)
 * drives the application lifecycle and the CD error register over real HTTP, on SQLite and on PostgreSQL
 * (docs/architecture.md §7.1, §7.3, §8). Nothing here is typed by hand: bodies, parameters, headers and
 * answers are the generated types, so a field the document misnames is a compile error here, and
 * `If-Match` cannot be forgotten on a write.
 *
 * The other half of "the document cannot drift from the API": every answer the client receives is held
 * to the document (test/support/openapi-conformance.ts) — its status declared, its content type, its
 * ETag, and its body valid against the schema with no undeclared member — and every operation of the
 * document must have answered 2xx at least once, so a new operation joins this walk.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  createApplication,
  createCdError,
  createCsp,
  createDisclosureRequest,
  disseminateProduct,
  getApplication,
  getApplicationRecordPdf,
  getStatisticsReturn,
  listStatisticsRecords,
  getApplicationHistory,
  getCdError,
  getCdErrorHistory,
  getCdErrorReport,
  getCdErrorReportPdf,
  getCheckpointKey,
  getCsp,
  getDashboard,
  getDisclosureRequest,
  getDisclosureRequestCopyPack,
  getDisclosureRequestEtsiMessage,
  getDisclosureRequestHistory,
  getDisclosureReturn,
  getDisclosureReturnFile,
  getLatestFinalProductPdf,
  getProduct,
  getProductPdf,
  issueProduct,
  listApplicationDisseminations,
  listProductDisseminations,
  listProducts,
  health,
  importRipaRecords,
  runReverseAudit,
  getReverseAudit,
  getReverseAuditPdf,
  listSecurityEvents,
  grantInspection,
  listInspectionGrants,
  listRetentionReviews,
  getRetentionRecord,
  decideRetention,
  placeLegalHold,
  releaseLegalHold,
  getDestructionCertificate,
  listApplications,
  listCdErrors,
  listCsps,
  listDashboardTileRecords,
  listAcquiredRecords,
  listApplicationOverlaps,
  listDisclosureRequests,
  listDisclosureReturns,
  login,
  logout,
  listMySessions,
  refreshSession,
  revokeMySession,
  receiveDisclosureReturn,
  renewApplication,
  reviewReturnCheck,
  sendApplicationEvent,
  sendCdErrorEvent,
  sendDisclosureRequestEvent,
  updateApplication,
  updateCdError,
  updateCsp,
  verifyApplicationHistory,
  verifyCheckpoints,
  verifyCdErrorHistory,
  verifyDisclosureRequestHistory,
  type Application,
  type ApplicationEventDto,
  type CdError,
  type CdErrorEventDto,
  type DisclosureRequest,
  type Problem,
} from './generated/api';
import { createClient, createConfig, type Client } from './generated/api/client';
import { COMPLETE_FORM, GRANT_DECISION } from './support/applications';
import { RECORD_REPORT } from './support/errors-http';
import { ripaRecord } from './support/ripa-records';
import { conformanceIssues, type ConformanceDocument } from './support/openapi-conformance';
import { RetentionReviews } from '../src/retention/public-api';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp } from './support/test-app';

/** A fresh `Idempotency-Key` for one command: the document requires one on every POST and PATCH outside `/auth/*`. */
const newKey = (): { 'Idempotency-Key': string } => ({ 'Idempotency-Key': randomUUID() });

const USERS = ['applicant', 'spoc', 'ocda', 'sro', 'admin'] as const;
type User = (typeof USERS)[number];

/** A generated operation's answer: its data or its documented error, and the HTTP response. */
type Answer<D, E> = ({ data: D; error: undefined } | { data: undefined; error: E }) & { response: Response };

/** The data of an answer that must succeed, with its response (for headers). */
async function ok<D, E>(step: string, call: Promise<Answer<D, E>>): Promise<{ data: D; response: Response }> {
  const answer = await call;
  if (answer.error !== undefined) throw new Error(`${step}: ${answer.response.status} ${JSON.stringify(answer.error)}`);
  // Without an error the answer is the data branch; TypeScript cannot narrow a union over generic types.
  return { data: answer.data as D, response: answer.response };
}

/** The problem of an answer that must fail with `status`. */
async function refused<D, E>(step: string, call: Promise<Answer<D, E>>, status: number): Promise<E> {
  const answer = await call;
  if (answer.error === undefined) throw new Error(`${step}: expected ${status}, got ${answer.response.status} ${JSON.stringify(answer.data)}`);
  expect({ step, status: answer.response.status }).toEqual({ step, status });
  return answer.error;
}

/** The record's ETag as sent, which must be its version as a strong validator. */
function etagOf(record: { version: number }, response: Response): string {
  const etag = response.headers.get('etag');
  expect(etag).toBe(`"${record.version}"`);
  return etag ?? '';
}

describe(`the generated client drives the lifecycle over HTTP (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let baseUrl: string;
  let doc: ConformanceDocument;
  /** Every way an answer departed from the document. */
  const drift: string[] = [];
  /** `METHOD /path/{template} status` of every answer. */
  const answered = new Set<string>();
  const clients = new Map<User, Client>();
  let anonymous: Client;
  const as = (user: User): Client => {
    const client = clients.get(user);
    if (!client) throw new Error(`${user} has not signed in`);
    return client;
  };

  /** A client on the listening app, every answer of which is checked against the document. */
  function clientWith(token?: string): Client {
    const client = createClient(createConfig({ baseUrl, ...(token ? { auth: token } : {}) }));
    client.interceptors.response.use(async (response, request, options) => {
      const json = /json/.test(response.headers.get('content-type') ?? '');
      const body: unknown = json ? JSON.parse(await response.clone().text()) : undefined;
      const exchange = { method: request.method, path: options.url, status: response.status, headers: response.headers, body };
      drift.push(...conformanceIssues(doc, exchange));
      answered.add(`${request.method} ${options.url} ${response.status}`);
      return response;
    });
    return client;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${((t.app.getHttpServer() as Server).address() as AddressInfo).port}`;
    doc = (await (await fetch(`${baseUrl}/docs-json`)).json()) as ConformanceDocument;
    anonymous = clientWith();
  });
  afterAll(() => t.close());
  afterEach(() => {
    // Each step's answers were checked as they arrived; report them with the test that received them.
    expect(drift.splice(0)).toEqual([]);
  });

  it('signs everyone in through the public operations', async () => {
    await expect(ok('health', health({ client: anonymous }))).resolves.toMatchObject({ data: { status: 'ok', database: 'up' } });
    const wrong = await refused('wrong password', login({ client: anonymous, body: { username: 'applicant', password: 'not-the-password' } }), 401);
    expect(wrong.code).toBe('AUTH_INVALID_CREDENTIALS');
    for (const username of USERS) {
      const { data } = await ok(`login ${username}`, login({ client: anonymous, body: { username, password: DEMO_PASSWORD } }));
      expect(data).toMatchObject({ tokenType: 'Bearer', user: { username } });
      clients.set(username, clientWith(data.accessToken));
    }
  });

  it('keeps a session: refreshes it, lists it, ends another and logs out', async () => {
    const first = (await ok('login for a session', login({ client: anonymous, body: { username: 'applicant', password: DEMO_PASSWORD } }))).data;
    const second = (await ok('login on another device', login({ client: anonymous, body: { username: 'applicant', password: DEMO_PASSWORD } }))).data;
    const refreshed = (await ok('refresh', refreshSession({ client: anonymous, body: { refreshToken: first.refreshToken } }))).data;
    expect(refreshed.sessionId).toBe(first.sessionId);
    const session = clientWith(refreshed.accessToken);
    const listed = (await ok('list sessions', listMySessions({ client: session }))).data;
    expect(listed.items.find((i) => i.id === first.sessionId)).toMatchObject({ current: true });
    await ok('end the other session', revokeMySession({ client: session, path: { id: second.sessionId } }));
    await ok('logout', logout({ client: session }));
    const reused = await refused('refresh after logout', refreshSession({ client: anonymous, body: { refreshToken: refreshed.refreshToken } }), 401);
    expect(reused.code).toBe('AUTH_SESSION_ENDED');
  });

  let original: Application;
  /** The request sent to examplemobile for the item d1 (the subscriber on +447911123456). */
  let sentRequest: DisclosureRequest;

  it('takes an application from draft, through the SPOC and back, to authorised', async () => {
    // A draft need not be complete: the identifiers and the data sought come in an edit.
    const created = await ok('create', createApplication({ client: as('applicant'), headers: newKey(), body: { ...COMPLETE_FORM, identifiers: null, dataItems: null } }));
    let app = created.data;
    expect(app).toMatchObject({ status: 'draft', version: 1, urn: expect.any(String) as string });
    let etag = etagOf(app, created.response);

    const read = await ok('get', getApplication({ client: as('applicant'), path: { id: app.id } }));
    expect(etagOf(read.data, read.response)).toBe(etag);

    const missing = await refused(
      'write without If-Match',
      sendApplicationEvent({
        client: as('applicant'),
        path: { id: app.id },
        // @ts-expect-error -- the generated type requires If-Match, which is the point: a client cannot leave it out
        headers: newKey(),
        body: { type: 'SUBMIT_TO_SPOC' },
      }),
      428,
    );
    expect(missing.code).toBe('PRECONDITION_REQUIRED');

    const completed = await ok(
      'complete the form',
      updateApplication({
        client: as('applicant'),
        path: { id: app.id },
        headers: { ...newKey(), 'If-Match': etag },
        body: { identifiers: COMPLETE_FORM.identifiers, dataItems: COMPLETE_FORM.dataItems },
      }),
    );
    app = completed.data;
    expect(app.form.identifiers?.[0]).toMatchObject({ ref: 'id1', normalisedValue: '+447911123456' });
    const stale = await refused(
      'stale ETag',
      sendApplicationEvent({ client: as('applicant'), path: { id: app.id }, headers: { ...newKey(), 'If-Match': etag }, body: { type: 'SUBMIT_TO_SPOC' } }),
      412,
    );
    expect(stale.code).toBe('APPLICATION_STALE');
    etag = etagOf(app, completed.response);

    /** Sends `body` as `user` against the ETag the last answer carried. */
    const send = async (user: User, body: ApplicationEventDto, to: Application['status']) => {
      const answer = await ok(`${body.type} by ${user}`, sendApplicationEvent({ client: as(user), path: { id: app.id }, headers: { ...newKey(), 'If-Match': etag }, body }));
      expect({ event: body.type, status: answer.data.status, version: answer.data.version }).toEqual({ event: body.type, status: to, version: app.version + 1 });
      app = answer.data;
      etag = etagOf(app, answer.response);
    };

    await send('applicant', { type: 'SUBMIT_TO_SPOC' }, 'spocReview');
    await send('spoc', { type: 'RETURN_TO_APPLICANT', reason: 'Explain why a shorter period would not do.' }, 'returnedToApplicant');
    const edited = await ok(
      'answer the return',
      updateApplication({ client: as('applicant'), path: { id: app.id }, headers: { ...newKey(), 'If-Match': etag }, body: { proportionality: 'Subscriber data only, for the one day of the robbery.' } }),
    );
    app = edited.data;
    etag = etagOf(app, edited.response);
    await send('applicant', { type: 'RESUBMIT' }, 'spocReview');
    await send('spoc', { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'Lawful and practical; Vodafone holds the data.', acquisitionMethod: 'cspSecureSystem' } }, 'awaitingAuthorisation');
    expect(app.spocSection).toMatchObject({ spocName: 'Pat Spoc', accreditationId: 'TVP-SPOC-0001' });

    const notNow = await refused(
      'withdraw while awaiting authorisation',
      sendApplicationEvent({ client: as('applicant'), path: { id: app.id }, headers: { ...newKey(), 'If-Match': etag }, body: { type: 'WITHDRAW', reason: 'No longer needed.' } }),
      409,
    );
    expect(notNow).toMatchObject({ code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: [] });
    const noRationale = await refused(
      'grant without a rationale',
      sendApplicationEvent({ client: as('ocda'), path: { id: app.id }, headers: { ...newKey(), 'If-Match': etag }, body: { type: 'GRANT', decision: { ...GRANT_DECISION, rationale: null } } }),
      422,
    );
    expect(noRationale.code).toBe('RATIONALE_REQUIRED');

    await send(
      'ocda',
      // The house fixture for a grant every guard accepts, so a new rule about grants updates one place.
      { type: 'GRANT', decision: { ...GRANT_DECISION } },
      'authorised',
    );
    expect(app).toMatchObject({ grantedById: expect.any(String) as string, oralGrant: false, validFrom: expect.any(String) as string, expiresAt: expect.any(String) as string });
    original = app;
  });

  it('asks a CSP for an authorised item, sends it, and reads it back as the standard message and the copy pack', async () => {
    const directory = await ok('CSPs', listCsps({ client: as('spoc') }));
    const mobile = directory.data.items.find((csp) => csp.code === 'examplemobile');
    if (!mobile) throw new Error('the demo directory has no examplemobile');
    const created = await ok('ask', createDisclosureRequest({ client: as('spoc'), headers: newKey(), path: { id: original.id }, body: { cspId: mobile.id, items: [{ dataItemRef: 'd1' }] } }));
    expect(created.data).toMatchObject({ status: 'pending', applicationId: original.id, version: 1 });
    const sent = await ok(
      'send',
      sendDisclosureRequestEvent({ client: as('spoc'), path: { id: created.data.id }, headers: { ...newKey(), 'If-Match': etagOf(created.data, created.response) }, body: { type: 'SEND' } }),
    );
    expect(sent.data).toMatchObject({ status: 'sent', desiredStatus: 'awaitingDisclosure', version: 2 });
    const read = await ok('read', getDisclosureRequest({ client: as('sro'), path: { id: created.data.id } }));
    expect(etagOf(read.data, read.response)).toBe('"2"');
    const listed = await ok('list', listDisclosureRequests({ client: as('applicant'), path: { id: original.id } }));
    expect(listed.data.items.map((r) => r.id)).toEqual([created.data.id]);
    const history = await ok('history', getDisclosureRequestHistory({ client: as('spoc'), path: { id: created.data.id } }));
    expect(history.data.items).toHaveLength(2);
    const verified = await ok('verify', verifyDisclosureRequestHistory({ client: as('spoc'), path: { id: created.data.id } }));
    expect(verified.data).toMatchObject({ valid: true, rows: 2 });
    const normalised = created.data.items[0].identifier.normalisedValue;
    const hi1 = await ok('HI-1', getDisclosureRequestEtsiMessage({ client: as('spoc'), path: { id: created.data.id } }));
    expect(JSON.stringify(hi1.data)).toContain(JSON.stringify(normalised));
    const pack = await ok('copy pack', getDisclosureRequestCopyPack({ client: as('spoc'), path: { id: created.data.id } }));
    expect(String(pack.data)).toContain(normalised);
    sentRequest = sent.data;
  });

  it('receives the CSP’s return as an upload, reads its rows and the file as received, and reviews its failed check', async () => {
    // The subscriber across the period, and one row for a number nobody asked for: one failed check.
    const csv = [
      'identifier,name,address,address_type,valid_from,valid_to',
      '07911 123456,Jo Example,"1 High Street, Reading RG1 1AA",installation,2025-01-10T09:00:00Z,',
      '+447700900999,Sam Elsewhere,"2 Low Road, Reading RG2 2BB",installation,2025-01-10T09:00:00Z,',
      '',
    ].join('\n');
    const id = sentRequest.id;
    // multipart/form-data, the form field before the file (the generated serializer keeps the body's order).
    const received = await ok(
      'receive',
      receiveDisclosureReturn({ client: as('spoc'), path: { id }, body: { dataItemRef: 'd1', file: new File([csv], 'subscriber.csv', { type: 'text/csv' }) } }),
    );
    expect(received.data).toMatchObject({ requestId: id, dataItemRef: 'd1', format: 'csv', rowCount: 2, cleanRowCount: 1, quarantined: false, request: { status: 'disclosed' } });
    const [check] = received.data.checks;
    expect(received.data.checks.map((c) => [c.code, c.rowNumbers, c.review])).toEqual([['IDENTIFIER_NOT_REQUESTED', [3], null]]);

    const listed = await ok('list returns', listDisclosureReturns({ client: as('applicant'), path: { id } }));
    expect(listed.data.items.map((r) => r.id)).toEqual([received.data.id]);
    const read = await ok('read the return', getDisclosureReturn({ client: as('sro'), path: { id, returnId: received.data.id } }));
    expect(read.data).toMatchObject({ id: received.data.id, sha256: received.data.sha256, checks: [{ id: check.id }] });
    const records = await ok('rows', listAcquiredRecords({ client: as('sro'), path: { id, returnId: received.data.id }, query: { offset: 0, limit: 10 } }));
    expect(records.data.total).toBe(2);
    expect(records.data.items.map((r) => [r.rowNumber, r.identifier, r.flags])).toEqual([
      [2, '+447911123456', []],
      [3, '+447700900999', ['IDENTIFIER_NOT_REQUESTED']],
    ]);
    // The file is bytes whatever media type it came with: read as a Blob, compared byte for byte.
    const file = await ok('the file as received', getDisclosureReturnFile({ client: as('spoc'), path: { id, returnId: received.data.id }, parseAs: 'blob' }));
    expect(Buffer.compare(Buffer.from(await file.data.arrayBuffer()), Buffer.from(csv, 'utf8'))).toBe(0);
    expect(file.response.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(received.data.sha256, 'hex').toString('base64')}:`);

    const reviewed = await ok(
      'review the check',
      reviewReturnCheck({
        client: as('spoc'), headers: newKey(),
        path: { id, returnId: received.data.id, checkId: check.id },
        body: { decision: 'raisedAsError', reason: 'Row 3 is another subscriber’s details: the error stands.' },
      }),
    );
    expect(reviewed.data).toMatchObject({ id: check.id, code: 'IDENTIFIER_NOT_REQUESTED', review: { decision: 'raisedAsError' } });
    const again = await refused(
      'review it again',
      reviewReturnCheck({ client: as('spoc'), headers: newKey(), path: { id, returnId: received.data.id, checkId: check.id }, body: { decision: 'accepted', reason: 'Second thoughts.' } }),
      409,
    );
    expect(again.code).toBe('CHECK_ALREADY_REVIEWED');
  });

  it('issues a final product from the checked return, reads it and its PDF, and logs who received it', async () => {
    const id = sentRequest.id;
    const current = await ok('the request', getDisclosureRequest({ client: as('spoc'), path: { id } }));
    await ok('checked', sendDisclosureRequestEvent({ client: as('spoc'), path: { id }, headers: { ...newKey(), 'If-Match': etagOf(current.data, current.response) }, body: { type: 'MARK_CHECKED' } }));
    const issued = await ok('issue', issueProduct({ client: as('spoc'), headers: newKey(), path: { id: original.id }, body: { kind: 'final', handling: 'evidential', exhibitReference: 'PS/1' } }));
    expect(issued.data).toMatchObject({ productNumber: 1, kind: 'final', handling: 'evidential', exhibitReference: 'PS/1', supersedes: null, supersededBy: null, rowCount: 1 });
    const product = issued.data;
    expect((await ok('read', getProduct({ client: as('applicant'), path: { id: product.id } }))).data).toEqual(product);
    expect((await ok('list', listProducts({ client: as('sro'), path: { id: original.id } }))).data.items.map((p) => p.id)).toEqual([product.id]);
    const pdf = await ok('the PDF', getProductPdf({ client: as('spoc'), path: { id: product.id }, parseAs: 'blob' }));
    const bytes = Buffer.from(await pdf.data.arrayBuffer());
    expect(pdf.response.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(product.pdfSha256, 'hex').toString('base64')}:`);
    const latest = await ok('the latest final PDF', getLatestFinalProductPdf({ client: as('applicant'), path: { id: original.id }, parseAs: 'blob' }));
    expect(Buffer.compare(Buffer.from(await latest.data.arrayBuffer()), bytes)).toBe(0);
    const sent = await ok('send it', disseminateProduct({ client: as('spoc'), headers: newKey(), path: { id: product.id }, body: { recipientId: original.applicantId, note: 'For the officer in the case.' } }));
    expect(sent.data).toMatchObject({ action: 'sent', recipient: { id: original.applicantId } });
    const log = await ok('its log', listProductDisseminations({ client: as('spoc'), path: { id: product.id } }));
    expect(log.data.items.map((entry) => entry.action)).toEqual(['downloaded', 'downloaded', 'sent']);
    expect((await ok('the application’s log', listApplicationDisseminations({ client: as('sro'), path: { id: original.id } }))).data.items).toHaveLength(3);
  });

  it('renews the authorisation, then cancels and closes the original, whose history verifies', async () => {
    const renewal = await ok('renew', renewApplication({ client: as('applicant'), headers: newKey(), path: { id: original.id } }));
    expect(renewal.data).toMatchObject({ status: 'draft', version: 1, renewalOf: original.id });
    etagOf(renewal.data, renewal.response);
    const drafts = await ok('list drafts', listApplications({ client: as('applicant'), query: { status: 'draft', page: 1, pageSize: 100 } }));
    expect(drafts.data.items.map((item) => item.id)).toContain(renewal.data.id);
    // The renewal seeks what the original did, over the same period: the duplicate-acquisition warning lists
    // the original and its request, and the record counts them for the caller.
    const overlaps = await ok('overlaps', listApplicationOverlaps({ client: as('spoc'), path: { id: renewal.data.id } }));
    expect(overlaps.data.items.map((o) => [o.kind, o.applicationId, o.identifier.normalisedValue]).sort()).toEqual([
      ['application', original.id, '+447911123456'],
      ['disclosureRequest', original.id, '+447911123456'],
    ]);
    expect(renewal.data.overlapCount).toBe(overlaps.data.items.length);

    const cancelled = await ok(
      'cancel',
      sendApplicationEvent({
        client: as('applicant'),
        path: { id: original.id },
        headers: { ...newKey(), 'If-Match': `"${original.version}"` },
        body: { type: 'CANCEL', reason: 'The victim has been found; the conduct is no longer necessary.' },
      }),
    );
    expect(cancelled.data.status).toBe('cancelled');
    const closed = await ok(
      'close',
      sendApplicationEvent({
        client: as('spoc'),
        path: { id: original.id },
        headers: { ...newKey(), 'If-Match': etagOf(cancelled.data, cancelled.response) },
        body: { type: 'CLOSE', reason: 'Nothing further to do.' },
      }),
    );
    expect(closed.data).toMatchObject({ status: 'closed', allowedEvents: [] });

    const history = await ok('history', getApplicationHistory({ client: as('spoc'), path: { id: original.id } }));
    expect(history.data.items.map((row) => row.eventType)).toEqual([
      null,
      null,
      'SUBMIT_TO_SPOC',
      'RETURN_TO_APPLICANT',
      null,
      'RESUBMIT',
      'SUBMIT_FOR_AUTHORISATION',
      'GRANT',
      'CANCEL',
      'CLOSE',
    ]);
    const verified = await ok('verify', verifyApplicationHistory({ client: as('spoc'), path: { id: original.id } }));
    // The union narrows on `valid`: a broken chain would carry `firstBroken` instead of `head`.
    if (!verified.data.valid) throw new Error(`history broken: ${JSON.stringify(verified.data.firstBroken)}`);
    expect(verified.data).toEqual({ valid: true, rows: closed.data.version, head: history.data.items.at(-1)?.hash });
    const record = await ok('the whole record', getApplicationRecordPdf({ client: as('sro'), path: { id: original.id }, parseAs: 'blob' }));
    expect(record.response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await record.data.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The SRO's statistics return over the days around the grant, and the records behind its authorisations cell.
    const granted = new Date(history.data.items.find((row) => row.eventType === 'GRANT')?.at ?? '');
    const day = (offset: number) => new Date(granted.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const statistics = await ok('the statistics return', getStatisticsReturn({ client: as('sro'), query: { from: day(-1), to: day(1) } }));
    const cell = statistics.data.sections.flatMap((s) => s.figures).find((f) => f.id === 'authorisations.byRoute')?.cells.find((c) => c.key === original.route);
    expect(cell?.count).toBeGreaterThanOrEqual(1);
    const link = new URLSearchParams((cell?.records ?? '').split('?')[1]);
    expect(link.get('figure')).toBe('authorisations.byRoute');
    const listed = await ok(
      'the records behind a cell',
      listStatisticsRecords({ client: as('sro'), query: { from: link.get('from') ?? '', to: link.get('to') ?? '', figure: 'authorisations.byRoute', key: link.get('key') ?? '', pageSize: 100 } }),
    );
    expect(listed.data.total).toBe(cell?.count);
    expect(listed.data.items.map((item) => item.id)).toContain(original.id);
  });

  it('answers what it refuses with the problems the document declares', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const problems: [string, Promise<Problem>, string][] = [
      ['no token', refused('no token', getApplication({ client: anonymous, path: { id: original.id } }), 401), 'AUTH_REQUIRED'],
      ['not a uuid', refused('not a uuid', getApplication({ client: as('spoc'), path: { id: 'not-a-uuid' } }), 400), 'MALFORMED_REQUEST'],
      ['no such application', refused('no such application', getApplication({ client: as('spoc'), path: { id: unknown } }), 404), 'NOT_FOUND'],
      ['a SPOC creating an application', refused('role', createApplication({ client: as('spoc'), headers: newKey(), body: COMPLETE_FORM }), 403), 'FORBIDDEN_ROLE'],
      ['an applicant reading the register', refused('register', listCdErrors({ client: as('applicant') }), 403), 'FORBIDDEN_ROLE'],
      ['a bad query', refused('query', listApplications({ client: as('spoc'), query: { pageSize: 1000 } }), 400), 'VALIDATION_FAILED'],
    ];
    for (const [name, answer, code] of problems) {
      const problem = await answer;
      expect({ name, code: problem.code, type: problem.type }).toEqual({ name, code, type: expect.stringMatching(/^urn:cd-workflow:problem:/) as string });
    }
  });

  it('takes a CD error entry through the register to closed, with its report to the IPC', async () => {
    const key = `generated-client-${Date.now()}`;
    const body = { report: RECORD_REPORT, applicationIds: [original.id] };
    const created = await ok('record', createCdError({ client: as('spoc'), headers: { 'Idempotency-Key': key }, body }));
    expect(created.data).toMatchObject({ status: 'recorded', version: 1, applicationIds: [original.id] });
    const replayed = await ok('record again, same key', createCdError({ client: as('spoc'), headers: { 'Idempotency-Key': key }, body }));
    expect({ replayed: replayed.response.headers.get('idempotent-replayed'), id: replayed.data.id }).toEqual({ replayed: 'true', id: created.data.id });

    let entry: CdError = created.data;
    let etag = etagOf(entry, created.response);
    const read = await ok('get', getCdError({ client: as('sro'), path: { id: entry.id } }));
    expect(etagOf(read.data, read.response)).toBe(etag);
    const edited = await ok(
      'edit the report',
      updateCdError({ client: as('spoc'), path: { id: entry.id }, headers: { ...newKey(), 'If-Match': etag }, body: { report: { ...RECORD_REPORT, preventiveSteps: 'Numbers are now read back to the victim.' } } }),
    );
    entry = edited.data;
    etag = etagOf(entry, edited.response);

    const send = async (user: User, event: CdErrorEventDto, to: CdError['status']) => {
      const answer = await ok(`${event.type} by ${user}`, sendCdErrorEvent({ client: as(user), path: { id: entry.id }, headers: { ...newKey(), 'If-Match': etag }, body: event }));
      expect({ event: event.type, status: answer.data.status }).toEqual({ event: event.type, status: to });
      entry = answer.data;
      etag = etagOf(entry, answer.response);
    };
    await send('spoc', { type: 'ASSESS', kind: 'relevantError' }, 'assessed');
    expect(entry.reportDueAt).not.toBeNull();
    await send(
      'sro',
      {
        type: 'NOTIFY_IPC_INITIAL',
        initialNotification: {
          whatIsKnown: 'Subscriber data for the wrong number was disclosed.',
          whyFullReportNotReady: 'The operator has not yet confirmed what else it disclosed.',
          fullReportExpectedBy: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      'assessed',
    );
    // The SRO's dashboard now counts the entry among the initial notifications awaiting the full report, and its link lists it.
    const dashboard = await ok('the dashboard', getDashboard({ client: as('sro') }));
    const tile = dashboard.data.tiles.find((x) => x.id === 'initialNotificationsAwaitingFullReport');
    expect(tile?.href).toBe('/dashboard/tiles/initialNotificationsAwaitingFullReport');
    const behind = await ok('the records behind the tile', listDashboardTileRecords({ client: as('sro'), path: { tile: 'initialNotificationsAwaitingFullReport' }, query: { pageSize: 100 } }));
    expect({ total: behind.data.total, count: tile?.count }).toEqual({ total: tile?.count, count: behind.data.items.length });
    expect(behind.data.items.find((item) => item.id === entry.id)).toMatchObject({ type: 'errorEntry', href: `/errors/${entry.id}`, atMeaning: 'fullReportPromisedBy' });
    await send('sro', { type: 'SIGHT' }, 'sroSighted');
    await send(
      'sro',
      {
        type: 'REPORT_TO_IPC',
        report: {
          collateralIntrusion: 'The subscriber details of one uninvolved person were seen by the SPoC.',
          preventiveSteps: 'Numbers are now read back to the victim before submission.',
          dataWronglyObtained: 'The subscriber details of one person.',
          dataDisposal: 'destroyed',
          dataDestructionConfirmed: true,
          dataDestroyedAt: '2026-02-24T10:00:00+00:00',
          cspInformed: true,
          actionTakenOnData: 'None: the mismatch was noticed before any action was taken.',
        },
      },
      'reportedToIpc',
    );
    await send('sro', { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' }, 'closed');

    const report = await ok('report', getCdErrorReport({ client: as('sro'), path: { id: entry.id } }));
    expect(report.data).toMatchObject({ errorId: entry.id, kind: 'relevantError', linkedUrns: [original.urn] });
    const pdf = await ok('report PDF', getCdErrorReportPdf({ client: as('sro'), path: { id: entry.id } }));
    expect(Buffer.from(await pdf.data.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const history = await ok('history', getCdErrorHistory({ client: as('spoc'), path: { id: entry.id } }));
    expect(history.data.items).toHaveLength(entry.version);
    const verified = await ok('verify', verifyCdErrorHistory({ client: as('spoc'), path: { id: entry.id } }));
    expect(verified.data).toMatchObject({ valid: true, rows: entry.version });
    const closed = await ok('list closed', listCdErrors({ client: as('sro'), query: { status: 'closed' } }));
    expect(closed.data.items.map((item) => item.id)).toContain(entry.id);
  });

  it('imports a record made under RIPA 2000, which reads back as a record of the authority and refuses every event', async () => {
    const record = ripaRecord();
    const imported = await ok('import', importRipaRecords({ client: as('admin'), headers: newKey(), body: [record] }));
    expect(imported.data).toMatchObject({ imported: 1, items: [{ originalReference: record.originalReference, index: 0, line: null }] });
    const [item] = imported.data.items;
    const read = await ok('read the imported record', getApplication({ client: as('spoc'), path: { id: item.id } }));
    expect(read.data).toMatchObject({ route: 'ripa22', status: 'ripaRecord', urn: item.urn, allowedEvents: [] });
    const etag = etagOf(read.data, read.response);
    await refused('an event on it', sendApplicationEvent({ client: as('spoc'), path: { id: item.id }, headers: { ...newKey(), 'If-Match': etag }, body: { type: 'CLOSE', reason: 'Old.' } }), 409);
    const verified = await ok('verify its history', verifyApplicationHistory({ client: as('spoc'), path: { id: item.id } }));
    expect(verified.data).toMatchObject({ valid: true, rows: 1 });
  });

  it('runs a reverse audit of a CSP’s list, reads it back as JSON and PDF, and finds each reading in the security audit stream', async () => {
    const csp = (await ok('list CSPs', listCsps({ client: as('sro') }))).data.items[0];
    const csv = 'csp_reference,identifier,data_type,disclosed_at\nX-1,+447700900999,subscriber,2026-03-02T10:15:00Z\n';
    const query = { cspId: csp.id, from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    const run = await ok('run', runReverseAudit({ client: as('sro'), headers: newKey(), query, body: csv }));
    // Besides the one line, this world's requests answered in March are findings too (missing from the list), not errors.
    expect(run.data).toMatchObject({ lines: 1, suspectedErrors: 1 });
    expect(run.data.findings.filter((f) => f.suspectedError).map((f) => [f.kind, f.line])).toEqual([['identifierNotAuthorised', 2]]);
    const read = await ok('read it', getReverseAudit({ client: as('sro'), path: { id: run.data.id } }));
    expect(read.data).toEqual(run.data);
    const pdf = await ok('its PDF', getReverseAuditPdf({ client: as('sro'), path: { id: run.data.id } }));
    expect(Buffer.from(await pdf.data.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const events = await ok('the audit stream', listSecurityEvents({ client: as('sro'), query: { subjectId: run.data.id } }));
    expect(events.data.events.map((e) => [e.kind, e.subjectType])).toEqual([
      ['VIEWED', 'reverse-audit'],
      ['VIEWED', 'reverse-audit'],
    ]);
  });

  it('lets an administrator grant an inspector read-only access to the authority’s records for a period, until an expiry', async () => {
    const inspector = (await ok('login inspector', login({ client: anonymous, body: { username: 'inspector', password: DEMO_PASSWORD } }))).data.user;
    const body = { inspectorId: inspector.id, periodFrom: '2026-03-01T00:00:00Z', periodTo: '2026-04-01T00:00:00+01:00', expiresAt: '2026-12-01T00:00:00Z', reason: 'IPCO inspection' };
    const granted = await ok('grant', grantInspection({ client: as('admin'), headers: newKey(), body }));
    expect(granted.data).toMatchObject({ inspectorId: inspector.id, live: true });
    const listed = await ok('list grants', listInspectionGrants({ client: as('admin') }));
    expect(listed.data.items.map((g) => g.id)).toContain(granted.data.id);
  });

  it('lets the SRO hold a closed record, release it, and delete its content once it is due, with a certificate naming the decision', async () => {
    const created = await ok('create', createApplication({ client: as('applicant'), headers: newKey(), body: { ...COMPLETE_FORM, identifiers: null, dataItems: null } }));
    const withdrawn = await ok(
      'withdraw',
      sendApplicationEvent({ client: as('applicant'), path: { id: created.data.id }, headers: { ...newKey(), 'If-Match': etagOf(created.data, created.response) }, body: { type: 'WITHDRAW', reason: 'No longer needed.' } }),
    );
    const about = { recordType: 'application' as const, recordId: withdrawn.data.id };
    const hold = await ok('hold', placeLegalHold({ client: as('sro'), headers: newKey(), body: { ...about, kind: 'criminalProceedings', reason: 'R v Smith' } }));
    await ok('release', releaseLegalHold({ client: as('sro'), path: { id: hold.data.id }, headers: newKey(), body: { reason: 'Acquitted; no appeal.' } }));
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() + 6 * 366 * 86_400_000).toISOString());
    try {
      await t.app.get(RetentionReviews).tick();
      const due = await ok('reviews', listRetentionReviews({ client: as('sro') }));
      expect(due.data.items.map((r) => r.recordId)).toContain(withdrawn.data.id);
      const decided = await ok('decide', decideRetention({ client: as('sro'), headers: newKey(), body: { ...about, decision: 'delete', reason: 'Past its period.' } }));
      const certificate = await ok('certificate', getDestructionCertificate({ client: as('sro'), path: { id: decided.data.certificate?.id ?? '' } }));
      expect(certificate.data.decision.id).toBe(decided.data.decision.id);
      const record = await ok('record', getRetentionRecord({ client: as('sro'), path: { recordType: 'application', id: withdrawn.data.id } }));
      expect(record.data.holds.map((h) => h.releaseReason)).toEqual(['Acquitted; no appeal.']);
      const verified = await ok('verify', verifyApplicationHistory({ client: as('applicant'), path: { id: withdrawn.data.id } }));
      expect(verified.data).toMatchObject({ valid: true });
    } finally {
      t.clock.set(now.toISOString());
    }
  });

  it('keeps the CSP directory: an administrator adds and deactivates a CSP, which a SPOC then no longer lists', async () => {
    const code = `walk${Date.now()}`;
    const created = await ok(
      'add a CSP',
      createCsp({
        client: as('admin'), headers: newKey(),
        body: {
          code,
          name: 'Walkthrough Telecom Ltd',
          etsiEndpointId: `GB-${code}`,
          dataTypes: ['subscriber'],
          identifierKinds: ['msisdn'],
          returnFormats: ['csv'],
          fileTimeZone: 'Europe/London',
          ipResolutionAddress: null,
          portalOnly: false,
        },
      }),
    );
    expect(created.data).toMatchObject({ code, active: true, version: 1 });
    const read = await ok('read it', getCsp({ client: as('spoc'), path: { id: created.data.id } }));
    const etag = etagOf(read.data, read.response);
    const listed = await ok('list', listCsps({ client: as('spoc') }));
    expect(listed.data.items.map((csp) => csp.code)).toContain(code);
    const deactivated = await ok('deactivate', updateCsp({ client: as('admin'), path: { id: created.data.id }, headers: { ...newKey(), 'If-Match': etag }, body: { active: false } }));
    expect(deactivated.data).toMatchObject({ active: false, version: 2 });
    const after = await ok('list again', listCsps({ client: as('spoc') }));
    expect(after.data.items.map((csp) => csp.code)).not.toContain(code);
  });

  it('reads the checkpoint key anonymously and verifies the signed checkpoints as the administrator (issue 21, item 2)', async () => {
    const key = await ok('the public key', getCheckpointKey({ client: anonymous }));
    expect(key.data).toMatchObject({ algorithm: 'Ed25519', ephemeral: true });
    expect(key.data.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const verified = await ok('verify the checkpoints', verifyCheckpoints({ client: as('admin') }));
    expect(verified.data).toMatchObject({ valid: true });
  });

  it('has had a 2xx answer from every operation of the document', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const succeeded = new Set([...answered].filter((key) => /\s2\d\d$/.test(key)).map((key) => key.replace(/\s\d{3}$/, '')));
    expect(operations.filter((operation) => !succeeded.has(operation))).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(19);
  });
});
