import { ApiProperty } from '@nestjs/swagger';
import { RETURN_CHECK_CODES, type ReturnCheckCode } from './parsing/return-check-codes';
import { RETURN_RECORD_TYPES } from './parsing/return-schema';
import { CHECK_REVIEW_DECISIONS, type CheckReviewDecision } from './disclosure-return-check.entity';
import { RETURN_FORMATS_RECEIVED, type ReturnFormatReceived } from './disclosure-return.entity';
import type { ReturnCheckResponse, ReturnResponse } from './disclosure-return.mapper';

/*
 * What the returns endpoints answer (docs/architecture.md §8; docs/returns.md), for the OpenAPI document and
 * the generated clients; `implements Partial<…>` lets the compiler check each member named here.
 */

export class ReturnCheckReview {
  @ApiProperty({ enum: CHECK_REVIEW_DECISIONS }) decision!: CheckReviewDecision;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) reviewedBy!: string;
  @ApiProperty({ format: 'date-time' }) reviewedAt!: string;
}

export class ReturnCheck implements Partial<ReturnCheckResponse> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) returnId!: string;
  @ApiProperty({ enum: RETURN_CHECK_CODES }) code!: ReturnCheckCode;
  @ApiProperty({ type: 'integer', description: 'rows that failed it; 0 for a check on the whole file' }) rowCount!: number;
  @ApiProperty({ type: 'integer', isArray: true, description: 'the first rows that failed it (the header is row 1)' }) rowNumbers!: number[];
  @ApiProperty({ description: 'what failed and why, for a person' }) detail!: string;
  @ApiProperty({ format: 'uuid', description: 'the returnCheckFailed event that raised a suspected error in the register' }) suspectedErrorEventId!: string;
  @ApiProperty({ type: () => ReturnCheckReview, nullable: true, description: 'null until a SPOC reviews it' }) review!: ReturnCheckReview | null;
}

export class ReturnRequestState {
  @ApiProperty() status!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class DisclosureReturn implements Partial<ReturnResponse> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ description: 'the item of the request this part answers' }) dataItemRef!: string;
  @ApiProperty({ enum: RETURN_RECORD_TYPES }) recordType!: string;
  @ApiProperty({ enum: RETURN_FORMATS_RECEIVED }) format!: ReturnFormatReceived;
  @ApiProperty() fileName!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the file as received, hex' }) sha256!: string;
  @ApiProperty() deliveryId!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) sequenceNumber!: number;
  @ApiProperty() lastSequence!: boolean;
  @ApiProperty({ description: 'no records: the CSP holds no such data' }) nil!: boolean;
  @ApiProperty({ description: 'something in it may be content: its rows are not shown' }) quarantined!: boolean;
  @ApiProperty({ description: 'it arrived after the request was cancelled or the authorisation ended' }) afterEnd!: boolean;
  @ApiProperty({ type: 'integer' }) rowCount!: number;
  @ApiProperty({ type: 'integer', description: 'rows that passed every check' }) cleanRowCount!: number;
  @ApiProperty({ type: String, nullable: true, description: 'the zone times without an offset were read in' }) timeZone!: string | null;
  @ApiProperty({ format: 'uuid' }) receivedBy!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: [ReturnCheck] }) checks!: ReturnCheck[];
  @ApiProperty({ type: () => ReturnRequestState, required: false, description: 'on an upload: the request after it' }) request?: ReturnRequestState;
}

export class DisclosureReturnList {
  @ApiProperty({ type: [DisclosureReturn] }) items!: DisclosureReturn[];
}

export class AcquiredRecord {
  @ApiProperty({ type: 'integer' }) rowNumber!: number;
  @ApiProperty({ enum: RETURN_RECORD_TYPES }) recordType!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the subscriber’s identifier, the A party, or the IP address, normalised' }) identifier!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the B party' }) otherParty!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'UTC' }) atUtc!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'UTC; a subscriber record’s end' }) untilUtc!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the offset the CSP’s time had, as written or as its zone gave it' }) sourceOffset!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the time as written, when it carried no offset' }) localTime!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) durationSeconds!: number | null;
  @ApiProperty({ type: String, nullable: true }) eventType!: string | null;
  @ApiProperty({ type: String, nullable: true }) direction!: string | null;
  @ApiProperty({ type: String, nullable: true }) cellId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) port!: number | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: String, nullable: true }) addressType!: string | null;
  @ApiProperty({ enum: RETURN_CHECK_CODES, isArray: true }) flags!: ReturnCheckCode[];
}

export class AcquiredRecordPage {
  @ApiProperty({ type: [AcquiredRecord] }) items!: AcquiredRecord[];
  @ApiProperty({ type: 'integer' }) total!: number;
}
