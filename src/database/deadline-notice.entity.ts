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
