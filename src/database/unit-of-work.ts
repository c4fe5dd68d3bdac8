import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { faultPoint } from '../common/fault-points';
import { SqliteCommandQueue } from './sqlite-command-queue';
import { markTransactionActive } from './transaction-state';

/** Runs inside a command's transaction, after the work and before COMMIT (e.g. the idempotency record). */
export type BeforeCommitHook = (tx: EntityManager, result: unknown) => Promise<void>;

/** Runs first inside a command's transaction, before the work (e.g. waiting for a twin with the same Idempotency-Key). */
export type BeginHook = (tx: EntityManager) => Promise<void>;

/** Told after a commit, with the tags the transaction's work set (e.g. `outbox` when it wrote effects). */
export type AfterCommitListener = (tags: ReadonlySet<string>) => void;

/**
 * One transaction per command (docs/architecture.md §4).
 *
 * On SQLite TypeORM shares ONE connection: two overlapping `transaction()` calls silently nest as a
 * SAVEPOINT, and a rollback of the outer one loses the inner one's "committed" write
 * (docs/architecture.md §10, TypeORM). So every SQLite transaction, and every read, goes through one FIFO
 * queue (src/database/sqlite-command-queue.ts), where commands waiting together share one COMMIT, each in a
 * savepoint of its own, and are answered after it. On PostgreSQL each command takes its own pooled connection.
 */
@Injectable()
export class UnitOfWork {
  private readonly sqlite: SqliteCommandQueue;
  private readonly active = new AsyncLocalStorage<true>();
  private readonly begin: BeginHook[] = [];
  private readonly beforeCommit: BeforeCommitHook[] = [];
  private readonly afterCommit: AfterCommitListener[] = [];
  private readonly tags = new WeakMap<EntityManager, Set<string>>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.sqlite = new SqliteCommandQueue(dataSource, (work) => this.active.run(true, work));
  }

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  onBegin(hook: BeginHook): void {
    this.begin.push(hook);
  }

  onBeforeCommit(hook: BeforeCommitHook): void {
    this.beforeCommit.push(hook);
  }

  onAfterCommit(listener: AfterCommitListener): void {
    this.afterCommit.push(listener);
  }

  /** Marks the transaction so after-commit listeners can tell what it did (only work that needs it tags). */
  tag(tx: EntityManager, tag: string): void {
    const set = this.tags.get(tx);
    if (!set) throw new Error('UnitOfWork.tag: not inside a unit of work');
    set.add(tag);
  }

  /** A write command: one transaction; hooks run first and before COMMIT; listeners are told after it. */
  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    this.refuseNesting();
    const tags = new Set<string>();
    const body = async (tx: EntityManager): Promise<T> => {
      this.tags.set(tx, tags);
      for (const hook of this.begin) await hook(tx);
      const result = await work(tx);
      for (const hook of this.beforeCommit) await hook(tx, result);
      return result;
    };
    const result = this.isSqlite
      ? await this.sqlite.write(body)
      : await this.active.run(true, () => this.dataSource.transaction(body));
    faultPoint('after-commit');
    if (tags.size > 0) for (const listener of this.afterCommit) listener(tags);
    return result;
  }

  /**
   * A read: one consistent snapshot even when it takes several queries (a history and the version it is
   * checked against). On SQLite queued behind writes, so it never sees another command's uncommitted rows;
   * on PostgreSQL a REPEATABLE READ transaction.
   */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.refuseNesting();
    if (!this.isSqlite) return this.active.run(true, () => this.repeatableRead(work));
    return this.sqlite.read(() => work(this.dataSource.manager));
  }

  /**
   * A REPEATABLE READ transaction opened by one statement: TypeORM's `transaction('REPEATABLE READ')` sends START
   * TRANSACTION and then SET TRANSACTION, one more round trip on every read (issue 23). As TypeORM's own does, it
   * answers with the work's error, not with a failed ROLLBACK's.
   */
  private async repeatableRead<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      markTransactionActive(runner, true);
      try {
        const result = await work(runner.manager);
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      markTransactionActive(runner, false);
      await runner.release();
    }
  }

  private refuseNesting(): void {
    // A nested unit of work would wait for itself on SQLite, and be a second transaction on PostgreSQL.
    if (this.active.getStore()) throw new Error('UnitOfWork: nested unit of work');
  }
}
