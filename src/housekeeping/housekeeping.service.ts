import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { LessThan, LessThanOrEqual } from 'typeorm';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { DeadlineNoticeEntity, oldestKeptDeadline } from '../database/deadline-notice.entity';
import { IntervalPoller } from '../database/interval-poller';
import { UnitOfWork } from '../database/unit-of-work';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { OutboxDeliveryEntity } from '../outbox/outbox-delivery.entity';
import { OutboxEventEntity } from '../outbox/outbox-event.entity';
import type { Clock } from '../workflow/clock';

const DAY_MS = 86_400_000;

/** How many rows of each kind one pass removed. */
export interface HousekeepingResult {
  idempotencyKeys: number;
  outboxEvents: number;
  outboxDeliveries: number;
  deadlineNotices: number;
}

/**
 * Removes rows whose purpose is spent, after the periods docs/operations.md "Housekeeping" gives (issue 24, item 5):
 * expired idempotency keys, outbox events dispatched more than OUTBOX_KEEP_DAYS ago with their delivery rows, and
 * deadline notices due more than DEADLINE_NOTICE_KEEP_DAYS ago. Each kind in its own transaction; never a history
 * table, never an event not yet dispatched or one that died waiting for a person. Tests call {@link tick}.
 */
@Injectable()
export class Housekeeping implements OnApplicationShutdown {
  private readonly poller: IntervalPoller;
  private readonly logger = new Logger('Housekeeping');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    scheduler: SchedulerRegistry,
  ) {
    this.poller = new IntervalPoller(scheduler, 'housekeeping', () => this.tick());
  }

  start(): void {
    this.poller.start(this.config.housekeeping.pollMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async tick(): Promise<HousekeepingResult> {
    const now = this.clock.now();
    const { outboxKeepDays, deadlineNoticeKeepDays } = this.config.housekeeping;
    const idempotencyKeys = await this.uow.run(async (tx) => (await tx.delete(IdempotencyKeyEntity, { expiresAt: LessThanOrEqual(now) })).affected ?? 0);
    const dispatchedBefore = new Date(now.getTime() - outboxKeepDays * DAY_MS);
    const { outboxEvents, outboxDeliveries } = await this.uow.run(async (tx) => {
      // The delivery rows first: they name their event. Instants are stored as fixed-width ISO text, so they compare as text.
      const deliveries = await tx
        .createQueryBuilder()
        .delete()
        .from(OutboxDeliveryEntity)
        .where('event_id IN (SELECT id FROM outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < :before)', { before: dispatchedBefore.toISOString() })
        .execute();
      const events = await tx.delete(OutboxEventEntity, { dispatchedAt: LessThan(dispatchedBefore) });
      return { outboxEvents: events.affected ?? 0, outboxDeliveries: deliveries.affected ?? 0 };
    });
    const dueBefore = oldestKeptDeadline(now, deadlineNoticeKeepDays);
    const deadlineNotices = await this.uow.run(async (tx) => (await tx.delete(DeadlineNoticeEntity, { dueAt: LessThan(dueBefore) })).affected ?? 0);
    const result = { idempotencyKeys, outboxEvents, outboxDeliveries, deadlineNotices };
    this.logger.log(`removed ${idempotencyKeys} expired idempotency keys, ${outboxEvents} dispatched outbox events (${outboxDeliveries} deliveries), ${deadlineNotices} deadline notices`);
    return result;
  }
}

