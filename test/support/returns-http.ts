/**
 * Helpers of the returns e2e specs: an authorised application with a phone's subscriber and call records
 * (Example Mobile) and an IP address's user at an instant (Sample Broadband), its two requests sent, and the
 * upload of a return as multipart over real HTTP.
 */
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { completeForm, createApplication, GRANT_DECISION, SPOC_SECTION, step, type AppRecord } from './applications';
import type { TestApp } from './test-app';

/** When the application is made and granted, and the requests sent (the periods below are before it). */
export const GRANTED_AT = '2026-07-01T10:00:00.000Z';
export const IP_AT = '2026-06-14T13:05:00+01:00';
export const MSISDN = '+447911123456';

/** The items the fixtures in test/fixtures/returns answer (test/fixtures/returns/README.md). */
export const RETURNS_FORM = completeForm({
  identifiers: [
    { ref: 'id1', type: 'msisdn', value: '07911 123456', source: 'victim statement' },
    { ref: 'id2', type: 'ipPort', value: '203.0.113.7:51234', source: 'the web host’s log' },
  ],
  dataItems: [
    { ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', periodKind: 'historic', periodStart: '2026-03-01T00:00:00+00:00', periodEnd: '2026-03-31T23:59:59+01:00', csp: 'Example Mobile', icrCondition: null },
    { ref: 'd2', identifierRef: 'id1', category: 'events', subtype: 'callDataRecords', periodKind: 'historic', periodStart: '2026-03-01T00:00:00+00:00', periodEnd: '2026-03-31T23:59:59+01:00', csp: 'Example Mobile', icrCondition: null },
    { ref: 'd3', identifierRef: 'id2', category: 'entity', subtype: 'ipAddressResolution', periodKind: 'historic', periodStart: IP_AT, periodEnd: IP_AT, timeZone: 'Europe/London', csp: 'Sample Broadband', icrCondition: null },
  ],
});

export interface RequestRecord {
  id: string;
  version: number;
  status: string;
  allowedEvents: string[];
  blockedEvents: { event: string; code: string }[];
}

export interface CheckRecord {
  id: string;
  code: string;
  rowCount: number;
  rowNumbers: number[];
  detail: string;
  suspectedErrorEventId: string;
  review: { decision: string; reason: string } | null;
}

export interface ReturnRecord {
  id: string;
  dataItemRef: string;
  sha256: string;
  nil: boolean;
  quarantined: boolean;
  afterEnd: boolean;
  timeZone: string | null;
  rowCount: number;
  cleanRowCount: number;
  checks: CheckRecord[];
  request: { status: string; version: number };
}

export async function bearer(t: TestApp, user = 'spoc'): Promise<string> {
  return `Bearer ${await t.token(user)}`;
}

/** The application, authorised at {@link GRANTED_AT}, and one request to each CSP, sent. */
export async function sentRequests(t: TestApp, csps: Map<string, string>): Promise<{ app: AppRecord; mobile: RequestRecord; broadband: RequestRecord }> {
  t.clock.set(GRANTED_AT);
  let app = await createApplication(t, 'applicant', RETURNS_FORM);
  app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
  app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  app = await step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
  const make = async (code: string, refs: string[]) => {
    const created = await t.http().post(`/applications/${app.id}/disclosure-requests`).set('authorization', await bearer(t)).send({ cspId: csps.get(code), items: refs.map((dataItemRef) => ({ dataItemRef })) });
    expect(created.status).toBe(201);
    return sendEvent(t, created.body as RequestRecord, { type: 'SEND' });
  };
  return { app, mobile: await make('examplemobile', ['d1', 'd2']), broadband: await make('samplebroadband', ['d3']) };
}

export async function sendEvent(t: TestApp, request: { id: string; version: number }, body: Record<string, unknown>, expected = 200): Promise<RequestRecord> {
  const res = await t.http().post(`/disclosure-requests/${request.id}/events`).set('authorization', await bearer(t)).set('If-Match', String(request.version)).send(body);
  expect({ status: res.status, body: res.status === expected ? null : (res.body as unknown) }).toEqual({ status: expected, body: null });
  return res.body as RequestRecord;
}

export async function cspIds(t: TestApp): Promise<Map<string, string>> {
  const res = await t.http().get('/csps?pageSize=100').set('authorization', await bearer(t)).expect(200);
  return new Map((res.body as { items: { code: string; id: string }[] }).items.map((c) => [c.code, c.id]));
}

export interface UploadOptions {
  fields?: Record<string, string>;
  fileName?: string;
  contentType?: string;
  user?: string;
}

/** POST one file as multipart/form-data, its form fields first. */
export async function upload(t: TestApp, requestId: string, content: Buffer | string, options: UploadOptions = {}): Promise<Response> {
  let req = t.http().post(`/disclosure-requests/${requestId}/returns`).set('authorization', await bearer(t, options.user));
  for (const [name, value] of Object.entries(options.fields ?? {})) req = req.field(name, value);
  return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), {
    filename: options.fileName ?? 'return.csv',
    contentType: options.contentType ?? 'text/csv',
  });
}

/** A JSON ETSI TS 103 120 DeliveryObject carrying `csv`, with a correct checksum unless one is given. */
export function deliveryObject(reference: string, csv: string, part: { deliveryId: string; sequenceNumber: number; lastSequence: boolean; checksum?: string }): string {
  const payload = Buffer.from(csv, 'utf8');
  return JSON.stringify({
    'delivery:Reference': reference,
    'delivery:DeliveryID': part.deliveryId,
    'delivery:SequenceNumber': part.sequenceNumber,
    'delivery:LastSequence': part.lastSequence,
    'delivery:Delivery': {
      'delivery:BinaryData': {
        'delivery:Data': payload.toString('base64'),
        'delivery:ContentType': 'text/csv',
        'delivery:Checksum': part.checksum ?? createHash('sha256').update(payload).digest('hex'),
      },
    },
  });
}
