/**
 * Model-based acceptance test of the application statechart (docs/architecture.md §7.1) over HTTP, on the real
 * database (SQLite, or PostgreSQL when DATABASE_URL is set).
 *
 * `xstate/graph` traverses a model built on the PRODUCTION `applicationMachine` (test/support/
 * lifecycle-model.ts): the machine, with its guards and role table, decides which actor may send which
 * event in which state and where it goes. Paths from `getShortestPaths` + `getAdjacencyMap` cover every
 * (transition × route × sender) edge the model can take; each path is then driven over HTTP as the right
 * actor, and every step must give the machine's target state, `version + 1`, and exactly one new history
 * row for that transition. EXPIRE is the deadline scheduler's: the test clock is moved to the
 * application's `expiresAt` and two polls (`ApplicationDeadlines.tick()`) run at once; it must fire once.
 * Every path starts with the clock at MODEL_NOW, so time-dependent guards hold whatever ran before.
 *
 * The model's ACQUIRE step (the data obtained and a final product issued, through the disclosure and product
 * APIs) is what makes ISSUE_PRODUCT, and everything after `productIssued`, reachable; it must leave the
 * application's state, version and history as they were.
 *
 * Every transition of the machine must be driven: PENDING (transitions a later issue would make reachable) is
 * empty, and the test fails if the machine gains a transition that is neither driven nor pending, or if a
 * pending one becomes reachable.
 */
import {
  ACQUIRE,
  MODEL_NOW,
  ORAL_GRANT_DSO,
  SCENARIOS,
  SCHEDULER_SENDER,
  eventBody,
  eventLabel,
  machineTransitions,
  planLifecycle,
  transitionKey,
  type LifecyclePath,
} from './support/lifecycle-model';
import { SCHEDULER_ACTOR, acquireAndIssueFinalProduct, expireByScheduler, getApplication, historyOf, userIds, verifyOf } from './support/lifecycle-http';
import { createApplication, sendEvent, type AppRecord } from './support/applications';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/** Transitions of docs/architecture.md §7.1 no test can reach yet, with what would make them reachable: none now. */
const PENDING: Readonly<Record<string, string>> = {};

const USERS = ['applicant', 'applicant2', 'spoc', 'dso', 'sro', 'ocda', 'jc', 'la-applicant', 'nafn-spoc', 'other-spoc', 'other-dso'];
const plan = planLifecycle();

describe(`application lifecycle, model-based over HTTP (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let ids: Map<string, string>;
  const idOf = (username: string): string => {
    const id = ids.get(username);
    if (!id) throw new Error(`no id for ${username}`);
    return id;
  };
  /** Transitions actually taken over HTTP (from and to as the server answered). */
  const driven = new Set<string>();
  let pathsDriven = 0;
  let stepsDriven = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ids = await userIds(t, USERS);
    await Promise.all(USERS.map((u) => t.token(u)));
  });
  afterAll(() => t.close());

  it('the model (production machine + guards) reaches every §7.1 transition except the PENDING ones', () => {
    const all = machineTransitions();
    expect(all.length).toBeGreaterThan(0);
    for (const key of Object.keys(PENDING)) expect(all).toContain(key);
    expect(plan.reachable).toEqual(all.filter((key) => !(key in PENDING)));
    expect(plan.paths.length).toBeGreaterThan(0);
  });

  it.each(plan.paths.map((path): [string, LifecyclePath] => [path.description, path]))('%s', async (_name, path) => {
    const scenario = SCENARIOS[path.scenario];
    const reader = scenario.spoc;
    t.clock.set(MODEL_NOW.toISOString());
    let app: AppRecord | null = null;
    let rows = 0;
    for (const step of path.steps) {
      const { event } = step;
      if (event.type === 'CREATE') {
        app = await createApplication(t, scenario.applicant, scenario.form);
        expect(app).toMatchObject({ status: 'draft', version: 1, applicantId: idOf(scenario.applicant) });
        const history = await historyOf(t, reader, app.id);
        expect(history).toHaveLength(1);
        expect(history[0]).toMatchObject({ position: 1, kind: 'created', fromState: null, toState: 'draft', eventType: null });
        rows = 1;
        continue;
      }
      if (!app) throw new Error('path does not start with CREATE');
      if (event.type === ACQUIRE) {
        await acquireAndIssueFinalProduct(t, event.actor, app.id);
        const after = await getApplication(t, reader, app.id);
        expect({ step: `${ACQUIRE} in ${step.from}`, status: after.status, version: after.version, rows: (await historyOf(t, reader, app.id)).length }).toEqual({
          step: `${ACQUIRE} in ${step.from}`,
          status: app.status,
          version: app.version,
          rows,
        });
        continue;
      }
      const label = `${event.type} by ${eventLabel(event)} in ${step.from}`;
      let next: AppRecord;
      if (event.actor === SCHEDULER_SENDER) {
        // The scheduler sends only EXPIRE, by polling: move the clock to the deadline and poll twice at once.
        expect({ step: label, type: event.type }).toEqual({ step: label, type: 'EXPIRE' });
        const expiry = await expireByScheduler(t, reader, app.id);
        expect({ step: label, status: expiry.before.status, version: expiry.before.version, expiresAt: expiry.before.expiresAt }).toEqual({
          step: label,
          status: step.from,
          version: app.version,
          expiresAt: step.after.expiresAt,
        });
        expect({ step: label, fired: expiry.fired }).toEqual({ step: label, fired: 1 });
        next = expiry.after;
      } else {
        const res = await sendEvent(t, event.actor, app, eventBody(event, idOf) as unknown as Record<string, unknown>);
        expect({ step: label, status: res.status, body: res.status === 200 ? null : (res.body as unknown) }).toEqual({
          step: label,
          status: 200,
          body: null,
        });
        next = res.body as AppRecord;
      }
      expect({ step: label, status: next.status, version: next.version }).toEqual({
        step: label,
        status: step.to,
        version: app.version + 1,
      });

      const history = await historyOf(t, reader, app.id);
      expect({ step: label, rows: history.length }).toEqual({ step: label, rows: rows + 1 });
      const last = history[history.length - 1];
      const decision = ['GRANT', 'REFUSE', 'REQUEST_MORE_INFO'].includes(event.type);
      const decider =
        !decision || event.variant === 'recordsOcda' ? null : event.variant === 'oralForDso' ? idOf(ORAL_GRANT_DSO) : idOf(event.actor);
      expect(last).toMatchObject({
        position: next.version,
        kind: 'transition',
        fromState: step.from,
        toState: step.to,
        eventType: event.type,
        ...(event.actor === SCHEDULER_SENDER ? SCHEDULER_ACTOR : { actorId: idOf(event.actor) }),
        deciderId: decider,
      });
      if (event.type === 'GRANT') {
        expect(next).toMatchObject({ grantedById: decider, oralGrant: event.variant === 'oralForDso' });
        expect(next.writtenRecordDueAt === null).toBe(event.variant !== 'oralForDso');
        // The model's validity (production `grantValidity` at MODEL_NOW) is what the EXPIRE step waits for.
        expect({ step: label, expiresAt: next.expiresAt }).toEqual({ step: label, expiresAt: step.after.expiresAt });
      }
      if (event.type === 'RECORD_WRITTEN') expect(next.writtenRecordDueAt).toBeNull();

      driven.add(transitionKey(String(last.fromState), String(last.eventType), last.toState));
      rows += 1;
      stepsDriven += 1;
      app = next;
    }
    if (!app) throw new Error('empty path');
    await expect(verifyOf(t, reader, app.id)).resolves.toMatchObject({ valid: true, rows: app.version });
    pathsDriven += 1;
  });

  it('the driven transitions ∪ PENDING are exactly the machine’s transitions (a new transition needs a test)', () => {
    console.log(
      `application lifecycle: drove ${pathsDriven} paths (${stepsDriven} events) covering ${plan.edges.length} ` +
        `model edges and ${driven.size} of ${machineTransitions().length} transitions; ${Object.keys(PENDING).length} pending`,
    );
    expect(pathsDriven).toBe(plan.paths.length);
    const all = machineTransitions();
    const pending = Object.keys(PENDING);
    expect([...driven].filter((key) => pending.includes(key))).toEqual([]);
    expect([...new Set([...driven, ...pending])].sort()).toEqual(all);
  });
});
