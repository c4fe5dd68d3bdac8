import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThanOrEqual } from 'typeorm';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { isUniqueViolation } from '../database/query-errors';
import { faultPoint } from '../common/fault-points';
import { UnitOfWork } from '../database/unit-of-work';
import type { Clock } from '../workflow/clock';
import { OUTBOX_WRITTEN, type OutboxEvent, type OutboxHandler } from './outbox-handler';
import { OutboxDeliveryEntity } from './outbox-delivery.entity';
import { OutboxEventEntity } from './outbox-event.entity';

const BATCH = 25;
const MAX_BACKOFF_MS = 60 * 60_000;

/**
 * Dispatches outbox events after commit, at-least-once, to in-process handlers (issue 3, item 7).
 * Woken after every commit and by a poll; safe with several instances on PostgreSQL (claims use
 * FOR UPDATE SKIP LOCKED). A handler runs at most once per event id: its delivery row commits with it.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly instanceId = randomUUID();
  private readonly handlers = new Map<string, OutboxHandler[]>();
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<number> | undefined;
  private rerun = false;
  private stopped = false;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(handler: OutboxHandler): void {
    const list = this.handlers.get(handler.type) ?? [];
    if (list.some((h) => h.name === handler.name)) throw new Error(`Outbox handler ${handler.name} registered twice`);
    this.handlers.set(handler.type, [...list, handler]);
  }

  /** Whether a registered handler acts on this event (src/outbox/outbox-handler.ts, `wants`). */
  wants(type: string, payload: Record<string, unknown>): boolean {
    return (this.handlers.get(type) ?? []).some((handler) => handler.wants?.(payload) ?? true);
  }

  onModuleInit(): void {
    // Only commits that wrote events wake the relay; its own claims and marks must not, or it never rests.
    this.uow.onAfterCommit((tags) => {
      if (tags.has(OUTBOX_WRITTEN)) this.kick();
    });
  }

  /** Starts the poll (not in tests that drive `drain()` themselves). */
  start(): void {
    this.timer = setInterval(() => this.kick(), this.config.outbox.pollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): Promise<number> | undefined {
    this.stopped = true;
    clearInterval(this.timer);
    return this.draining;
  }

  /** Coalesced wake-up: one drain at a time, re-run once if woken meanwhile. */
  kick(): void {
    if (this.stopped || !this.timer) return;
    if (this.draining) {
      this.rerun = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => {
        this.logger.error(`drain failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => {
        this.draining = undefined;
        if (this.rerun) {
          this.rerun = false;
          this.kick();
        }
      });
  }

  /** Dispatches everything due now; returns the number of events processed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0) return total;
      for (const event of batch) await this.dispatch(event);
      total += batch.length;
    }
  }

  private async claim(): Promise<OutboxEventEntity[]> {
    const now = this.clock.now();
    // A claim older than the lease is presumed abandoned by an instance that died mid-dispatch.
    const staleBefore = new Date(now.getTime() - this.config.outbox.claimLeaseMs).toISOString();
    return this.uow.run(async (tx) => {
      const ids: string[] = this.uow.isSqlite
        ? (
            await tx
              .createQueryBuilder(OutboxEventEntity, 'o')
              .select('o.id', 'id')
              .where('o.dispatched_at IS NULL AND o.dead_at IS NULL AND o.available_at <= :now', {
                now: now.toISOString(),
              })
              .andWhere('(o.claimed_at IS NULL OR o.claimed_at < :stale)', { stale: staleBefore })
              .orderBy('o.created_at')
              .limit(BATCH)
              .getRawMany<{ id: string }>()
          ).map((r) => r.id)
        : (
            await tx.query<{ id: string }[]>(
              `SELECT id FROM outbox
                WHERE dispatched_at IS NULL AND dead_at IS NULL AND available_at <= $1
                  AND (claimed_at IS NULL OR claimed_at < $2)
                ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
              [now.toISOString(), staleBefore],
            )
          ).map((r) => r.id);
      if (ids.length === 0) return [];
      await tx.update(OutboxEventEntity, { id: In(ids) }, { claimedBy: this.instanceId, claimedAt: now });
      return tx.find(OutboxEventEntity, { where: { id: In(ids) }, order: { createdAt: 'ASC' } });
    });
  }

  private async dispatch(row: OutboxEventEntity): Promise<void> {
    const event: OutboxEvent = { id: row.id, type: row.type, payload: row.payload, createdAt: row.createdAt };
    try {
      // A handler that declines this payload is not called: it would run its effects on an event it does not act on.
      for (const handler of this.handlers.get(row.type) ?? []) if (handler.wants?.(row.payload) ?? true) await this.deliver(handler, event);
      faultPoint('after-delivery');
      await this.uow.run((tx) =>
        tx.update(
          OutboxEventEntity,
          { id: row.id, claimedBy: this.instanceId },
          { dispatchedAt: this.clock.now(), claimedBy: null, claimedAt: null },
        ),
      );
    } catch (error) {
      await this.recordFailure(row, error);
    }
  }

  private async deliver(handler: OutboxHandler, event: OutboxEvent): Promise<void> {
    try {
      await this.uow.run(async (tx) => {
        const done = await tx.findOne(OutboxDeliveryEntity, { where: { eventId: event.id, handler: handler.name } });
        if (done) return;
        await handler.handle(tx, event);
        await tx.insert(OutboxDeliveryEntity, { eventId: event.id, handler: handler.name, deliveredAt: this.clock.now() });
      });
    } catch (error) {
      // Another instance delivered it first; its transaction, not ours, carries the handler's effects.
      if (isUniqueViolation(error)) return;
      throw error;
    }
  }

  private async recordFailure(row: OutboxEventEntity, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const now = this.clock.now();
    const backoff = Math.min(this.config.outbox.backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    const dead = attempts >= this.config.outbox.maxAttempts;
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(`event ${row.id} (${row.type}) attempt ${attempts} failed: ${message}`);
    await this.uow.run((tx) =>
      tx.update(
        OutboxEventEntity,
        { id: row.id, dispatchedAt: IsNull() },
        {
          attempts,
          lastError: message.slice(0, 2000),
          availableAt: new Date(now.getTime() + backoff),
          claimedBy: null,
          claimedAt: null,
          deadAt: dead ? now : null,
        },
      ),
    );
  }

  /** Events due for dispatch (for health and tests). */
  pendingCount(): Promise<number> {
    return this.uow.read((m) =>
      m.count(OutboxEventEntity, {
        where: { dispatchedAt: IsNull(), deadAt: IsNull(), availableAt: LessThanOrEqual(this.clock.now()) },
      }),
    );
  }
}
