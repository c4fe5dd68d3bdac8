import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer, NullableInstantColumn } from '../../database/instant.transformer';
import type { ReturnCheckCode } from './parsing/return-check-codes';

/** How a SPOC dealt with a failed check: accepted it (with a reason), or confirmed it as an error. */
export const CHECK_REVIEW_DECISIONS = ['accepted', 'raisedAsError'] as const;
export type CheckReviewDecision = (typeof CHECK_REVIEW_DECISIONS)[number];

/**
 * One failed check of one return, over all the rows that failed it (docs/returns.md): the rows, a suspected
 * error in the register through the outbox (`outboxEventId`), and the SPOC's review, which MARK_CHECKED
 * waits for (docs/law.md §5; CoP06 3.14).
 */
@Entity('disclosure_return_check')
@Index('ix_disclosure_return_check_request', ['requestId'])
@Index('ux_disclosure_return_check_code', ['returnId', 'code'], { unique: true })
export class DisclosureReturnCheckEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'return_id', length: 36 })
  returnId!: string;

  @Column('varchar', { name: 'request_id', length: 36 })
  requestId!: string;

  @Column('varchar', { length: 40 })
  code!: ReturnCheckCode;

  /** How many rows failed it (0 for a check on the whole file). */
  @Column('integer', { name: 'row_count' })
  rowCount!: number;

  /** The first rows that failed it, by row number (the header is row 1 of a CSV file, so data starts at 2). */
  @Column('simple-json', { name: 'row_numbers' })
  rowNumbers!: number[];

  @Column('text')
  detail!: string;

  /** The `returnCheckFailed` outbox event that raised the suspected error. */
  @Column('varchar', { name: 'outbox_event_id', length: 36 })
  outboxEventId!: string;

  @Column('varchar', { name: 'review_decision', length: 20, nullable: true })
  reviewDecision!: CheckReviewDecision | null;

  @Column('text', { name: 'review_reason', nullable: true })
  reviewReason!: string | null;

  @Column('varchar', { name: 'reviewed_by', length: 36, nullable: true })
  reviewedBy!: string | null;

  @NullableInstantColumn('reviewed_at')
  reviewedAt!: Date | null;

  @Column('varchar', { name: 'created_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  createdAt!: Date;
}
