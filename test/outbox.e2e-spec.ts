import { setTimeout as sleep } from 'node:timers/promises';
import { Outbox, type OutboxEvent } from '../src/outbox/outbox';
import { OutboxDeliveryEntity } from '../src/outbox/outbox-delivery.entity';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { OutboxRelay } from '../src/outbox/outbox-relay.service';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/**
 * The transactional outbox (issue 3, item 7): effects exist iff the command committed; the relay
 * retries with backoff, gives up after the configured attempts, and never runs a handler twice for one
 * event id. Runs on SQLite, and on PostgreSQL when DATABASE_URL is set.
 */
describe(`transactional outbox and relay (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  const BACKOFF_MS = 30_000;
  let t: TestApp;
  let outbox: Outbox;

  async function boot(env: Record<string, string> = {}): Promise<void> {
    t = await createTestApp({ env: { OUTBOX_BACKOFF_MS: String(BACKOFF_MS), ...env } });
    outbox = t.app.get(Outbox);
  }

  afterEach(async () => {
    await t?.close();
  });

  /** Writes one event in its own committed command. */
  function enqueue(type: string, payload: Record<string, unknown> = {}): Promise<string> {
    return t.uow.run((tx) => outbox.add(tx, type, payload));
  }

  function countOfType(type: string): Promise<number> {
    return t.uow.read((m) => m.count(OutboxEventEntity, { where: { type } }));
  }

  function eventRow(id: string): Promise<OutboxEventEntity> {
    return t.uow.read((m) => m.findOneByOrFail(OutboxEventEntity, { id }));
  }

  function deliveries(eventId: string): Promise<string[]> {
    return t.uow
      .read((m) => m.find(OutboxDeliveryEntity, { where: { eventId } }))
      .then((rows) => rows.map((r) => r.handler).sort());
  }

  describe('with default settings', () => {
    beforeEach(() => boot());

    it('leaves no outbox row when the command rolls back, and exactly one when it commits', async () => {
      // A handler wants it, so it waits for the relay (an event no handler wants is written dispatched: below).
      t.relay.register({ name: 'committedWork', type: 'committed', handle: () => Promise.resolve() });
      await expect(
        t.uow.run(async (tx) => {
          await outbox.add(tx, 'rolledBack', { n: 1 });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await countOfType('rolledBack')).toBe(0);

      const id = await t.uow.run((tx) => outbox.add(tx, 'committed', { n: 1 }));
      expect(await countOfType('committed')).toBe(1);
      const row = await eventRow(id);
      expect(row).toMatchObject({
        type: 'committed',
        payload: { n: 1 },
        attempts: 0,
        dispatchedAt: null,
        deadAt: null,
        lastError: null,
      });
      expect(row.availableAt).toEqual(t.clock.now());
    });

    it('retries a failing handler after the exact backoff, and its write lands exactly once', async () => {
      let calls = 0;
      t.relay.register({
        name: 'flaky',
        type: 'flakyWork',
        handle: async (tx, event) => {
          calls += 1;
          await outbox.add(tx, 'flakyEffect', { from: event.id });
          if (calls === 1) throw new Error('first call fails');
        },
      });
      const id = await enqueue('flakyWork');
      const failedAt = t.clock.now();

      await t.relay.drain();
      expect(calls).toBe(1);
      let row = await eventRow(id);
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBe('first call fails');
      expect(t.config.outbox.backoffMs).toBe(BACKOFF_MS);
      expect(row.availableAt).toEqual(new Date(failedAt.getTime() + BACKOFF_MS));
      expect(row.dispatchedAt).toBeNull();
      expect(row.deadAt).toBeNull();
      expect(row.claimedBy).toBeNull();
      expect(await countOfType('flakyEffect')).toBe(0);
      expect(await deliveries(id)).toEqual([]);

      // Not due yet: one millisecond before the backoff ends.
      t.clock.advance(BACKOFF_MS - 1);
      await t.relay.drain();
      expect(calls).toBe(1);
      expect((await eventRow(id)).dispatchedAt).toBeNull();

      t.clock.advance(1);
      await t.relay.drain();
      expect(calls).toBe(2);
      row = await eventRow(id);
      expect(row.dispatchedAt).toEqual(t.clock.now());
      expect(row.attempts).toBe(1);
      expect(await countOfType('flakyEffect')).toBe(1);
      expect(await deliveries(id)).toEqual(['flaky']);

      await t.relay.drain();
      expect(calls).toBe(2);
      expect(await countOfType('flakyEffect')).toBe(1);
    });

    it("rolls back a handler's writes together with its failure", async () => {
      let calls = 0;
      t.relay.register({
        name: 'writesThenThrows',
        type: 'doomedWork',
        handle: async (tx) => {
          calls += 1;
          await outbox.add(tx, 'doomedEffect', {});
          await tx.insert(OutboxDeliveryEntity, { eventId: 'unrelated-marker', handler: 'x', deliveredAt: new Date() });
          throw new Error('after writing');
        },
      });
      const id = await enqueue('doomedWork');
      await t.relay.drain();
      expect(calls).toBe(1);
      expect(await countOfType('doomedEffect')).toBe(0);
      expect(await t.uow.read((m) => m.count(OutboxDeliveryEntity))).toBe(0);
      const row = await eventRow(id);
      expect(row).toMatchObject({ attempts: 1, lastError: 'after writing', dispatchedAt: null });
    });

    it('writes an event no handler wants as dispatched, without waking the relay; one a handler wants waits for it (issue 23)', async () => {
      const seen: string[] = [];
      t.relay.register({ name: 'picky', type: 'pickyWork', wants: (p) => p.wanted === true, handle: (_tx, e) => Promise.resolve(void seen.push(e.id)) });
      const kick = jest.spyOn(t.relay, 'kick');
      const unwanted = await enqueue('pickyWork', { wanted: false });
      const untyped = await enqueue('noHandlerWork');
      expect(kick).not.toHaveBeenCalled();
      for (const id of [unwanted, untyped]) expect((await eventRow(id)).dispatchedAt).toEqual(t.clock.now());
      expect(await t.relay.pendingCount()).toBe(0);

      const wanted = await enqueue('pickyWork', { wanted: true });
      expect(kick).toHaveBeenCalledTimes(1);
      expect((await eventRow(wanted)).dispatchedAt).toBeNull();
      expect(await t.relay.drain()).toBe(1);
      expect(seen).toEqual([wanted]);
      expect(await deliveries(unwanted)).toEqual([]);
    });

    it('delivers an event only to the handlers of its type that want it', async () => {
      const seen: string[] = [];
      const note = (name: string) => (_tx: unknown, e: { id: string }) => Promise.resolve(void seen.push(`${name}:${e.id}`));
      t.relay.register({ name: 'takesAll', type: 'sharedWork', handle: note('takesAll') });
      t.relay.register({ name: 'takesUrgent', type: 'sharedWork', wants: (p) => p.urgent === true, handle: note('takesUrgent') });
      const routine = await enqueue('sharedWork', { urgent: false });
      expect(await t.relay.drain()).toBe(1);
      expect(seen).toEqual([`takesAll:${routine}`]);
      expect(await deliveries(routine)).toEqual(['takesAll']);
    });

    it('runs a handler once when the relay drains twice', async () => {
      const seen: string[] = [];
      t.relay.register({ name: 'once', type: 'onceWork', handle: (_tx, e) => Promise.resolve(void seen.push(e.id)) });
      const id = await enqueue('onceWork');
      expect(await t.relay.drain()).toBe(1);
      expect(await t.relay.drain()).toBe(0);
      expect(seen).toEqual([id]);
      expect((await eventRow(id)).dispatchedAt).toEqual(t.clock.now());
      expect(await deliveries(id)).toEqual(['once']);
    });

    it('does not re-run a handler after a crash between delivery and marking the event dispatched', async () => {
      const seen: string[] = [];
      t.relay.register({ name: 'crashy', type: 'crashWork', handle: (_tx, e) => Promise.resolve(void seen.push(e.id)) });

      // (1) Delivered and dispatched, then the "dispatched" mark is lost.
      const first = await enqueue('crashWork');
      await t.relay.drain();
      expect(seen).toEqual([first]);
      await t.uow.run((tx) => tx.update(OutboxEventEntity, { id: first }, { dispatchedAt: null }));
      expect(await t.relay.pendingCount()).toBe(1);

      // (2) The handler's transaction committed its delivery row; the instance died before the mark.
      const second = await t.uow.run(async (tx) => {
        const id = await outbox.add(tx, 'crashWork', {});
        await tx.insert(OutboxDeliveryEntity, { eventId: id, handler: 'crashy', deliveredAt: t.clock.now() });
        return id;
      });

      t.clock.advance(1000);
      expect(await t.relay.drain()).toBe(2);
      expect(seen).toEqual([first]);
      for (const id of [first, second]) {
        const row = await eventRow(id);
        expect(row.dispatchedAt).toEqual(t.clock.now());
        expect(row.attempts).toBe(0);
        expect(await deliveries(id)).toEqual(['crashy']);
      }
      expect(await t.relay.pendingCount()).toBe(0);
    });

    it('delivers each of 20 events exactly once under concurrent drains by two relays', async () => {
      const calls = new Map<string, number>();
      const handler = {
        name: 'counted',
        type: 'concurrentWork',
        handle: async (_tx: unknown, event: OutboxEvent) => {
          calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
          await sleep(2);
        },
      };
      const other = new OutboxRelay(t.uow, t.clock, t.config);
      t.relay.register(handler);
      other.register(handler);
      const ids: string[] = [];
      for (let i = 0; i < 20; i += 1) ids.push(await enqueue('concurrentWork', { i }));

      const processed = await Promise.all([t.relay.drain(), t.relay.drain(), other.drain(), other.drain()]);
      expect(processed.reduce((a, b) => a + b, 0)).toBe(20);
      expect([...calls.keys()].sort()).toEqual([...ids].sort());
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
      for (const id of ids) {
        expect((await eventRow(id)).dispatchedAt).not.toBeNull();
        expect(await deliveries(id)).toEqual(['counted']);
      }
      expect(await Promise.all([t.relay.drain(), other.drain()])).toEqual([0, 0]);
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
    });

    it('runs two handlers of one type once each, and does not repeat the successful one on retry', async () => {
      let good = 0;
      let bad = 0;
      t.relay.register({
        name: 'good',
        type: 'fanOut',
        handle: async (tx) => {
          good += 1;
          await outbox.add(tx, 'goodEffect', {});
        },
      });
      t.relay.register({
        name: 'bad',
        type: 'fanOut',
        handle: async (tx) => {
          bad += 1;
          await outbox.add(tx, 'badEffect', {});
          if (bad === 1) throw new Error('bad once');
        },
      });
      const id = await enqueue('fanOut');

      await t.relay.drain();
      expect({ good, bad }).toEqual({ good: 1, bad: 1 });
      expect(await deliveries(id)).toEqual(['good']);
      expect(await eventRow(id)).toMatchObject({ attempts: 1, lastError: 'bad once', dispatchedAt: null });
      expect(await countOfType('goodEffect')).toBe(1);
      expect(await countOfType('badEffect')).toBe(0);

      t.clock.advance(BACKOFF_MS);
      await t.relay.drain();
      expect({ good, bad }).toEqual({ good: 1, bad: 2 });
      expect(await deliveries(id)).toEqual(['bad', 'good']);
      expect((await eventRow(id)).dispatchedAt).toEqual(t.clock.now());
      expect(await countOfType('goodEffect')).toBe(1);
      expect(await countOfType('badEffect')).toBe(1);

      t.clock.advance(BACKOFF_MS * 10);
      await t.relay.drain();
      expect({ good, bad }).toEqual({ good: 1, bad: 2 });
    });
  });

  describe('when started (the poll and the after-commit wake-up)', () => {
    beforeEach(() => boot({ OUTBOX_POLL_MS: '100' }));

    it('dispatches a committed event without being drained by hand, then rests', async () => {
      const seen: string[] = [];
      t.relay.register({ name: 'recorder', type: 'wakeUp', handle: (_tx, e) => Promise.resolve(void seen.push(e.id)) });
      t.relay.start();
      const id = await enqueue('wakeUp');
      for (let i = 0; i < 50 && seen.length === 0; i++) await sleep(20);
      expect(seen).toEqual([id]);

      // Its own claim and mark transactions must not wake it again: idle means a handful of polls, not a spin.
      const run = jest.spyOn(t.uow, 'run');
      await sleep(500);
      expect(run.mock.calls.length).toBeLessThanOrEqual(8);
      expect((await eventRow(id)).dispatchedAt).not.toBeNull();
    });
  });

  describe('with OUTBOX_MAX_ATTEMPTS=2', () => {
    beforeEach(() => boot({ OUTBOX_MAX_ATTEMPTS: '2' }));

    it('marks the event dead when the attempts run out, and never calls the handler again', async () => {
      let calls = 0;
      t.relay.register({
        name: 'alwaysFails',
        type: 'hopeless',
        handle: () => {
          calls += 1;
          return Promise.reject(new Error(`failure ${calls}`));
        },
      });
      const id = await enqueue('hopeless');

      await t.relay.drain();
      expect(calls).toBe(1);
      expect(await eventRow(id)).toMatchObject({ attempts: 1, deadAt: null, dispatchedAt: null });

      t.clock.advance(BACKOFF_MS);
      const diedAt = t.clock.now();
      await t.relay.drain();
      expect(calls).toBe(2);
      const row = await eventRow(id);
      expect(row).toMatchObject({ attempts: 2, lastError: 'failure 2', dispatchedAt: null });
      expect(row.deadAt).toEqual(diedAt);

      t.clock.advance(24 * 3_600_000);
      expect(await t.relay.drain()).toBe(0);
      expect(calls).toBe(2);
      expect(await t.relay.pendingCount()).toBe(0);
      expect((await eventRow(id)).attempts).toBe(2);
    });
  });
});
