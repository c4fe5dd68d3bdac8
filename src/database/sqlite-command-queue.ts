import { AsyncResource } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { markTransactionActive } from './transaction-state';

interface Settle {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
type Job = ({ kind: 'read'; task: () => Promise<unknown> } | { kind: 'write'; body: (tx: EntityManager) => Promise<unknown> }) & Settle;

/**
 * `fn`, run in the async context of the code that called this: what `AsyncResource.bind` does, without the
 * deprecated `asyncResource` accessors bind defines on every function it returns (two `util.deprecate` wrappers
 * per job: a fiftieth of a read's time, issue 23).
 */
function inCallersContext<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const resource = new AsyncResource('SqliteCommand');
  return (...args: A) => resource.runInAsyncScope(fn, undefined, ...args);
}

/** The most commands one COMMIT carries: a bound on how long a reply can wait behind others. */
export const MAX_GROUP = 32;

/**
 * Every read and write on the embedded database, in arrival order, on its one connection (docs/architecture.md
 * §10: TypeORM shares one connection on SQLite, so overlapping transactions would silently nest).
 *
 * Writes are committed in groups (issue 23): a COMMIT with `synchronous=FULL` waits for the disk, and while it does
 * better-sqlite3 holds the event loop, so one fsync per command capped the write paths. The writes waiting at the
 * head of the queue share one `BEGIN IMMEDIATE … COMMIT`, each inside a SAVEPOINT of its own: a command that
 * fails is rolled back to its savepoint and refused at once, without touching the others; a command that succeeds
 * is answered only after the shared COMMIT, so nothing is reported done before it is durable, and a failed COMMIT
 * fails every command of the group. A read never runs inside a group: the group commits first, so a read sees
 * only committed rows. A lone command is committed as soon as it is done: nothing waits for company.
 */
export class SqliteCommandQueue {
  private readonly jobs: Job[] = [];
  private pumping = false;

  /** `within` runs a job's code in the unit of work's context (the mark that refuses nesting). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly within: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  // Each job runs in its caller's async context (its request's trace id, its test fault point), bound here, since
  // the queue runs it from whichever caller started the pump; and inside that, in the unit of work's.
  read<T>(task: () => Promise<T>): Promise<T> {
    return this.enqueue<T>((settle) => ({ kind: 'read', task: inCallersContext(() => this.within(task)), ...settle }));
  }

  write<T>(body: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue<T>((settle) => ({ kind: 'write', body: inCallersContext((tx: EntityManager) => this.within(() => body(tx))), ...settle }));
  }

  private enqueue<T>(make: (settle: Settle) => Job): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(make({ resolve: (value) => resolve(value as T), reject }));
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let job = this.jobs[0]; job !== undefined; job = this.jobs[0]) {
        if (job.kind === 'write') {
          // One turn of the event loop first: the database answers synchronously, so a command runs from start to end
          // without letting any other request reach the queue; the turn lets those already under way join the group.
          await new Promise((resolve) => setImmediate(resolve));
          await this.group();
          continue;
        }
        this.jobs.shift();
        const { task, resolve, reject } = job;
        await task().then(resolve, reject);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The writes at the head of the queue, up to {@link MAX_GROUP}, in one transaction. */
  private async group(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const done: { job: Job; result: unknown }[] = [];
    try {
      await runner.connect();
      // IMMEDIATE: another process holding the file makes us wait for the busy timeout, not fail mid-transaction.
      await runner.query('BEGIN IMMEDIATE');
    } catch (error) {
      this.jobs.shift()?.reject(error);
      await runner.release();
      return;
    }
    markTransactionActive(runner, true);
    try {
      while (done.length < MAX_GROUP && this.jobs[0]?.kind === 'write') {
        const job = this.jobs.shift() as Extract<Job, { kind: 'write' }>;
        try {
          await runner.query('SAVEPOINT command');
          const result = await job.body(runner.manager);
          await runner.query('RELEASE command');
          done.push({ job, result });
        } catch (error) {
          job.reject(error);
          if (!(await undo(runner))) {
            // SQLite ended the whole transaction (it does on some I/O errors): the group's earlier commands went with it.
            failAll(done, error);
            return;
          }
        }
      }
      try {
        await runner.query('COMMIT');
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        failAll(done, error);
        return;
      }
      for (const { job, result } of done) job.resolve(result);
    } finally {
      markTransactionActive(runner, false);
      await runner.release();
    }
  }
}

/** Rolls a failed command back to its savepoint; false when there is no transaction left to roll back into. */
async function undo(runner: QueryRunner): Promise<boolean> {
  try {
    await runner.query('ROLLBACK TO command');
    await runner.query('RELEASE command');
    return true;
  } catch {
    await runner.query('ROLLBACK').catch(() => undefined);
    return false;
  }
}

function failAll(done: { job: Job }[], error: unknown): void {
  for (const { job } of done) job.reject(error);
}
