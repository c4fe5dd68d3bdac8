import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import { CLOCK } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { IntervalPoller } from '../database/interval-poller';
import type { RetentionRecordType } from '../database/retention-decision.entity';
import { type RetentionSubject, RetentionSubjects } from '../database/retention-subjects';
import { placeholder, placeholders } from '../database/sql-placeholders';
import { UnitOfWork } from '../database/unit-of-work';
import type { Clock } from '../workflow/clock';
import { closedNoLaterThan, reviewDueAt } from './retention-policy';
import { RetentionReviewEntity } from './retention.entities';

/** How many records of each type one pass found due and marked. */
export type ReviewPass = Record<RetentionRecordType, number>;

interface Candidate {
  id: string;
  authority_id: string;
  closed_at: string;
  review_again_at: string | null;
}

const MARKS_PER_INSERT = 500;

/**
 * The scheduled review (issue 24, item 6; docs/retention.md "Review"): marks every closed record whose retention
 * period has run — or whose decision to retain has reached its date to look again — as due for the SRO's review,
 * once per due date (the unique index makes a second instance's mark a no-op). It decides nothing and deletes
 * nothing: only a decision the SRO records deletes. Tests call {@link tick}.
 */
@Injectable()
export class RetentionReviews implements OnApplicationShutdown {
  private readonly poller: IntervalPoller;
  private readonly logger = new Logger('RetentionReviews');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly subjects: RetentionSubjects,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    scheduler: SchedulerRegistry,
  ) {
    this.poller = new IntervalPoller(scheduler, 'retention-reviews', () => this.tick());
  }

  start(): void {
    this.poller.start(this.config.retention.pollMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async tick(): Promise<ReviewPass> {
    const now = this.clock.now();
    const pass = {} as ReviewPass;
    for (const subject of this.subjects.all()) {
      pass[subject.recordType] = await this.uow.run((tx) => this.mark(tx, subject, now));
    }
    this.logger.log(`marked for review: ${Object.entries(pass).map(([type, n]) => `${n} ${type}`).join(', ')}`);
    return pass;
  }

  private async mark(tx: EntityManager, subject: RetentionSubject, now: Date): Promise<number> {
    const years = this.config.retention.years[subject.recordType];
    const marks: RetentionReviewEntity[] = [];
    for (const c of await candidates(tx, subject, closedNoLaterThan(now, years))) {
      const closedAt = new Date(c.closed_at);
      const dueAt = reviewDueAt(closedAt, years, c.review_again_at === null ? null : new Date(c.review_again_at));
      if (dueAt.getTime() > now.getTime()) continue;
      marks.push({ id: randomUUID(), recordType: subject.recordType, recordId: c.id, authorityId: c.authority_id, closedAt, dueAt, markedAt: now, decisionId: null });
    }
    // A mark another instance made first for the same due date is ignored (the unique index), not doubled.
    for (let i = 0; i < marks.length; i += MARKS_PER_INSERT) {
      await tx.createQueryBuilder().insert().into(RetentionReviewEntity).values(marks.slice(i, i + MARKS_PER_INSERT)).orIgnore().execute();
    }
    return marks.length;
  }
}

/**
 * The subject's records closed no later than `cutoff` that have no review waiting for a decision and whose content
 * no decision has deleted, with when each closed (its first history row into a final state) and the date the latest
 * decision to retain it set to look again. Instants are fixed-width ISO text, so they compare as text.
 */
function candidates(tx: EntityManager, s: RetentionSubject, cutoff: Date): Promise<Candidate[]> {
  const finals = s.finalStates.length;
  let n = 1;
  const next = (count = 1) => {
    const text = count === 1 ? placeholder(tx, n) : placeholders(tx, count, n);
    n += count;
    return text;
  };
  const sql = `SELECT r.id AS id, r.authority_id AS authority_id, MIN(h.at) AS closed_at,
      (SELECT d.review_again_at FROM retention_decision d WHERE d.record_type = ${next()} AND d.record_id = r.id AND d.decision = 'retain'
        ORDER BY d.decided_at DESC, d.id DESC LIMIT 1) AS review_again_at
    FROM ${s.table} r JOIN ${s.historyTable} h ON h.${s.aggregateColumn} = r.id AND h.to_state IN (${next(finals)})
    WHERE r.status IN (${next(finals)})
      AND NOT EXISTS (SELECT 1 FROM retention_review v WHERE v.record_type = ${next()} AND v.record_id = r.id AND v.decision_id IS NULL)
      AND NOT EXISTS (SELECT 1 FROM destruction_certificate c WHERE c.record_type = ${next()} AND c.record_id = r.id)
    GROUP BY r.id, r.authority_id
    HAVING MIN(h.at) <= ${next()}`;
  return tx.query(sql, [s.recordType, ...s.finalStates, ...s.finalStates, s.recordType, s.recordType, cutoff.toISOString()]);
}
