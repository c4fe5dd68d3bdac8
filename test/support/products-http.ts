/**
 * Helpers of the products e2e specs: an authorised application whose two requests have their returns (the
 * samples of test/fixtures/returns, and a call-record file with one row that fails a check, accepted), every
 * check reviewed and both requests marked as checked; and the issue of a product over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import type { AppRecord } from './applications';
import { bearer, sendEvent, sentRequests, upload, type RequestRecord, type ReturnRecord } from './returns-http';
import type { TestApp } from './test-app';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'returns');
export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** One call outside the period (April): the OUTSIDE_PERIOD check fails on it, and the SPOC accepts it. */
export const LATE_CALL = '+447911123456,+447700900555,2026-04-02T10:00:00+01:00,30,voice,out,CELL-9';

export interface Acquisition {
  app: AppRecord;
  mobile: RequestRecord;
  broadband: RequestRecord;
  returns: { subscriber: ReturnRecord; calls: ReturnRecord; ip: ReturnRecord };
}

export interface ProductRecord {
  id: string;
  applicationId: string;
  productNumber: number;
  kind: string;
  handling: string;
  exhibitReference: string | null;
  supersedes: { id: string; reason: string } | null;
  supersededBy: string | null;
  issuedAt: string;
  pdfSha256: string;
  contentSha256: string;
  rowCount: number;
  returnSha256s: string[];
  withheld: string[];
}

/** Uploads a return and expects it stored. */
export async function received(t: TestApp, requestId: string, csv: string, dataItemRef: string, fileName: string): Promise<ReturnRecord> {
  const res = await upload(t, requestId, csv, { fields: { dataItemRef }, fileName });
  expect({ status: res.status, body: res.status === 201 ? null : (res.body as unknown) }).toEqual({ status: 201, body: null });
  return res.body as ReturnRecord;
}

/** Accepts every failed check of `ret`, with a reason. */
export async function acceptChecks(t: TestApp, requestId: string, ret: ReturnRecord): Promise<void> {
  for (const check of ret.checks) {
    await t.http().post(`/disclosure-requests/${requestId}/returns/${ret.id}/checks/${check.id}/review`).set('authorization', await bearer(t)).send({ decision: 'accepted', reason: 'Checked against the CSP’s statement: a call just after the period, kept with its flag.' }).expect(200);
  }
}

/**
 * Every return received and reviewed; when `markChecked`, both requests marked as checked too. `extraCalls` are
 * call-record lines added to the sample's, so that two applications' returns differ.
 */
export async function checkedAcquisition(t: TestApp, csps: Map<string, string>, markChecked = true, extraCalls: string[] = []): Promise<Acquisition> {
  const { app, mobile, broadband } = await sentRequests(t, csps);
  const subscriber = await received(t, mobile.id, fixture('subscriber.csv'), 'd1', 'subscriber.csv');
  const calls = await received(t, mobile.id, [fixture('call-data-records.csv').trimEnd(), LATE_CALL, ...extraCalls, ''].join('\n'), 'd2', 'calls.csv');
  const ip = await received(t, broadband.id, fixture('ip-resolution.csv'), 'd3', 'ip.csv');
  for (const [request, ret] of [[mobile, subscriber], [mobile, calls], [broadband, ip]] as const) await acceptChecks(t, request.id, ret);
  let m = await getRequest(t, mobile.id);
  let b = await getRequest(t, broadband.id);
  if (markChecked) {
    m = await sendEvent(t, m, { type: 'MARK_CHECKED' });
    b = await sendEvent(t, b, { type: 'MARK_CHECKED' });
  }
  return { app, mobile: m, broadband: b, returns: { subscriber, calls, ip } };
}

export async function getRequest(t: TestApp, id: string): Promise<RequestRecord> {
  return (await t.http().get(`/disclosure-requests/${id}`).set('authorization', await bearer(t)).expect(200)).body as RequestRecord;
}

export async function issue(t: TestApp, applicationId: string, body: Record<string, unknown>, user = 'spoc'): Promise<Response> {
  return t.http().post(`/applications/${applicationId}/products`).set('authorization', await bearer(t, user)).send(body);
}

/** Issues a product and expects 201. */
export async function issued(t: TestApp, applicationId: string, body: Record<string, unknown>): Promise<ProductRecord> {
  const res = await issue(t, applicationId, body);
  expect({ status: res.status, body: res.status === 201 ? null : (res.body as unknown) }).toEqual({ status: 201, body: null });
  return res.body as ProductRecord;
}

/** GETs a PDF as bytes. */
export async function pdfBytes(t: TestApp, path: string, user = 'spoc'): Promise<{ status: number; bytes: Buffer; headers: Record<string, string> }> {
  const res = await t.http().get(path).set('authorization', await bearer(t, user)).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, bytes: res.body as Buffer, headers: res.headers };
}
