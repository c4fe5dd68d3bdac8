import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsInstantWithOffset, Maybe, SHORT_MAX, TEXT_MAX } from '../../applications/public-api';
import { DISCLOSURE_REQUEST_EVENT_TYPES, type DisclosureRequestEventType } from '../../workflow/disclosure-request.types';
import type { ItemSelection } from './disclosure-request-items';

/** One authorised data item asked of the CSP; what is left out is taken as authorised (docs/law.md §8). */
export class ItemSelectionDto implements ItemSelection {
  @ApiProperty({ description: 'the data item’s reference on the application (`d1`)' }) @IsString() @MaxLength(SHORT_MAX) dataItemRef!: string;
  @ApiPropertyOptional({ description: 'the identifier as the SPOC reads it: refused unless it is the authorised one', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(SHORT_MAX)
  identifierValue?: string | null;
  @ApiPropertyOptional({ description: 'the data type: refused unless it is the authorised one', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(SHORT_MAX)
  subtype?: string | null;
  @ApiPropertyOptional({ description: 'a narrower start within the authorised period, with an offset', type: String, nullable: true })
  @Maybe()
  @IsInstantWithOffset()
  periodStart?: string | null;
  @ApiPropertyOptional({ description: 'a narrower end within the authorised period, with an offset', type: String, nullable: true })
  @Maybe()
  @IsInstantWithOffset()
  periodEnd?: string | null;
}

/** `POST /applications/:id/disclosure-requests`: some of an authorisation's data items, to one CSP. */
export class CreateDisclosureRequestDto {
  @ApiProperty({ format: 'uuid', description: 'the CSP, from the directory (`GET /csps`)' }) @IsUUID() cspId!: string;
  @ApiProperty({ type: [ItemSelectionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ItemSelectionDto)
  items!: ItemSelectionDto[];
}

/** `POST /disclosure-requests/:id/events {type, ...payload}` (docs/architecture.md §7.2). */
export class DisclosureRequestEventDto {
  @ApiProperty({ enum: DISCLOSURE_REQUEST_EVENT_TYPES }) @IsIn(DISCLOSURE_REQUEST_EVENT_TYPES) type!: DisclosureRequestEventType;
  @ApiPropertyOptional({ description: 'CSP_ACKNOWLEDGED: the CSP’s reference', type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) cspReference?: string;
  @ApiPropertyOptional({ description: 'NIL_RETURN: the CSP’s statement that it holds no such data', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(TEXT_MAX)
  cspStatement?: string;
  @ApiPropertyOptional({ description: 'CSP_REJECTED: the CSP’s reason', type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) cspReason?: string;
  @ApiPropertyOptional({ description: 'CANCEL: why', type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) reason?: string;
  @ApiPropertyOptional({ description: 'RETURN_RECEIVED (the returns endpoint only): the return completes every item', type: Boolean, nullable: true })
  @Maybe()
  @IsBoolean()
  allItemsComplete?: boolean;
}
