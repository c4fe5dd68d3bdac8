/**
 * Returns from CSPs over real HTTP, on SQLite and PostgreSQL (docs/returns.md; docs/architecture.md §7.2): a
 * clean return is stored and its file given back byte for byte; a return with one row for another number, one
 * outside the period, one billing-only IP resolution and one extra column raises exactly those four checks and
 * four suspected errors, while the clean rows are kept; a file that cannot be read is refused with nothing
 * stored; deliveries in parts; MARK_CHECKED waits for every check to be reviewed.
 */
import { DisclosureReturnEntity } from '../src/disclosures/returns/disclosure-return.entity';
import { AcquiredRecordEntity } from '../src/disclosures/returns/acquired-record.entity';
import { DisclosureReturnCheckEntity } from '../src/disclosures/returns/disclosure-return-check.entity';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { listErrors } from './support/errors-http';
import { expectProblem } from './support/guards-no-change';
import { bearer, cspIds, sendEvent, sentRequests, upload, type CheckRecord, type RequestRecord, type ReturnRecord } from './support/returns-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';

/** A subscriber return as a CSP might send it: a byte-order mark, Windows line ends, a time without offset (the CSP's zone). */
const CLEAN_SUBSCRIBER = '\ufeffidentifier,name,address,address_type,valid_from,valid_to\r\n07911 123456,Jo Example,"1 High Street, Reading RG1 1AA",installation,2025-01-10 09:00:00,\r\n';

const CALLS = [
  'a_party,b_party,start_time,duration_seconds,event_type,direction,cell_id',
  '+447911123456,+447700900555,2026-03-10T10:00:00+00:00,65,voice,out,CELL-1',
  '+447700900777,07911 123456,2026-03-11 12:30:00,0,sms, In ,CELL-2',
  // Another number: neither party is the one requested.
  '+447700900999,+447700900555,2026-03-12T10:00:00Z,30,voice,out,CELL-3',
  // Outside the period: April, after it ended.
  '+447911123456,+447700900555,2026-04-02T10:00:00+01:00,30,voice,out,CELL-1',
  // The other party need not be a number at all.
  '+447911123456,150,2026-03-20T08:00:00Z,12,voice,out,CELL-4',
].join('\n');

const BILLING_ONLY = 'ip_address,port,observed_time,subscriber_name,address,address_type\n203.0.113.7,51234,2026-06-14T12:05:00Z,Jo Example,"9 Bill Road, Reading",billing\n';

const EXTRA_COLUMN = 'identifier,name,address,address_type,valid_from,valid_to,notes\n07911 123456,Jo Example,1 High St,installation,2025-01-10T09:00:00Z,,she said she would call back\n';

describe(`returns from CSPs (${DRIVER})`, () => {
  let t: TestApp;
  let csps: Map<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    csps = await cspIds(t);
  });
  afterAll(() => t.close());

  const stored = async () => ({
    returns: await t.dataSource.getRepository(DisclosureReturnEntity).count(),
    checks: await t.dataSource.getRepository(DisclosureReturnCheckEntity).count(),
    records: await t.dataSource.getRepository(AcquiredRecordEntity).count(),
    chunks: Number((await t.dataSource.query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM disclosure_return_file_chunk'))[0].n),
    outbox: await t.dataSource.getRepository(OutboxEventEntity).count(),
  });

  async function getRequest(id: string): Promise<RequestRecord> {
    return (await t.http().get(`/disclosure-requests/${id}`).set('authorization', await bearer(t)).expect(200)).body as RequestRecord;
  }

  it('stores a clean return, its rows read in the CSP’s zone, and gives the file back byte for byte', async () => {
    const { mobile } = await sentRequests(t, csps);
    const res = await upload(t, mobile.id, CLEAN_SUBSCRIBER, { fields: { dataItemRef: 'd1' } });
    expect(res.status).toBe(201);
    const received = res.body as ReturnRecord;
    expect(received).toMatchObject({ dataItemRef: 'd1', rowCount: 1, cleanRowCount: 1, nil: false, quarantined: false, afterEnd: false, checks: [] });
    expect(received.request).toEqual({ status: 'partiallyDisclosed', version: 3 });

    const file = await t.http().get(`/disclosure-requests/${mobile.id}/returns/${received.id}/file`).set('authorization', await bearer(t)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, Buffer.from(CLEAN_SUBSCRIBER, 'utf8'))).toBe(0);

    const records = await t.http().get(`/disclosure-requests/${mobile.id}/returns/${received.id}/records`).set('authorization', await bearer(t)).expect(200);
    expect(records.body).toMatchObject({
      total: 1,
      items: [{ rowNumber: 2, identifier: '+447911123456', atUtc: '2025-01-10T09:00:00.000Z', sourceOffset: '+00:00', localTime: '2025-01-10 09:00:00', flags: [] }],
    });
  });

  it('raises exactly the four failed checks of a faulty return as four suspected errors, and keeps the clean rows', async () => {
    const { mobile, broadband } = await sentRequests(t, csps);
    const uploads = [
      await upload(t, mobile.id, CALLS, { fields: { dataItemRef: 'd2' } }),
      await upload(t, broadband.id, BILLING_ONLY),
      await upload(t, mobile.id, EXTRA_COLUMN, { fields: { dataItemRef: 'd1' } }),
    ];
    for (const res of uploads) expect({ status: res.status, body: res.status === 201 ? null : (res.body as unknown) }).toEqual({ status: 201, body: null });
    const [calls, ip, extra] = uploads.map((res) => res.body as ReturnRecord);
    const codes = (r: ReturnRecord) => r.checks.map((c) => c.code);
    expect(codes(calls)).toEqual(['IDENTIFIER_NOT_REQUESTED', 'OUTSIDE_PERIOD']);
    expect(calls.checks.map((c) => c.rowNumbers)).toEqual([[4], [5]]);
    expect(codes(ip)).toEqual(['ADDRESS_TYPE_MISMATCH']);
    expect(codes(extra)).toEqual(['CONTENT_SUSPECTED']);
    expect(extra.quarantined).toBe(true);
    expect(calls).toMatchObject({ rowCount: 5, cleanRowCount: 3, quarantined: false });

    // The clean rows are kept and shown; the two that failed are kept flagged.
    const rows = await t.http().get(`/disclosure-requests/${mobile.id}/returns/${calls.id}/records`).set('authorization', await bearer(t)).expect(200);
    expect((rows.body as { items: { direction: string | null }[] }).items[1].direction).toBe('in');
    expect((rows.body as { items: { rowNumber: number; flags: string[] }[] }).items.map((r) => [r.rowNumber, r.flags])).toEqual([
      [2, []],
      [3, []],
      [4, ['IDENTIFIER_NOT_REQUESTED']],
      [5, ['OUTSIDE_PERIOD']],
      [6, []],
    ]);
    // The quarantined file shows neither its rows nor itself.
    expectProblem(await t.http().get(`/disclosure-requests/${mobile.id}/returns/${extra.id}/records`).set('authorization', await bearer(t)), 409, 'RETURN_QUARANTINED');
    expectProblem(await t.http().get(`/disclosure-requests/${mobile.id}/returns/${extra.id}/file`).set('authorization', await bearer(t)), 409, 'RETURN_QUARANTINED');
    expect(await t.dataSource.getRepository(AcquiredRecordEntity).countBy({ returnId: extra.id })).toBe(0);

    await t.relay.drain();
    const events = [calls, ip, extra].flatMap((r) => r.checks.map((c) => c.suspectedErrorEventId));
    const suspected = (await listErrors(t, 'spoc', '?status=suspected&pageSize=100')).items.filter((e) => events.includes(e.source?.eventId ?? ''));
    expect(suspected).toHaveLength(4);
    expect(suspected.map((e) => (e as unknown as { report: { errorDescription: string } }).report.errorDescription).sort()).toEqual([
      expect.stringContaining('ADDRESS_TYPE_MISMATCH'),
      expect.stringContaining('CONTENT_SUSPECTED'),
      expect.stringContaining('IDENTIFIER_NOT_REQUESTED'),
      expect.stringContaining('OUTSIDE_PERIOD'),
    ]);
  });

  it('refuses a file that cannot be read, with a problem detail, and stores nothing of it', async () => {
    const { mobile } = await sentRequests(t, csps);
    const before = await stored();
    const version = (await getRequest(mobile.id)).version;
    const cases: [string, Buffer | string, Record<string, string>, number, string][] = [
      ['wrong columns', 'number,name\n+447911123456,Jo\n', { dataItemRef: 'd1' }, 422, 'RETURN_COLUMNS_INVALID'],
      ['broken UTF-8', Buffer.concat([Buffer.from('identifier,name,address,address_type,valid_from,valid_to\n07911 123456,Jo '), Buffer.from([0xc3, 0x28]), Buffer.from(',x,installation,2025-01-10T09:00:00Z,\n')]), { dataItemRef: 'd1' }, 422, 'RETURN_NOT_UTF8'],
      ['a 0-byte file', '', { dataItemRef: 'd1' }, 422, 'RETURN_EMPTY'],
      ['an item not on the request', CLEAN_SUBSCRIBER, { dataItemRef: 'd3' }, 422, 'RETURN_REFERENCE_MISMATCH'],
      ['an unreadable time', 'identifier,name,address,address_type,valid_from,valid_to\n07911 123456,Jo,x,installation,10/01/2025,\n', { dataItemRef: 'd1' }, 422, 'RETURN_ROW_INVALID'],
      // A NUL is valid UTF-8 but no database column may hold it (PostgreSQL cannot): refused, not a 500.
      ['a NUL in a cell', 'identifier,name,address,address_type,valid_from,valid_to\n07911 123456,Jo\u0000,x,installation,2025-01-10T09:00:00Z,\n', { dataItemRef: 'd1' }, 422, 'RETURN_ROW_INVALID'],
      ['a NUL in a form field', CLEAN_SUBSCRIBER, { dataItemRef: 'd1', deliveryId: 'delivery\u0000' }, 400, 'INPUT_CHARACTERS_INVALID'],
    ];
    for (const [what, content, fields, status, code] of cases) {
      const res = await upload(t, mobile.id, content, { fields });
      expect({ what, status: res.status, code: (res.body as { code?: string }).code }).toEqual({ what, status, code });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await stored()).toEqual(before);
    expect((await getRequest(mobile.id)).version).toBe(version);
  });

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const small = await createTestApp({ env: { RETURN_MAX_BYTES: '2048' } });
    try {
      const { mobile } = await sentRequests(small, await cspIds(small));
      const big = `identifier,name,address,address_type,valid_from,valid_to\n${'07911 123456,Jo,x,installation,2025-01-10T09:00:00Z,\n'.repeat(100)}`;
      const res = await upload(small, mobile.id, big, { fields: { dataItemRef: 'd1' } });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(await small.dataSource.getRepository(DisclosureReturnEntity).count()).toBe(0);
      expect(Number((await small.dataSource.query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM disclosure_return_file_chunk'))[0].n)).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('refuses the same file twice with 409, naming the return it is', async () => {
    const { mobile } = await sentRequests(t, csps);
    const first = await upload(t, mobile.id, CLEAN_SUBSCRIBER, { fields: { dataItemRef: 'd1' } });
    expect(first.status).toBe(201);
    const again = await upload(t, mobile.id, CLEAN_SUBSCRIBER, { fields: { dataItemRef: 'd1' } });
    expectProblem(again, 409, 'RETURN_DUPLICATE');
    expect(again.body).toMatchObject({ returnId: (first.body as ReturnRecord).id });
  });

  it('MARK_CHECKED waits until every failed check is reviewed, accepted or raised as an error', async () => {
    const { mobile } = await sentRequests(t, csps);
    await upload(t, mobile.id, CLEAN_SUBSCRIBER, { fields: { dataItemRef: 'd1' } });
    const calls = (await upload(t, mobile.id, CALLS, { fields: { dataItemRef: 'd2' } })).body as ReturnRecord;
    expect(calls.request.status).toBe('disclosed');
    let request = await getRequest(mobile.id);
    expect(request.allowedEvents).not.toContain('MARK_CHECKED');
    expect(request.blockedEvents).toContainEqual(expect.objectContaining({ event: 'MARK_CHECKED', code: 'CHECKS_NOT_REVIEWED' }));
    await sendEvent(t, request, { type: 'MARK_CHECKED' }, 422);

    const review = (check: CheckRecord, decision: string, reason: string) =>
      t.http().post(`/disclosure-requests/${mobile.id}/returns/${calls.id}/checks/${check.id}/review`).set('authorization', bearer_).send({ decision, reason });
    const bearer_ = await bearer(t);
    const [other, outside] = calls.checks;
    expect((await review(other, 'raisedAsError', 'Row 4 is another subscriber’s call: the error stands.')).status).toBe(200);
    expectProblem(await review(other, 'accepted', 'second thoughts'), 409, 'CHECK_ALREADY_REVIEWED');
    request = await getRequest(mobile.id);
    expect(request.allowedEvents).not.toContain('MARK_CHECKED');
    const accepted = await review(outside, 'accepted', 'The CSP sent one call after the period by mistake; it is withheld from the product.');
    expect(accepted.body).toMatchObject({ code: 'OUTSIDE_PERIOD', review: { decision: 'accepted' } });
    request = await getRequest(mobile.id);
    expect(request.allowedEvents).toContain('MARK_CHECKED');
    expect((await sendEvent(t, request, { type: 'MARK_CHECKED' })).status).toBe('checked');
  });
});
