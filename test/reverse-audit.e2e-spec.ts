/**
 * The reverse audit (issue 24, item 4; docs/returns.md §7): a CSP's own list of what it disclosed to the authority,
 * matched back to the authority's authorised, sent requests. Lines that match none are findings and suspected errors
 * (possible acquisitions without authority); a request the authority recorded as answered that the list lacks is a
 * finding too. The result is kept, and read back as JSON and as a PDF read by a real parser. Both databases.
 */
import { binaryBody, extractPdfText, squash } from './support/errors-pdf-text';
import { fixture, received } from './support/products-http';
import { cspIds, sendEvent, sentRequests } from './support/returns-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const PERIOD = '?from=2026-07-01T00:00:00%2B01:00&to=2026-10-01T00:00:00%2B01:00';

interface ReverseAuditBody {
  id: string;
  lines: number;
  matched: { line: number; requestId: string; urn: string }[];
  findings: { kind: string; line: number | null; requestId: string | null; suspectedError: boolean; detail: string }[];
  suspectedErrors: number;
}

describe(`reverse audit of a CSP's list (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let mobile: string;
  let listed: string;
  let missing: string;
  const bearer = async (user: string) => `Bearer ${await t.token(user)}`;
  const run = async (csv: string, user = 'sro', cspId = mobile) =>
    t.http().post(`/reverse-audits${PERIOD}&cspId=${cspId}`).set('authorization', await bearer(user)).set('content-type', 'text/csv').send(csv);
  const stored = async () => Number((await t.uow.read((m) => m.query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM reverse_audit')))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    const csps = await cspIds(t);
    mobile = csps.get('examplemobile') ?? '';
    // Two authorisations, each with a request to the mobile operator that it acknowledged and answered.
    const first = await sentRequests(t, csps);
    const second = await sentRequests(t, csps);
    await sendEvent(t, first.mobile, { type: 'CSP_ACKNOWLEDGED', cspReference: 'EM-1' });
    await sendEvent(t, second.mobile, { type: 'CSP_ACKNOWLEDGED', cspReference: 'EM-2' });
    for (const request of [first.mobile, second.mobile]) await received(t, request.id, fixture('subscriber.csv'), 'd1', 'subscriber.csv');
    listed = first.mobile.id;
    missing = second.mobile.id;
  });
  afterAll(() => t.close());

  it('finds exactly the line never authorised, the line outside the authorised period and the request missing from the list, and raises two suspected errors', async () => {
    const csv = [
      'csp_reference,identifier,data_type,disclosed_at',
      // As the request asked: the CSP's reference, the number as a person writes it, the data type, while in force.
      'EM-1,07911 123456,subscriber,2026-07-02T10:15:00+01:00',
      // A number no request of the authority ever asked this CSP for.
      'EM-9,+447700900999,subscriber,2026-07-03T09:00:00+01:00',
      // The same request's number, disclosed after the authorisation (granted 1 July) expired a month later.
      'EM-1,+447911123456,subscriber,2026-09-15T09:00:00+01:00',
    ].join('\n');
    const res = await run(csv);
    expect(res.status).toBe(201);
    const body = res.body as ReverseAuditBody;
    expect(body.lines).toBe(3);
    expect(body.matched.map((m) => [m.line, m.requestId])).toEqual([[2, listed]]);
    expect(body.findings.map((f) => [f.kind, f.line, f.requestId, f.suspectedError])).toEqual([
      ['identifierNotAuthorised', 3, null, true],
      ['outsideAuthorisedPeriod', 4, listed, true],
      ['missingFromCspList', null, missing, false],
    ]);
    expect(body.suspectedErrors).toBe(2);

    // The suspected errors reach the register through the outbox, each linked to what the line came nearest to.
    await t.relay.drain();
    const raised = await t.uow.read((m) =>
      m.query<{ id: string; cause_code: string; status: string }[]>("SELECT id, cause_code, status FROM cd_error WHERE source_type = 'reverseAuditFinding' ORDER BY created_at, id"),
    );
    expect(raised.map((e) => [e.status, e.cause_code])).toEqual([
      ['suspected', 'acquiredWithoutAuthorisation'],
      ['suspected', 'acquiredWithoutAuthorisation'],
    ]);

    // Kept as it was run, read back as JSON and as a PDF, each reading recorded in the security audit stream.
    const again = await t.http().get(`/reverse-audits/${body.id}`).set('authorization', await bearer('sro')).expect(200);
    expect(again.body).toEqual(body);
    const pdf = await t.http().get(`/reverse-audits/${body.id}/report.pdf`).set('authorization', await bearer('sro')).buffer(true).parse(binaryBody).expect(200);
    const text = squash((await extractPdfText(pdf.body as Buffer)).pages.map((p) => p.text).join('\n'));
    for (const words of ['Reverse audit', 'OFFICIAL-SENSITIVE', 'Identifier never asked for', 'Disclosed outside the authorised period', 'missing from the CSP', 'BST']) {
      expect(text).toContain(words);
    }
    const viewed = await t.uow.read((m) => m.query<{ n: string | number }[]>(`SELECT COUNT(*) AS n FROM security_event WHERE kind = 'viewed' AND subject_id = '${body.id}'`));
    expect(Number(viewed[0].n)).toBe(2);
  });

  it('refuses a list with a line at fault, naming each line, and matches nothing', async () => {
    const before = await stored();
    const res = await run(['csp_reference,identifier,data_type,disclosed_at', 'EM-1,,subscriber,2026-07-02T10:15:00+01:00', 'EM-1,+447911123456,subscriber,2 July 2026'].join('\n'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REVERSE_AUDIT_INVALID' });
    expect((res.body as { errors: { field: string; line: number }[] }).errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'identifier'],
      [3, 'disclosed_at'],
    ]);
    expect((await run('identifier,disclosed_at\n+447911123456,2026-07-02T10:15:00+01:00')).status).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('runs a retried upload once (Idempotency-Key), and is the SRO’s alone, of their own authority', async () => {
    const before = await stored();
    const csv = 'csp_reference,identifier,data_type,disclosed_at\nEM-1,07911 123456,subscriber,2026-07-02T10:15:00+01:00\n';
    const send = async () =>
      t.http().post(`/reverse-audits${PERIOD}&cspId=${mobile}`).set('authorization', await bearer('sro')).set('Idempotency-Key', 'reverse-audit-retry-1').set('content-type', 'text/csv').send(csv);
    const first = await send();
    const retry = await send();
    expect([first.status, retry.status, retry.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect((retry.body as ReverseAuditBody).id).toBe((first.body as ReverseAuditBody).id);
    expect(await stored()).toBe(before + 1);
    expect((await run(csv, 'spoc')).status).toBe(403);
    await t.http().get(`/reverse-audits/${(first.body as ReverseAuditBody).id}`).set('authorization', await bearer('other-sro')).expect(404);
  });
});
