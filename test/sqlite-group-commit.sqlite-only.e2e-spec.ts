/**
 * Group commit on the embedded database (src/database/sqlite-command-queue.ts, issue 23): commands waiting together
 * share one COMMIT, each in a savepoint of its own; a failing one is refused without touching the others; none is
 * answered before the COMMIT that makes it durable (seen from a second connection to the file at the moment each
 * answer arrives); a group carries at most MAX_GROUP commands.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { statementLog } from '../bench/statement-log';
import { openSqlite, type SqliteDatabase } from '../bench/statistics-sqlite';
import { MAX_GROUP } from '../src/database/sqlite-command-queue';
import { Outbox } from '../src/outbox/outbox';
import { createTestApp, type TestApp } from './support/test-app';

let seq = 0;
const freshType = (label: string) => `group-commit-${label}-${++seq}`;

class Refused extends Error {}

describe('group commit on SQLite', () => {
  let t: TestApp;
  let outbox: Outbox;
  let observer: SqliteDatabase;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ sqlite: true });
    outbox = t.app.get(Outbox);
    if (t.config.database.kind !== 'sqlite') throw new Error('this spec needs the embedded database');
    observer = openSqlite(t.config.database.path, { readonly: true });
    const dataSource: DataSource = t.dataSource;
    dataSource.logger = statementLog(({ sql }) => statements.push(sql));
  });
  afterAll(async () => {
    observer?.close();
    await t.close();
  });
  beforeEach(() => {
    statements.length = 0;
  });

  const add = (tx: EntityManager, type: string, note: string) => outbox.add(tx, type, { note });
  /** The notes of `type` another connection to the file sees: what is committed. */
  const committed = (type: string): string[] =>
    (observer.prepare('SELECT payload FROM outbox WHERE type = ?').all([type]) as { payload: string }[])
      .map((row) => String((JSON.parse(row.payload) as { note: string }).note))
      .sort();
  const count = (sql: string) => statements.filter((s) => s === sql).length;

  it('five commands issued together: one COMMIT, the failing one refused alone, each answered only once durable', async () => {
    const type = freshType('five');
    const seenAtAnswer: Record<string, string[]> = {};
    const commands = [0, 1, 2, 3, 4].map((i) =>
      t.uow
        .run(async (tx) => {
          await add(tx, type, `c${i}-a`);
          await add(tx, type, `c${i}-b`);
          if (i === 2) throw new Refused('the third fails after both its writes');
          return i;
        })
        .then((value) => {
          seenAtAnswer[`c${value}`] = committed(type);
          return value;
        }),
    );
    const settled = await Promise.allSettled(commands);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(Refused);
    const expected = ['c0-a', 'c0-b', 'c1-a', 'c1-b', 'c3-a', 'c3-b', 'c4-a', 'c4-b'];
    expect(committed(type)).toEqual(expected);
    // Every answer came after the shared COMMIT: the other connection already saw all four commands' rows.
    for (const name of ['c0', 'c1', 'c3', 'c4']) expect(seenAtAnswer[name]).toEqual(expected);
    expect(count('BEGIN IMMEDIATE')).toBe(1);
    expect(count('COMMIT')).toBe(1);
    expect(count('SAVEPOINT command')).toBe(5);
    expect(count('ROLLBACK TO command')).toBe(1);
  });

  it('a lone command commits at once, in a transaction of its own', async () => {
    const type = freshType('lone');
    await t.uow.run((tx) => add(tx, type, 'only'));
    expect(committed(type)).toEqual(['only']);
    expect(count('COMMIT')).toBe(1);
  });

  it(`a group carries at most ${MAX_GROUP} commands`, async () => {
    const type = freshType('many');
    const n = MAX_GROUP + 5;
    await Promise.all(Array.from({ length: n }, (_, i) => t.uow.run((tx) => add(tx, type, `n${i}`))));
    expect(committed(type)).toHaveLength(n);
    expect(count('COMMIT')).toBe(2);
  });

  it('a read waiting behind writes runs after their COMMIT, and the writes behind it form a group of their own', async () => {
    const type = freshType('read');
    const first = t.uow.run((tx) => add(tx, type, 'before'));
    const read = t.uow.read(() => Promise.resolve(committed(type)));
    const second = t.uow.run((tx) => add(tx, type, 'after'));
    await Promise.all([first, second]);
    expect(await read).toEqual(['before']);
    expect(count('COMMIT')).toBe(2);
  });
});
