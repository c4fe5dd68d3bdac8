import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HistoryEntry } from '../http/history.responses';
import { nullableEnum } from '../http/openapi';
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
  type CdErrorIpcExchange,
  type CdErrorKind,
  type CdErrorState,
  type DataDisposal,
  type IpcResponse,
  type ResponsibleParty,
} from '../workflow/cd-error.types';
import { CdErrorReportDto } from './cd-error.dto';
import type { CdErrorResponse } from './cd-error.mapper';
import type {
  ErrorReportFields,
  ErrorReportHistoryRow,
  ErrorReportInitialNotification,
  ErrorReportIpcExchange,
  ErrorReportTimelineEntry,
  ErrorReportView,
} from './error-report.view';

/*
 * What the CD error register answers (docs/architecture.md §8), for the OpenAPI document and the clients
 * generated from it. Each class mirrors a mapper or view of this folder; `implements Partial<…>` lets
 * the compiler check the type of every member named here, and the generated-client walk
 * (test/generated-client-lifecycle.e2e-spec.ts) refuses a member the answer has and the class lacks.
 */

/** The report as recorded: what was sent, and what the workflow added (sighting, reporting). */
export class CdErrorReportRecord extends CdErrorReportDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'set by REPORT_TO_IPC' }) reportedAt?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'who reported it to the IPC (set by REPORT_TO_IPC)' }) reportedBy?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'set by SIGHT, or by CLOSE or REPORT_TO_IPC from assessed' }) sroSightedAt?: string;
}

/** When a part of the exchange with the IPC was recorded, and by whom. */
class RecordedPart {
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ format: 'uuid', description: 'who recorded it' }) recordedBy!: string;
}

class InitialNotificationRecord extends RecordedPart {
  @ApiProperty() whatIsKnown!: string;
  @ApiProperty() whyFullReportNotReady!: string;
  @ApiProperty({ format: 'date-time' }) fullReportExpectedBy!: string;
}

class IpcResponseRecord extends RecordedPart {
  @ApiProperty({ enum: IPC_RESPONSES }) ipcResponse!: IpcResponse;
  @ApiProperty({ type: String, nullable: true }) ipcReference!: string | null;
}

class SubmissionsRequestRecord extends RecordedPart {
  @ApiProperty({ format: 'date-time', description: 'when the IPC asked (IPA s.231(5))' }) requestedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondBy!: string | null;
}

class SubmissionsRecord extends RecordedPart {
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) madeAt!: string;
}

class DeterminationRecord extends RecordedPart {
  @ApiProperty() serious!: boolean;
  @ApiProperty() personInformed!: boolean;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
}

class InvestigationOutcomeRecord extends RecordedPart {
  @ApiProperty() outcome!: string;
}

/** The register's exchange with the IPC after the entry is assessed (docs/law.md §4.4); each part once recorded. */
export class CdErrorIpcExchangeRecord implements Partial<CdErrorIpcExchange> {
  @ApiPropertyOptional({ type: () => InitialNotificationRecord }) initialNotification?: InitialNotificationRecord;
  @ApiPropertyOptional({ type: () => IpcResponseRecord }) response?: IpcResponseRecord;
  @ApiPropertyOptional({ type: () => SubmissionsRequestRecord }) submissionsRequest?: SubmissionsRequestRecord;
  @ApiPropertyOptional({ type: () => SubmissionsRecord }) submissions?: SubmissionsRecord;
  @ApiPropertyOptional({ type: () => DeterminationRecord }) determination?: DeterminationRecord;
  @ApiPropertyOptional({ type: () => InvestigationOutcomeRecord }) investigationOutcome?: InvestigationOutcomeRecord;
}

/** Where a suspected entry came from: the outbox event that raised it. */
export class CdErrorSource {
  @ApiProperty({ description: 'the kind of event', example: 'writtenRecordOverdue' }) type!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) eventId!: string | null;
}

/** An event the state defines and the caller's roles may send, which a rule blocks whatever the payload. */
export class CdErrorBlockedEvent {
  @ApiProperty({ enum: CD_ERROR_EVENT_TYPES }) event!: CdErrorEventType;
  @ApiProperty({ description: 'the rule code the event would be refused with' }) code!: string;
  @ApiProperty({ description: 'why, for a person' }) message!: string;
}

/** A register entry as `GET /errors/:id` and every write answer it, with what this caller may send next. */
export class CdError implements Partial<CdErrorResponse> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorityId!: string;
  @ApiProperty({ enum: CD_ERROR_STATES }) status!: CdErrorState;
  @ApiProperty({ ...nullableEnum(CD_ERROR_KINDS), description: 'set by ASSESS' }) kind!: CdErrorKind | null;
  @ApiProperty(nullableEnum(CAUSE_CODES)) causeCode!: CauseCode | null;
  @ApiProperty(nullableEnum(RESPONSIBLE_PARTIES)) responsibleParty!: ResponsibleParty | null;
  @ApiProperty() isIpRelated!: boolean;
  @ApiProperty({ type: () => CdErrorReportRecord }) report!: CdErrorReportRecord;
  @ApiProperty({ type: [String], format: 'uuid' }) applicationIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) disclosureRequestIds!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) discoveredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) establishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'a relevant error’s statutory due date' }) reportDueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'a later date agreed with the IPC' }) agreedDueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the due date that applies: the agreed one, else the statutory one' })
  dueAt!: string | null;
  @ApiProperty({ description: 'past its due date at `asOf` and not yet reported' }) overdue!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reportedAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'reported after the due date that applied; null until reported, or with no due date' })
  reportedLate!: boolean | null;
  @ApiProperty({ type: () => CdErrorIpcExchangeRecord, description: 'the initial notification and what the IPC did after the report' })
  ipc!: CdErrorIpcExchangeRecord;
  @ApiProperty({ type: () => CdErrorSource, nullable: true, description: 'for an entry the system raised' }) source!: CdErrorSource | null;
  @ApiProperty({ type: 'integer', description: 'the number of changes so far; the ETag is this number, quoted' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'the instant `overdue` was computed at' }) asOf!: string;
  @ApiProperty({ enum: CD_ERROR_EVENT_TYPES, isArray: true, description: 'the events this caller may send now (guards aside)' })
  allowedEvents!: CdErrorEventType[];
  @ApiProperty({ type: [CdErrorBlockedEvent], description: 'the events a rule blocks for this caller now, with why' })
  blockedEvents!: CdErrorBlockedEvent[];
}

/** A page of `GET /errors`. */
export class CdErrorPage {
  @ApiProperty({ type: [CdError] }) items!: CdError[];
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100 }) pageSize!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
}

/** A row of an entry's history. */
export class CdErrorHistoryEntry extends HistoryEntry {}

/** `GET /errors/:id/history`, oldest first. */
export class CdErrorHistory {
  @ApiProperty({ type: [CdErrorHistoryEntry] }) items!: CdErrorHistoryEntry[];
}

/** The report fields of the IPC report (docs/law.md §4.3); null = not recorded. */
export class ErrorReportFieldValues implements Partial<ErrorReportFields> {
  @ApiProperty({ type: String, nullable: true }) errorDescription!: string | null;
  @ApiProperty({ type: String, nullable: true }) howItOccurred!: string | null;
  @ApiProperty({ type: String, nullable: true }) collateralIntrusion!: string | null;
  @ApiProperty({ type: String, nullable: true }) preventiveSteps!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) dataDestructionConfirmed!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) dataDestroyedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) actionTakenOnData!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) cspInformed!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) cspNotInformedReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) excessDataDetails!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'how much data was wrongly obtained' }) dataWronglyObtained!: string | null;
  @ApiProperty({ ...nullableEnum(DATA_DISPOSALS), description: 'what was done with it' }) dataDisposal!: DataDisposal | null;
  @ApiProperty({ type: String, nullable: true }) occurredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) discoveredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) establishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) reportedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) reportedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) sroSightedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) authoriserReview!: string | null;
}

/** A dated line of the report's timeline. */
export class ErrorReportTimelineItem implements Partial<ErrorReportTimelineEntry> {
  @ApiProperty() at!: string;
  @ApiProperty() label!: string;
}

/** A row of the entry's history as the report prints it. */
export class ErrorReportHistoryItem implements Partial<ErrorReportHistoryRow> {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() at!: string;
  @ApiProperty() event!: string;
  @ApiProperty({ description: 'who acted, by name' }) actor!: string;
  @ApiProperty({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty() hash!: string;
  @ApiProperty() prevHash!: string;
}

/** The initial notification, when the full facts could not be reported in time (docs/law.md §4.4). */
export class ErrorReportInitialNotificationValues implements Partial<ErrorReportInitialNotification> {
  @ApiProperty() whatIsKnown!: string;
  @ApiProperty() whyFullReportNotReady!: string;
  @ApiProperty({ format: 'date-time' }) fullReportExpectedBy!: string;
  @ApiProperty({ format: 'date-time' }) madeAt!: string;
  @ApiProperty({ description: 'who made it, by name' }) madeBy!: string;
}

/** The IPC's answer and what followed (docs/law.md §4.4; IPA s.231(5)); null = not yet. */
export class ErrorReportIpcExchangeValues implements Partial<ErrorReportIpcExchange> {
  @ApiProperty(nullableEnum(IPC_RESPONSES)) response!: IpcResponse | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: String, nullable: true }) submissionsRequestedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) submissionsDueBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) submissions!: string | null;
  @ApiProperty({ type: String, nullable: true }) submissionsMadeAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) seriousError!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) personInformed!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) determinationNotes!: string | null;
  @ApiProperty({ type: String, nullable: true }) investigationOutcome!: string | null;
}

/** `GET /errors/:id/report`: the report to the IPC, as the PDF prints it. */
export class ErrorReport implements Partial<ErrorReportView> {
  @ApiProperty({ format: 'uuid' }) errorId!: string;
  @ApiProperty() authorityName!: string;
  @ApiProperty() status!: string;
  @ApiProperty(nullableEnum(CD_ERROR_KINDS)) kind!: CdErrorKind | null;
  @ApiProperty() causeCode!: string;
  @ApiProperty() responsibleParty!: string;
  @ApiProperty() isIpRelated!: boolean;
  @ApiProperty({ type: [String], description: 'URNs of the authorisations or notices concerned' }) linkedUrns!: string[];
  @ApiProperty({ type: [String] }) linkedDisclosureRequestIds!: string[];
  @ApiProperty({ type: () => ErrorReportFieldValues }) fields!: ErrorReportFieldValues;
  @ApiProperty({ type: String, nullable: true }) reportDueAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) agreedDueAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'reported after the due date that applied; null until reported, or with no due date' })
  reportedLate!: boolean | null;
  @ApiProperty({ type: () => ErrorReportInitialNotificationValues, nullable: true }) initialNotification!: ErrorReportInitialNotificationValues | null;
  @ApiProperty({ type: () => ErrorReportIpcExchangeValues }) ipc!: ErrorReportIpcExchangeValues;
  @ApiProperty({ type: [ErrorReportTimelineItem] }) timeline!: ErrorReportTimelineItem[];
  @ApiProperty({ type: [ErrorReportHistoryItem] }) history!: ErrorReportHistoryItem[];
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ description: 'who asked for the report, by name' }) generatedBy!: string;
}
