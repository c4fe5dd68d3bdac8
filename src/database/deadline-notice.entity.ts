import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from './instant.transformer';

/**
 * One row per deadline already flagged (an oral grant's written record overdue, an error report's
 * reminder), keyed by the subject and the due instant, so a poller raises exactly one outbox event per
 * deadline whatever the number of instances (the primary key refuses a second).
 */
@Entity('deadline_notice')
export class DeadlineNoticeEntity {
  @PrimaryColumn('varchar', { name: 'subject_id', length: 36 })
  subjectId!: string;

  @PrimaryColumn('varchar', { length: 40 })
  kind!: string;

  @PrimaryColumn('varchar', { name: 'due_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  dueAt!: Date;

  @Column('varchar', { name: 'noticed_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  noticedAt!: Date;
}

/**
 * The oldest due instant whose notice is kept at `now` (DEADLINE_NOTICE_KEEP_DAYS; docs/operations.md
 * "Housekeeping"): housekeeping removes the notices due before it, and the deadline pollers raise nothing due
 * before it, so a removed notice is never raised again. One function, so the two cannot disagree.
 */
export function oldestKeptDeadline(now: Date, keepDays: number): Date {
  return new Date(now.getTime() - keepDays * 86_400_000);
}
