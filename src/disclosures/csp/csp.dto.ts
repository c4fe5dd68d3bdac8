import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { Maybe } from '../../applications/public-api';
import { nullableEnum } from '../../http/openapi';
import {
  CSP_CODE_MAX,
  CSP_CODE_PATTERN,
  CSP_DATA_TYPES,
  CSP_IDENTIFIER_KINDS,
  CSP_NAME_MAX,
  ETSI_ENDPOINT_ID_MAX,
  ETSI_ENDPOINT_ID_PATTERN,
  IP_RESOLUTION_ADDRESSES,
  isIanaTimeZone,
  RETURN_FORMATS,
  TIME_PRECISION_SECONDS_DEFAULT,
  TIME_PRECISION_SECONDS_MAX,
  TIME_PRECISION_SECONDS_MIN,
  TIME_ZONE_MAX,
  type CspDataType,
  type CspIdentifierKind,
  type IpResolutionAddress,
  type ReturnFormat,
} from './csp.types';

/** A non-empty list of distinct values of `vocabulary` (a CSP's data types, identifier kinds, return formats). */
const IsSetOf = (vocabulary: readonly string[]) =>
  applyDecorators(IsArray(), ArrayMinSize(1), ArrayMaxSize(vocabulary.length), ArrayUnique(), IsIn(vocabulary, { each: true }));

/** Sent at all: `null` is then validated too, and refused by a field that cannot be null. */
const Present = () => ValidateIf((_o, v) => v !== undefined);

/** A code unit of a surrogate pair without its other half (docs/architecture.md §10, SQLite). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters are exactly what this pattern is for: a name is one line, NUL included.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function nameDefect(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be text';
  if (value.trim() === '') return 'is required';
  if (value !== value.trim()) return 'must not begin or end with spaces';
  if (value.length > CSP_NAME_MAX) return `must be at most ${CSP_NAME_MAX} characters`;
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (a lone surrogate)';
  if (CONTROL.test(value)) return 'must be one line without control characters';
  return null;
}

/** A CSP's name: one line of text that can be stored and shown as written. */
function IsCspName(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCspName',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => nameDefect(value) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${nameDefect(args.value) ?? 'is valid'}`,
      },
    });
}

/** A zone of the tz database this runtime knows, by its `Area/Location` name (or `UTC`). */
function IsIanaTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => isIanaTimeZone(value),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be an IANA time zone such as Europe/London, America/New_York or UTC (not an offset, an abbreviation or a legacy alias)`,
      },
    });
}

const FILE_TIME_ZONE_DOC = {
  type: String,
  nullable: true,
  maxLength: TIME_ZONE_MAX,
  description:
    'the IANA time zone the CSP’s files use for a time that carries no offset (`Europe/London` changes with summer time; `UTC` does not); ' +
    'null when the CSP has declared none, and then a time in its files without an offset is refused',
  example: 'Europe/London',
};
const TIME_PRECISION_DOC = {
  type: 'integer' as const,
  minimum: TIME_PRECISION_SECONDS_MIN,
  maximum: TIME_PRECISION_SECONDS_MAX,
  description:
    'the precision, in whole seconds, the CSP states for the times in its IP-address resolutions: how far an observed time may be from the instant asked about and still answer it',
  example: TIME_PRECISION_SECONDS_DEFAULT,
};

/** The precision of a CSP's times: whole seconds, 0 to an hour (a number, never a string of digits). */
const IsTimePrecision = () => applyDecorators(IsInt(), Min(TIME_PRECISION_SECONDS_MIN), Max(TIME_PRECISION_SECONDS_MAX));

const ETSI_ENDPOINT_DOC = {
  maxLength: ETSI_ENDPOINT_ID_MAX,
  pattern: ETSI_ENDPOINT_ID_PATTERN.source,
  description: 'the CSP’s ETSI TS 103 120 endpoint identifier, unique; required unless `portalOnly`, and null when it is',
  example: 'GB-EXAMPLEMOBILE-LI',
};
const IP_RESOLUTION_DOC = {
  ...nullableEnum(IP_RESOLUTION_ADDRESSES),
  description: 'the address the CSP’s IP resolutions give; required when `dataTypes` has `ipAddressResolution`, null otherwise',
};

/** `POST /admin/csps`: a new CSP of the national directory. */
export class CreateCspDto {
  @ApiProperty({ maxLength: CSP_CODE_MAX, pattern: CSP_CODE_PATTERN.source, description: 'short, stable and unique; cannot be changed later', example: 'examplemobile' })
  @IsDefined()
  @IsString()
  @MaxLength(CSP_CODE_MAX)
  @Matches(CSP_CODE_PATTERN, { message: 'code must be lower-case letters and digits, with single hyphens between them' })
  code!: string;

  @ApiProperty({ maxLength: CSP_NAME_MAX, example: 'Example Mobile Ltd' })
  @IsDefined()
  @IsCspName()
  name!: string;

  @ApiPropertyOptional({ ...ETSI_ENDPOINT_DOC, type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(ETSI_ENDPOINT_ID_MAX)
  @Matches(ETSI_ENDPOINT_ID_PATTERN, { message: 'etsiEndpointId must be printable ASCII without spaces' })
  etsiEndpointId?: string | null;

  @ApiProperty({ enum: CSP_DATA_TYPES, isArray: true, minItems: 1, description: 'the data the CSP answers' })
  @IsDefined()
  @IsSetOf(CSP_DATA_TYPES)
  dataTypes!: CspDataType[];

  @ApiProperty({ enum: CSP_IDENTIFIER_KINDS, isArray: true, minItems: 1, description: 'the identifiers the CSP can search on' })
  @IsDefined()
  @IsSetOf(CSP_IDENTIFIER_KINDS)
  identifierKinds!: CspIdentifierKind[];

  @ApiProperty({ enum: RETURN_FORMATS, isArray: true, minItems: 1, description: 'how the CSP returns results; `etsiHi1` only when not `portalOnly`' })
  @IsDefined()
  @IsSetOf(RETURN_FORMATS)
  returnFormats!: ReturnFormat[];

  @ApiPropertyOptional({ ...FILE_TIME_ZONE_DOC, description: `${FILE_TIME_ZONE_DOC.description} (left out: null)` })
  @Maybe()
  @IsIanaTimeZone()
  fileTimeZone?: string | null;

  @ApiPropertyOptional({ ...TIME_PRECISION_DOC, default: TIME_PRECISION_SECONDS_DEFAULT })
  @Present()
  @IsTimePrecision()
  timePrecisionSeconds?: number;

  @ApiPropertyOptional(IP_RESOLUTION_DOC)
  @Maybe()
  @IsIn(IP_RESOLUTION_ADDRESSES)
  ipResolutionAddress?: IpResolutionAddress | null;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'no ETSI interface: the SPOC uses the CSP’s portal (the copy pack)' })
  @Present()
  @IsBoolean()
  portalOnly?: boolean;

  @ApiPropertyOptional({ type: Boolean, default: true, description: 'an inactive CSP is hidden from SPOCs and SROs' })
  @Present()
  @IsBoolean()
  active?: boolean;
}

/**
 * `PATCH /admin/csps/:id`: the fields sent replace the CSP's (a list replaces the whole list); `code`
 * cannot change. `active: false` deactivates it: a CSP is never deleted, since requests name it.
 */
export class PatchCspDto {
  @ApiPropertyOptional({ maxLength: CSP_NAME_MAX }) @Present() @IsCspName() name?: string;

  @ApiPropertyOptional({ ...ETSI_ENDPOINT_DOC, type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(ETSI_ENDPOINT_ID_MAX)
  @Matches(ETSI_ENDPOINT_ID_PATTERN, { message: 'etsiEndpointId must be printable ASCII without spaces' })
  etsiEndpointId?: string | null;

  @ApiPropertyOptional({ enum: CSP_DATA_TYPES, isArray: true, minItems: 1 })
  @Present()
  @IsSetOf(CSP_DATA_TYPES)
  dataTypes?: CspDataType[];

  @ApiPropertyOptional({ enum: CSP_IDENTIFIER_KINDS, isArray: true, minItems: 1 })
  @Present()
  @IsSetOf(CSP_IDENTIFIER_KINDS)
  identifierKinds?: CspIdentifierKind[];

  @ApiPropertyOptional({ enum: RETURN_FORMATS, isArray: true, minItems: 1 })
  @Present()
  @IsSetOf(RETURN_FORMATS)
  returnFormats?: ReturnFormat[];

  @ApiPropertyOptional(FILE_TIME_ZONE_DOC) @Maybe() @IsIanaTimeZone() fileTimeZone?: string | null;

  @ApiPropertyOptional(TIME_PRECISION_DOC) @Present() @IsTimePrecision() timePrecisionSeconds?: number;

  @ApiPropertyOptional(IP_RESOLUTION_DOC) @Maybe() @IsIn(IP_RESOLUTION_ADDRESSES) ipResolutionAddress?: IpResolutionAddress | null;

  @ApiPropertyOptional({ type: Boolean }) @Present() @IsBoolean() portalOnly?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: '`false` deactivates the CSP (there is no delete); `true` restores it' })
  @Present()
  @IsBoolean()
  active?: boolean;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** `GET /csps`: a page of the directory, by name. */
export class ListCspsQuery {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'administrators only: list inactive CSPs too' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeInactive?: boolean;

  @ApiPropertyOptional({ default: 1, type: Number }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page: number = 1;
  @ApiPropertyOptional({ default: 20, type: Number, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}
