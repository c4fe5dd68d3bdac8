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
