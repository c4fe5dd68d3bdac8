import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { RETENTION_DECISIONS, RETENTION_RECORD_TYPES, type RetentionDecisionKind, type RetentionRecordType } from '../database/retention-decision.entity';
import { IsInstantGivenWithOffset } from '../http/validation';
import { LEGAL_HOLD_KINDS, type LegalHoldKind } from './retention.entities';

const REASON_MAX = 2000;

/** The record a decision or a hold is about. */
class AboutRecord {
  @ApiProperty({ enum: RETENTION_RECORD_TYPES }) @IsIn(RETENTION_RECORD_TYPES) recordType!: RetentionRecordType;
  @ApiProperty({ format: 'uuid' }) @IsUUID() recordId!: string;
}

/** The SRO's decision about a record (issue 24, item 6). */
export class RetentionDecisionDto extends AboutRecord {
  @ApiProperty({ enum: RETENTION_DECISIONS, description: '`retain` keeps the record until `reviewAgainAt`; `delete` deletes its content now' })
  @IsIn(RETENTION_DECISIONS)
  decision!: RetentionDecisionKind;

  @ApiProperty({ description: 'why, in words the inspectors will read', example: 'Past its five years; no proceedings, complaint or investigation concerns it.' })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON_MAX)
  reason!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'required to retain, refused to delete: when the record is due for review again', example: '2032-01-01T00:00:00Z' })
  @IsOptional()
  @IsInstantGivenWithOffset()
  reviewAgainAt?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'to delete before the period has run: the error register entry establishing that this data was acquired in error (a relevant or operator error linked to the record)',
  })
  @IsOptional()
  @IsUUID()
  acquiredInErrorId?: string;
}

/** A legal hold the SRO places on a record. */
export class PlaceLegalHoldDto extends AboutRecord {
  @ApiProperty({ enum: LEGAL_HOLD_KINDS }) @IsIn(LEGAL_HOLD_KINDS) kind!: LegalHoldKind;

  @ApiProperty({ description: 'the proceedings, complaint or investigation, as the SRO would name it', example: 'R v Smith, Crown Court at Leeds, trial listed for 2031' })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON_MAX)
  reason!: string;
}

/** The release of a legal hold. */
export class ReleaseLegalHoldDto {
  @ApiProperty({ example: 'Proceedings concluded; appeal period over.' })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON_MAX)
  reason!: string;
}

/** Which reviews the SRO lists. */
export class ListReviewsQuery {
  @ApiPropertyOptional({ enum: ['due', 'decided'], default: 'due' }) @IsOptional() @IsIn(['due', 'decided']) state?: 'due' | 'decided';
}

/** The record a retention record is read for (`id`, as every record's path names it, so a refusal names the record). */
export class RetentionRecordParams {
  @ApiProperty({ enum: RETENTION_RECORD_TYPES }) @IsIn(RETENTION_RECORD_TYPES) recordType!: RetentionRecordType;
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}
