import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { Outbox } from '../src/outbox/outbox';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const db = isPostgres() ? 'PostgreSQL' : 'SQLite';
let seq = 0;
/** Each test writes outbox rows of its own type, so tests never see each other's rows. */
const freshType = (label: string) => `uow-test-${label}-${++seq}`;

class Refused extends Error {}

/** Rejects if `promise` has not settled within `ms`: a deadlock fails the test instead of hanging it. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms (deadlock?)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe(`UnitOfWork on ${db} (docs/architecture.md §4, docs/architecture.md §10, TypeORM)`, () => {
  let t: TestApp;
  let outbox: Outbox;

  beforeAll(async () => {
    t = await createTestApp();
    outbox = t.app.get(Outbox);
  });
  afterAll(() => t.close());

  const add = (tx: EntityManager, type: string, note: string) => outbox.add(tx, type, { note });
  const notes = async (type: string): Promise<string[]> =>
    (await t.uow.read((m) => m.find(OutboxEventEntity, { where: { type } })))
      .map((row) => String(row.payload.note))
      .sort();

  it('overlapping commands with an await inside, one failing: the others keep their writes, the failing one none', async () => {
    const type = freshType('abc');
    const a = t.uow.run(async (tx) => {
      await add(tx, type, 'a1');
      await sleep(50);
      await add(tx, type, 'a2');
      throw new Refused('A fails after its second write');
    });
    const b = t.uow.run(async (tx) => {
      await add(tx, type, 'b1');
      await sleep(10);
      return 'B';
    });
    const c = t.uow.run(async (tx) => {
      await sleep(5);
      await add(tx, type, 'c1');
      await sleep(20);
      await add(tx, type, 'c2');
      return 'C';
    });
    const [ra, rb, rc] = await within(10_000, Promise.allSettled([a, b, c]));
    expect(ra).toMatchObject({ status: 'rejected', reason: expect.any(Refused) });
    expect(rb).toEqual({ status: 'fulfilled', value: 'B' });
    expect(rc).toEqual({ status: 'fulfilled', value: 'C' });
    expect(await notes(type)).toEqual(['b1', 'c1', 'c2']);
  });

  it('20 interleaved commands, every third failing: exactly the successes’ rows exist', async () => {
    const type = freshType('twenty');
    const commands = Array.from({ length: 20 }, (_, i) => {
      const fails = i % 3 === 2;
      return (async () => {
        await sleep(i % 4); // staggered starts
        return t.uow.run(async (tx) => {
          await add(tx, type, `${i}-1`);
          await sleep((i * 7) % 25);
          await add(tx, type, `${i}-2`);
          if (fails) throw new Refused(`command ${i} fails`);
          return i;
        });
      })();
    });
    const settled = await within(30_000, Promise.allSettled(commands));
    const succeeded = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
    const expectedSuccesses = [...Array(20).keys()].filter((i) => i % 3 !== 2);
    expect(succeeded.sort((x, y) => x - y)).toEqual(expectedSuccesses);
    expect(failed).toEqual([...Array(20).keys()].filter((i) => i % 3 === 2));
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(Refused);
    expect(await notes(type)).toEqual(expectedSuccesses.flatMap((i) => [`${i}-1`, `${i}-2`]).sort());
  });

  it('refuses a nested unit of work with an error instead of deadlocking, and stays usable afterwards', async () => {
    const type = freshType('nested');
    const nestedRun = t.uow.run(async (tx) => {
      await add(tx, type, 'outer');
      return t.uow.run((inner) => add(inner, type, 'inner'));
    });
    await expect(within(5_000, nestedRun)).rejects.toThrow(/nested unit of work/);
    const nestedRead = t.uow.run(() => t.uow.read((m) => m.count(OutboxEventEntity)));
    await expect(within(5_000, nestedRead)).rejects.toThrow(/nested unit of work/);
    // The outer command failed as a whole (nothing written), and the queue is not stuck.
    expect(await notes(type)).toEqual([]);
    await within(5_000, t.uow.run((tx) => add(tx, type, 'after')));
    expect(await notes(type)).toEqual(['after']);
  });

  it('a read never observes another command’s uncommitted write', async () => {
    const type = freshType('read');
    const events: string[] = [];
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    const writer = t.uow.run(async (tx) => {
      await add(tx, type, 'w1');
      events.push('writer inserted');
      inserted();
      await sleep(300);
      events.push('writer body done');
    });
    await insertedSignal;
    const read = t.uow.read(async (m) => {
      events.push('read runs');
      return m.count(OutboxEventEntity, { where: { type } });
    });
    if (isPostgres()) {
      // Its own pooled connection at READ COMMITTED: answers at once, without the uncommitted row.
      expect(await within(5_000, read)).toBe(0);
      expect(events).toEqual(['writer inserted', 'read runs']);
      await writer;
    } else {
      // One shared connection: the read is queued behind the command and runs only after its COMMIT.
      expect(await within(5_000, read)).toBe(1);
      expect(events).toEqual(['writer inserted', 'writer body done', 'read runs']);
      await writer;
    }
    expect(await notes(type)).toEqual(['w1']);
  });

  it('a read is one snapshot: what a command commits while the read runs is not seen by its later queries', async () => {
    const type = freshType('snapshot');
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let firstCounted!: () => void;
    const counted = new Promise<void>((resolve) => (firstCounted = resolve));
    const read = t.uow.read(async (m) => {
      const before = await m.count(OutboxEventEntity, { where: { type } });
      firstCounted();
      await paused;
      return [before, await m.count(OutboxEventEntity, { where: { type } })];
    });
    await counted;
    const writer = t.uow.run((tx) => add(tx, type, 'committed meanwhile'));
    // PostgreSQL commits it at once on a connection of its own; on SQLite it waits for the read, which the
    // second count must not wait for.
    if (isPostgres()) await within(5_000, writer);
    resume();
    expect(await within(5_000, read)).toEqual([0, 0]);
    if (isPostgres()) {
      // TypeORM knows the read's transaction is open: what it would begin inside it is a savepoint, not a COMMIT of it.
      expect(await t.uow.read((m) => Promise.resolve(m.queryRunner?.isTransactionActive))).toBe(true);
    }
    await writer;
    expect(await notes(type)).toEqual(['committed meanwhile']);
  });
});
