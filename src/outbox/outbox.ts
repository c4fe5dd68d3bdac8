import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CLOCK } from '../clock.provider';
import type { Clock } from '../workflow/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxEventEntity } from './outbox-event.entity';

/** Unit-of-work tag: this transaction wrote outbox events, so the relay should wake after it commits. */
export const OUTBOX_WRITTEN = 'outbox';

export interface OutboxEvent {
  readonly id: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly createdAt: Date;
}

/** A handler runs inside its own transaction; the delivery row is written in that same transaction. */
export interface OutboxHandler {
  /** Stable name: the idempotency key is (event id, name), so renaming a handler re-delivers. */
  readonly name: string;
  readonly type: string;
  handle(tx: EntityManager, event: OutboxEvent): Promise<void>;
}

/** Writes effects into the command's transaction: they exist if and only if the command committed. */
@Injectable()
export class Outbox {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  async add(tx: EntityManager, type: string, payload: Record<string, unknown>): Promise<string> {
    const now = this.clock.now();
    const id = randomUUID();
    await tx.insert(OutboxEventEntity, {
      id,
      // simple-json column: TypeORM's insert type cannot express an arbitrary JSON object.
      payload: payload as OutboxEventEntity['payload'] & object,
      type,
      createdAt: now,
      availableAt: now,
      attempts: 0,
      lastError: null,
      claimedBy: null,
      claimedAt: null,
      dispatchedAt: null,
      deadAt: null,
    });
    this.uow.tag(tx, OUTBOX_WRITTEN);
    return id;
  }
}
