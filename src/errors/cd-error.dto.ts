import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsInstantWithOffset, Maybe, SHORT_MAX, TEXT_MAX } from '../applications/public-api';
import {
  CAUSE_CODES,
  CD_ERROR_EVENT_TYPES,
  CD_ERROR_KINDS,
  CD_ERROR_STATES,
  DATA_DISPOSALS,
  IPC_RESPONSES,
  RESPONSIBLE_PARTIES,
  type CauseCode,
  type CdErrorEventType,
  type CdErrorKind,
  type CdErrorState,
  type DataDisposal,
  type IpcResponse,
  type ResponsibleParty,
} from '../workflow/cd-error.types';
import { nullableEnum } from '../http/openapi';
import { MaxReportText } from './report-text-validator';


/** The report fields of docs/law.md §4.3; each optional, so an entry can be completed step by step. */
export class CdErrorReportDto {
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('urn') urn?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('errorDescription') errorDescription?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('howItOccurred') howItOccurred?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('collateralIntrusion') collateralIntrusion?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('preventiveSteps') preventiveSteps?: string;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() dataDestructionConfirmed?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsInstantWithOffset() dataDestroyedAt?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('actionTakenOnData') actionTakenOnData?: string;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() cspInformed?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('cspNotInformedReason') cspNotInformedReason?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('excessDataDetails') excessDataDetails?: string;
  @ApiPropertyOptional({ description: 'how much data was wrongly obtained, in words; needed to report to the IPC', type: String, nullable: true })
  @Maybe()
  @IsString()
  @MaxReportText('dataWronglyObtained')
  dataWronglyObtained?: string;
  @ApiPropertyOptional({ ...nullableEnum(DATA_DISPOSALS), description: 'what was done with the data wrongly obtained; needed to report to the IPC' })
  @Maybe()
  @IsIn(DATA_DISPOSALS)
  dataDisposal?: DataDisposal;
  @ApiPropertyOptional({ description: 'when the error itself happened, when known: no later than it was discovered', type: String, nullable: true })
  @Maybe()
  @IsInstantWithOffset()
  occurredAt?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsInstantWithOffset() discoveredAt?: string;
  @ApiPropertyOptional({ description: 'the 10 working days run from here (IPCO-18 17.4)', type: String, nullable: true })
  @Maybe()
  @IsInstantWithOffset()
  establishedAt?: string;
  @ApiPropertyOptional(nullableEnum(RESPONSIBLE_PARTIES)) @Maybe() @IsIn(RESPONSIBLE_PARTIES) responsibleParty?: ResponsibleParty;
  @ApiPropertyOptional(nullableEnum(CAUSE_CODES)) @Maybe() @IsIn(CAUSE_CODES) causeCode?: CauseCode;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() isIpRelated?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxReportText('authoriserReview') authoriserReview?: string;
}

export class CreateCdErrorDto {
  @ApiProperty({ type: CdErrorReportDto }) @ValidateNested() @Type(() => CdErrorReportDto) report!: CdErrorReportDto;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) applicationIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  disclosureRequestIds?: string[];
}

export class PatchCdErrorDto {
  @ApiPropertyOptional({ type: CdErrorReportDto }) @IsOptional() @ValidateNested() @Type(() => CdErrorReportDto) report?: CdErrorReportDto;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) applicationIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  disclosureRequestIds?: string[];
}

/** NOTIFY_IPC_INITIAL: what is known, why the full report is not ready, and when it will follow (docs/law.md §4.4). */
export class InitialNotificationDto {
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) whatIsKnown?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) whyFullReportNotReady?: string;
  @ApiPropertyOptional({ description: 'a future instant, with an offset', type: String, nullable: true }) @Maybe() @IsInstantWithOffset() fullReportExpectedBy?: string;
}

/** RECORD_SUBMISSIONS_REQUEST: when the IPC asked for the authority's submissions (IPA s.231(5)). */
export class SubmissionsRequestDto {
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsInstantWithOffset() requestedAt?: string;
  @ApiPropertyOptional({ description: 'the date the IPC gave for them, if any', type: String, nullable: true }) @Maybe() @IsInstantWithOffset() respondBy?: string;
}

/** RECORD_SUBMISSIONS: the authority's submissions and when they were made (IPA s.231(5)). */
export class SubmissionsDto {
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) text?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsInstantWithOffset() madeAt?: string;
}

/** `POST /errors/:id/events {type, ...payload}` (docs/architecture.md §7.3). */
export class CdErrorEventDto {
  @ApiProperty({ enum: CD_ERROR_EVENT_TYPES }) @IsIn(CD_ERROR_EVENT_TYPES) type!: CdErrorEventType;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) reason?: string;
  @ApiPropertyOptional(nullableEnum(CD_ERROR_KINDS)) @Maybe() @IsIn(CD_ERROR_KINDS) kind?: CdErrorKind;
  @ApiPropertyOptional({ type: CdErrorReportDto, nullable: true }) @Maybe() @ValidateNested() @Type(() => CdErrorReportDto) report?: CdErrorReportDto;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsInstantWithOffset() agreedDueAt?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) ipcAgreementReference?: string;
  @ApiPropertyOptional(nullableEnum(IPC_RESPONSES)) @Maybe() @IsIn(IPC_RESPONSES) ipcResponse?: IpcResponse;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(SHORT_MAX) ipcReference?: string;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() serious?: boolean;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Maybe() @IsBoolean() personInformed?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) determinationNotes?: string;
  @ApiPropertyOptional({ type: InitialNotificationDto, nullable: true })
  @Maybe()
  @ValidateNested()
  @Type(() => InitialNotificationDto)
  initialNotification?: InitialNotificationDto;
  @ApiPropertyOptional({ type: SubmissionsRequestDto, nullable: true })
  @Maybe()
  @ValidateNested()
  @Type(() => SubmissionsRequestDto)
  submissionsRequest?: SubmissionsRequestDto;
  @ApiPropertyOptional({ type: SubmissionsDto, nullable: true })
  @Maybe()
  @ValidateNested()
  @Type(() => SubmissionsDto)
  submissions?: SubmissionsDto;
  @ApiPropertyOptional({ type: String, nullable: true }) @Maybe() @IsString() @MaxLength(TEXT_MAX) investigationOutcome?: string;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListCdErrorsQuery {
  @ApiPropertyOptional({ enum: CD_ERROR_STATES }) @IsOptional() @IsIn(CD_ERROR_STATES) status?: CdErrorState;
  @ApiPropertyOptional({ enum: CD_ERROR_KINDS }) @IsOptional() @IsIn(CD_ERROR_KINDS) kind?: CdErrorKind;
  @ApiPropertyOptional({ enum: CAUSE_CODES }) @IsOptional() @IsIn(CAUSE_CODES) cause?: CauseCode;
  @ApiPropertyOptional({ description: 'only entries past their report due date (or the agreed one)', type: Boolean, nullable: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'only entries due within this many working days and not yet overdue', type: Number, nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  dueWithinWorkingDays?: number;
  @ApiPropertyOptional({ description: 'entries recorded at or after this instant', type: String, nullable: true }) @IsOptional() @IsInstantWithOffset() from?: string;
  @ApiPropertyOptional({ description: 'entries recorded before this instant', type: String, nullable: true }) @IsOptional() @IsInstantWithOffset() to?: string;
  @ApiPropertyOptional({ default: 1, type: Number, nullable: true }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page: number = 1;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}
