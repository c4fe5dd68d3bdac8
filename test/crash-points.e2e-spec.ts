/**
 * The service killed with SIGKILL at its crash points (issue 22, items 1 and 4; src/common/fault-points.ts) and
 * started again on the same database: the built service (dist/src/main.js) as a child process, on a SQLite file or,
 * with DATABASE_URL, a fresh PostgreSQL schema. Each kill is chosen by the request itself (its `Test-Fault-Point`
 * header), so nothing else the process does — sign-ins, pollers — can be caught by it.
 *
 * - After the UPDATE, before COMMIT: the transaction never committed, so after the restart the record, its version
 *   and its history are as they were, and verify passes; the command sent again takes effect once.
 * - After COMMIT, before the answer: the client never heard; its retry with the same Idempotency-Key is answered
 *   from the stored response, with exactly one history row for the command.
 * - The outbox relay after delivering an event, before marking it dispatched: the handler's transaction committed
 *   its effect with the delivery row, so the restarted relay, taking the abandoned claim over, marks the event
 *   dispatched without running the handler again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeCallRecordFile } from '../bench/call-record-file';
import { GRANTED_AT, sentRequest, uploadFile } from '../bench/returns-scale';
import { call, freshSchema, login, must, type RunningService, type ServiceDatabase, startService } from '../bench/service-process';
import { completeForm } from './support/applications';
import { queryServiceDb } from './support/service-db';

const POSTGRES = process.env.DATABASE_URL || undefined;

/** Every crash point armed; a claim abandoned by a killed relay may be taken over after a second. */
const CRASHABLE = { TEST_FAULT_POINTS: 'after-update,after-commit,after-delivery', TEST_FAST_HASHING: 'true', OUTBOX_CLAIM_LEASE_MS: '1000', OUTBOX_POLL_MS: '200' };

type Answer = Awaited<ReturnType<typeof call>>;

describe(`crash points: the service killed mid-command and started again (${POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let dir: string;
  let database: ServiceDatabase;
  let dropSchema: () => Promise<void> = () => Promise.resolve();
  let service: RunningService | null = null;

  beforeAll(async () => {
    // The child runs dist/src/main.js; `tsc -b` is incremental, so on a current build this compiles nothing.
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: resolve(__dirname, '..'), stdio: 'pipe' });
    dir = mkdtempSync(join(tmpdir(), 'cd-crash-'));
    if (POSTGRES) {
      const fresh = await freshSchema(POSTGRES);
      database = { kind: 'postgres', url: POSTGRES, schema: fresh.schema };
      dropSchema = fresh.drop;
    } else {
      database = { kind: 'sqlite', path: join(dir, 'cd.sqlite') };
    }
  }, 180_000);

  afterEach(async () => {
    await service?.stop();
    service = null;
  });

  afterAll(async () => {
    await dropSchema();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}): Promise<RunningService> => {
    service = await startService(database, { ...CRASHABLE, ...env });
    return service;
  };

  /** Sends a request the service is to die at; resolves once it has died of SIGKILL, whatever the client saw. */
  async function killedBy(running: RunningService, request: () => Promise<unknown>): Promise<void> {
    await request().catch(() => undefined);
    await expect(running.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
  }

  /** The application's history and its verification, as the API gives them. */
  async function historyOf(base: string, token: string, id: string): Promise<{ events: (string | null)[]; verify: Record<string, unknown> }> {
    const history = await must(200, 'history', call(base, 'GET', `/applications/${id}/history`, { token }));
    const verify = await must(200, 'verify', call(base, 'GET', `/applications/${id}/history/verify`, { token }));
    return { events: (history.items as { eventType: string | null }[]).map((item) => item.eventType), verify };
  }

  const submit = (base: string, token: string, app: { id: string; version: number }, key: string, point?: string): Promise<Answer> =>
    call(base, 'POST', `/applications/${app.id}/events`, {
      token,
      body: { type: 'SUBMIT_TO_SPOC' },
      ifMatch: app.version,
      headers: { 'idempotency-key': key, ...(point ? { 'test-fault-point': point } : {}) },
    });

  it('killed after the UPDATE and before COMMIT: after a restart the record, its version and its history are unchanged and verify passes; sent again, the command takes effect once', async () => {
    let running = await start();
    let applicant = await login(running.base, 'applicant');
    const app = (await must(201, 'create', call(running.base, 'POST', '/applications', { token: applicant, body: completeForm() }))) as { id: string; version: number };
    await killedBy(running, () => submit(running.base, applicant, app, 'crash-after-update', 'after-update'));

    running = await start();
    applicant = await login(running.base, 'applicant');
    expect(await must(200, 'get', call(running.base, 'GET', `/applications/${app.id}`, { token: applicant }))).toMatchObject({ status: 'draft', version: 1 });
    expect(await historyOf(running.base, applicant, app.id)).toEqual({ events: [null], verify: expect.objectContaining({ valid: true, rows: 1 }) as unknown });

    const again = await submit(running.base, applicant, app, 'crash-after-update');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'spocReview', version: 2 });
    expect(await historyOf(running.base, applicant, app.id)).toEqual({ events: [null, 'SUBMIT_TO_SPOC'], verify: expect.objectContaining({ valid: true, rows: 2 }) as unknown });
  }, 120_000);

  it('killed after COMMIT and before the answer: the retry with the same Idempotency-Key gets the committed answer, with exactly one history row for it', async () => {
    let running = await start();
    let applicant = await login(running.base, 'applicant');
    const app = (await must(201, 'create', call(running.base, 'POST', '/applications', { token: applicant, body: completeForm() }))) as { id: string; version: number };
    await killedBy(running, () => submit(running.base, applicant, app, 'crash-after-commit', 'after-commit'));

    running = await start();
    applicant = await login(running.base, 'applicant');
    const retry = await submit(running.base, applicant, app, 'crash-after-commit');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toMatchObject({ id: app.id, status: 'spocReview', version: 2 });
    const again = await submit(running.base, applicant, app, 'crash-after-commit');
    expect(again.body).toEqual(retry.body);
    expect(await historyOf(running.base, applicant, app.id)).toEqual({ events: [null, 'SUBMIT_TO_SPOC'], verify: expect.objectContaining({ valid: true, rows: 2 }) as unknown });
  }, 120_000);

  it('the outbox relay killed after delivering an event and before marking it dispatched: after a restart the event is dispatched and its effect is there once', async () => {
    // The clock stands at the grant (the request must be within the authorisation); the restart's clock is an hour
    // on, so the killed relay's claim is older than the lease.
    // No poll meanwhile: the relay runs only when the upload's commit wakes it, in the upload's request, which names
    // the crash point (a poll finding the event first would dispatch it in no request, and nothing would be killed).
    let running = await start({ TEST_CLOCK_AT: GRANTED_AT, OUTBOX_POLL_MS: '3600000' });
    const { requestId, spoc } = await sentRequest(running.base);
    // One row for a number the request never named: one failed check, one returnCheckFailed event, whose handler
    // records a suspected error in the register.
    const file = await writeCallRecordFile(join(dir, 'calls.csv'), { rows: 20, foreignRows: 1, localTimeRows: 0 });
    await killedBy(running, () => uploadFile(running.base, requestId, spoc, file, { 'test-fault-point': 'after-delivery' }));

    const events = () =>
      queryServiceDb<{ id: string; dispatched_at: string | null; attempts: number | string; last_error: string | null }>(
        database,
        "SELECT id, dispatched_at, attempts, last_error FROM outbox WHERE type = 'returnCheckFailed'",
      );
    const [killed] = await events();
    expect(killed).toMatchObject({ dispatched_at: null });
    const delivered = () => queryServiceDb(database, 'SELECT handler FROM outbox_delivery WHERE event_id = $1', [killed.id]);
    const suspected = () => queryServiceDb(database, 'SELECT id FROM cd_error WHERE source_event_id = $1', [killed.id]);
    expect(await delivered()).toEqual([{ handler: 'cdErrors.returnCheckFailed' }]);
    expect(await suspected()).toHaveLength(1);

    running = await start({ TEST_CLOCK_AT: new Date(Date.parse(GRANTED_AT) + 3_600_000).toISOString() });
    const until = Date.now() + 30_000;
    while ((await events())[0].dispatched_at === null) {
      if (Date.now() > until) throw new Error(`the restarted relay did not dispatch the event: ${running.output()}`);
      await sleep(200);
    }
    expect(await events()).toEqual([expect.objectContaining({ id: killed.id, attempts: expect.anything() as unknown, last_error: null })]);
    expect(Number((await events())[0].attempts)).toBe(0);
    expect(await delivered()).toEqual([{ handler: 'cdErrors.returnCheckFailed' }]);
    expect(await suspected()).toHaveLength(1);
  }, 120_000);
});
