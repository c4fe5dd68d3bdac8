import { ApiProperty } from '@nestjs/swagger';
import { RETENTION_DECISIONS, RETENTION_RECORD_TYPES, type RetentionDecisionKind, type RetentionRecordType } from '../database/retention-decision.entity';
import { LEGAL_HOLD_KINDS, type LegalHoldKind } from './retention.entities';

/** The record a retention row is about. */
class AboutARecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RETENTION_RECORD_TYPES }) recordType!: RetentionRecordType;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
}

export class RetentionDecision extends AboutARecord {
  @ApiProperty({ enum: RETENTION_DECISIONS }) decision!: RetentionDecisionKind;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) decidedBy!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewAgainAt!: string | null;
}

/** The certificate of a destruction: which decision deleted what. */
export class DestructionCertificate extends AboutARecord {
  @ApiProperty({ type: RetentionDecision, description: 'the decision under which the content was deleted' }) decision!: RetentionDecision;
  @ApiProperty({ type: [String], description: 'the record’s fields emptied' }) deletedFields!: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the register entry establishing the data was acquired in error, when that is why' })
  acquiredInErrorId!: string | null;
  @ApiProperty({ description: 'the record’s history head once deleted: its history verifies to it' }) historyHead!: string;
  @ApiProperty({ format: 'uuid' }) destroyedBy!: string;
  @ApiProperty({ format: 'date-time' }) destroyedAt!: string;
}

/** What a decision did. */
export class RetentionDecisionOutcome {
  @ApiProperty({ type: RetentionDecision }) decision!: RetentionDecision;
  @ApiProperty({ type: DestructionCertificate, nullable: true, description: 'a decision to delete: its certificate' }) certificate!: DestructionCertificate | null;
}

export class LegalHold extends AboutARecord {
  @ApiProperty({ enum: LEGAL_HOLD_KINDS }) kind!: LegalHoldKind;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) placedBy!: string;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) releasedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) releasedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) releaseReason!: string | null;
}

export class RetentionReview extends AboutARecord {
  @ApiProperty({ format: 'date-time', description: 'when the record reached a final state' }) closedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'when its period ran out, or the date a decision to retain it set' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) markedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the decision that answered it; null while it waits' }) decisionId!: string | null;
}

export class RetentionReviewList {
  @ApiProperty({ type: [RetentionReview] }) items!: RetentionReview[];
  @ApiProperty({ description: 'more matched than were listed (the oldest 100 are)' }) truncated!: boolean;
}

/** Everything retention knows of one record. */
export class RetentionRecord {
  @ApiProperty({ enum: RETENTION_RECORD_TYPES }) recordType!: RetentionRecordType;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when it reached a final state; null while it is open' }) closedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when its retention period runs out; null while it is open' }) periodEndsAt!: string | null;
  @ApiProperty({ type: [RetentionReview] }) reviews!: RetentionReview[];
  @ApiProperty({ type: [RetentionDecision] }) decisions!: RetentionDecision[];
  @ApiProperty({ type: [LegalHold] }) holds!: LegalHold[];
  @ApiProperty({ type: [DestructionCertificate] }) certificates!: DestructionCertificate[];
}
