import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { HistoryEntry, HistoryNote, PersonRef } from '../http/history.responses';
import { nullableEnum } from '../http/openapi';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  PRIORITY_GRADES,
  RECORD_ROUTES,
  type ApplicationEventType,
  type ApplicationState,
  type PriorityGrade,
  type RecordRoute,
} from '../workflow/application.types';
import {
  RIPA_PURPOSES,
  RIPA_RECORD_KINDS,
  type RipaPurpose,
  type RipaRecordKind,
  type RipaRecordParticulars,
} from '../workflow/ripa-record.types';
import { DecisionDto, SpocSectionDto } from './application-event.dto';
import { ApplicationFormDto, IdentifierDto } from './application-form.dto';
import type { CancellationRequest as CancellationRequestShape, ConversationEntry as ConversationEntryShape } from './application-conversation.mapper';
import type { ApplicationResponse } from './application.mapper';

/*
 * What the applications API answers (docs/architecture.md §8), for the OpenAPI document and the clients
 * generated from it. Each class mirrors a mapper in application.mapper.ts; a field the mapper gains is
 * added here, or the generated-client walk (test/generated-client-lifecycle.e2e-spec.ts) refuses the
 * undocumented member.
 */

/** An identifier as recorded: as typed, and in the canonical form the server derived from it. */
export class IdentifierRecord extends IdentifierDto {
  @ApiProperty({ description: 'the canonical form (E.164, a plain IMEI, a compressed IPv6 address…)', example: '+447911123456' })
  normalisedValue!: string;
}

/** The applicant's form as recorded: what was sent (team aside), identifiers normalised. */
export class ApplicationFormRecord extends OmitType(ApplicationFormDto, ['teamMemberIds', 'identifiers'] as const) {
  @ApiPropertyOptional({ type: [IdentifierRecord], nullable: true }) identifiers?: IdentifierRecord[] | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'the application this one renews' })
  renewalOf?: string | null;
}

/** The SPOC's section as recorded at SUBMIT_FOR_AUTHORISATION, with who the SPOC was. */
export class SpocSectionRecord extends SpocSectionDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the SPOC’s accreditation (PIN)' }) accreditationId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) spocName?: string | null;
}

/** An event the state defines and the caller's roles may send, which a rule blocks whatever the payload. */
export class ApplicationBlockedEvent {
  @ApiProperty({ enum: APPLICATION_EVENT_TYPES }) event!: ApplicationEventType;
  @ApiProperty({ description: 'the rule code the event would be refused with' }) code!: string;
  @ApiProperty({ description: 'why, for a person' }) message!: string;
}

/** One message of the exchange between applicant, SPOC, authoriser and Judicial Commissioner. */
export class ConversationEntry implements Partial<ConversationEntryShape> {
  @ApiProperty({ type: 'integer', description: 'the history row it comes from' }) position!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: APPLICATION_EVENT_TYPES }) eventType!: ApplicationEventType;
  @ApiProperty({ description: 'what happened, in words' }) what!: string;
  @ApiProperty({ type: () => PersonRef }) from!: PersonRef;
  @ApiProperty({ type: () => PersonRef, nullable: true, description: 'whose decision it was, when the sender recorded someone else’s' }) decider!: PersonRef | null;
  @ApiProperty({ type: [HistoryNote] }) notes!: HistoryNote[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'the position of the return or request this answers' }) inReplyTo!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the position of the entry that answered this one' }) answeredBy!: number | null;
  @ApiProperty({ type: [String], description: 'the form fields changed since the return or request this answers' }) changedFields!: string[];
}

/** A finding that no SPOC need be consulted, with who made it (IPA s.76(A1), (1)–(3)). */
export class SpocNotConsultedFinding {
  @ApiProperty({
    enum: ['applicant', 'designatedSeniorOfficer'],
    description: 'the applicant on ipc60A, at submission; the DSO on dso61 and dso61A, at grant',
  })
  recordedBy!: 'applicant' | 'designatedSeniorOfficer';
  @ApiProperty() reasons!: string;
}

/**
 * The findings on the record, each made by the person the statute gives it to, flagged for inspection and
 * counted in the statistics (docs/law.md §3.7 findings). Derived from the form and the decision.
 */
export class ApplicationFindings {
  @ApiProperty({ type: String, nullable: true, description: 'the authoriser’s reasons for finding an imminent threat to life (IPA s.77): a journalistic-source grant then skipped the Judicial Commissioner' })
  imminentThreatToLife!: string | null;
  @ApiProperty({ type: () => SpocNotConsultedFinding, nullable: true, description: 'exceptional circumstances in which no SPOC was consulted (IPA s.76(2)–(3))' })
  spocNotConsulted!: SpocNotConsultedFinding | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'the granting DSO declared independence of the investigation (IPA s.63); null unless a DSO route has a decision' })
  independenceDeclared!: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: 'the DSO’s exceptional circumstances for not being independent of the investigation (IPA s.63)' })
  independenceException!: string | null;
}

/** A request to cancel not yet acted on by the person IPA s.65 names (docs/law.md §2.5). */
export class CancellationRequest implements Partial<CancellationRequestShape> {
  @ApiProperty({ type: 'integer', description: 'the history row it comes from' }) position!: number;
  @ApiProperty({ type: () => PersonRef, description: 'who asked, and the role they acted in' }) by!: PersonRef;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'why they find it no longer necessary or proportionate; null once blanked under a retention decision' })
  reason!: string | null;
}

/**
 * A record made under RIPA 2000 Part 1 Chapter 2 as it was imported: an authorisation (s.22(3)) or a notice
 * (s.22(4)) granted by a designated person (s.25(2)), with its original reference and dates as written.
 */
export class RipaRecordParticularsRecord implements RipaRecordParticulars {
  @ApiProperty({ description: 'the reference or URN the record was made under, as it was; unique within the authority' }) originalReference!: string;
  @ApiProperty({ enum: RIPA_RECORD_KINDS, description: 'an authorisation under RIPA s.22(3) or a notice under s.22(4)' }) kind!: RipaRecordKind;
  @ApiProperty({ format: 'date-time', description: 'when it was applied for, with its offset as written' }) appliedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'when the designated person granted or gave it' }) grantedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it expired, where the record says' }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it was cancelled, where it was' }) cancelledAt!: string | null;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ description: 'the applicant’s office, rank or position' }) applicantRank!: string;
  @ApiProperty() designatedPersonName!: string;
  @ApiProperty({ description: 'the designated person’s office, rank or position (RIPA s.25(2))' }) designatedPersonRank!: string;
  @ApiProperty({ description: 'the designated person’s consideration of necessity (RIPA s.22(1))' }) necessity!: string;
  @ApiProperty({ description: 'the designated person’s consideration of proportionality (RIPA s.22(5))' }) proportionality!: string;
  @ApiProperty({ enum: RIPA_PURPOSES, description: 'the ground of RIPA s.22(2), by its letter: `s22_2_b` is (b), crime or disorder' }) purpose!: RipaPurpose;
  @ApiProperty({ description: 'the data sought, as the record describes it' }) dataSought!: string;
  @ApiProperty({ description: 'the communications service provider' }) csp!: string;
}

/** The duty to consider cancellation once every request to a CSP has finished (IPA s.65; docs/law.md §2.5). */
export class CancellationDutyPrompt {
  @ApiProperty({ format: 'date-time', description: 'when the last request to a CSP finished' }) since!: string;
  @ApiProperty({ description: 'what the SPOC and the person who granted it must consider, in words' }) message!: string;
}

/** An application as `GET /applications/:id` and every write answer it, with what this caller may send next. */
export class Application implements Partial<ApplicationResponse> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'TVP/2026/000042' }) urn!: string;
  @ApiProperty({ format: 'uuid' }) authorityId!: string;
  @ApiProperty({
    format: 'uuid',
    description: 'the applicant of record; for a record made under RIPA 2000, the person who imported it (the RIPA applicant is named in `ripa`)',
  })
  applicantId!: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'the investigation team (they see it and may not authorise it)' })
  teamMemberIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the reviewing SPOC' }) spocId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'whose grant it is' }) grantedById!: string | null;
  @ApiProperty({ ...nullableEnum(RECORD_ROUTES), description: 'the IPA route; `ripa22` for a record made under RIPA 2000 and imported' })
  route!: RecordRoute | null;
  @ApiProperty({ enum: APPLICATION_STATES, description: '`ripaRecord` for a record made under RIPA 2000 and imported: no event applies to it' })
  status!: ApplicationState;
  @ApiProperty({ type: 'integer', description: 'the number of changes so far; the ETag is this number, quoted' }) version!: number;
  @ApiProperty({ description: 'the statechart version the record follows' }) machineVersion!: string;
  @ApiProperty({ type: () => ApplicationFormRecord }) form!: ApplicationFormRecord;
  @ApiProperty({ type: () => SpocSectionRecord, nullable: true }) spocSection!: SpocSectionRecord | null;
  @ApiProperty({ type: () => DecisionDto, nullable: true, description: 'the authoriser’s decision, once granted' }) decision!: DecisionDto | null;
  @ApiProperty({ type: () => ApplicationFindings, description: 'the statutory findings on the record, with who made them' })
  findings!: ApplicationFindings;
  @ApiProperty({ description: 'granted orally (dso61A); a written record then falls due' }) oralGrant!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) writtenRecordDueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the application this one renews' }) renewalOf!: string | null;
  @ApiProperty({
    type: () => RipaRecordParticularsRecord,
    nullable: true,
    description: 'the particulars of a record made under RIPA 2000 and imported (route `ripa22`); null for an application made here',
  })
  ripa!: RipaRecordParticularsRecord | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ enum: APPLICATION_EVENT_TYPES, isArray: true, description: 'the events this caller may send now (guards aside)' })
  allowedEvents!: ApplicationEventType[];
  @ApiProperty({ type: [ApplicationBlockedEvent], description: 'the events a rule blocks for this caller now, with why' })
  blockedEvents!: ApplicationBlockedEvent[];
  @ApiProperty({ type: [ConversationEntry], description: 'the exchange so far, oldest first' }) conversation!: ConversationEntry[];
  @ApiProperty({
    type: [CancellationRequest],
    description: 'requests to cancel made since the last cancellation, while the authorisation is in force; empty once it is cancelled, expires or closes',
  })
  cancellationRequests!: CancellationRequest[];
  @ApiProperty({
    type: () => CancellationDutyPrompt,
    nullable: true,
    description: 'to the SPOC and the person who granted it, once every request to a CSP under a still-valid authorisation has finished',
  })
  cancellationDuty!: CancellationDutyPrompt | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'how many overlaps `GET /applications/{id}/overlaps` lists for this caller (the duplicate-acquisition warning); null for a caller whose roles may not read it',
  })
  overlapCount!: number | null;
}

/** An entry of `GET /applications`: the header without the form. */
export class ApplicationSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() urn!: string;
  @ApiProperty({ format: 'uuid' }) authorityId!: string;
  @ApiProperty({ format: 'uuid' }) applicantId!: string;
  @ApiProperty(nullableEnum(RECORD_ROUTES)) route!: RecordRoute | null;
  @ApiProperty({ enum: APPLICATION_STATES }) status!: ApplicationState;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: String, nullable: true }) operationName!: string | null;
  @ApiProperty({ ...nullableEnum(PRIORITY_GRADES), description: 'the form’s priority grade; null while the form gives none' })
  priorityGrade!: PriorityGrade | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'when it last changed: an event or an edit of the form' }) updatedAt!: string;
}

/** A page of `GET /applications`, newest first. */
export class ApplicationPage {
  @ApiProperty({ type: [ApplicationSummary] }) items!: ApplicationSummary[];
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100 }) pageSize!: number;
  @ApiProperty({ type: 'integer', description: 'how many the caller may see in all' }) total!: number;
}

/** A row of an application's history. */
export class ApplicationHistoryEntry extends HistoryEntry {
  @ApiProperty({ type: () => PersonRef, nullable: true, description: 'whose decision a GRANT, REFUSE or REQUEST_MORE_INFO is, when the sender recorded someone else’s' })
  decider!: PersonRef | null;
}

/** `GET /applications/:id/history`, oldest first. */
export class ApplicationHistory {
  @ApiProperty({ type: [ApplicationHistoryEntry] }) items!: ApplicationHistoryEntry[];
}
