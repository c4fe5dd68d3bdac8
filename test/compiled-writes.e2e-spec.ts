/**
 * The INSERT and versioned UPDATE statements built once per table and set of columns (src/database/insert-rows.ts,
 * src/database/versioned-update.ts, issue 23): what they store reads back as TypeORM stores it (instants, JSON,
 * defaults for what is left out), rows that set different columns are refused, and the UPDATE writes only what
 * it is given and only at the version read.
 */
import { randomUUID } from 'node:crypto';
import { insertRows } from '../src/database/insert-rows';
import { updateVersioned } from '../src/database/versioned-update';
import { CspEntity } from '../src/disclosures/csp/csp.entity';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

class Stale extends Error {}

describe(`compiled writes (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const at = new Date('2026-11-27T09:30:00.123Z');
  const event = (type: string, note: string) => ({ id: randomUUID(), type, payload: { note, nested: { n: 1 } }, createdAt: at, availableAt: at, dispatchedAt: null });

  it('stores several rows in one INSERT, each value as TypeORM reads it back, and leaves what is not set to its default', async () => {
    const rows = [event('compiled-insert', 'a'), event('compiled-insert', 'b')];
    await t.uow.run((tx) => insertRows(tx, OutboxEventEntity, rows));
    const stored = await t.uow.read((m) => m.find(OutboxEventEntity, { where: { type: 'compiled-insert' }, order: { id: 'ASC' } }));
    expect(stored).toEqual(
      [...rows].sort((x, y) => x.id.localeCompare(y.id)).map((row) => ({ ...row, attempts: 0, lastError: null, claimedBy: null, claimedAt: null, deadAt: null })),
    );
  });

  it('refuses rows that set different columns, and writes none of them', async () => {
    const rows = [event('compiled-mixed', 'a'), { ...event('compiled-mixed', 'b'), lastError: 'set on one row only' }];
    await expect(t.uow.run((tx) => insertRows(tx, OutboxEventEntity, rows))).rejects.toThrow('insertRows: every row must set the same columns');
    expect(await t.uow.read((m) => m.count(OutboxEventEntity, { where: { type: 'compiled-mixed' } }))).toBe(0);
  });

  it('updates only the columns given, at the version read; another version is stale and changes nothing', async () => {
    const [csp] = await t.uow.read((m) => m.find(CspEntity, { order: { id: 'ASC' }, take: 1 }));
    const updated = await t.uow.run((tx) => updateVersioned(tx, CspEntity, csp, { name: `${csp.name} (renamed)`, active: undefined }, () => new Stale()));
    expect(updated.version).toBe(csp.version + 1);
    const reread = await t.uow.read((m) => m.findOneByOrFail(CspEntity, { id: csp.id }));
    expect(reread).toEqual({ ...csp, name: `${csp.name} (renamed)`, version: csp.version + 1 });
    await expect(t.uow.run((tx) => updateVersioned(tx, CspEntity, csp, { name: 'lost update' }, () => new Stale()))).rejects.toBeInstanceOf(Stale);
    expect((await t.uow.read((m) => m.findOneByOrFail(CspEntity, { id: csp.id }))).name).toBe(`${csp.name} (renamed)`);
  });
});
