import { setTimeout as sleep } from 'node:timers/promises';
import { UserEntity } from '../src/auth/user.entity';
import { IdempotencyKeyEntity } from '../src/idempotency/idempotency-key.entity';
import { fingerprintOf, IdempotencyService } from '../src/idempotency/idempotency.service';
import { Outbox } from '../src/outbox/outbox';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { PlumbingController } from './support/plumbing.controller';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/**
 * Idempotency-Key (issue 3, item 8): a retry with the same key and body replays the stored response and
 * causes no second effect; the key is written in the command's own transaction. Both databases.
 */
describe(`Idempotency-Key (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  const TTL_HOURS = 2;
  let t: TestApp;
  let token: string;
  /** Hooks registered on the shared UnitOfWork cannot be removed; this switch arms the failing one. */
  let failAfterKeyInsert = false;
  let keySeenBeforeRollback: IdempotencyKeyEntity | null = null;

  beforeEach(async () => {
    t = await createTestApp({ controllers: [PlumbingController], env: { IDEMPOTENCY_TTL_HOURS: String(TTL_HOURS) } });
    token = await t.token('applicant');
    failAfterKeyInsert = false;
    keySeenBeforeRollback = null;
    // Registered after IdempotencyService's hook, so it runs after the key row was inserted.
    t.uow.onBeforeCommit(async (tx) => {
      if (!failAfterKeyInsert) return;
      keySeenBeforeRollback = await tx.findOne(IdempotencyKeyEntity, { where: { key: 'rollback-after-key-1' } });
      throw new Error('late failure');
    });
  });

  afterEach(async () => {
    await t?.close();
  });

  const effects = (type = 'plumbingCommand') => t.uow.read((m) => m.count(OutboxEventEntity, { where: { type } }));
  const keyRows = (key: string) => t.uow.read((m) => m.find(IdempotencyKeyEntity, { where: { key } }));
  const userId = (username: string) =>
    t.uow.read((m) => m.findOneByOrFail(UserEntity, { username })).then((u) => u.id);

  function post(path: string, body: object, key?: string, bearer = token) {
    const req = t.http().post(path).set('authorization', `Bearer ${bearer}`);
    if (key !== undefined) req.set('idempotency-key', key);
    return req.send(body);
  }

  it('replays the identical 201 response for a retried POST and causes one effect', async () => {
    const body = { note: 'first', count: 3 };
    const first = await post('/plumbing/commands', body, 'retry-key-0001').expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body).toEqual({ id: expect.any(String), note: 'first', count: 3 });

    const retry = await post('/plumbing/commands', body, 'retry-key-0001').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await effects()).toBe(1);

    // Without a key the same request is a new command.
    await post('/plumbing/commands', body).expect(201);
    expect(await effects()).toBe(2);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED and no second effect', async () => {
    await post('/plumbing/commands', { note: 'a', count: 1 }, 'reused-key-0001').expect(201);
    const res = await post('/plumbing/commands', { note: 'b', count: 1 }, 'reused-key-0001').expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await effects()).toBe(1);
    // The same key on another route is another request too.
    const other = await post('/plumbing/checks', { note: 'a', count: 1 }, 'reused-key-0001').expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await effects('plumbingCheck')).toBe(0);
  });

  it('keeps 200 when replaying a 200 route', async () => {
    const body = { note: 'check', count: 2 };
    const first = await post('/plumbing/checks', body, 'check-key-0001').expect(200);
    const retry = await post('/plumbing/checks', body, 'check-key-0001').expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await effects('plumbingCheck')).toBe(1);
    const [row] = await keyRows('check-key-0001');
    expect(row.status).toBe(200);
  });

  it('scopes keys per user: another user with the same key gets their own effect', async () => {
    const body = { note: 'shared', count: 1 };
    const mine = await post('/plumbing/commands', body, 'shared-key-0001').expect(201);
    const spoc = await t.token('spoc');
    const theirs = await post('/plumbing/commands', body, 'shared-key-0001', spoc).expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await effects()).toBe(2);
    const owners = (await keyRows('shared-key-0001')).map((r) => r.userId).sort();
    expect(owners).toEqual([await userId('applicant'), await userId('spoc')].sort());
    // Each user's retry replays their own answer.
    const again = await post('/plumbing/commands', body, 'shared-key-0001', spoc).expect(201);
    expect(again.body).toEqual(theirs.body);
    expect(await effects()).toBe(2);
  });

  it('stores no key for a failed (400) command, so the corrected retry succeeds once', async () => {
    const bad = await post('/plumbing/commands', { note: 'x', count: 99 }, 'fix-me-key-0001').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(await keyRows('fix-me-key-0001')).toEqual([]);
    expect(await effects()).toBe(0);

    const good = await post('/plumbing/commands', { note: 'x', count: 9 }, 'fix-me-key-0001').expect(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post('/plumbing/commands', { note: 'x', count: 9 }, 'fix-me-key-0001').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(good.body);
    expect(await effects()).toBe(1);
  });

  it("writes the key row, with the request's fingerprint, in the command's transaction", async () => {
    const body = { note: 'stored', count: 4 };
    const res = await post('/plumbing/commands', body, 'stored-key-0001').expect(201);
    const rows = await keyRows('stored-key-0001');
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      userId: await userId('applicant'),
      method: 'POST',
      path: '/plumbing/commands',
      fingerprint: fingerprintOf('POST', '/plumbing/commands', body),
      status: 201,
    });
    expect(row.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(row.response)).toEqual(res.body);
    expect(row.createdAt).toEqual(t.clock.now());
    expect(row.expiresAt).toEqual(new Date(t.clock.now().getTime() + TTL_HOURS * 3_600_000));
  });

  it('leaves no key row when the command rolls back, even after the key was inserted', async () => {
    const service = t.app.get(IdempotencyService);
    const outbox = t.app.get(Outbox);
    const pending = (key: string) => ({
      userId: 'u-rollback',
      key,
      method: 'POST',
      path: '/plumbing/commands',
      fingerprint: fingerprintOf('POST', '/plumbing/commands', {}),
      status: 201,
    });

    // The work fails: neither the effect nor the key is stored.
    await expect(
      service.withPending(pending('rollback-in-work-1'), () =>
        t.uow.run(async (tx) => {
          await outbox.add(tx, 'plumbingCommand', {});
          throw new Error('work failed');
        }),
      ),
    ).rejects.toThrow('work failed');
    expect(await keyRows('rollback-in-work-1')).toEqual([]);

    // A failure after the key row was inserted in the same transaction rolls the key back with it.
    failAfterKeyInsert = true;
    await expect(
      service.withPending(pending('rollback-after-key-1'), () =>
        t.uow.run(async (tx) => {
          await outbox.add(tx, 'plumbingCommand', {});
          return { ok: true };
        }),
      ),
    ).rejects.toThrow('late failure');
    failAfterKeyInsert = false;
    expect(keySeenBeforeRollback).toMatchObject({ userId: 'u-rollback', key: 'rollback-after-key-1' });
    expect(await keyRows('rollback-after-key-1')).toEqual([]);
    expect(await effects()).toBe(0);

    // The same shape, committed, does store the key: the two assertions above are not vacuous.
    await service.withPending(pending('committed-key-01'), () => t.uow.run(() => Promise.resolve({ ok: true })));
    const [row] = await keyRows('committed-key-01');
    expect(row).toMatchObject({ userId: 'u-rollback', status: 201 });
    expect(JSON.parse(row.response)).toEqual({ ok: true });
  });

  it('gives 10 concurrent POSTs with one key and body the same answer and exactly one effect', async () => {
    const body = { note: 'race', count: 5 };
    // On SQLite every read and write goes through one FIFO queue: hold it until all ten requests are
    // waiting, so each passes its replay check before the first command commits (the real race).
    let open = () => {};
    const held = t.uow.read(() => new Promise<void>((resolve) => (open = resolve)));
    const all = Promise.all(
      Array.from({ length: 10 }, () => post('/plumbing/commands', body, 'concurrent-key-0001').then((r) => r)),
    );
    await sleep(300);
    open();
    await held;
    const responses = await all;
    // Every one answered with the one command's response (issue 22, item 2): the later ones waited for the first.
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 201));
    const created = responses;
    for (const r of created) expect(r.body).toEqual(created[0].body);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await effects()).toBe(1);
    const rows = await keyRows('concurrent-key-0001');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].response)).toEqual(created[0].body);
    // And a later retry replays that one answer.
    const retry = await post('/plumbing/commands', body, 'concurrent-key-0001').expect(201);
    expect(retry.body).toEqual(created[0].body);
    expect(await effects()).toBe(1);
  });

  it('treats an expired key as new', async () => {
    const body = { note: 'old', count: 1 };
    const first = await post('/plumbing/commands', body, 'expiring-key-01').expect(201);

    t.clock.advance(TTL_HOURS * 3_600_000 - 1);
    const stillValid = await post('/plumbing/commands', body, 'expiring-key-01').expect(201);
    expect(stillValid.headers['idempotent-replayed']).toBe('true');
    expect(await effects()).toBe(1);

    t.clock.advance(1);
    const fresh = await post('/plumbing/commands', body, 'expiring-key-01').expect(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.body.id).not.toBe(first.body.id);
    expect(await effects()).toBe(2);
    const rows = await keyRows('expiring-key-01');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].response)).toEqual(fresh.body);
    expect(rows[0].expiresAt).toEqual(new Date(t.clock.now().getTime() + TTL_HOURS * 3_600_000));

    const retry = await post('/plumbing/commands', body, 'expiring-key-01').expect(201);
    expect(retry.body).toEqual(fresh.body);
    expect(await effects()).toBe(2);
  });

  it.each([
    ['too short', 'short'],
    ['with spaces', 'has spaces in it'],
    ['over 200 characters', 'x'.repeat(201)],
    ['with a slash', 'bad/slash-key'],
  ])('refuses an invalid key (%s) with 400 IDEMPOTENCY_KEY_INVALID and no effect', async (_label, key) => {
      const res = await post('/plumbing/commands', { note: 'n', count: 1 }, key).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'IDEMPOTENCY_KEY_INVALID' });
    expect(await effects()).toBe(0);
  });
});
