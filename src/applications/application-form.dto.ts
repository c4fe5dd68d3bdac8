import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DATA_CATEGORIES,
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  ICR_CONDITIONS,
  IDENTIFIER_TYPES,
  PERIOD_KINDS,
  PRIORITY_GRADES,
  ROUTES,
  SENSITIVE_PROFESSIONS,
  SERIOUS_CRIME_BASES,
  STATUTORY_PURPOSES,
  SUBJECT_ROLES,
  type DataCategory,
  type IcrCondition,
  type IdentifierType,
  type PeriodKind,
  type PriorityGrade,
  type Route,
  type SensitiveProfession,
  type SeriousCrimeBasis,
  type StatutoryPurpose,
  type SubjectRole,
} from '../workflow/application.types';
import { nullableEnum } from '../http/openapi';
import { IsAfterPeriodStart, IsIdentifierValue, IsInstantWithOffset, IsSubtypeOfCategory, Maybe, SHORT_MAX, TEXT_MAX } from './form-validators';

const REF = 40;


export class ApplicantDetailsDto {
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) designation?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) officeRankPosition?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) team?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) contact?: string | null;
}

/** An offence and the facts that decide the serious-crime threshold (docs/law.md §3.2, §2.2). */
export class OffenceDto {
  @ApiProperty() @IsString() @Length(1, SHORT_MAX) description!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) statute?: string;
  @ApiPropertyOptional({ description: 'maximum adult sentence in months; null = no custodial maximum', type: Number, nullable: true })
  @Maybe()
  @IsInt()
  @Min(0)
  maxSentenceAdultMonths?: number | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() isS263SeriousCrime?: boolean;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() isByNonIndividual?: boolean;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() involvesSendingCommunication?: boolean;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() involvesPrivacyBreach?: boolean;
}

export class SubjectDto {
  @ApiProperty({ enum: SUBJECT_ROLES }) @IsIn(SUBJECT_ROLES) role!: SubjectRole;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) linkToEvent?: string;
}

/** A communications address as given; the server stores its normalised form beside it (docs/law.md §3.3). */
export class IdentifierDto {
  @ApiProperty({ example: 'id1' }) @IsString() @Length(1, REF) ref!: string;
  @ApiProperty({ enum: IDENTIFIER_TYPES }) @IsIn(IDENTIFIER_TYPES) type!: IdentifierType;
  @ApiProperty({ example: '07911 123456' }) @IsString() @MaxLength(SHORT_MAX) @IsIdentifierValue() value!: string;
  @ApiProperty({ description: 'where it came from (victim, witness, intelligence report…)' })
  @IsString()
  @Length(1, SHORT_MAX)
  source!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(REF) subjectRef?: string | null;
}

/** One item of data sought: the statistical unit (docs/law.md §3.4). */
export class DataItemDto {
  @ApiProperty({ example: 'd1' }) @IsString() @Length(1, REF) ref!: string;
  @ApiProperty() @IsString() @Length(1, REF) identifierRef!: string;
  @ApiProperty({ enum: DATA_CATEGORIES }) @IsIn(DATA_CATEGORIES) category!: DataCategory;
  @ApiProperty({ enum: [...ENTITY_SUBTYPES, ...EVENTS_SUBTYPES] })
  @IsSubtypeOfCategory('category')
  subtype!: string;
  @ApiProperty({ enum: PERIOD_KINDS }) @IsIn(PERIOD_KINDS) periodKind!: PeriodKind;
  @ApiProperty({ example: '2026-03-01T00:00:00+00:00' }) @IsInstantWithOffset() periodStart!: string;
  @ApiProperty({ example: '2026-03-02T00:00:00+00:00' })
  @IsInstantWithOffset()
  @IsAfterPeriodStart('periodStart')
  periodEnd!: string;
  @ApiPropertyOptional({ example: 'Europe/London', type: String, nullable: true }) @Maybe() @IsString() @MaxLength(64) timeZone?: string | null;
  @ApiProperty({ example: 'Vodafone' }) @IsString() @Length(1, SHORT_MAX) csp!: string;
  @ApiPropertyOptional(nullableEnum(ICR_CONDITIONS)) @Maybe() @IsIn(ICR_CONDITIONS) icrCondition!: IcrCondition | null;
}

/**
 * The applicant's form (docs/law.md §3.1–3.5). Every field optional and nullable for drafts; PATCH merges
 * the fields present. Arrays replace whole.
 */
export class ApplicationFormDto {
  @ApiPropertyOptional({ type: ApplicantDetailsDto, nullable: true })
  @Maybe()
  @ValidateNested()
  @Type(() => ApplicantDetailsDto)
  applicantDetails?: ApplicantDetailsDto | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) operationName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) investigationRef?: string | null;
  @ApiPropertyOptional(nullableEnum(ROUTES)) @Maybe() @IsIn(ROUTES) route?: Route | null;
  @ApiPropertyOptional(nullableEnum(PRIORITY_GRADES)) @Maybe() @IsIn(PRIORITY_GRADES) priorityGrade?: PriorityGrade | null;
  @ApiPropertyOptional(nullableEnum(STATUTORY_PURPOSES))
  @Maybe()
  @IsIn(STATUTORY_PURPOSES)
  statutoryPurpose?: StatutoryPurpose | null;
  @ApiPropertyOptional({ type: [OffenceDto], nullable: true })
  @Maybe()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OffenceDto)
  offences?: OffenceDto[] | null;
  @ApiPropertyOptional(nullableEnum(SERIOUS_CRIME_BASES))
  @Maybe()
  @IsIn(SERIOUS_CRIME_BASES)
  seriousCrimeBasis?: SeriousCrimeBasis | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) investigationSummary?: string | null;
  @ApiPropertyOptional({ type: [SubjectDto], nullable: true })
  @Maybe()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SubjectDto)
  subjects?: SubjectDto[] | null;
  @ApiPropertyOptional(nullableEnum(SENSITIVE_PROFESSIONS))
  @Maybe()
  @IsIn(SENSITIVE_PROFESSIONS)
  sensitiveProfession?: SensitiveProfession | null;
  @ApiPropertyOptional({
    description: 'how the subject’s profession bears on necessity, proportionality and collateral intrusion; required before submission when `sensitiveProfession` is set (CoP15 3.72–3.77)',
    type: String,
    nullable: true,
  })
  @Maybe()
  @IsString()
  @MaxLength(TEXT_MAX)
  sensitiveProfessionConsiderations?: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() journalisticSourceSought?: boolean | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() imminentThreatToLife?: boolean | null;
  @ApiPropertyOptional({ type: [IdentifierDto], nullable: true })
  @Maybe()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IdentifierDto)
  identifiers?: IdentifierDto[] | null;
  @ApiPropertyOptional({ type: [DataItemDto], nullable: true })
  @Maybe()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DataItemDto)
  dataItems?: DataItemDto[] | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) necessity?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) proportionality?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) collateralIntrusion?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) unintendedConsequences?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) howDataWillBeUsed?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) urgencyJustification?: string | null;
  @ApiPropertyOptional({ description: 'why no SPOC could be consulted (IPA s.76(2))', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(TEXT_MAX)
  exceptionalCircumstances?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', nullable: true, description: 'user ids of the investigation team (same authority)' })
  @Maybe()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  teamMemberIds?: string[] | null;
}
