import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';
import type { RetentionRecordType } from '../database/retention-decision.entity';

const InstantColumn = (name: string) => Column('varchar', { name, length: INSTANT_LENGTH, transformer: instantTransformer });
const Ref = (name: string) => Column('varchar', { name, length: 36 });

/** What every retention row has: its id, and the record it is about, of which authority. */
abstract class AboutARecord {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'record_type', length: 30 })
  recordType!: RetentionRecordType;

  @Ref('record_id')
  recordId!: string;

  @Ref('authority_id')
  authorityId!: string;
}

/**
 * A record marked due for the SRO's review (issue 24, item 6; docs/retention.md): its retention period has run
 * (or a decision to retain it has reached its date to look again) and no decision answers the mark yet. The
 * review job writes it; a decision fills `decision_id`. One mark per record and due instant, whichever instance
 * marks first.
 */
@Entity('retention_review')
@Index('ux_retention_review_due', ['recordType', 'recordId', 'dueAt'], { unique: true })
@Index('ix_retention_review_authority', ['authorityId', 'decisionId'])
export class RetentionReviewEntity extends AboutARecord {
  /** When the record reached a final state. */
  @InstantColumn('closed_at')
  closedAt!: Date;

  /** When its period ran out, or the date a decision to retain it set for looking again. */
  @InstantColumn('due_at')
  dueAt!: Date;

  @InstantColumn('marked_at')
  markedAt!: Date;

  @Column('varchar', { name: 'decision_id', length: 36, nullable: true })
  decisionId!: string | null;
}

/** Why a record is held (docs/retention.md "Legal holds"). */
export const LEGAL_HOLD_KINDS = ['criminalProceedings', 'tribunalComplaint', 'ipcInvestigation'] as const;
export type LegalHoldKind = (typeof LEGAL_HOLD_KINDS)[number];

/** A legal hold placed on a record: while it is not released, no decision may delete the record. Never changed. */
@Entity('legal_hold')
@Index('ix_legal_hold_record', ['recordType', 'recordId'])
export class LegalHoldEntity extends AboutARecord {
  @Column('varchar', { length: 30 })
  kind!: LegalHoldKind;

  @Column('text')
  reason!: string;

  @Ref('placed_by')
  placedBy!: string;

  @InstantColumn('placed_at')
  placedAt!: Date;
}

/** The release of a legal hold: its own row, so the hold as placed is never changed. At most one per hold. */
@Entity('legal_hold_release')
export class LegalHoldReleaseEntity {
  @PrimaryColumn('varchar', { name: 'hold_id', length: 36 })
  holdId!: string;

  @Column('text')
  reason!: string;

  @Ref('released_by')
  releasedBy!: string;

  @InstantColumn('released_at')
  releasedAt!: Date;
}

/**
 * The certificate of a destruction (issue 24, item 6): which decision deleted which record's content, which fields,
 * the record's history head once deleted (what `…/history/verify` then checks against), and, for data acquired in
 * error, the register entry that established it. Never changed; one per decision.
 */
@Entity('destruction_certificate')
@Index('ux_destruction_certificate_decision', ['decisionId'], { unique: true })
@Index('ix_destruction_certificate_record', ['recordType', 'recordId'])
export class DestructionCertificateEntity extends AboutARecord {
  @Ref('decision_id')
  decisionId!: string;

  /** JSON array of the row's fields emptied. */
  @Column('text', { name: 'deleted_fields' })
  deletedFields!: string;

  @Column('varchar', { name: 'acquired_in_error_id', length: 36, nullable: true })
  acquiredInErrorId!: string | null;

  @Column('varchar', { name: 'history_head', length: 64 })
  historyHead!: string;

  @Ref('destroyed_by')
  destroyedBy!: string;

  @InstantColumn('destroyed_at')
  destroyedAt!: Date;
}

export const RETENTION_ENTITIES = [RetentionReviewEntity, LegalHoldEntity, LegalHoldReleaseEntity, DestructionCertificateEntity];
