/**
 * Acceptance tests of the CD error register over HTTP (docs/architecture.md §7.3, §8; docs/law.md §4), on the real
 * database (SQLite, or PostgreSQL when DATABASE_URL is set).
 *
 * - Every §7.3 transition, model-based: `xstate/graph` traverses a model built on the PRODUCTION
 *   `cdErrorMachine` (test/support/errors-model.ts), and each path is driven over HTTP as the sender the
 *   machine accepted. Suspected entries come from the outbox intake (a `returnCheckFailed` event), the
 *   others from POST /errors. Each step: the machine's target, `version + 1`, exactly one history row.
 * - Who may do what: role (403), authority (404), route policy (403).
 * - Report due dates on real calendar dates (10 UK working days, IPCO-18 17.4; IPA s.263).
 * - Suspected entries from other features' outbox events, once per event.
 * - Overdue, agreed extensions, "due within n working days", and the reminders the poller raises.
 * - The register's filters and need-to-know; editing the report; links to applications.
 */
import { CdErrorDeadlines } from '../src/errors/cd-error-deadlines.service';
import { CD_ERROR_TRANSITIONS } from '../src/workflow/cd-error.types';
import { isWorkingDay } from '../src/workflow/working-days';
import { createApplication } from './support/applications';
import { buildFixture } from './support/authz-fixtures';
import {
  createError,
  createSuspected,
  demoUser,
  entriesFromSource,
  errorHistory,
  errorStep,
  expectNoErrorChange,
  getError,
  ipcReport,
  listedIds,
  patchError,
  postError,
  publishReturnCheckFailed,
  publishWrittenRecordOverdue,
  recordReport,
  reminderEvents,
  sendErrorEvent,
  suspectedFrom,
  verifyError,
  type ErrorRecord,
} from './support/errors-http';
import {
  MODEL_NOW,
  MODEL_REPORT_DUE_AT,
  errorEventBody,
  errorEventLabel,
  errorMachineTransitions,
  planErrorPaths,
  transitionKey,
  type ErrorPath,
} from './support/errors-model';
import { expectProblem } from './support/guards-no-change';
import { rawSql } from './support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
const SYSTEM_ACTOR = '00000000-0000-0000-0000-000000000000';
const plan = planErrorPaths();

describe(`CD error statechart, model-based over HTTP (${DRIVER})`, () => {
  let t: TestApp;
  const driven = new Set<string>();
  let pathsDriven = 0;
  let stepsDriven = 0;
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    t = await createTestApp();
    for (const user of ['spoc', 'sro']) await demoUser(t, user);
  });
  afterAll(() => t.close());

  it('the model (production machine + guards) reaches every §7.3 transition, and the machine is the §7.3 table', () => {
    const table = [...new Set(CD_ERROR_TRANSITIONS.map(([from, type, to]) => transitionKey(from, type, to)))].sort();
    expect(errorMachineTransitions()).toEqual(table);
    expect(plan.reachable).toEqual(table);
    expect(plan.paths.length).toBeGreaterThan(0);
  });

  it.each(plan.paths.map((path, n): [string, number, ErrorPath] => [path.description, n, path]))('%s', async (_name, n, path) => {
    t.clock.set(MODEL_NOW);
    let entry: ErrorRecord | null = null;
    for (const step of path.steps) {
      const { event } = step;
      const label = `${errorEventLabel(event)} in ${step.from ?? '(new)'}`;
      if (event.type === 'CREATE') {
        entry =
          event.origin === 'intake'
            ? await createSuspected(t, 'spoc', `model path ${n}`)
            : await createError(t, event.origin, recordReport());
        expect({ step: label, status: entry.status, version: entry.version }).toEqual({ step: label, status: step.to, version: 1 });
        const history = await errorHistory(t, 'spoc', entry.id);
        expect(history).toHaveLength(1);
        expect(history[0]).toMatchObject({
          position: 1,
          kind: 'created',
          fromState: null,
          toState: step.to,
          eventType: null,
          actorId: event.origin === 'intake' ? SYSTEM_ACTOR : (await demoUser(t, event.origin)).id,
        });
        if (event.origin === 'intake') expect(entry.source).toMatchObject({ type: 'returnCheckFailed' });
        continue;
      }
      if (!entry) throw new Error('path does not start with CREATE');
      const res = await sendErrorEvent(t, event.actor, entry, errorEventBody(step.before, event) as unknown as Record<string, unknown>);
      expect({ step: label, status: res.status, body: res.status === 200 ? null : (res.body as unknown) }).toEqual({ step: label, status: 200, body: null });
      const next = res.body as ErrorRecord;
      expect({ step: label, status: next.status, version: next.version }).toEqual({ step: label, status: step.to, version: entry.version + 1 });

      const history = await errorHistory(t, 'sro', entry.id);
      expect({ step: label, rows: history.length }).toEqual({ step: label, rows: entry.version + 1 });
      const last = history[history.length - 1];
      expect(last).toMatchObject({
        position: next.version,
        kind: 'transition',
        fromState: step.from,
        toState: step.to,
        eventType: event.type,
        actorId: (await demoUser(t, event.actor)).id,
      });
      // The row facts the model carries are the ones the service stored.
      expect({ step: label, kind: next.kind }).toEqual({ step: label, kind: step.after.kind });
      const due = step.after.kind === 'relevantError' ? MODEL_REPORT_DUE_AT.toISOString() : null;
      expect({ step: label, reportDueAt: next.reportDueAt, agreedDueAt: next.agreedDueAt }).toEqual({
        step: label,
        reportDueAt: due,
        agreedDueAt: step.after.agreedDueAt,
      });
      if (event.type === 'SIGHT') expect(next.report.sroSightedAt).toBe(MODEL_NOW.toISOString());
      if (event.type === 'REPORT_TO_IPC') {
        expect(next.reportedAt).toBe(MODEL_NOW.toISOString());
        expect(next.report).toMatchObject({ reportedAt: MODEL_NOW.toISOString(), reportedBy: (await demoUser(t, event.actor)).id });
      }
      driven.add(transitionKey(String(last.fromState), String(last.eventType), last.toState));
      stepsDriven += 1;
      entry = next;
    }
    if (!entry) throw new Error('empty path');
    await expect(verifyError(t, 'spoc', entry.id)).resolves.toMatchObject({ valid: true, rows: entry.version });
    pathsDriven += 1;
  });

  it('the driven transitions are exactly the machine’s transitions (a new transition needs a path)', () => {
    console.log(
      `CD error statechart (${DRIVER}): drove ${pathsDriven} paths (${stepsDriven} events) covering ${plan.edges.length} ` +
        `model edges and ${driven.size} of ${errorMachineTransitions().length} transitions in ${Date.now() - started} ms`,
    );
    expect(pathsDriven).toBe(plan.paths.length);
    expect([...driven].sort()).toEqual(errorMachineTransitions());
  });
});

describe(`CD error register: who may do what (${DRIVER})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00.000Z'));

  async function assessed(kind: string): Promise<ErrorRecord> {
    return errorStep(t, 'spoc', await createError(t, 'spoc'), { type: 'ASSESS', kind });
  }
  async function sighted(kind: string): Promise<ErrorRecord> {
    return errorStep(t, 'sro', await assessed(kind), { type: 'SIGHT' });
  }
  const EXTENSION = { type: 'AGREE_EXTENSION', agreedDueAt: '2026-04-30T23:59:59+01:00', ipcAgreementReference: 'IPC-EXT-1', reason: 'More time agreed.' };

  it('answers 403 FORBIDDEN_ROLE when a SPOC sends an event only the SRO may send, and changes nothing', async () => {
    const cases: [ErrorRecord, Record<string, unknown>][] = [
      [await assessed('relevantError'), { type: 'SIGHT' }],
      [await assessed('relevantError'), EXTENSION],
      [await sighted('relevantError'), { type: 'REPORT_TO_IPC', report: ipcReport() }],
      [await sighted('recordableError'), { type: 'CLOSE' }],
    ];
    for (const [entry, body] of cases) {
      const res = await expectNoErrorChange(t, entry.id, () => sendErrorEvent(t, 'spoc', entry, body));
      expectProblem(res, 403, 'FORBIDDEN_ROLE');
    }
    const reported = await errorStep(t, 'sro', await sighted('relevantError'), { type: 'REPORT_TO_IPC', report: ipcReport() });
    const res = await expectNoErrorChange(t, reported.id, () =>
      sendErrorEvent(t, 'spoc', reported, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' }),
    );
    expectProblem(res, 403, 'FORBIDDEN_ROLE');
    // allowedEvents = events of the state ∩ events the caller's roles may send (docs/architecture.md §7).
    expect((await getError(t, 'spoc', reported.id)).allowedEvents).toEqual([]);
    expect((await getError(t, 'sro', reported.id)).allowedEvents).toEqual(['RECORD_IPC_RESPONSE']);
  });

  it('answers 409 listing the caller’s events for an event the state does not define, and 422 with the rule’s code', async () => {
    const recorded = await createError(t, 'spoc');
    const wrongState = await expectNoErrorChange(t, recorded.id, () => sendErrorEvent(t, 'sro', recorded, { type: 'SIGHT' }));
    expectProblem(wrongState, 409, 'WORKFLOW_INVALID_TRANSITION');
    expect(wrongState.body.allowedEvents).toEqual(['DISMISS', 'ASSESS']);

    const refusals: [ErrorRecord, Record<string, unknown>, string][] = [
      [await sighted('relevantError'), { type: 'CLOSE' }, 'CLOSE_ONLY_RECORDABLE'],
      [await sighted('recordableError'), { type: 'REPORT_TO_IPC', report: ipcReport() }, 'REPORT_ONLY_RELEVANT_OR_OPERATOR'],
      [await assessed('operatorError'), EXTENSION, 'EXTENSION_ONLY_FOR_RELEVANT_ERRORS'],
      [await sighted('relevantError'), { type: 'REPORT_TO_IPC' }, 'ERROR_REPORT_INCOMPLETE'],
      [await createError(t, 'spoc'), { type: 'DISMISS' }, 'REASON_REQUIRED'],
    ];
    for (const [entry, body, code] of refusals) {
      const res = await expectNoErrorChange(t, entry.id, () => sendErrorEvent(t, 'sro', entry, body));
      expectProblem(res, 422, code);
    }
    const operator = await errorStep(t, 'sro', await sighted('operatorError'), { type: 'REPORT_TO_IPC', report: ipcReport() });
    const s231 = await expectNoErrorChange(t, operator.id, () =>
      sendErrorEvent(t, 'sro', operator, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation' }),
    );
    expectProblem(s231, 422, 'NO_S231_FOR_OPERATOR_ERRORS');
  });

  it('answers 404 to another force’s SPOC and SRO on every per-entry route, exactly as for an unknown id', async () => {
    const entry = await assessed('relevantError');
    const absent = '00000000-0000-4000-8000-000000000000';
    for (const user of ['other-spoc', 'other-sro']) {
      const auth = `Bearer ${await t.token(user)}`;
      const requests = (id: string) => [
        t.http().get(`/errors/${id}`).set('authorization', auth),
        t.http().patch(`/errors/${id}`).set('authorization', auth).set('If-Match', String(entry.version)).send({ report: { preventiveSteps: 'x' } }),
        t.http().post(`/errors/${id}/events`).set('authorization', auth).set('If-Match', String(entry.version)).send({ type: user === 'other-sro' ? 'SIGHT' : 'DISMISS', reason: 'x' }),
        t.http().get(`/errors/${id}/report`).set('authorization', auth),
        t.http().get(`/errors/${id}/report.pdf`).set('authorization', auth),
        t.http().get(`/errors/${id}/history`).set('authorization', auth),
        t.http().get(`/errors/${id}/history/verify`).set('authorization', auth),
      ];
      const hidden = requests(entry.id);
      const unknown = requests(absent);
      for (let i = 0; i < hidden.length; i += 1) {
        const res = await expectNoErrorChange(t, entry.id, async () => await hidden[i]);
        expectProblem(res, 404, 'NOT_FOUND');
        const other = await unknown[i];
        expectProblem(other, 404, 'NOT_FOUND');
        expect({ ...res.body, traceId: null, instance: null }).toEqual({ ...other.body, traceId: null, instance: null });
      }
    }
  });

  it('answers 403 FORBIDDEN_ROLE on /errors to roles outside the register (route policy), before reading anything', async () => {
    const entry = await createError(t, 'spoc');
    for (const user of ['applicant', 'dso', 'ocda', 'jc', 'admin']) {
      const auth = `Bearer ${await t.token(user)}`;
      const responses = [
        await t.http().get('/errors').set('authorization', auth),
        await t.http().post('/errors').set('authorization', auth).send({ report: recordReport() }),
        await t.http().get(`/errors/${entry.id}`).set('authorization', auth),
        await t.http().get('/errors/00000000-0000-4000-8000-000000000000').set('authorization', auth),
        await t.http().patch(`/errors/${entry.id}`).set('authorization', auth).set('If-Match', '1').send({ report: { preventiveSteps: 'x' } }),
        await t.http().post(`/errors/${entry.id}/events`).set('authorization', auth).set('If-Match', '1').send({ type: 'DISMISS', reason: 'x' }),
        await t.http().get(`/errors/${entry.id}/report.pdf`).set('authorization', auth),
      ];
      for (const res of responses) expectProblem(res, 403, 'FORBIDDEN_ROLE');
    }
    expect(await getError(t, 'spoc', entry.id)).toMatchObject({ status: 'recorded', version: 1 });
    expectProblem(await t.http().get('/errors'), 401, 'AUTH_REQUIRED');
  });
});

describe(`CD error register: report due dates on real dates (${DRIVER})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Records an error established at `establishedAt` (clock an hour later) and assesses it as relevant. */
  async function dueFor(establishedAt: string): Promise<ErrorRecord> {
    const at = new Date(establishedAt).getTime();
    t.clock.set(new Date(at + 60 * 60 * 1000));
    const discoveredAt = new Date(at - 60 * 60 * 1000).toISOString();
    const entry = await createError(t, 'spoc', recordReport({ discoveredAt, establishedAt }));
    const assessed = await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind: 'relevantError', report: { establishedAt } });
    expect(assessed.dueAt).toBe(assessed.reportDueAt);
    expect((await getError(t, 'sro', entry.id)).reportDueAt).toBe(assessed.reportDueAt);
    return assessed;
  }

  it('Friday 18 Dec 2026: over Christmas, Boxing Day (Mon 28), New Year and the Scottish 2 Jan substitute → end of Thu 7 Jan 2027', async () => {
    expect(['2026-12-25', '2026-12-28', '2027-01-01', '2027-01-04'].map(isWorkingDay)).toEqual([false, false, false, false]);
    expect((await dueFor('2026-12-18T12:00:00Z')).reportDueAt).toBe('2027-01-07T23:59:59.999Z');
  });

  it('Friday 27 Nov 2026, the working day before St Andrew’s Day (Mon 30 Nov) → end of Mon 14 Dec', async () => {
    expect(isWorkingDay('2026-11-30')).toBe(false);
    expect((await dueFor('2026-11-27T12:00:00Z')).reportDueAt).toBe('2026-12-14T23:59:59.999Z');
  });

  it('Friday 10 Jul 2026, before the Boyne holiday (Mon 13 Jul, Northern Ireland) → end of Mon 27 Jul, BST', async () => {
    expect(isWorkingDay('2026-07-13')).toBe(false);
    expect((await dueFor('2026-07-10T12:00:00Z')).reportDueAt).toBe('2026-07-27T22:59:59.999Z');
  });

  it('Thursday 2 Apr 2026, before Easter (Good Friday, Easter Monday) → end of Mon 20 Apr, BST', async () => {
    expect([isWorkingDay('2026-04-03'), isWorkingDay('2026-04-06')]).toEqual([false, false]);
    expect((await dueFor('2026-04-02T12:00:00Z')).reportDueAt).toBe('2026-04-20T22:59:59.999Z');
  });

  it('Sunday 7 Jun 2026: the count starts with Monday → end of Fri 19 Jun, BST', async () => {
    expect((await dueFor('2026-06-07T12:00:00Z')).reportDueAt).toBe('2026-06-19T22:59:59.999Z');
  });
});

describe(`CD error register: suspected entries from other features’ outbox events (${DRIVER})`, () => {
  let t: TestApp;
  let tvp: string;
  beforeAll(async () => {
    t = await createTestApp();
    tvp = (await demoUser(t, 'spoc')).authorityId;
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00.000Z'));

  it('a returnCheckFailed delivered twice (a relay that crashed after the handler) creates ONE suspected entry', async () => {
    const app = await createApplication(t, 'applicant');
    const eventId = await publishReturnCheckFailed(t, {
      authorityId: tvp,
      applicationId: app.id,
      urn: app.urn,
      check: 'subscriberNameMismatch',
      detail: 'the CSP returned a subscriber unknown to the investigation',
    });
    expect(await t.relay.drain()).toBeGreaterThanOrEqual(1);
    const [entry, ...more] = await suspectedFrom(t, 'spoc', eventId);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      status: 'suspected',
      version: 1,
      kind: null,
      applicationIds: [app.id],
      source: { type: 'returnCheckFailed', eventId },
      report: { urn: app.urn },
      allowedEvents: ['RECORD', 'DISMISS'],
    });
    expect(entry.report.errorDescription).toContain('subscriberNameMismatch');
    expect(entry.report.errorDescription).toContain('the CSP returned a subscriber unknown to the investigation');
    expect(await errorHistory(t, 'spoc', entry.id)).toEqual([
      expect.objectContaining({ position: 1, kind: 'created', fromState: null, toState: 'suspected', actorId: SYSTEM_ACTOR, actorRoles: ['system'] }),
    ]);

    // The relay crashed after the handler's transaction but before it marked the event: delivered again.
    await rawSql(t, 'UPDATE outbox SET dispatched_at = NULL, claimed_by = NULL, claimed_at = NULL WHERE id = $1', [eventId]);
    await rawSql(t, 'DELETE FROM outbox_delivery WHERE event_id = $1', [eventId]);
    await Promise.all([t.relay.drain(), t.relay.drain()]);
    const [row] = await rawSql<{ dispatched_at: string | null; dead_at: string | null; attempts: number }>(
      t,
      'SELECT dispatched_at, dead_at, attempts FROM outbox WHERE id = $1',
      [eventId],
    );
    expect(row).toMatchObject({ dead_at: null });
    expect(row.dispatched_at).not.toBeNull();
    expect(await suspectedFrom(t, 'spoc', eventId)).toHaveLength(1);
    expect(await entriesFromSource(t, eventId)).toBe(1);
    expect(await getError(t, 'spoc', entry.id)).toMatchObject({ version: 1, status: 'suspected' });
  });

  it('a writtenRecordOverdue (as the deadline poller raises it) creates a suspected lateWrittenNotice entry linked to the application; RECORD completes it', async () => {
    const app = await buildFixture(t, { state: 'authorised' });
    const eventId = await publishWrittenRecordOverdue(t, {
      applicationId: app.id,
      urn: app.urn,
      authorityId: tvp,
      grantedById: typeof app.grantedById === 'string' ? app.grantedById : null,
      dueAt: '2026-03-03T23:59:59.999Z',
    });
    await t.relay.drain();
    const [entry, ...more] = await suspectedFrom(t, 'sro', eventId);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      status: 'suspected',
      causeCode: 'lateWrittenNotice',
      responsibleParty: 'designatedSeniorOfficer',
      applicationIds: [app.id],
      source: { type: 'writtenRecordOverdue', eventId },
      report: { urn: app.urn, causeCode: 'lateWrittenNotice' },
    });
    expect(entry.report.errorDescription).toContain('2026-03-03T23:59:59.999Z');
    expect(await listedIds(t, 'spoc', 'cause=lateWrittenNotice')).toEqual([entry.id]);

    // RECORD fills what the intake could not know; the intake's facts stay.
    const recorded = await errorStep(t, 'spoc', entry, {
      type: 'RECORD',
      report: {
        howItOccurred: 'The DSO was called to another incident before writing up the oral grant.',
        discoveredAt: '2026-03-02T09:00:00+00:00',
        establishedAt: '2026-03-02T09:30:00+00:00',
      },
    });
    expect(recorded).toMatchObject({
      status: 'recorded',
      version: 2,
      causeCode: 'lateWrittenNotice',
      applicationIds: [app.id],
      establishedAt: '2026-03-02T09:30:00.000Z',
      report: { urn: app.urn, errorDescription: entry.report.errorDescription, responsibleParty: 'designatedSeniorOfficer' },
    });
    expect(await errorHistory(t, 'spoc', entry.id)).toHaveLength(2);
  });

  it('RECORD refuses a suspected entry without the record’s fields (422), and changes nothing', async () => {
    const entry = await createSuspected(t, 'spoc', 'incomplete record');
    const res = await expectNoErrorChange(t, entry.id, () => sendErrorEvent(t, 'spoc', entry, { type: 'RECORD', report: { howItOccurred: 'x' } }));
    expectProblem(res, 422, 'ERROR_REPORT_INCOMPLETE');
  });

  it('an event naming no authority is not turned into an entry for anyone', async () => {
    const eventId = await publishReturnCheckFailed(t, { authorityId: '', check: 'x' });
    await t.relay.drain();
    expect(await entriesFromSource(t, eventId)).toBe(0);
  });
});

describe(`CD error register: overdue, extensions, due soon, reminders (${DRIVER})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A relevant error established at 09:00 on `day` (clock at 10:00 that day). */
  async function relevantOn(day: string, user = 'spoc'): Promise<ErrorRecord> {
    t.clock.set(`${day}T10:00:00.000Z`);
    const at = `${day}T09:00:00+00:00`;
    const entry = await createError(t, user, recordReport({ discoveredAt: at, establishedAt: at }));
    return errorStep(t, user, entry, { type: 'ASSESS', kind: 'relevantError' });
  }

  it('lists a relevant error under overdue=true once its due date has passed; an agreed extension takes it out', async () => {
    const entry = await relevantOn('2026-03-02');
    expect(entry.dueAt).toBe('2026-03-16T23:59:59.999Z');
    const recordable = await errorStep(t, 'spoc', await createError(t, 'spoc'), { type: 'ASSESS', kind: 'recordableError' });
    const hidden = await relevantOn('2026-03-02', 'other-spoc');

    expect(await listedIds(t, 'spoc', 'overdue=true')).not.toContain(entry.id);
    expect(await listedIds(t, 'spoc', 'overdue=false')).toContain(entry.id);

    t.clock.set('2026-03-16T23:59:59.999Z');
    expect(await listedIds(t, 'spoc', 'overdue=true')).not.toContain(entry.id);
    expect((await getError(t, 'spoc', entry.id)).overdue).toBe(false);

    t.clock.set('2026-03-17T00:00:00.000Z');
    const overdue = await listedIds(t, 'spoc', 'overdue=true');
    expect(overdue).toContain(entry.id);
    expect(overdue).not.toContain(recordable.id);
    expect(overdue).not.toContain(hidden.id);
    expect(await listedIds(t, 'spoc', 'overdue=false')).not.toContain(entry.id);
    expect((await getError(t, 'spoc', entry.id)).overdue).toBe(true);
    const hamOverdue = await listedIds(t, 'other-spoc', 'overdue=true');
    expect(hamOverdue).toContain(hidden.id);
    expect(hamOverdue).not.toContain(entry.id);

    const extended = await errorStep(t, 'sro', entry, {
      type: 'AGREE_EXTENSION',
      agreedDueAt: '2026-03-31T23:59:59.999+01:00',
      ipcAgreementReference: 'IPC/EXT/2026/0042',
      reason: 'The CSP needs two more weeks to quantify the excess data.',
    });
    expect(extended).toMatchObject({
      status: 'assessed',
      version: entry.version + 1,
      reportDueAt: '2026-03-16T23:59:59.999Z',
      agreedDueAt: '2026-03-31T22:59:59.999Z',
      dueAt: '2026-03-31T22:59:59.999Z',
      overdue: false,
    });
    expect(await listedIds(t, 'spoc', 'overdue=true')).not.toContain(entry.id);
    expect(await listedIds(t, 'spoc', 'overdue=false')).toContain(entry.id);
  });

  it('dueWithinWorkingDays=3 lists an entry due within 3 working days, and not one due later or one with no due date', async () => {
    const soon = await relevantOn('2026-03-02'); // due Mon 16 Mar
    const later = await relevantOn('2026-03-05'); // due Fri 20 Mar (Tue 17 Mar is St Patrick's Day)
    const recordable = await errorStep(t, 'spoc', await createError(t, 'spoc'), { type: 'ASSESS', kind: 'recordableError' });
    const hidden = await relevantOn('2026-03-02', 'other-sro');
    expect(later.dueAt).toBe('2026-03-20T23:59:59.999Z');

    t.clock.set('2026-03-12T10:00:00.000Z'); // Thursday: 13, 16 → 2 working days to `soon`; 13, 16, 18, 19, 20 to `later`
    const within3 = await listedIds(t, 'spoc', 'dueWithinWorkingDays=3');
    expect(within3).toContain(soon.id);
    expect(within3).not.toContain(later.id);
    expect(within3).not.toContain(recordable.id);
    expect(within3).not.toContain(hidden.id);
    const within5 = await listedIds(t, 'spoc', 'dueWithinWorkingDays=5');
    expect(within5).toEqual(expect.arrayContaining([soon.id, later.id]));
    expect(within5).not.toContain(hidden.id);
    const hamWithin3 = await listedIds(t, 'other-sro', 'dueWithinWorkingDays=3');
    expect(hamWithin3).toContain(hidden.id);
    expect(hamWithin3).not.toContain(soon.id);

    // Once reported, nothing is owed: it leaves the list.
    let reported = await errorStep(t, 'sro', soon, { type: 'SIGHT' });
    reported = await errorStep(t, 'sro', reported, { type: 'REPORT_TO_IPC', report: ipcReport() });
    expect(await listedIds(t, 'spoc', 'dueWithinWorkingDays=3')).not.toContain(reported.id);
  });

  it('raises exactly one reminder 3 working days before the due day and one on it, however many (concurrent) ticks', async () => {
    const entry = await relevantOn('2026-03-02'); // due Mon 16 Mar 2026, end of day
    const deadlines = t.app.get(CdErrorDeadlines);
    const tickTwiceAtOnce = () => Promise.all([deadlines.tick(), deadlines.tick()]);
    const due = '2026-03-16T23:59:59.999Z';

    t.clock.set('2026-03-10T23:59:59.999Z'); // Tue: 4 working days remain
    await tickTwiceAtOnce();
    await deadlines.tick();
    expect(await reminderEvents(t, entry.id)).toEqual([]);

    t.clock.set('2026-03-11T00:00:00.000Z'); // Wed: 12, 13, 16 remain
    const first = (await tickTwiceAtOnce()).flat().filter((r) => r.startsWith(entry.id));
    expect(first).toEqual([`${entry.id}:threeWorkingDaysBefore`]);
    await deadlines.tick();
    t.clock.set('2026-03-13T15:00:00.000Z');
    await tickTwiceAtOnce();
    expect(await reminderEvents(t, entry.id)).toEqual([{ reminder: 'threeWorkingDaysBefore', dueAt: due }]);

    t.clock.set('2026-03-16T00:00:00.000Z'); // the due day
    const second = (await tickTwiceAtOnce()).flat().filter((r) => r.startsWith(entry.id));
    expect(second).toEqual([`${entry.id}:dueDay`]);
    t.clock.set('2026-03-16T23:59:59.999Z');
    await tickTwiceAtOnce();
    await deadlines.tick();
    t.clock.set('2026-03-17T09:00:00.000Z'); // overdue: no more reminders
    await tickTwiceAtOnce();
    expect(await reminderEvents(t, entry.id)).toEqual([
      { reminder: 'dueDay', dueAt: due },
      { reminder: 'threeWorkingDaysBefore', dueAt: due },
    ]);
  });
});

describe(`CD error register: filters and need-to-know (${DRIVER})`, () => {
  let t: TestApp;
  const e: Record<string, string> = {};
  const T = ['2026-03-02T10:00:00.000Z', '2026-03-03T10:00:00.000Z', '2026-03-04T10:00:00.000Z', '2026-03-05T10:00:00.000Z'];
  const REPORT = (causeCode: string) => recordReport({ causeCode, discoveredAt: '2026-03-01T09:00:00+00:00', establishedAt: '2026-03-01T09:00:00+00:00' });

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(T[0]);
    e.E1 = (await createError(t, 'spoc', REPORT('incorrectIdentifier'))).id;
    t.clock.set(T[1]);
    e.E2 = (await errorStep(t, 'spoc', await createError(t, 'spoc', REPORT('excessData')), { type: 'ASSESS', kind: 'relevantError' })).id;
    e.H1 = (await createError(t, 'other-spoc', REPORT('incorrectIdentifier'))).id;
    t.clock.set(T[2]);
    e.E3 = (await errorStep(t, 'sro', await createError(t, 'sro', REPORT('incorrectIdentifier')), { type: 'ASSESS', kind: 'recordableError' })).id;
    e.E4 = (await createSuspected(t, 'spoc', 'filters')).id;
    e.H2 = (await errorStep(t, 'other-sro', await createError(t, 'other-sro', REPORT('excessData')), { type: 'ASSESS', kind: 'relevantError' })).id;
    t.clock.set(T[3]);
    e.E5 = (await errorStep(t, 'spoc', await createError(t, 'spoc', REPORT('other')), { type: 'DISMISS', reason: 'Not an error after all.' })).id;
  });
  afterAll(() => t.close());

  const names = (ids: string[]) => ids.map((id) => Object.keys(e).find((k) => e[k] === id) ?? `unexpected ${id}`).sort();
  const TVP = ['E1', 'E2', 'E3', 'E4', 'E5'];
  const HAM = ['H1', 'H2'];

  it.each([
    ['', TVP, HAM],
    ['status=recorded', ['E1'], ['H1']],
    ['status=assessed', ['E2', 'E3'], ['H2']],
    ['status=suspected', ['E4'], []],
    ['status=dismissed', ['E5'], []],
    ['kind=relevantError', ['E2'], ['H2']],
    ['kind=recordableError', ['E3'], []],
    ['cause=incorrectIdentifier', ['E1', 'E3'], ['H1']],
    ['cause=excessData', ['E2'], ['H2']],
    [`from=${T[1]}`, ['E2', 'E3', 'E4', 'E5'], HAM],
    [`to=${T[1]}`, ['E1'], []],
    [`from=${T[1]}&to=${T[3]}`, ['E2', 'E3', 'E4'], HAM],
    ['from=2026-03-03T11:00:00%2B01:00&to=2026-03-04T10:00:00.001Z', ['E2', 'E3', 'E4'], HAM],
    ['status=assessed&cause=incorrectIdentifier', ['E3'], []],
    ['overdue=false', ['E2', 'E3'], ['H2']],
  ])('GET /errors?%s lists the caller’s authority’s matching entries only', async (query, tvp, ham) => {
    t.clock.set(T[3]);
    for (const user of ['spoc', 'sro']) expect(names(await listedIds(t, user, query))).toEqual(tvp);
    for (const user of ['other-spoc', 'other-sro']) expect(names(await listedIds(t, user, query))).toEqual(ham);
    expect(await listedIds(t, 'nafn-spoc', query)).toEqual([]);
  });

  it('overdue=true and dueWithinWorkingDays never show another authority’s entries', async () => {
    t.clock.set('2026-03-31T10:00:00.000Z');
    expect(names(await listedIds(t, 'spoc', 'overdue=true'))).toEqual(['E2']);
    expect(names(await listedIds(t, 'other-sro', 'overdue=true'))).toEqual(['H2']);
    t.clock.set('2026-03-11T10:00:00.000Z'); // E2 and H2 are due Fri 13 Mar (established Sun 1 Mar): 12, 13 remain
    expect(names(await listedIds(t, 'sro', 'dueWithinWorkingDays=3'))).toEqual(['E2']);
    expect(names(await listedIds(t, 'other-spoc', 'dueWithinWorkingDays=3'))).toEqual(['H2']);
  });

  it('pages after filtering by authority, newest first', async () => {
    const auth = `Bearer ${await t.token('spoc')}`;
    const pages: ErrorRecord[][] = [];
    for (const page of [1, 2, 3]) {
      const res = await t.http().get(`/errors?pageSize=2&page=${page}`).set('authorization', auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ page, pageSize: 2, total: 5 });
      pages.push(res.body.items as ErrorRecord[]);
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const all = pages.flat();
    expect(names(all.map((i) => i.id))).toEqual(TVP);
    const created = all.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it.each(['status=nope', 'kind=seriousError', 'cause=typo', 'from=yesterday', 'to=2026-03-01', 'dueWithinWorkingDays=-1', 'overdue=maybe', 'pageSize=1000'])(
    'answers 400 VALIDATION_FAILED to ?%s',
    async (query) => {
      const res = await t.http().get(`/errors?${query}`).set('authorization', `Bearer ${await t.token('spoc')}`);
      expectProblem(res, 400, 'VALIDATION_FAILED');
    },
  );
});

describe(`CD error register: creating, editing and linking entries (${DRIVER})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00.000Z'));

  it('POST /errors creates at recorded with one history row, and refuses an incomplete or future-dated record (422)', async () => {
    const entry = await createError(t, 'sro');
    expect(entry).toMatchObject({ status: 'recorded', version: 1, kind: null, causeCode: 'incorrectIdentifier', responsibleParty: 'applicant', allowedEvents: ['DISMISS', 'ASSESS'] });
    expect(await errorHistory(t, 'sro', entry.id)).toEqual([expect.objectContaining({ position: 1, kind: 'created', toState: 'recorded', actorId: (await demoUser(t, 'sro')).id })]);

    const before = await listedIds(t, 'spoc');
    const noCause = recordReport();
    delete noCause.causeCode;
    const incomplete = await postError(t, 'spoc', { report: noCause });
    expectProblem(incomplete, 422, 'ERROR_REPORT_INCOMPLETE');
    // Each date rule is refused with its own code and words (docs/law.md §4.3).
    const future = await postError(t, 'spoc', { report: recordReport({ establishedAt: '2026-03-02T10:00:01Z' }) });
    expectProblem(future, 422, 'ERROR_DATE_IN_FUTURE');
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'establishedAt', code: 'ERROR_DATE_IN_FUTURE' })]);
    const backwards = await postError(t, 'spoc', { report: recordReport({ discoveredAt: '2026-03-02T09:00:00Z', establishedAt: '2026-03-02T08:00:00Z' }) });
    expectProblem(backwards, 422, 'ERROR_ESTABLISHED_BEFORE_DISCOVERED');
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'establishedAt' })]);
    const occurredLate = await postError(t, 'spoc', { report: recordReport({ occurredAt: '2026-03-02T09:30:00Z', discoveredAt: '2026-03-02T09:00:00Z', establishedAt: '2026-03-02T09:00:00Z' }) });
    expectProblem(occurredLate, 422, 'ERROR_OCCURRED_AFTER_DISCOVERY');
    expect(occurredLate.body.errors).toEqual([expect.objectContaining({ field: 'occurredAt' })]);
    expect(new Set([future.body.detail, backwards.body.detail, occurredLate.body.detail]).size).toBe(3);
    expect(await listedIds(t, 'spoc')).toEqual(before);
  });

  it('PATCH edits the report while recorded or assessed with If-Match (428 without, 412 stale), and is refused (409) after SIGHT', async () => {
    const entry = await createError(t, 'spoc');
    const noIfMatch = await expectNoErrorChange(t, entry.id, () => patchError(t, 'spoc', { id: entry.id, version: null }, { report: { preventiveSteps: 'x' } }));
    expectProblem(noIfMatch, 428, 'PRECONDITION_REQUIRED');
    const stale = await expectNoErrorChange(t, entry.id, () => patchError(t, 'spoc', { id: entry.id, version: 7 }, { report: { preventiveSteps: 'x' } }));
    expectProblem(stale, 412, 'CD_ERROR_STALE');

    const edited = await patchError(t, 'spoc', entry, { report: { preventiveSteps: 'Read the number back to the victim.', causeCode: 'incorrectTimeDate', isIpRelated: true } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      status: 'recorded',
      version: 2,
      causeCode: 'incorrectTimeDate',
      isIpRelated: true,
      report: { preventiveSteps: 'Read the number back to the victim.', errorDescription: recordReport().errorDescription },
    });
    expect(await listedIds(t, 'spoc', 'cause=incorrectTimeDate')).toContain(entry.id);
    const history = await errorHistory(t, 'spoc', entry.id);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({ position: 2, kind: 'edited', fromState: 'recorded', toState: 'recorded', eventType: null });

    // A stale version after the edit, too.
    const staleAgain = await expectNoErrorChange(t, entry.id, () => patchError(t, 'sro', entry, { report: { preventiveSteps: 'y' } }));
    expectProblem(staleAgain, 412, 'CD_ERROR_STALE');

    let current = await errorStep(t, 'spoc', edited.body as ErrorRecord, { type: 'ASSESS', kind: 'recordableError' });
    const inAssessed = await patchError(t, 'sro', current, { report: { collateralIntrusion: 'None.' } });
    expect(inAssessed.status).toBe(200);
    expect(inAssessed.body).toMatchObject({ status: 'assessed', version: current.version + 1, report: { collateralIntrusion: 'None.' } });
    current = await errorStep(t, 'sro', inAssessed.body as ErrorRecord, { type: 'SIGHT' });
    const afterSight = await expectNoErrorChange(t, entry.id, () => patchError(t, 'spoc', current, { report: { preventiveSteps: 'too late' } }));
    expectProblem(afterSight, 409, 'WORKFLOW_INVALID_TRANSITION');
    expect(await verifyError(t, 'spoc', entry.id)).toMatchObject({ valid: true, rows: current.version });
  });

  it('PATCH correcting establishedAt of an assessed relevant error moves its report due date with it', async () => {
    const entry = await createError(t, 'spoc');
    const assessed = await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind: 'relevantError' });
    const before = assessed.reportDueAt;
    const corrected = await patchError(t, 'spoc', assessed, { report: { establishedAt: '2026-02-27T12:00:00Z' } });
    expect(corrected.status).toBe(200);
    // Fri 27 Feb 2026 + 10 working days = end of Fri 13 Mar 2026 (no UK bank holiday in between).
    expect(corrected.body).toMatchObject({ reportDueAt: '2026-03-13T23:59:59.999Z' });
    expect(corrected.body.reportDueAt).not.toBe(before);
  });

  it('PATCH keeps the record’s rules: no future instant, no blanked required field (422)', async () => {
    const entry = await createError(t, 'spoc');
    const future = await expectNoErrorChange(t, entry.id, () => patchError(t, 'spoc', entry, { report: { discoveredAt: '2026-03-03T10:00:00Z' } }));
    expectProblem(future, 422, 'ERROR_DATE_IN_FUTURE');
    const blanked = await expectNoErrorChange(t, entry.id, () => patchError(t, 'spoc', entry, { report: { howItOccurred: null } }));
    expectProblem(blanked, 422, 'ERROR_REPORT_INCOMPLETE');
    // The same shape as a validation failure and as a refused event (docs/architecture.md §5).
    expect(blanked.body).toMatchObject({ errors: [{ field: 'howItOccurred', code: 'ERROR_REPORT_INCOMPLETE', message: 'missing: howItOccurred' }] });
    expect(blanked.body).not.toHaveProperty('fields');
  });

  it('POST refuses a report that does not make a record with the rule and its fields in `errors`', async () => {
    const res = await postError(t, 'spoc', { report: { ...recordReport(), establishedAt: null } });
    expectProblem(res, 422, 'ERROR_REPORT_INCOMPLETE');
    expect(res.body).toMatchObject({ errors: [{ field: 'establishedAt', code: 'ERROR_REPORT_INCOMPLETE', message: 'missing: establishedAt' }] });
    expect(res.body).not.toHaveProperty('fields');
  });

  it('links only the authority’s own applications: another force’s (or an unknown) id → 400 naming applicationIds[n]', async () => {
    const own = await createApplication(t, 'applicant');
    const other = await createApplication(t, 'other-applicant');
    const before = await listedIds(t, 'spoc');

    const res = await postError(t, 'spoc', { report: recordReport(), applicationIds: [other.id] });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'applicationIds[0]' })]);
    const mixed = await postError(t, 'spoc', { report: recordReport(), applicationIds: [own.id, '00000000-0000-4000-8000-000000000000'] });
    expectProblem(mixed, 400, 'VALIDATION_FAILED');
    expect(mixed.body.errors).toEqual([expect.objectContaining({ field: 'applicationIds[1]' })]);
    expect(await listedIds(t, 'spoc')).toEqual(before);

    const linked = await createError(t, 'spoc', recordReport(), { applicationIds: [own.id] });
    expect(linked.applicationIds).toEqual([own.id]);
    const patched = await expectNoErrorChange(t, linked.id, () => patchError(t, 'spoc', linked, { applicationIds: [own.id, other.id] }));
    expectProblem(patched, 400, 'VALIDATION_FAILED');
    expect(patched.body.errors).toEqual([expect.objectContaining({ field: 'applicationIds[1]' })]);
    const hamLinked = await postError(t, 'other-spoc', { report: recordReport(), applicationIds: [own.id] });
    expectProblem(hamLinked, 400, 'VALIDATION_FAILED');
  });
});
