import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer, NullableInstantColumn } from './instant.transformer';

/** What a retention decision decides about a record: keep it (with a reason), or delete its content. */
export const RETENTION_DECISIONS = ['retain', 'delete'] as const;
export type RetentionDecisionKind = (typeof RETENTION_DECISIONS)[number];

/** The kinds of record a decision names, as the history tables' triggers know them (1764080000000-retention-decisions). */
export const RETENTION_RECORD_TYPES = ['application', 'cd_error', 'disclosure_request'] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

/**
 * One retention decision (issue 21, item 3; docs/architecture.md §11): append-only, refused any UPDATE or DELETE by the
 * database. A history payload can be blanked only by naming a `delete` decision about its own record here; the SRO
 * records them at `POST /retention/decisions` (src/retention, docs/retention.md).
 */
@Entity('retention_decision')
@Index('ix_retention_decision_record', ['recordType', 'recordId'])
export class RetentionDecisionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'record_type', length: 30 })
  recordType!: RetentionRecordType;

  @Column('varchar', { name: 'record_id', length: 36 })
  recordId!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { length: 10 })
  decision!: RetentionDecisionKind;

  @Column('text')
  reason!: string;

  @Column('varchar', { name: 'decided_by', length: 36 })
  decidedBy!: string;

  @Column('varchar', { name: 'decided_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  decidedAt!: Date;

  /** A decision to retain: when the record is due for review again (1764140000000-retention; docs/retention.md). */
  @NullableInstantColumn('review_again_at')
  reviewAgainAt!: Date | null;
}
