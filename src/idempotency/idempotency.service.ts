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
  recorded: boolean;
}

export type Replay = { status: number; body: unknown };

export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalize({ method, path, body: body ?? null }) ?? '')
    .digest('hex');
}

/**
 * Idempotency-Key (issue 3, item 8): the key row and the response are written by a before-commit hook of
 * the command's own unit of work, so a crash after commit still replays and a rollback stores nothing.
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
    this.uow.onBeforeCommit((tx, result) => this.record(tx, result));
  }

  /** The stored answer for this key, or null; 422 when the key was used for another request. */
  async replay(userId: string, key: string, fingerprint: string): Promise<Replay | null> {
    const row = await this.uow.read((m) => m.findOne(IdempotencyKeyEntity, { where: { userId, key } }));
    if (!row || row.expiresAt <= this.clock.now()) return null;
    if (row.fingerprint !== fingerprint) {
      throw new DomainException(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request; use a new key.',
      );
    }
    return { status: row.status, body: JSON.parse(row.response) as unknown };
  }

  /** Runs `work` with the key pending, so the command's transaction records it. */
  withPending<T>(pending: Omit<PendingKey, 'recorded'>, work: () => T): T {
    return this.pending.run({ ...pending, recorded: false }, work);
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
