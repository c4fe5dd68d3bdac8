import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import {
  ACQUISITION_METHODS,
  APPLICATION_EVENT_TYPES,
  SPOC_REASON_CODES,
  type AcquisitionMethod,
  type ApplicationEventType,
  type SpocReasonCode,
} from '../workflow/application.types';
import { nullableEnum } from '../http/openapi';
import { IsInstantWithOffset, Maybe, SHORT_MAX, TEXT_MAX } from './form-validators';


/** The SPOC's section, sent with SUBMIT_FOR_AUTHORISATION (docs/law.md §3.6; IPA s.76(5)–(6)). */
export class SpocSectionDto {
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) spocAdvice?: string | null;
  @ApiPropertyOptional(nullableEnum(ACQUISITION_METHODS))
  @Maybe()
  @IsIn(ACQUISITION_METHODS)
  acquisitionMethod?: AcquisitionMethod | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) costEstimate?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) practicalityAssessment?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsInstantWithOffset() consultedAt?: string | null;
  @ApiPropertyOptional({ type: [String], nullable: true })
  @Maybe()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(TEXT_MAX, { each: true })
  returnReasons?: string[] | null;
  @ApiPropertyOptional({ description: 'the SPOC’s advice on the subject’s profession; required when the form names one (CoP15 3.72–3.77)', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(TEXT_MAX)
  sensitiveProfessionAdvice?: string | null;
}

/** A finding the statute gives the decider, with the decider's reasons (docs/law.md §3.7 findings). */
export class FindingDto {
  @ApiPropertyOptional({ description: 'why the decider so finds; a finding without reasons is refused', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(TEXT_MAX)
  reasons?: string | null;
}

/** The decider's findings at GRANT (docs/law.md §3.7 findings; IPA s.76(1)–(3), s.77(1)(b), (1A)(b)). */
export class FindingsDto {
  @ApiPropertyOptional({
    description: 'the authoriser finds the authorisation necessary because of an imminent threat to life: a journalistic-source grant then takes effect without a Judicial Commissioner (IPA s.77)',
    type: FindingDto,
    nullable: true,
  })
  @Maybe()
  @ValidateNested()
  @Type(() => FindingDto)
  imminentThreatToLife?: FindingDto | null;
  @ApiPropertyOptional({
    description: 'a DSO (dso61, dso61A) finds exceptional circumstances in which no SPOC need be consulted (IPA s.76(1)–(3))',
    type: FindingDto,
    nullable: true,
  })
  @Maybe()
  @ValidateNested()
  @Type(() => FindingDto)
  spocNotConsulted?: FindingDto | null;
}

/** The authoriser's decision (docs/law.md §3.7; RIPA-23(1)(d); CoP06 3.29). */
export class DecisionDto {
  @ApiPropertyOptional({ description: 'person id of the decider when the sender records their decision', type: String, format: 'uuid', nullable: true })
  @Maybe()
  @IsUUID()
  deciderId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) deciderName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) officeRank?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) rationale?: string | null;
  @ApiPropertyOptional({ description: 'a DSO declares they are independent of the investigation (IPA s.63); a DSO grant needs it or the override', type: Boolean, nullable: true })
  @Maybe()
  @IsBoolean()
  independenceDeclaration?: boolean | null;
  @ApiPropertyOptional({ description: 'the DSO’s exceptional circumstances in which they need not be independent of the investigation (IPA s.63)', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(TEXT_MAX)
  exceptionalCircumstancesOverride?: string | null;
  @ApiPropertyOptional({ type: FindingsDto, nullable: true })
  @Maybe()
  @ValidateNested()
  @Type(() => FindingsDto)
  findings?: FindingsDto | null;
  @ApiPropertyOptional({ description: 'how the decider weighed the subject’s profession; required on a grant when the form names one (CoP15 3.72–3.77)', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxLength(TEXT_MAX)
  sensitiveProfessionConsideration?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) conductAuthorised?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) conditions?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) ocdaReference?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsInstantWithOffset() decidedAt?: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() oral?: boolean | null;
}

export class JudicialApprovalDto {
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) judgeName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsInstantWithOffset() decidedAt?: string | null;
}

/** `POST /applications/:id/events {type, ...payload}` (docs/architecture.md §4, §7.1). */
export class ApplicationEventDto {
  @ApiProperty({ enum: APPLICATION_EVENT_TYPES }) @IsIn(APPLICATION_EVENT_TYPES) type!: ApplicationEventType;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) reason?: string | null;
  @ApiPropertyOptional({
    ...nullableEnum(SPOC_REASON_CODES),
    description: 'RETURN_TO_APPLICANT and DECLINE: the category of the reason, counted by the statistics return (WILTS 5817(b)); without one the event is counted as not categorised',
  })
  @Maybe()
  @IsIn(SPOC_REASON_CODES)
  reasonCode?: SpocReasonCode | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) question?: string | null;
  @ApiPropertyOptional({ type: SpocSectionDto, nullable: true })
  @Maybe()
  @ValidateNested()
  @Type(() => SpocSectionDto)
  spoc?: SpocSectionDto | null;
  @ApiPropertyOptional({ type: DecisionDto, nullable: true })
  @Maybe()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto | null;
  @ApiPropertyOptional({ type: JudicialApprovalDto, nullable: true })
  @Maybe()
  @ValidateNested()
  @Type(() => JudicialApprovalDto)
  judicialApproval?: JudicialApprovalDto | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) writtenRecord?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) outcome?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'CANCEL on dso61 or dso61A by a DSO other than the one who granted: why that DSO is no longer available (IPA s.65(5))',
  })
  @Maybe()
  @IsString()
  @MaxLength(TEXT_MAX)
  granterUnavailable?: string | null;
}
