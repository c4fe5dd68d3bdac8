/**
 * Scale-out (issue 22, items 4 and 5; docs/scaling.md): two instances of the built service on one PostgreSQL schema,
 * under load from clients that talk to both, then both restarted at a later time so that both deadline pollers race
 * for the same expiries. Nothing may be lost or done twice: no transition, history row, EXPIRE, outbox dispatch or
 * checkpoint. And two relays in separate applications, each with its own connection pool, draining one database
 * together never both run a handler for one event.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, freshSchema, login, must, type RunningService, type ServiceDatabase, startService } from '../bench/service-process';
import { Outbox, type OutboxEvent } from '../src/outbox/outbox';
import { completeForm, GRANT_DECISION, SPOC_SECTION } from './support/applications';
import { queryServiceDb } from './support/service-db';
import { createTestApp } from './support/test-app';

const URL = process.env.DATABASE_URL ?? '';
const T0 = '2026-03-02T10:00:00.000Z';
/** Long after every grant made at T0 has run its course. */
const LATER = '2026-07-01T10:00:00.000Z';
const APPLICATIONS = 12;
/** The first half get a request each and are cancelled (the outbox cancels their requests); the rest expire. */
const CANCELLED = APPLICATIONS / 2;

type Answer = Awaited<ReturnType<typeof call>>;
interface Versioned {
  id: string;
  version: number;
  urn?: string;
}

describe('two instances on one PostgreSQL database under load (docs/scaling.md)', () => {
  let database: ServiceDatabase;
  let drop: () => Promise<void> = () => Promise.resolve();
  let running: RunningService[] = [];
  const answers: Answer[] = [];

  /** The two instances share the checkpoint key, as docs/operations.md requires of every instance. */
  const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const env = (clock: string) => ({
    TEST_CLOCK_AT: clock,
    TEST_FAST_HASHING: 'true',
    CHECKPOINT_PRIVATE_KEY: key,
    CHECKPOINT_EVERY_ROWS: '5',
    CHECKPOINT_POLL_MS: '1000',
    OUTBOX_POLL_MS: '100',
    DEADLINE_POLL_MS: '100',
  });
  /** Both, one after the other: the first runs the migrations and the demo seed. */
  const startBoth = async (clock: string) => {
    running = [await startService(database, env(clock))];
    running.push(await startService(database, env(clock)));
  };
  const stopBoth = async () => {
    await Promise.all(running.map((s) => s.stop()));
    running = [];
  };
  /** Request `i` goes to instance i mod 2. */
  const send = async (i: number, method: string, path: string, options: Parameters<typeof call>[3]): Promise<Answer> => {
    const answer = await call(running[i % 2].base, method, path, options);
    answers.push(answer);
    return answer;
  };

  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: resolve(__dirname, '..'), stdio: 'pipe' });
    const fresh = await freshSchema(URL);
    database = { kind: 'postgres', url: URL, schema: fresh.schema };
    drop = fresh.drop;
  }, 180_000);

  afterAll(async () => {
    await stopBoth();
    await drop();
  });

  it('loses and repeats nothing: transitions, history rows, EXPIREs, outbox dispatches, checkpoints', async () => {
    await startBoth(T0);
    const [applicant, spoc, ocda, admin] = [await login(running[0].base, 'applicant'), await login(running[1].base, 'spoc'), await login(running[0].base, 'ocda'), await login(running[1].base, 'admin')];

    // Created through both at once: one URN each.
    const apps = (await Promise.all(Array.from({ length: APPLICATIONS }, (_, i) => send(i, 'POST', '/applications', { token: applicant, body: completeForm() })))).map(
      (a) => a.body as unknown as Versioned,
    );
    expect(new Set(apps.map((a) => a.urn)).size).toBe(APPLICATIONS);

    // Six clients send the same transition at once, three to each instance, against one version: one takes it.
    await Promise.all(
      apps.map(async (app) => {
        const tries = await Promise.all(Array.from({ length: 6 }, (_, i) => send(i, 'POST', `/applications/${app.id}/events`, { token: applicant, body: { type: 'SUBMIT_TO_SPOC' }, ifMatch: app.version })));
        expect(tries.map((t) => t.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
      }),
    );
    // Four retries of one command with one Idempotency-Key, two to each instance: one effect, four equal answers.
    await Promise.all(
      apps.map(async (app) => {
        const twins = await Promise.all(
          Array.from({ length: 4 }, (_, i) =>
            send(i, 'POST', `/applications/${app.id}/events`, { token: spoc, body: { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION }, ifMatch: 2, headers: { 'idempotency-key': `twin-${app.id}` } }),
          ),
        );
        expect(twins.map((t) => t.status)).toEqual([200, 200, 200, 200]);
        expect(new Set(twins.map((t) => JSON.stringify(t.body))).size).toBe(1);
      }),
    );
    await Promise.all(apps.map((app, i) => send(i, 'POST', `/applications/${app.id}/events`, { token: ocda, body: { type: 'GRANT', decision: GRANT_DECISION }, ifMatch: 3 })));

    // A request sent under each of the first half, then those authorisations cancelled: the outbox's handler, on
    // whichever relay claims the event, cancels each request once.
    const csps = (await must(200, 'CSPs', call(running[0].base, 'GET', '/csps?pageSize=100', { token: spoc }))).items as { code: string; id: string }[];
    const cspId = csps.find((c) => c.code === 'examplemobile')?.id;
    const requests = await Promise.all(
      apps.slice(0, CANCELLED).map(async (app, i) => {
        const created = (await send(i, 'POST', `/applications/${app.id}/disclosure-requests`, { token: spoc, body: { cspId, items: [{ dataItemRef: 'd1' }] } })).body as unknown as Versioned;
        await send(i + 1, 'POST', `/disclosure-requests/${created.id}/events`, { token: spoc, body: { type: 'SEND' }, ifMatch: created.version });
        return created.id;
      }),
    );
    await Promise.all(apps.slice(0, CANCELLED).map((app, i) => send(i, 'POST', `/applications/${app.id}/events`, { token: spoc, body: { type: 'CANCEL', reason: 'The suspect has been charged.' }, ifMatch: 4 })));
    const until = Date.now() + 30_000;
    const undispatched = () => queryServiceDb<{ n: string | number }>(database, 'SELECT COUNT(*) AS n FROM outbox WHERE dispatched_at IS NULL');
    while (Number((await undispatched())[0].n) > 0) {
      if (Date.now() > until) throw new Error('the relays did not dispatch every event in 30 s');
      await sleep(200);
    }

    // Both restarted long after the grants: both deadline pollers find the same expiries due.
    await stopBoth();
    await startBoth(LATER);
    const expiring = apps.slice(CANCELLED);
    const expiredBy = Date.now() + 30_000;
    for (;;) {
      const statuses = await Promise.all(expiring.map(async (app) => (await must(200, 'get', call(running[0].base, 'GET', `/applications/${app.id}`, { token: spoc }))).status));
      if (statuses.every((s) => s === 'expired')) break;
      if (Date.now() > expiredBy) throw new Error(`not every application expired: ${statuses.join(', ')}`);
      await sleep(200);
    }
    // Let a checkpoint poll run on each instance after the last writes, then look at everything.
    await sleep(2500);

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    for (const [i, app] of apps.entries()) {
      const history = await must(200, 'history', call(running[i % 2].base, 'GET', `/applications/${app.id}/history`, { token: spoc }));
      const events = (history.items as { eventType: string | null }[]).map((item) => item.eventType);
      const ending = i < CANCELLED ? 'CANCEL' : 'EXPIRE';
      expect({ app: app.id, events }).toEqual({ app: app.id, events: [null, 'SUBMIT_TO_SPOC', 'SUBMIT_FOR_AUTHORISATION', 'GRANT', ending] });
      expect(await must(200, 'verify', call(running[i % 2].base, 'GET', `/applications/${app.id}/history/verify`, { token: spoc }))).toMatchObject({ valid: true, rows: 5 });
    }
    for (const id of requests) {
      const history = await must(200, 'request history', call(running[0].base, 'GET', `/disclosure-requests/${id}/history`, { token: spoc }));
      expect((history.items as { eventType: string | null }[]).map((item) => item.eventType)).toEqual([null, 'SEND', 'CANCEL']);
    }

    // Every event dispatched once: no failed or repeated attempt, one delivery per handler that has one.
    const events = await queryServiceDb<{ id: string; type: string; payload: string; attempts: number | string; last_error: string | null; dead_at: string | null }>(
      database,
      'SELECT id, type, payload, attempts, last_error, dead_at FROM outbox',
    );
    expect(events.length).toBeGreaterThanOrEqual(APPLICATIONS * 4);
    expect(events.filter((e) => Number(e.attempts) !== 0 || e.last_error !== null || e.dead_at !== null)).toEqual([]);
    const deliveries = await queryServiceDb<{ event_id: string; handler: string }>(database, 'SELECT event_id, handler FROM outbox_delivery');
    expect(new Set(deliveries.map((d) => `${d.event_id} ${d.handler}`)).size).toBe(deliveries.length);
    // The handler wants only the end of an authorisation (src/outbox/outbox-handler.ts, `wants`): one delivery for each.
    const ends = events.filter((e) => e.type === 'applicationTransitioned' && ['cancelled', 'expired'].includes(String((JSON.parse(e.payload) as { to?: unknown }).to)));
    expect(ends).toHaveLength(APPLICATIONS);
    expect(deliveries.filter((d) => d.handler === 'disclosures.applicationEnded').map((d) => d.event_id).sort()).toEqual(ends.map((e) => e.id).sort());

    // Checkpoints from both instances, numbered without a gap or a repeat, and all verifying.
    const checkpoints = await queryServiceDb<{ id: number | string }>(database, 'SELECT id FROM history_checkpoint ORDER BY id');
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(checkpoints.map((c) => Number(c.id))).toEqual(checkpoints.map((_, i) => i + 1));
    const verification = await must(200, 'checkpoints', call(running[1].base, 'GET', '/checkpoints/verify', { token: admin }));
    expect(verification).toMatchObject({ valid: true, checkpoints: checkpoints.length });
  }, 240_000);

  it('two relays in separate applications with their own pools, draining one database together, never both run a handler for one event', async () => {
    const first = await createTestApp();
    const second = await createTestApp({ postgresSchema: first.config.database.kind === 'postgres' ? first.config.database.schema : undefined });
    try {
      const runs = new Map<string, number>();
      const handler = {
        name: 'counted',
        type: 'twoRelays',
        handle: async (_tx: unknown, event: OutboxEvent) => {
          runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
          await sleep(1);
        },
      };
      first.relay.register(handler);
      second.relay.register(handler);
      const outbox = first.app.get(Outbox);
      const ids: string[] = [];
      for (let i = 0; i < 60; i += 1) ids.push(await first.uow.run((tx) => outbox.add(tx, 'twoRelays', { i })));
      const drained = await Promise.all([first.relay.drain(), second.relay.drain(), first.relay.drain(), second.relay.drain()]);
      expect(drained.reduce((a, b) => a + b, 0)).toBe(ids.length);
      expect([...runs.keys()].sort()).toEqual([...ids].sort());
      expect([...runs.values()].filter((n) => n !== 1)).toEqual([]);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
