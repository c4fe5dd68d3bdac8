/**
 * HTTP and SQL helpers for the CD error register specs (docs/architecture.md §7.3, §8; docs/law.md §4): create
 * entries through the API (or, for `suspected` ones, through the outbox intake as other features do),
 * send events with If-Match, read entries, lists and history, and check that a refused request changed
 * nothing.
 */
import type { Response } from 'supertest';
import type { CdErrorReportDto } from '../generated/api';
import { CdErrorEventEntity } from '../../src/errors/cd-error-event.entity';
import { CdErrorEntity } from '../../src/errors/cd-error.entity';
import { RETURN_CHECK_FAILED } from '../../src/disclosures/public-api';
import { WRITTEN_RECORD_OVERDUE } from '../../src/applications/application-deadlines.service';
import { Outbox } from '../../src/outbox/outbox';
import { OutboxEventEntity } from '../../src/outbox/outbox-event.entity';
import { DEMO_PASSWORD, type TestApp } from './test-app';

/** A register entry as the API answers it (cd-error.mapper.ts). */
export interface ErrorRecord {
  id: string;
  authorityId: string;
  status: string;
  kind: string | null;
  causeCode: string | null;
  responsibleParty: string | null;
  isIpRelated: boolean;
  report: Record<string, unknown>;
  applicationIds: string[];
  disclosureRequestIds: string[];
  discoveredAt: string | null;
  establishedAt: string | null;
  reportDueAt: string | null;
  agreedDueAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  reportedAt: string | null;
  source: { type: string; eventId: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  asOf: string;
  allowedEvents: string[];
  /** Events state and role allow but a rule blocks whatever the payload (docs/architecture.md §7). */
  blockedEvents: { event: string; code: string; message: string }[];
}

/** A row of `GET /errors/:id/history` (src/errors/cd-error-history.mapper.ts). */
export interface ErrorHistoryRow {
  seq: number;
  position: number;
  kind: 'created' | 'edited' | 'transition';
  eventType: string | null;
  what: string;
  fromState: string | null;
  toState: string;
  fromStateLabel: string | null;
  toStateLabel: string;
  actorId: string;
  actorRoles: string[];
  actor: { id: string | null; displayName: string | null; role: string | null; roleLabel: string | null };
  changes: { fields: string[]; notes: { label: string; text: string }[] };
  summary: string;
  at: string;
  payloadDigest: string;
  payloadBlankedBy: string | null;
  prevHash: string;
  hash: string;
}

export interface ErrorList {
  items: ErrorRecord[];
  page: number;
  pageSize: number;
  total: number;
}

/** The fields RECORD (and POST /errors) require (docs/law.md §4.3; RECORD_REPORT_FIELDS), typed by the generated client. */
export const RECORD_REPORT: CdErrorReportDto = {
  errorDescription: 'Subscriber data for the wrong number was disclosed: two digits were transposed.',
  howItOccurred: 'The applicant copied the number from the victim statement and swapped digits 7 and 8.',
  discoveredAt: '2026-02-23T09:00:00+00:00',
  establishedAt: '2026-02-23T09:00:00+00:00',
  causeCode: 'incorrectIdentifier',
  responsibleParty: 'applicant',
};

/** A fresh copy of {@link RECORD_REPORT} (callers may change it) with `overrides`. */
export function recordReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(RECORD_REPORT), ...overrides };
}

/** The further fields REPORT_TO_IPC requires (docs/law.md §4.3; IPC_REPORT_FIELDS). */
export function ipcReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    collateralIntrusion: 'The subscriber details of one uninvolved person were seen by the SPoC.',
    preventiveSteps: 'Numbers are now read back to the victim before submission.',
    dataWronglyObtained: 'The subscriber details of one person.',
    dataDisposal: 'destroyed',
    dataDestructionConfirmed: true,
    dataDestroyedAt: '2026-02-24T10:00:00+00:00',
    cspInformed: true,
    actionTakenOnData: 'None: the mismatch was noticed before any action was taken.',
    ...overrides,
  };
}

export const bearer = async (t: TestApp, user: string): Promise<string> => `Bearer ${await t.token(user)}`;

/** Person and authority ids of demo users, from their login response (cached per app). */
const who = new WeakMap<TestApp, Map<string, { id: string; authorityId: string }>>();
export async function demoUser(t: TestApp, username: string): Promise<{ id: string; authorityId: string }> {
  const cache = who.get(t) ?? new Map<string, { id: string; authorityId: string }>();
  who.set(t, cache);
  const cached = cache.get(username);
  if (cached) return cached;
  const res = await t.http().post('/auth/login').send({ username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username} failed ${res.status}`);
  const user = (res.body as { user: { id: string; authorityId: string } }).user;
  cache.set(username, { id: user.id, authorityId: user.authorityId });
  return cache.get(username) as { id: string; authorityId: string };
}

export async function postError(t: TestApp, user: string, body: Record<string, unknown>): Promise<Response> {
  return t.http().post('/errors').set('authorization', await bearer(t, user)).send(body);
}

/** POST /errors that must succeed: a new entry at `recorded`. */
export async function createError(
  t: TestApp,
  user: string,
  report: Record<string, unknown> = recordReport(),
  links: { applicationIds?: string[]; disclosureRequestIds?: string[] } = {},
): Promise<ErrorRecord> {
  const res = await postError(t, user, { report, ...links });
  if (res.status !== 201) throw new Error(`POST /errors as ${user} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as ErrorRecord;
}

export async function sendErrorEvent(
  t: TestApp,
  user: string,
  entry: { id: string; version: number },
  body: Record<string, unknown>,
): Promise<Response> {
  return t
    .http()
    .post(`/errors/${entry.id}/events`)
    .set('authorization', await bearer(t, user))
    .set('If-Match', String(entry.version))
    .send(body);
}

/** An event that must succeed; returns the entry afterwards. */
export async function errorStep(
  t: TestApp,
  user: string,
  entry: { id: string; version: number },
  body: Record<string, unknown>,
): Promise<ErrorRecord> {
  const res = await sendErrorEvent(t, user, entry, body);
  if (res.status !== 200) throw new Error(`${String(body.type)} by ${user} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as ErrorRecord;
}

export async function patchError(
  t: TestApp,
  user: string,
  entry: { id: string; version: number | null },
  body: Record<string, unknown>,
): Promise<Response> {
  const req = t.http().patch(`/errors/${entry.id}`).set('authorization', await bearer(t, user));
  if (entry.version !== null) req.set('If-Match', String(entry.version));
  return req.send(body);
}

export async function getError(t: TestApp, user: string, id: string): Promise<ErrorRecord> {
  const res = await t.http().get(`/errors/${id}`).set('authorization', await bearer(t, user));
  if (res.status !== 200) throw new Error(`GET /errors/${id} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ErrorRecord;
}

export async function listErrors(t: TestApp, user: string, query = ''): Promise<ErrorList> {
  const res = await t.http().get(`/errors${query}`).set('authorization', await bearer(t, user));
  if (res.status !== 200) throw new Error(`GET /errors${query} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ErrorList;
}

/** Ids listed by GET /errors with `query` (pageSize 100), sorted. */
export async function listedIds(t: TestApp, user: string, query = ''): Promise<string[]> {
  const sep = query === '' ? '?' : '&';
  const list = await listErrors(t, user, `${query === '' ? '' : `?${query}`}${sep}pageSize=100`);
  expect(list.items).toHaveLength(list.total);
  return list.items.map((i) => i.id).sort();
}

export async function errorHistory(t: TestApp, user: string, id: string): Promise<ErrorHistoryRow[]> {
  const res = await t.http().get(`/errors/${id}/history`).set('authorization', await bearer(t, user));
  if (res.status !== 200) throw new Error(`history of ${id} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as ErrorHistoryRow[] | { items: ErrorHistoryRow[] };
  return Array.isArray(body) ? body : body.items;
}

export async function verifyError(t: TestApp, user: string, id: string): Promise<Record<string, unknown>> {
  const res = await t.http().get(`/errors/${id}/history/verify`).set('authorization', await bearer(t, user));
  if (res.status !== 200) throw new Error(`verify of ${id} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

/** Writes an outbox event in its own transaction, as another feature does; returns its id. */
export async function publish(t: TestApp, type: string, payload: Record<string, unknown>): Promise<string> {
  const outbox = t.app.get(Outbox);
  return t.uow.run((tx) => outbox.add(tx, type, payload));
}

/** A failed check on a CSP return, as the disclosures feature reports it (docs/law.md §2.4 errorSuspected). */
export function publishReturnCheckFailed(
  t: TestApp,
  payload: { authorityId: string; applicationId?: string; urn?: string; check: string; detail?: string },
): Promise<string> {
  return publish(t, RETURN_CHECK_FAILED, payload);
}

/** An overdue written record of an oral grant, as ApplicationDeadlines raises it. */
export function publishWrittenRecordOverdue(
  t: TestApp,
  payload: { applicationId: string; urn: string; authorityId: string; grantedById: string | null; dueAt: string },
): Promise<string> {
  return publish(t, WRITTEN_RECORD_OVERDUE, payload);
}

/** The entries GET /errors?status=suspected lists for the outbox event `eventId`. */
export async function suspectedFrom(t: TestApp, user: string, eventId: string): Promise<ErrorRecord[]> {
  const list = await listErrors(t, user, '?status=suspected&pageSize=100');
  return list.items.filter((i) => i.source?.eventId === eventId);
}

/** Publishes a `returnCheckFailed` for the user's authority, drains the relay, and returns the suspected entry. */
export async function createSuspected(t: TestApp, user: string, detail: string): Promise<ErrorRecord> {
  const { authorityId } = await demoUser(t, user);
  const eventId = await publishReturnCheckFailed(t, { authorityId, check: 'msisdnMatchesRequest', detail });
  await t.relay.drain();
  const found = await suspectedFrom(t, user, eventId);
  if (found.length !== 1) throw new Error(`expected one suspected entry for ${eventId}, found ${found.length}`);
  return found[0];
}

/** Rows of `cd_error` whose source is the outbox event `eventId` (straight from the database). */
export function entriesFromSource(t: TestApp, eventId: string): Promise<number> {
  return t.dataSource.getRepository(CdErrorEntity).countBy({ sourceEventId: eventId });
}

export async function reminderEvents(t: TestApp, errorId: string): Promise<{ reminder: string; dueAt: string }[]> {
  const rows = await t.dataSource.getRepository(OutboxEventEntity).findBy({ type: 'cdErrorReportReminder' });
  return rows
    .filter((r) => r.payload.errorId === errorId)
    .map((r) => ({ reminder: String(r.payload.reminder), dueAt: String(r.payload.dueAt) }))
    .sort((a, b) => a.reminder.localeCompare(b.reminder) || a.dueAt.localeCompare(b.dueAt));
}

/** What a refused request must leave untouched: the entry row, its history, the outbox, the register. */
async function errorState(t: TestApp, id: string) {
  return {
    row: await t.dataSource.getRepository(CdErrorEntity).findOneBy({ id }),
    historyRows: await t.dataSource.getRepository(CdErrorEventEntity).countBy({ errorId: id }),
    outboxRows: await t.dataSource.getRepository(OutboxEventEntity).count(),
    errorRows: await t.dataSource.getRepository(CdErrorEntity).count(),
  };
}

/** Runs `fn` (a request expected to be refused) and asserts no register data changed. */
export async function expectNoErrorChange<T>(t: TestApp, id: string, fn: () => Promise<T>): Promise<T> {
  const before = await errorState(t, id);
  expect(before.row).not.toBeNull();
  const result = await fn();
  const after = await errorState(t, id);
  expect(after).toEqual(before);
  return result;
}
