import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CLOCK } from '../clock.provider';
import type { Clock } from '../workflow/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { OUTBOX_WRITTEN } from './outbox-handler';
import { OutboxEventEntity } from './outbox-event.entity';
import { OutboxRelay } from './outbox-relay.service';
import { insertRows } from '../database/insert-rows';

export { OUTBOX_WRITTEN, type OutboxEvent, type OutboxHandler } from './outbox-handler';

/** Writes effects into the command's transaction: they exist if and only if the command committed. */
@Injectable()
export class Outbox {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly relay: OutboxRelay,
  ) {}

  /** Writes one event; one that no handler wants is written as dispatched, and does not wake the relay. */
  async add(tx: EntityManager, type: string, payload: Record<string, unknown>): Promise<string> {
    const now = this.clock.now();
    const id = randomUUID();
    const wanted = this.relay.wants(type, payload);
    await insertRows(tx, OutboxEventEntity, {
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
      dispatchedAt: wanted ? null : now,
      deadAt: null,
    });
    if (wanted) this.uow.tag(tx, OUTBOX_WRITTEN);
    return id;
  }
}
