/**
 * Every transition of the disclosure request (docs/architecture.md §7.2), walked over real HTTP on SQLite and
 * PostgreSQL: each row of `DISCLOSURE_REQUEST_TRANSITIONS` is reached by the way a SPOC reaches it — the
 * events endpoint for the SPOC's events, an upload to the returns endpoint for RETURN_RECEIVED — and must
 * land in its target, with the request's history chain still whole.
 */
import { DISCLOSURE_REQUEST_TRANSITIONS, type DisclosureRequestEventType, type DisclosureRequestState } from '../src/workflow/disclosure-request.types';
import { bearer, cspIds, sendEvent, sentRequests, upload, type RequestRecord, type ReturnRecord } from './support/returns-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
const IP_HEADER = 'ip_address,port,observed_time,subscriber_name,address,address_type';

describe(`every disclosure request transition over HTTP (${DRIVER})`, () => {
  let t: TestApp;
  let csps: Map<string, string>;
  let files = 0;
  beforeAll(async () => {
    t = await createTestApp();
    csps = await cspIds(t);
  });
  afterAll(() => t.close());

  /** A clean IP resolution for the one-item request, different bytes each time (the same file twice is a duplicate). */
  function part(fields: Record<string, string>) {
    files += 1;
    return { csv: `${IP_HEADER}\n203.0.113.7,51234,2026-06-14T12:05:00Z,Jo Example ${files},"1 High Street, Reading",installation\n`, fields };
  }

  async function deliver(request: RequestRecord, fields: Record<string, string> = {}): Promise<RequestRecord> {
    const { csv } = part(fields);
    const res = await upload(t, request.id, csv, { fields });
    expect({ status: res.status, checks: (res.body as ReturnRecord).checks }).toEqual({ status: 201, checks: [] });
    return (await t.http().get(`/disclosure-requests/${request.id}`).set('authorization', await bearer(t)).expect(200)).body as RequestRecord;
  }

  /** A request of one item (Sample Broadband's IP resolution) in `state`, by the events and uploads that lead there. */
  async function reach(state: DisclosureRequestState): Promise<RequestRecord> {
    const { app } = await sentRequests(t, csps);
    const created = await t.http().post(`/applications/${app.id}/disclosure-requests`).set('authorization', await bearer(t)).send({ cspId: csps.get('samplebroadband'), items: [{ dataItemRef: 'd3' }] });
    let request = created.body as RequestRecord;
    if (state === 'pending') return request;
    request = await sendEvent(t, request, { type: 'SEND' });
    if (state === 'acknowledged') return sendEvent(t, request, { type: 'CSP_ACKNOWLEDGED', cspReference: 'SB-77' });
    if (state === 'nilReturn') return sendEvent(t, request, { type: 'NIL_RETURN', cspStatement: 'No such session on that date.' });
    if (state === 'partiallyDisclosed') return deliver(request, { deliveryId: 'W', sequenceNumber: '1', lastSequence: 'false' });
    if (state === 'disclosed') return deliver(request);
    return request;
  }

  /** Sends `event` to a request in `from`, aiming for `to`: an upload for RETURN_RECEIVED, the events endpoint otherwise. */
  async function fire(request: RequestRecord, event: DisclosureRequestEventType, to: DisclosureRequestState): Promise<RequestRecord> {
    switch (event) {
      case 'RETURN_RECEIVED': {
        const partial = request.status === 'partiallyDisclosed';
        if (to === 'partiallyDisclosed') return deliver(request, { deliveryId: 'W', sequenceNumber: partial ? '2' : '1', lastSequence: 'false' });
        return deliver(request, partial ? { deliveryId: 'W', sequenceNumber: '2', lastSequence: 'true' } : {});
      }
      case 'SEND':
        return sendEvent(t, request, { type: 'SEND' });
      case 'CSP_ACKNOWLEDGED':
        return sendEvent(t, request, { type: 'CSP_ACKNOWLEDGED', cspReference: 'SB-77' });
      case 'NIL_RETURN':
        return sendEvent(t, request, { type: 'NIL_RETURN', cspStatement: 'No such session on that date.' });
      case 'CSP_REJECTED':
        return sendEvent(t, request, { type: 'CSP_REJECTED', cspReason: 'The port is not one we log.' });
      case 'MARK_CHECKED':
        return sendEvent(t, request, { type: 'MARK_CHECKED' });
      case 'CANCEL':
        return sendEvent(t, request, { type: 'CANCEL', reason: 'The suspect was identified another way.' });
    }
  }

  it.each(DISCLOSURE_REQUEST_TRANSITIONS.map((row) => [row[0], row[1], row[2]] as const))('%s —%s→ %s', async (from, event, to) => {
    const request = await reach(from);
    expect(request.status).toBe(from);
    const after = await fire(request, event, to);
    expect(after.status).toBe(to);
    const verified = await t.http().get(`/disclosure-requests/${request.id}/history/verify`).set('authorization', await bearer(t)).expect(200);
    expect(verified.body).toMatchObject({ valid: true, rows: after.version });
  });
});
