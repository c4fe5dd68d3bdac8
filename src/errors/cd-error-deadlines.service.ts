import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { DeadlineNoticeEntity } from '../database/deadline-notice.entity';
import { isUniqueViolation } from '../database/query-errors';
import { IntervalPoller } from '../database/interval-poller';
import { UnitOfWork } from '../database/unit-of-work';
import { Outbox } from '../outbox/outbox';
import type { Clock } from '../workflow/clock';
import { effectiveDueAt, reminderDue } from '../workflow/cd-error.guards';
import { cdErrorFacts } from './cd-error-facts';
import { CdErrorEntity } from './cd-error.entity';

/** Outbox event: a relevant error's report to the IPC falls due soon, or today. */
export const ERROR_REPORT_REMINDER = 'cdErrorReportReminder';

/**
 * Reminders of the 10-working-day clock (issue 6, item 4): one outbox event 3 working days before the due
 * day and one on it, per due date (an agreed extension gets its own), whatever the number of polls or
 * instances: the deadline_notice primary key refuses a second.
 */
@Injectable()
export class CdErrorDeadlines implements OnApplicationShutdown {
  private readonly poller: IntervalPoller;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    scheduler: SchedulerRegistry,
  ) {
    this.poller = new IntervalPoller(scheduler, 'cd-error-reminders', () => this.tick());
  }

  /** Registers the poll with @nestjs/schedule (tests call `tick()` themselves, with a fixed clock). */
  start(): void {
    this.poller.start(this.config.deadlinePollMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  /** Raises the reminders due now; returns `errorId:reminder` for each raised. */
  async tick(): Promise<string[]> {
    const now = this.clock.now();
    const candidates = await this.uow.read((m) =>
      m
        .createQueryBuilder(CdErrorEntity, 'e')
        .where("e.status IN ('assessed', 'sroSighted')")
        .andWhere('COALESCE(e.agreed_due_at, e.report_due_at) >= :now', { now: now.toISOString() })
        .getMany(),
    );
    const raised: string[] = [];
    for (const row of candidates) {
      const due = effectiveDueAt(row);
      if (!due) continue;
      for (const reminder of reminderDue(cdErrorFacts(row), now)) {
        // deadline_notice.kind is varchar(40): `cdErrorReportReminder:threeWorkingDaysBefore` (44) overflows on PostgreSQL.
        const kind = `cdErrorReminder:${reminder}`;
        try {
          const added = await this.uow.run(async (tx) => {
            if (await tx.findOneBy(DeadlineNoticeEntity, { subjectId: row.id, kind, dueAt: due })) return false;
            await tx.insert(DeadlineNoticeEntity, { subjectId: row.id, kind, dueAt: due, noticedAt: now });
            await this.outbox.add(tx, ERROR_REPORT_REMINDER, {
              errorId: row.id,
              authorityId: row.authorityId,
              reminder,
              dueAt: due.toISOString(),
            });
            return true;
          });
          if (added) raised.push(`${row.id}:${reminder}`);
        } catch (error) {
          // Another instance raised it first (it committed the notice row): nothing more to do.
          if (!isUniqueViolation(error)) throw error;
        }
      }
    }
    return raised;
  }
}
