import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { type EntityManager, LessThanOrEqual } from 'typeorm';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { isUniqueViolation } from '../database/query-errors';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainException } from '../http/domain-exception';
import type { Clock } from '../workflow/clock';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export interface PendingKey {
  readonly userId: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly status: number;
  /** The command's transaction has begun: it waited for any twin, and found none committed. */
  claimed: boolean;
  recorded: boolean;
}

export type Replay = { status: number; body: unknown };

/**
 * A twin with the same key committed while this request waited for it: the command must not run; its caller
 * answers with the twin's stored response (issue 22, item 2). Not a domain refusal: nothing is wrong.
 */
export class TwinCommitted extends Error {
  constructor(readonly replay: Replay) {
    super('A request with the same Idempotency-Key committed first: answer with its response.');
  }
}

const reused = (): DomainException =>
  new DomainException('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key.');

/** A 64-bit advisory-lock key for (user, Idempotency-Key), as PostgreSQL's pg_advisory_xact_lock takes it. */
function lockKey(userId: string, key: string): string {
  return createHash('sha256').update(`${userId}\u0000${key}`).digest().readBigInt64BE(0).toString();
}

export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalize({ method, path, body: body ?? null }) ?? '')
    .digest('hex');
}

/**
 * Idempotency-Key (issue 3, item 8): the key row and the response are written by a before-commit hook of
 * the command's own unit of work, so a crash after commit still replays and a rollback stores nothing.
 *
 * Concurrent twins (issue 22, item 2): the first thing the command's transaction does is wait for any other
 * transaction holding the same key (PostgreSQL: a transaction-scoped advisory lock on (user, key); SQLite: its
 * writes are already one at a time) and then look for the key again. A twin that committed meanwhile is
 * answered with its stored response ({@link TwinCommitted}) before the command reads anything, so the later
 * requests never see the first one's effect as a conflict (`*_STALE`) and all get the same answer.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit {
  private readonly pending = new AsyncLocalStorage<PendingKey>();

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.uow.onBegin((tx) => this.claim(tx));
    this.uow.onBeforeCommit((tx, result) => this.record(tx, result));
  }

  /** The stored answer for this key, or null; 422 when the key was used for another request. */
  async replay(userId: string, key: string, fingerprint: string): Promise<Replay | null> {
    const row = await this.uow.read((m) => m.findOne(IdempotencyKeyEntity, { where: { userId, key } }));
    if (!row || row.expiresAt <= this.clock.now()) return null;
    if (row.fingerprint !== fingerprint) throw reused();
    return { status: row.status, body: JSON.parse(row.response) as unknown };
  }

  /** Runs `work` with the key pending, so the command's transaction waits for its twins and records it. */
  withPending<T>(pending: Omit<PendingKey, 'claimed' | 'recorded'>, work: () => T): T {
    return this.pending.run({ ...pending, claimed: false, recorded: false }, work);
  }

  /** At the start of the request's first transaction: wait for a twin holding the key, and replay it if it committed. */
  private async claim(tx: EntityManager): Promise<void> {
    const pending = this.pending.getStore();
    if (!pending || pending.claimed) return;
    pending.claimed = true;
    if (!this.uow.isSqlite) await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey(pending.userId, pending.key)]);
    const row = await tx.findOne(IdempotencyKeyEntity, { where: { userId: pending.userId, key: pending.key } });
    if (!row || row.expiresAt <= this.clock.now()) return;
    if (row.fingerprint !== pending.fingerprint) throw reused();
    throw new TwinCommitted({ status: row.status, body: JSON.parse(row.response) as unknown });
  }

  private async record(tx: EntityManager, result: unknown): Promise<void> {
    const pending = this.pending.getStore();
    // One command per request: only the first transaction of the request carries the key.
    if (!pending || pending.recorded) return;
    pending.recorded = true;
    const now = this.clock.now();
    // Only an expired row may be replaced (the key is then new). A live row means a concurrent twin
    // committed after our replay check: our insert must collide, so this command rolls back.
    await tx.delete(IdempotencyKeyEntity, { userId: pending.userId, key: pending.key, expiresAt: LessThanOrEqual(now) });
    try {
      await tx.insert(IdempotencyKeyEntity, {
        userId: pending.userId,
        key: pending.key,
        method: pending.method,
        path: pending.path,
        fingerprint: pending.fingerprint,
        status: pending.status,
        response: JSON.stringify(result ?? null),
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.idempotencyTtlHours * 3_600_000),
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainException('IDEMPOTENCY_KEY_IN_FLIGHT', 'A request with this Idempotency-Key is in progress.');
      }
      throw error;
    }
  }
}
