import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { IntervalPoller } from '../database/interval-poller';
import { isUniqueViolation } from '../database/query-errors';
import { UnitOfWork } from '../database/unit-of-work';
import { Outbox } from '../outbox/outbox';
import type { Clock } from '../workflow/clock';
import { ApplicationEventsService } from './application-events.service';
import { SCHEDULER } from '../auth/actor';
import { ApplicationEntity } from './application.entity';
import { DeadlineNoticeEntity, oldestKeptDeadline } from '../database/deadline-notice.entity';

/** Outbox event: an oral grant's written record is overdue (the error register makes it a suspected error). */
export const WRITTEN_RECORD_OVERDUE = 'writtenRecordOverdue';

/** States from which the scheduler sends EXPIRE (docs/architecture.md §7.1). */
const EXPIRING = ['authorised', 'awaitingJudicialApproval'];

/**
 * The deadline poller (issue 5, item 4). Deadlines are columns, never machine timers (docs/architecture.md §10, XState):
 * it sends EXPIRE once `expiresAt` has passed and raises one `writtenRecordOverdue` per overdue written
 * record. Each row is claimed in its own transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so two
 * instances never act on one row at once, and the version guard makes a repeat a no-op.
 */
@Injectable()
export class ApplicationDeadlines implements OnApplicationShutdown {
  private readonly poller: IntervalPoller;
  private readonly logger = new Logger('ApplicationDeadlines');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: ApplicationEventsService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    scheduler: SchedulerRegistry,
  ) {
    this.poller = new IntervalPoller(scheduler, 'application-deadlines', () => this.tick());
  }

  /** Registers the poll with @nestjs/schedule (tests call `tick()` themselves, with a fixed clock). */
  start(): void {
    this.poller.start(this.config.deadlinePollMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  /** One pass over every due deadline; returns the ids acted on. */
  async tick(): Promise<{ expired: string[]; writtenRecordOverdue: string[] }> {
    return { expired: await this.expireDue(), writtenRecordOverdue: await this.flagOverdueWrittenRecords() };
  }

  private async expireDue(): Promise<string[]> {
    const done: string[] = [];
    const failed = new Set<string>();
    for (;;) {
      const now = this.clock.now();
      let claimed: string | null;
      let claimedId: string | null = null;
      try {
        claimed = await this.uow.run(async (tx) => {
          const row = await this.claim(tx, (qb) =>
            qb
              .where('a.status IN (:...states)', { states: EXPIRING })
              .andWhere('a.expires_at <= :now', { now: now.toISOString() })
              .andWhere(failed.size ? 'a.id NOT IN (:...failed)' : '1 = 1', { failed: [...failed] }),
          );
          if (!row) return null;
          claimedId = row.id;
          await this.events.transitionIn(tx, SCHEDULER, row, { type: 'EXPIRE' });
          return row.id;
        });
      } catch (error) {
        // A row that cannot expire must not stall the others; it is retried on the next tick.
        this.logger.error(`EXPIRE failed for ${claimedId ?? '?'}: ${error instanceof Error ? error.message : String(error)}`);
        if (!claimedId) throw error;
        failed.add(claimedId);
        continue;
      }
      if (claimed === null) return done;
      done.push(claimed);
    }
  }

  private async flagOverdueWrittenRecords(): Promise<string[]> {
    const now = this.clock.now();
    const done: string[] = [];
    const failed = new Set<string>();
    for (;;) {
      const claimed: { id: string | null } = { id: null };
      let flagged: string | null;
      try {
        flagged = await this.uow.run(async (tx) => {
          // Not a deadline older than the notices are kept (docs/operations.md "Housekeeping"): its notice may be gone,
          // and raising it again would report one overdue record twice.
          const oldest = oldestKeptDeadline(now, this.config.housekeeping.deadlineNoticeKeepDays);
          const row = await this.claim(tx, (qb) =>
            qb
              .where('a.written_record_due_at IS NOT NULL AND a.written_record_due_at <= :now', { now: now.toISOString() })
              .andWhere('a.written_record_due_at >= :oldest', { oldest: oldest.toISOString() })
              .andWhere(
                `NOT EXISTS (SELECT 1 FROM deadline_notice n
                   WHERE n.subject_id = a.id AND n.kind = :kind AND n.due_at = a.written_record_due_at)`,
                { kind: WRITTEN_RECORD_OVERDUE },
              )
              .andWhere(failed.size ? 'a.id NOT IN (:...failed)' : '1 = 1', { failed: [...failed] }),
          );
          if (!row?.writtenRecordDueAt) return null;
          claimed.id = row.id;
          await tx.insert(DeadlineNoticeEntity, {
            subjectId: row.id,
            kind: WRITTEN_RECORD_OVERDUE,
            dueAt: row.writtenRecordDueAt,
            noticedAt: now,
          });
          await this.outbox.add(tx, WRITTEN_RECORD_OVERDUE, {
            applicationId: row.id,
            urn: row.urn,
            authorityId: row.authorityId,
            grantedById: row.grantedById,
            dueAt: row.writtenRecordDueAt.toISOString(),
          });
          return row.id;
        });
      } catch (error) {
        // One row that cannot be flagged (or another instance flagging it first) must not stall the rest.
        if (!claimed.id) throw error;
        if (!isUniqueViolation(error)) this.logger.error(`writtenRecordOverdue failed for ${claimed.id}: ${String(error)}`);
        failed.add(claimed.id);
        continue;
      }
      if (flagged === null) return done;
      done.push(flagged);
    }
  }

  /** The first matching row, locked for this transaction and skipped by other instances (PostgreSQL). */
  private claim(
    tx: EntityManager,
    where: (qb: ReturnType<EntityManager['createQueryBuilder']>) => ReturnType<EntityManager['createQueryBuilder']>,
  ): Promise<ApplicationEntity | null> {
    const qb = where(tx.createQueryBuilder(ApplicationEntity, 'a')).orderBy('a.id').limit(1);
    if (!this.uow.isSqlite) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    return qb.getOne() as Promise<ApplicationEntity | null>;
  }
}
