/**
 * The dashboard spec's world (test/dashboard.e2e-spec.ts): records of two authorities driven through the real
 * workflow over HTTP — never a status written into a table — and the test's own account of what it did to each
 * (state and when it entered it, validity, written-record deadline, requests to cancel, requests sent, register
 * due dates and initial notifications). From that account `expectedTiles` works out, independently of the
 * service's SQL, which records each tile of the dashboard must list at a given instant and what each line's
 * instant must be.
 */
import { ApplicationDeadlines } from '../../src/applications/application-deadlines.service';
import { londonDate, addCalendarDays, endOfLondonDay } from '../../src/workflow/london-time';
import { addWorkingDays, workingDaysBetween } from '../../src/workflow/working-days';
import { completeForm, createApplication, DSO_SPOC_EXCEPTION, GRANT_DECISION, JOURNALISTIC_SOURCE, NATIONAL_SECURITY, patchApplication, SPOC_SECTION, step, type AppRecord } from './applications';
import { seededCspId } from './authz-fixtures';
import { createError, errorStep, ipcReport, recordReport, type ErrorRecord } from './errors-http';
import { userIds } from './lifecycle-http';
import type { TestApp } from './test-app';

export type Authority = 'tvp' | 'ham';

/** Who acts for each authority (the demo seed: Thames Valley Police and Hampshire Constabulary). */
export const PEOPLE: Readonly<Record<Authority, { applicant: string; spoc: string; dso: string; sro: string }>> = {
  tvp: { applicant: 'applicant', spoc: 'spoc', dso: 'dso', sro: 'sro' },
  ham: { applicant: 'other-applicant', spoc: 'other-spoc', dso: 'other-dso', sro: 'other-sro' },
};

export interface ModelApplication {
  kind: 'application';
  name: string;
  authority: Authority;
  id: string;
  urn: string;
  version: number;
  status: string;
  /** When the test moved it into its current state (a creation counts; an edit or a same-state event does not). */
  enteredAt: Date;
  expiresAt: Date | null;
  writtenRecordDueAt: Date | null;
  /** When each REQUEST_CANCELLATION since the last CANCEL was sent. */
  cancellationRequests: Date[];
}

export interface ModelRequest {
  kind: 'request';
  name: string;
  authority: Authority;
  id: string;
  applicationId: string;
  version: number;
  status: string;
  sentAt: Date | null;
}

export interface ModelError {
  kind: 'error';
  name: string;
  authority: Authority;
  id: string;
  version: number;
  status: string;
  /** The due date that applies, as the register answers it. */
  dueAt: Date | null;
  /** What the initial notification promised, once given. */
  promisedBy: Date | null;
}

/** The tiles, in the order the dashboard gives them (docs/statistics.md §5). */
export const TILES = [
  'openApplications',
  'requestsWaitingOnCsp',
  'errorReportsDueSoon',
  'errorReportsOverdue',
  'initialNotificationsAwaitingFullReport',
  'authorisationsEndingSoon',
  'cancellationRequestsOpen',
  'writtenRecordsOverdue',
] as const;
export type Tile = (typeof TILES)[number];

/** What the test expects a tile to list: each record's id with the instant its line is about. */
export type Expected = Map<string, string>;

/** Open: the states the workflow can still move on from (written out here, not taken from the service). */
const OPEN = ['draft', 'spocReview', 'returnedToApplicant', 'awaitingAuthorisation', 'awaitingJudicialApproval', 'authorised', 'productIssued', 'cancelled', 'expired'];
const WAITING_ON_CSP = ['sent', 'acknowledged', 'partiallyDisclosed'];
const REPORT_OWED = ['assessed', 'sroSighted'];
const REQUEST_OPEN = ['pending', 'sent', 'acknowledged', 'partiallyDisclosed'];

export const BANDS = ['upTo2', 'from3To5', 'from6To10', 'over10'] as const;
export type Band = (typeof BANDS)[number];

/** The band of an age in working days. */
export function bandOf(age: number): Band {
  if (age <= 2) return 'upTo2';
  if (age <= 5) return 'from3To5';
  if (age <= 10) return 'from6To10';
  return 'over10';
}

/** A subscriber record answering the default form's item d1 (a registration before the period that still applies). */
const D1_SUBSCRIBER = 'identifier,name,address,address_type,valid_from,valid_to\n+447911123456,Alex Example,"1 High Street, Reading",installation,2026-02-01T00:00:00Z,\n';

const iso = (value: unknown): Date | null => (typeof value === 'string' ? new Date(value) : null);

export class DashboardWorld {
  readonly applications: ModelApplication[] = [];
  readonly requests: ModelRequest[] = [];
  readonly errors: ModelError[] = [];

  constructor(private readonly t: TestApp) {}

  private now(): Date {
    return this.t.clock.now();
  }

  private absorb(app: ModelApplication, record: AppRecord): ModelApplication {
    if (record.status !== app.status) {
      app.status = record.status;
      app.enteredAt = this.now();
      if (app.status === 'cancelled' || app.status === 'expired') this.endRequestsOf(app);
    }
    app.version = record.version;
    app.expiresAt = iso(record.expiresAt);
    app.writtenRecordDueAt = iso(record.writtenRecordDueAt);
    return app;
  }

  /** When an authorisation ends the service cancels its open requests (docs/architecture.md §7.2), once the outbox is drained. */
  private endRequestsOf(app: ModelApplication): void {
    for (const request of this.requests.filter((r) => r.applicationId === app.id && REQUEST_OPEN.includes(r.status))) request.status = 'cancelled';
  }

  /** A draft, created now by the authority's applicant. */
  async draft(name: string, authority: Authority, form = completeForm()): Promise<ModelApplication> {
    const record = await createApplication(this.t, PEOPLE[authority].applicant, form);
    const app: ModelApplication = {
      kind: 'application',
      name,
      authority,
      id: record.id,
      urn: record.urn,
      version: record.version,
      status: record.status,
      enteredAt: this.now(),
      expiresAt: null,
      writtenRecordDueAt: null,
      cancellationRequests: [],
    };
    this.applications.push(app);
    return app;
  }

  /** An event on an application, sent now by `user`; must succeed. */
  async act(app: ModelApplication, user: string, body: Record<string, unknown>): Promise<ModelApplication> {
    const record = await step(this.t, user, app, body);
    if (body.type === 'REQUEST_CANCELLATION') app.cancellationRequests.push(this.now());
    if (body.type === 'CANCEL') app.cancellationRequests = [];
    return this.absorb(app, record);
  }

  async edit(app: ModelApplication, body: Record<string, unknown>): Promise<ModelApplication> {
    return this.absorb(app, await patchApplication(this.t, PEOPLE[app.authority].applicant, app, body));
  }

  async submit(app: ModelApplication): Promise<ModelApplication> {
    return this.act(app, PEOPLE[app.authority].applicant, { type: 'SUBMIT_TO_SPOC' });
  }

  async forAuthorisation(app: ModelApplication): Promise<ModelApplication> {
    return this.act(app, PEOPLE[app.authority].spoc, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  }

  /** Drafted, submitted, sent for authorisation and granted now: by OCDA on ipc60A, by the authority's DSO on dso61. */
  async granted(name: string, authority: Authority, route: 'ipc60A' | 'dso61' = 'ipc60A', form: Record<string, unknown> = {}): Promise<ModelApplication> {
    const app = await this.draft(name, authority, completeForm({ route, ...(route === 'dso61' ? NATIONAL_SECURITY : {}), ...form }));
    await this.submit(app);
    await this.forAuthorisation(app);
    return this.act(app, route === 'ipc60A' ? 'ocda' : PEOPLE[authority].dso, { type: 'GRANT', decision: GRANT_DECISION });
  }

  /** Granted by OCDA while seeking a journalist's source: it waits for a Judicial Commissioner (IPA s.77). */
  async awaitingJudge(name: string, authority: Authority): Promise<ModelApplication> {
    return this.granted(name, authority, 'ipc60A', JOURNALISTIC_SOURCE);
  }

  /** An urgent dso61A grant made orally by the authority's DSO and recorded now by its SPOC: a written record falls due. */
  async oralGrant(name: string, authority: Authority): Promise<ModelApplication> {
    const app = await this.draft(name, authority, completeForm({ route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'A missing child at risk tonight.' }));
    await this.submit(app);
    await this.forAuthorisation(app);
    const dso = (await userIds(this.t, [PEOPLE[authority].dso])).get(PEOPLE[authority].dso);
    const decision = { ...GRANT_DECISION, oral: true, deciderId: dso, decidedAt: this.now().toISOString(), findings: DSO_SPOC_EXCEPTION };
    return this.act(app, PEOPLE[authority].spoc, { type: 'GRANT', decision });
  }

  /** A request to Example Mobile for the item d1 of an authorised application, made now by the authority's SPOC. */
  async request(name: string, app: ModelApplication): Promise<ModelRequest> {
    const res = await this.t
      .http()
      .post(`/applications/${app.id}/disclosure-requests`)
      .set('authorization', `Bearer ${await this.t.token(PEOPLE[app.authority].spoc)}`)
      .send({ cspId: await seededCspId(this.t), items: [{ dataItemRef: 'd1' }] });
    if (res.status !== 201) throw new Error(`request ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    const body = res.body as { id: string; version: number; status: string };
    const request: ModelRequest = { kind: 'request', name, authority: app.authority, id: body.id, applicationId: app.id, version: body.version, status: body.status, sentAt: null };
    this.requests.push(request);
    return request;
  }

  /** An event on a request, sent now by the authority's SPOC; must succeed. */
  async requestEvent(request: ModelRequest, body: Record<string, unknown>): Promise<ModelRequest> {
    const res = await this.t
      .http()
      .post(`/disclosure-requests/${request.id}/events`)
      .set('authorization', `Bearer ${await this.t.token(PEOPLE[request.authority].spoc)}`)
      .set('If-Match', String(request.version))
      .send(body);
    if (res.status !== 200) throw new Error(`${String(body.type)} on request ${request.name}: ${res.status} ${JSON.stringify(res.body)}`);
    const answer = res.body as { version: number; status: string };
    if (body.type === 'SEND') request.sentAt = this.now();
    request.version = answer.version;
    request.status = answer.status;
    return request;
  }

  /** The first part of a delivery, not the last: the request is partly disclosed (docs/returns.md). */
  async partialReturn(request: ModelRequest): Promise<ModelRequest> {
    const res = await this.t
      .http()
      .post(`/disclosure-requests/${request.id}/returns`)
      .set('authorization', `Bearer ${await this.t.token(PEOPLE[request.authority].spoc)}`)
      .field('dataItemRef', 'd1')
      .field('deliveryId', `P-${request.id.slice(0, 8)}`)
      .field('sequenceNumber', '1')
      .field('lastSequence', 'false')
      .attach('file', Buffer.from(D1_SUBSCRIBER), { filename: 'd1.csv', contentType: 'text/csv' });
    if (res.status !== 201) throw new Error(`partial return on ${request.name}: ${res.status} ${JSON.stringify(res.body)}`);
    const answer = (res.body as { request: { status: string; version: number } }).request;
    request.status = answer.status;
    request.version = answer.version;
    return request;
  }

  /** A register entry recorded now by the authority's SPOC, established at `establishedAt`, and assessed as `kind` (unless `recorded` only). */
  async error(name: string, authority: Authority, establishedAt: string, kind: 'relevantError' | 'recordableError' | null, links: { applicationIds?: string[] } = {}): Promise<ModelError> {
    const created = await createError(this.t, PEOPLE[authority].spoc, recordReport({ discoveredAt: establishedAt, establishedAt }), links);
    const entry: ModelError = { kind: 'error', name, authority, id: created.id, version: created.version, status: created.status, dueAt: null, promisedBy: null };
    this.errors.push(entry);
    return kind === null ? entry : this.errorEvent(entry, PEOPLE[authority].spoc, { type: 'ASSESS', kind });
  }

  /** A register event sent now; must succeed. */
  async errorEvent(entry: ModelError, user: string, body: Record<string, unknown>): Promise<ModelError> {
    const record: ErrorRecord = await errorStep(this.t, user, entry, body);
    entry.version = record.version;
    entry.status = record.status;
    entry.dueAt = iso(record.dueAt);
    const notification = body.initialNotification as { fullReportExpectedBy?: string } | undefined;
    if (body.type === 'NOTIFY_IPC_INITIAL' && notification?.fullReportExpectedBy) entry.promisedBy = new Date(notification.fullReportExpectedBy);
    return entry;
  }

  async notifyIpc(entry: ModelError, promisedBy: string): Promise<ModelError> {
    return this.errorEvent(entry, PEOPLE[entry.authority].sro, {
      type: 'NOTIFY_IPC_INITIAL',
      initialNotification: {
        whatIsKnown: 'Subscriber data for the wrong number was disclosed.',
        whyFullReportNotReady: 'The CSP has not yet confirmed what else it disclosed.',
        fullReportExpectedBy: promisedBy,
      },
    });
  }

  async reportToIpc(entry: ModelError): Promise<ModelError> {
    return this.errorEvent(entry, PEOPLE[entry.authority].sro, { type: 'REPORT_TO_IPC', report: ipcReport({ dataDestroyedAt: this.now().toISOString() }) });
  }

  /**
   * The deadline poller's pass and the outbox now, as a deployment runs them: EXPIRE for every authorisation
   * whose time is up (its open requests then cancelled), and the suspected errors of overdue written records.
   */
  async runScheduler(): Promise<void> {
    const now = this.now();
    await this.t.app.get(ApplicationDeadlines).tick();
    await this.t.relay.drain();
    for (const app of this.applications) {
      if (!['authorised', 'awaitingJudicialApproval'].includes(app.status) || app.expiresAt === null || app.expiresAt > now) continue;
      app.status = 'expired';
      app.enteredAt = now;
      app.version += 1;
      this.endRequestsOf(app);
    }
  }

  /** Every record of the world as the service has it now: its status (and an application's deadlines) must be what the test thinks. */
  async expectServiceAgrees(): Promise<void> {
    await this.t.relay.drain();
    const read = async (user: string, path: string) => {
      const res = await this.t.http().get(path).set('authorization', `Bearer ${await this.t.token(user)}`);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      return res.body as Record<string, unknown>;
    };
    const seen: string[] = [];
    const thought: string[] = [];
    for (const app of this.applications) {
      const body = await read(PEOPLE[app.authority].spoc, `/applications/${app.id}`);
      seen.push(`${app.name} ${String(body.status)} ${String(body.expiresAt)} ${String(body.writtenRecordDueAt)} ${(body.cancellationRequests as unknown[]).length}`);
      thought.push(`${app.name} ${app.status} ${app.expiresAt?.toISOString() ?? null} ${app.writtenRecordDueAt?.toISOString() ?? null} ${app.status === 'authorised' ? app.cancellationRequests.length : 0}`);
      app.version = Number(body.version);
    }
    for (const request of this.requests) {
      const body = await read(PEOPLE[request.authority].spoc, `/disclosure-requests/${request.id}`);
      seen.push(`${request.name} ${String(body.status)} ${String(body.sentAt)}`);
      thought.push(`${request.name} ${request.status} ${request.sentAt?.toISOString() ?? null}`);
    }
    for (const entry of this.errors) {
      const body = await read(PEOPLE[entry.authority].spoc, `/errors/${entry.id}`);
      seen.push(`${entry.name} ${String(body.status)} ${String(body.dueAt)}`);
      thought.push(`${entry.name} ${entry.status} ${entry.dueAt?.toISOString() ?? null}`);
    }
    if (seen.join('\n') !== thought.join('\n')) throw new Error(`the service and the test disagree:\n${seen.join('\n')}\n---\n${thought.join('\n')}`);
  }

  /** Every id of an authority's records. */
  idsOf(authority: Authority): Set<string> {
    return new Set([...this.applications, ...this.requests, ...this.errors].filter((r) => r.authority === authority).map((r) => r.id));
  }

  /**
   * What each tile must list for `authority` at `now`, worked out from the test's account alone: the
   * definitions of docs/statistics.md §5 in plain code, with the service's calendar functions only for
   * "working day" itself.
   */
  expectedTiles(authority: Authority, now: Date, cspWaitWorkingDays: number): Record<Tile, Expected> {
    const apps = this.applications.filter((a) => a.authority === authority);
    const errors = this.errors.filter((e) => e.authority === authority);
    const owed = errors.filter((e) => REPORT_OWED.includes(e.status) && e.dueAt !== null);
    const map = <T>(rows: T[], entry: (row: T) => [string, Date]): Expected => new Map(rows.map(entry).map(([id, at]) => [id, at.toISOString()]));
    const lastDayEnding = endOfLondonDay(addCalendarDays(londonDate(now), 5));
    return {
      openApplications: map(apps.filter((a) => OPEN.includes(a.status)), (a) => [a.id, a.enteredAt]),
      requestsWaitingOnCsp: map(
        this.requests.filter((r) => r.authority === authority && WAITING_ON_CSP.includes(r.status) && r.sentAt !== null && now > addWorkingDays(r.sentAt, cspWaitWorkingDays)),
        (r) => [r.id, addWorkingDays(r.sentAt as Date, cspWaitWorkingDays)],
      ),
      errorReportsDueSoon: map(owed.filter((e) => now <= (e.dueAt as Date) && workingDaysBetween(now, e.dueAt as Date) <= 3), (e) => [e.id, e.dueAt as Date]),
      errorReportsOverdue: map(owed.filter((e) => now > (e.dueAt as Date)), (e) => [e.id, e.dueAt as Date]),
      initialNotificationsAwaitingFullReport: map(errors.filter((e) => REPORT_OWED.includes(e.status) && e.promisedBy !== null), (e) => [e.id, e.promisedBy as Date]),
      authorisationsEndingSoon: map(
        apps.filter((a) => a.status === 'authorised' && a.expiresAt !== null && a.expiresAt > now && a.expiresAt <= lastDayEnding),
        (a) => [a.id, a.expiresAt as Date],
      ),
      cancellationRequestsOpen: map(apps.filter((a) => a.status === 'authorised' && a.cancellationRequests.length > 0), (a) => [a.id, a.cancellationRequests[0]]),
      writtenRecordsOverdue: map(apps.filter((a) => a.writtenRecordDueAt !== null && a.writtenRecordDueAt <= now), (a) => [a.id, a.writtenRecordDueAt as Date]),
    };
  }

  /** The open applications of `authority` at `now` in one state and, if given, one age band (working days after the day it entered the state). */
  expectedOpen(authority: Authority, now: Date, state: string, band?: Band): string[] {
    return this.applications
      .filter((a) => a.authority === authority && a.status === state && OPEN.includes(state))
      .filter((a) => band === undefined || bandOf(workingDaysBetween(a.enteredAt, now)) === band)
      .map((a) => a.id)
      .sort();
  }

  get openStates(): readonly string[] {
    return OPEN;
  }
}
