import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HistoryEntry } from '../../http/history.responses';
import { nullableEnum } from '../../http/openapi';
import { DATA_CATEGORIES, IDENTIFIER_TYPES, PERIOD_KINDS, type DataCategory, type IdentifierType, type PeriodKind } from '../../workflow/application.types';
import {
  CSP_STATUSES,
  DESIRED_STATUSES,
  DISCLOSURE_REQUEST_EVENT_TYPES,
  DISCLOSURE_REQUEST_STATES,
  type CspStatus,
  type DesiredStatus,
  type DisclosureRequestEventType,
  type DisclosureRequestState,
} from '../../workflow/disclosure-request.types';
import type { DisclosureItem, DisclosureOutcome } from './disclosure-request.item';
import type { DisclosureRequestResponse } from './disclosure-request.mapper';

/*
 * What the disclosure-request endpoints answer (docs/architecture.md §8), for the OpenAPI document and the
 * clients generated from it; `implements Partial<…>` lets the compiler check each member named here.
 */

export class DisclosureIdentifier {
  @ApiProperty() ref!: string;
  @ApiProperty({ enum: IDENTIFIER_TYPES }) type!: IdentifierType;
  @ApiProperty({ description: 'as the applicant wrote it' }) value!: string;
  @ApiProperty({ description: 'the canonical form, sent to the CSP byte for byte' }) normalisedValue!: string;
}

export class DisclosureItemRecord implements Partial<DisclosureItem> {
  @ApiProperty({ description: 'the data item’s reference on the application' }) dataItemRef!: string;
  @ApiProperty({ type: () => DisclosureIdentifier }) identifier!: DisclosureIdentifier;
  @ApiProperty({ enum: DATA_CATEGORIES }) category!: DataCategory;
  @ApiProperty() subtype!: string;
  @ApiProperty({ enum: PERIOD_KINDS }) periodKind!: PeriodKind;
  @ApiProperty({ description: 'ISO 8601 with an offset, as authorised or narrower' }) periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty({ type: String, nullable: true }) timeZone!: string | null;
}

export class DisclosureOutcomeRecord implements Partial<DisclosureOutcome> {
  @ApiPropertyOptional({ format: 'uuid', description: 'the SPOC who sent it' }) sentBy?: string;
  @ApiPropertyOptional({ description: 'the CSP’s statement with a nil return' }) cspStatement?: string;
  @ApiPropertyOptional({ description: 'the CSP’s reason for rejecting it' }) cspReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) checkedAt?: string;
  @ApiPropertyOptional({ format: 'uuid' }) checkedBy?: string;
  @ApiPropertyOptional() cancellationReason?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a SPOC, or the system when the authorisation ended' }) cancelledBy?: string;
}

export class DisclosureRequestBlockedEvent {
  @ApiProperty({ enum: DISCLOSURE_REQUEST_EVENT_TYPES }) event!: DisclosureRequestEventType;
  @ApiProperty({ description: 'the rule code the event would be refused with' }) code!: string;
  @ApiProperty({ description: 'why, for a person' }) message!: string;
}

/** A disclosure request as `GET /disclosure-requests/:id` and every write answer it. */
export class DisclosureRequest implements Partial<DisclosureRequestResponse> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorityId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) cspId!: string;
  @ApiProperty({ enum: DISCLOSURE_REQUEST_STATES }) status!: DisclosureRequestState;
  @ApiProperty({ ...nullableEnum(DESIRED_STATUSES), description: 'what we want of the CSP (ETSI TS 103 120 DesiredStatus)' }) desiredStatus!: DesiredStatus | null;
  @ApiProperty({ ...nullableEnum(CSP_STATUSES), description: 'what the CSP last reported (ETSI TS 103 120 Status)' }) cspStatus!: CspStatus | null;
  @ApiProperty({ type: [DisclosureItemRecord] }) items!: DisclosureItemRecord[];
  @ApiProperty({ type: String, nullable: true }) cspReference!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ description: 'cancelled: the CSP must be told to stop' }) cspToBeTold!: boolean;
  @ApiProperty({ type: () => DisclosureOutcomeRecord }) outcome!: DisclosureOutcomeRecord;
  @ApiProperty({ type: 'integer', description: 'the number of changes so far; the ETag is this number, quoted' }) version!: number;
  @ApiProperty() machineVersion!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ enum: DISCLOSURE_REQUEST_EVENT_TYPES, isArray: true }) allowedEvents!: DisclosureRequestEventType[];
  @ApiProperty({ type: [DisclosureRequestBlockedEvent] }) blockedEvents!: DisclosureRequestBlockedEvent[];
}

export class DisclosureRequestList {
  @ApiProperty({ type: [DisclosureRequest] }) items!: DisclosureRequest[];
}

export class DisclosureRequestHistoryEntry extends HistoryEntry {}

export class DisclosureRequestHistoryList {
  @ApiProperty({ type: [DisclosureRequestHistoryEntry] }) items!: DisclosureRequestHistoryEntry[];
}
