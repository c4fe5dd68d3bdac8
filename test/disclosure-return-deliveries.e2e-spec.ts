/**
 * Deliveries in parts and the times in them, over real HTTP on SQLite and PostgreSQL (docs/returns.md): JSON
 * deliveries shaped like ETSI TS 103 120 DeliveryObjects arriving out of order; a gap flagged only once the
 * last part is in; a damaged payload or a delivery for another task refused with nothing stored; a nil
 * return; a return after cancellation kept and flagged; times without an offset read in the CSP's declared
 * zone, refused when it declared none, and the repeated autumn hour flagged, never guessed.
 */
import { ldTaskReference } from '../src/disclosures/hi1/hi1-message';
import { DisclosureReturnEntity } from '../src/disclosures/returns/disclosure-return.entity';
import { expectProblem } from './support/guards-no-change';
import { bearer, cspIds, deliveryObject, sendEvent, sentRequests, upload, type RequestRecord, type ReturnRecord } from './support/returns-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';

const IP_HEADER = 'ip_address,port,observed_time,subscriber_name,address,address_type';
const IP_ROW = '203.0.113.7,51234,2026-06-14T12:05:00Z,Jo Example,"1 High Street, Reading RG1 1AA",installation';
const SUBSCRIBER_HEADER = 'identifier,name,address,address_type,valid_from,valid_to';

describe(`deliveries in parts and their times (${DRIVER})`, () => {
  let t: TestApp;
  let csps: Map<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    csps = await cspIds(t);
  });
  afterAll(() => t.close());

  const sendJson = (requestId: string, body: string) => upload(t, requestId, body, { fileName: 'delivery.json', contentType: 'application/json' });
  const referenceOf = (request: RequestRecord & { authorityId?: string }, itemRef: string) => ldTaskReference('GB', request.authorityId ?? '', request.id, itemRef);

  async function request(id: string): Promise<RequestRecord & { authorityId: string }> {
    return (await t.http().get(`/disclosure-requests/${id}`).set('authorization', await bearer(t)).expect(200)).body as RequestRecord & { authorityId: string };
  }

  it('takes the parts of a JSON delivery in any order, and the request is disclosed once the last and every part before it are in', async () => {
    const { broadband } = await sentRequests(t, csps);
    const reference = referenceOf(await request(broadband.id), 'd3');
    const part = (n: number, last: boolean) => deliveryObject(reference, `${IP_HEADER}\n${IP_ROW}\n`, { deliveryId: 'SB-DEL-1', sequenceNumber: n, lastSequence: last });
    const second = await sendJson(broadband.id, part(2, false));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ format: 'json', sequenceNumber: 2, lastSequence: false, checks: [], request: { status: 'partiallyDisclosed' } });
    const third = await sendJson(broadband.id, part(3, true));
    // The last part is in, and part 1 is not: a gap, flagged now and not before.
    expect((third.body as ReturnRecord).checks.map((c) => [c.code, c.detail])).toEqual([['PARTS_MISSING', expect.stringContaining('part 1')]]);
    expect((third.body as ReturnRecord).request.status).toBe('partiallyDisclosed');
    const first = await sendJson(broadband.id, part(1, false));
    expect(first.status).toBe(201);
    expect((first.body as ReturnRecord).checks).toEqual([]);
    expect((first.body as ReturnRecord).request.status).toBe('disclosed');
    const history = await t.http().get(`/disclosure-requests/${broadband.id}/history`).set('authorization', await bearer(t)).expect(200);
    expect((history.body as { items: { eventType: string | null; toState: string }[] }).items.map((h) => [h.eventType, h.toState]).slice(-3)).toEqual([
      ['RETURN_RECEIVED', 'partiallyDisclosed'],
      ['RETURN_RECEIVED', 'partiallyDisclosed'],
      ['RETURN_RECEIVED', 'disclosed'],
    ]);
  });

  it('flags no gap for parts that arrive in order', async () => {
    const { broadband } = await sentRequests(t, csps);
    const reference = referenceOf(await request(broadband.id), 'd3');
    for (const [n, last] of [[1, false], [2, true]] as const) {
      const res = await sendJson(broadband.id, deliveryObject(reference, `${IP_HEADER}\n${IP_ROW}\n`, { deliveryId: 'SB-DEL-2', sequenceNumber: n, lastSequence: last }));
      expect((res.body as ReturnRecord).checks).toEqual([]);
    }
    expect((await request(broadband.id)).status).toBe('disclosed');
  });

  it('refuses a damaged payload, a delivery for another task and the same part twice, storing nothing of them', async () => {
    const { mobile, broadband } = await sentRequests(t, csps);
    const before = await t.dataSource.getRepository(DisclosureReturnEntity).count();
    const reference = referenceOf(await request(broadband.id), 'd3');
    const csv = `${IP_HEADER}\n${IP_ROW}\n`;
    const damaged = deliveryObject(reference, csv, { deliveryId: 'SB-DEL-3', sequenceNumber: 1, lastSequence: true, checksum: '0'.repeat(64) });
    expectProblem(await sendJson(broadband.id, damaged), 422, 'RETURN_CHECKSUM_MISMATCH');
    const forOtherRequest = deliveryObject(reference, csv, { deliveryId: 'SB-DEL-3', sequenceNumber: 1, lastSequence: true });
    expectProblem(await sendJson(mobile.id, forOtherRequest), 422, 'RETURN_REFERENCE_MISMATCH');
    expectProblem(await sendJson(broadband.id, '{"Reference": 1}'), 422, 'RETURN_DELIVERY_INVALID');
    expect(await t.dataSource.getRepository(DisclosureReturnEntity).count()).toBe(before);
    expect((await sendJson(broadband.id, forOtherRequest)).status).toBe(201);
    const samePartOtherBytes = deliveryObject(reference, csv.replace('Jo Example', 'J Example'), { deliveryId: 'SB-DEL-3', sequenceNumber: 1, lastSequence: true });
    expectProblem(await sendJson(broadband.id, samePartOtherBytes), 409, 'RETURN_PART_DUPLICATE');
  });

  it('flags a file of another data type than the item asked for, and keeps none of its rows', async () => {
    const { mobile } = await sentRequests(t, csps);
    const calls = 'a_party,b_party,start_time,duration_seconds,event_type,direction,cell_id\n+447911123456,+447911654321,2026-03-10T10:00:00Z,65,voice,out,CELL-1\n';
    const res = await upload(t, mobile.id, calls, { fields: { dataItemRef: 'd1' } });
    expect(res.status).toBe(201);
    expect((res.body as ReturnRecord).checks.map((c) => [c.code, c.rowCount])).toEqual([['DATA_TYPE_NOT_REQUESTED', 1]]);
    expect(res.body).toMatchObject({ rowCount: 1, cleanRowCount: 0, nil: false });
    const records = await t.http().get(`/disclosure-requests/${mobile.id}/returns/${(res.body as ReturnRecord).id}/records`).set('authorization', await bearer(t)).expect(200);
    expect(records.body).toEqual({ items: [], total: 0 });
  });

  it('records a nil return as such', async () => {
    const { broadband } = await sentRequests(t, csps);
    const res = await upload(t, broadband.id, `${IP_HEADER}\n`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ nil: true, rowCount: 0, checks: [], request: { status: 'disclosed' } });
  });

  it('keeps a return that arrives after the request was cancelled, flagged AFTER_END, and notes it in the request’s history', async () => {
    const { mobile } = await sentRequests(t, csps);
    const cancelled = await sendEvent(t, await request(mobile.id), { type: 'CANCEL', reason: 'The suspect was charged; nothing more is needed.' });
    const res = await upload(t, mobile.id, `${SUBSCRIBER_HEADER}\n07911 123456,Jo Example,1 High St,installation,2025-01-10T09:00:00Z,\n`, { fields: { dataItemRef: 'd1' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ afterEnd: true, request: { status: 'cancelled', version: cancelled.version + 1 } });
    expect((res.body as ReturnRecord).checks.map((c) => c.code)).toEqual(['AFTER_END']);
    const history = await t.http().get(`/disclosure-requests/${mobile.id}/history`).set('authorization', await bearer(t)).expect(200);
    const last = (history.body as { items: { kind: string; toState: string }[] }).items.at(-1);
    expect(last).toMatchObject({ kind: 'edited', toState: 'cancelled' });
  });

  it('reads a time without an offset in the CSP’s declared zone (BST), flags the repeated autumn hour, and refuses it when no zone is declared', async () => {
    const { mobile } = await sentRequests(t, csps);
    const rows = [
      '07911 123456,Jo Example,1 High St,installation,2026-03-29 10:00:00,',
      '07911 123456,Jo Example,1 High St,installation,2025-10-26 01:30:00,2026-03-28 23:00:00',
    ];
    const res = await upload(t, mobile.id, `${SUBSCRIBER_HEADER}\n${rows.join('\n')}\n`, { fields: { dataItemRef: 'd1' } });
    expect(res.status).toBe(201);
    expect((res.body as ReturnRecord).checks.map((c) => [c.code, c.rowNumbers])).toEqual([['AMBIGUOUS_LOCAL_TIME', [3]]]);
    const records = await t.http().get(`/disclosure-requests/${mobile.id}/returns/${(res.body as ReturnRecord).id}/records`).set('authorization', await bearer(t)).expect(200);
    expect((records.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ rowNumber: 2, atUtc: '2026-03-29T09:00:00.000Z', sourceOffset: '+01:00', localTime: '2026-03-29 10:00:00', flags: [] }),
      expect.objectContaining({ rowNumber: 3, atUtc: null, localTime: '2025-10-26 01:30:00', flags: ['AMBIGUOUS_LOCAL_TIME'] }),
    ]);

    // A CSP that has declared no zone: the same kind of time cannot be read, and the file is refused.
    const admin = await bearer(t, 'admin');
    const created = await t.http().post('/admin/csps').set('authorization', admin).send({
      code: 'nozone-mobile', name: 'No Zone Mobile Ltd', etsiEndpointId: 'GB-NOZONE', dataTypes: ['subscriber', 'callDataRecords'], identifierKinds: ['msisdn'], returnFormats: ['csv'], fileTimeZone: null,
    });
    expect(created.status).toBe(201);
    const { app } = await sentRequests(t, csps);
    const made = await t.http().post(`/applications/${app.id}/disclosure-requests`).set('authorization', await bearer(t)).send({ cspId: (created.body as { id: string }).id, items: [{ dataItemRef: 'd1' }] });
    const sent = await sendEvent(t, made.body as RequestRecord, { type: 'SEND' });
    const refused = await upload(t, sent.id, `${SUBSCRIBER_HEADER}\n${rows[0]}\n`);
    expectProblem(refused, 422, 'RETURN_TIME_ZONE_UNDECLARED');
    expect((refused.body as { errors: { field: string; line: number }[] }).errors).toEqual([expect.objectContaining({ field: 'valid_from', line: 2 })]);
    const withOffset = await upload(t, sent.id, `${SUBSCRIBER_HEADER}\n07911 123456,Jo Example,1 High St,installation,2026-03-29T10:00:00+01:00,\n`);
    expect(withOffset.status).toBe(201);
    expect((withOffset.body as ReturnRecord).timeZone).toBeNull();
  });
});
