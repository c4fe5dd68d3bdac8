import { ApiProperty } from '@nestjs/swagger';
import { nullableEnum } from '../../http/openapi';
import type { CspPageView } from './csp.mapper';
import {
  CSP_DATA_TYPES,
  CSP_IDENTIFIER_KINDS,
  IP_RESOLUTION_ADDRESSES,
  RETURN_FORMATS,
  TIME_PRECISION_SECONDS_DEFAULT,
  TIME_PRECISION_SECONDS_MAX,
  TIME_PRECISION_SECONDS_MIN,
  type Csp as CspView,
  type CspDataType,
  type CspIdentifierKind,
  type IpResolutionAddress,
  type ReturnFormat,
} from './csp.types';

/*
 * What the CSP directory answers, for the OpenAPI document and the clients generated from it. Each class
 * mirrors csp.mapper.ts; `implements Partial<…>` lets the compiler check the type of every member named here.
 */

/** A CSP of the national directory. */
export class Csp implements Partial<CspView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'short, stable and unique', example: 'examplemobile' }) code!: string;
  @ApiProperty({ example: 'Example Mobile Ltd' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'its ETSI TS 103 120 endpoint identifier; null for a portal-only CSP' }) etsiEndpointId!: string | null;
  @ApiProperty({ enum: CSP_DATA_TYPES, isArray: true, description: 'the data it answers' }) dataTypes!: CspDataType[];
  @ApiProperty({ enum: CSP_IDENTIFIER_KINDS, isArray: true, description: 'the identifiers it can search on' }) identifierKinds!: CspIdentifierKind[];
  @ApiProperty({ enum: RETURN_FORMATS, isArray: true, description: 'how it returns results' }) returnFormats!: ReturnFormat[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the IANA time zone of its files when a time carries no offset; null when it has declared none, and then such a time is refused',
    example: 'Europe/London',
  })
  fileTimeZone!: string | null;
  @ApiProperty({
    type: 'integer',
    minimum: TIME_PRECISION_SECONDS_MIN,
    maximum: TIME_PRECISION_SECONDS_MAX,
    description: 'the precision, in whole seconds, it states for the times in its IP-address resolutions: how far an observed time may be from the instant asked about and still answer it',
    example: TIME_PRECISION_SECONDS_DEFAULT,
  })
  timePrecisionSeconds!: number;
  @ApiProperty({ ...nullableEnum(IP_RESOLUTION_ADDRESSES), description: 'the address its IP resolutions give; null when it resolves none' })
  ipResolutionAddress!: IpResolutionAddress | null;
  @ApiProperty({ description: 'no ETSI interface: the SPOC uses its portal (the copy pack)' }) portalOnly!: boolean;
  @ApiProperty({ description: 'an inactive CSP is hidden from SPOCs and SROs' }) active!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the version, also sent as the ETag' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** A page of `GET /csps`, by name. */
export class CspPage implements Partial<CspPageView> {
  @ApiProperty({ type: [Csp] }) items!: Csp[];
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100 }) pageSize!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
}
