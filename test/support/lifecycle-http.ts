/**
 * HTTP and SQL helpers shared by the lifecycle, concurrency and history specs.
 */
import { ApplicationDeadlines } from '../../src/applications/application-deadlines.service';
import type { ApplicationHistoryItem } from '../../src/applications/application-history.mapper';
import type { PersonRef } from '../../src/common/person-ref';
import type { AppRecord } from './applications';
import { DEMO_PASSWORD, isPostgres, type TestApp } from './test-app';

/** A person as the history names them. */
export type PersonItem = PersonRef;

/** A row of `GET /applications/:id/history`, as JSON. */
export type HistoryItem = ApplicationHistoryItem;

export type VerifyBody =
  | { valid: true; rows: number; head: string }
  | { valid: false; rows: number; firstBroken: { seq: number | null; position: number; reason: string } };

/** Person ids of demo users, from the /auth/login response's `user.id` (one login each, cached per app). */
const idCache = new WeakMap<TestApp, Map<string, string>>();
export async function userIds(t: TestApp, usernames: readonly string[]): Promise<Map<string, string>> {
  const cache = idCache.get(t) ?? new Map<string, string>();
  idCache.set(t, cache);
  for (const username of usernames) {
    if (cache.has(username)) continue;
    const res = await t.http().post('/auth/login').send({ username, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username} failed ${res.status}`);
    cache.set(username, (res.body as { user: { id: string } }).user.id);
  }
  return cache;
}

export async function historyOf(t: TestApp, reader: string, id: string): Promise<HistoryItem[]> {
  const res = await t.http().get(`/applications/${id}/history`).set('authorization', `Bearer ${await t.token(reader)}`);
  if (res.status !== 200) throw new Error(`history of ${id} as ${reader}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { items: HistoryItem[] }).items;
}

export async function verifyOf(t: TestApp, reader: string, id: string): Promise<VerifyBody> {
  const res = await t.http().get(`/applications/${id}/history/verify`).set('authorization', `Bearer ${await t.token(reader)}`);
  if (res.status !== 200) throw new Error(`verify of ${id} as ${reader}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as VerifyBody;
}

export async function getApplication(t: TestApp, reader: string, id: string): Promise<{ status: string; version: number }> {
  const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(reader)}`);
  if (res.status !== 200) throw new Error(`get ${id} as ${reader}: ${res.status}`);
  return res.body as { status: string; version: number };
}

/** What the history records for an event the deadline scheduler sent (docs/architecture.md §7.1 EXPIRE). */
export const SCHEDULER_ACTOR = { actorId: '00000000-0000-0000-0000-000000000000', actorRoles: ['system'] } as const;

export interface SchedulerExpiry {
  /** The application as GET answered before the clock moved. */
  before: AppRecord;
  /** The application as GET answers after the polls. */
  after: AppRecord;
  /** How many times the polls reported this application expired (once, however many poll at once). */
  fired: number;
}

async function readApplication(t: TestApp, reader: string, id: string): Promise<AppRecord> {
  const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(reader)}`);
  if (res.status !== 200) throw new Error(`get ${id} as ${reader}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AppRecord;
}

/**
 * EXPIRE as the scheduler sends it: the test clock moves to the application's `expiresAt` (as
 * GET /applications/:id answers it), two deadline polls run at once, and the application is read back.
 * The clock stays there; reset it before driving another application.
 */
export async function expireByScheduler(t: TestApp, reader: string, id: string): Promise<SchedulerExpiry> {
  const before = await readApplication(t, reader, id);
  if (typeof before.expiresAt !== 'string') throw new Error(`${id} has no expiresAt (status ${before.status})`);
  t.clock.set(before.expiresAt);
  const deadlines = t.app.get(ApplicationDeadlines);
  const polls = await Promise.all([deadlines.tick(), deadlines.tick()]);
  const fired = polls.flatMap((poll) => poll.expired).filter((expired) => expired === id).length;
  return { before, after: await readApplication(t, reader, id), fired };
}

/**
 * Raw SQL on the app's database, as a DBA would type it. Write parameters as `$1, $2, …` (PostgreSQL);
 * on SQLite they become `?` (each `$n` used once, in order).
 */
export function rawSql<T = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  const query = isPostgres() ? text : text.replace(/\$\d+/g, '?');
  return t.dataSource.query(query, params);
}

/** A subscriber return answering COMPLETE_FORM's data item d1 (test/support/applications.ts): a registration before the period that still applies. */
const D1_SUBSCRIBER = 'identifier,name,address,address_type,valid_from,valid_to\n+447911123456,Alex Example,"1 High Street, Reading",installation,2026-02-01T00:00:00Z,\n';

/**
 * The lifecycle model's ACQUIRE step over HTTP, as `spoc`: a request to Example Mobile for the item d1, sent;
 * its return uploaded; any failed check accepted; MARK_CHECKED; and a final product issued. Writes no history
 * row of the application.
 */
export async function acquireAndIssueFinalProduct(t: TestApp, spoc: string, applicationId: string): Promise<void> {
  const auth = `Bearer ${await t.token(spoc)}`;
  const expectStatus = (res: { status: number; body: unknown }, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what} as ${spoc}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  const csps = expectStatus(await t.http().get('/csps?pageSize=100').set('authorization', auth), 200, 'list CSPs').items as { id: string; code: string }[];
  const cspId = csps.find((csp) => csp.code === 'examplemobile')?.id;
  const made = expectStatus(await t.http().post(`/applications/${applicationId}/disclosure-requests`).set('authorization', auth).send({ cspId, items: [{ dataItemRef: 'd1' }] }), 201, 'make a request');
  const requestId = String(made.id);
  const event = async (type: string, version: unknown) =>
    expectStatus(await t.http().post(`/disclosure-requests/${requestId}/events`).set('authorization', auth).set('If-Match', String(version)).send({ type }), 200, type);
  await event('SEND', made.version);
  const upload = await t.http().post(`/disclosure-requests/${requestId}/returns`).set('authorization', auth).field('dataItemRef', 'd1').attach('file', Buffer.from(D1_SUBSCRIBER), { filename: 'd1.csv', contentType: 'text/csv' });
  const received = expectStatus(upload, 201, 'upload the return') as { id: string; checks: { id: string }[] };
  for (const check of received.checks) {
    const review = await t.http().post(`/disclosure-requests/${requestId}/returns/${received.id}/checks/${check.id}/review`).set('authorization', auth).send({ decision: 'accepted', reason: 'Checked against the CSP’s statement.' });
    expectStatus(review, 200, 'review a check');
  }
  const request = expectStatus(await t.http().get(`/disclosure-requests/${requestId}`).set('authorization', auth), 200, 'read the request');
  await event('MARK_CHECKED', request.version);
  expectStatus(await t.http().post(`/applications/${applicationId}/products`).set('authorization', auth).send({ kind: 'final', handling: 'intelligence' }), 201, 'issue a final product');
}
