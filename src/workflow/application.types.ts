/**
 * The communications-data application as plain data (docs/law.md §3.1–3.7; docs/architecture.md §7.1).
 * Pure types and constant lists: no Nest, no TypeORM, no I/O.
 */
import { RIPA_RECORD_STATE, RIPA_ROUTE } from './ripa-record.types';

/**
 * Statutory route under IPA Part 3, i.e. who authorises (docs/law.md §2.1; names per docs/architecture.md
 * §7.4): the only routes an application can be made or renewed on.
 */
export const ROUTES = ['ipc60A', 'dso61', 'dso61A'] as const;
export type Route = (typeof ROUTES)[number];

/**
 * The route of any record the service holds: an IPA route, or `ripa22` for a record made under RIPA 2000
 * s.22 and imported (ripa-record.types.ts). Kept apart from {@link ROUTES} so that no application can be
 * made on the RIPA route.
 */
export const RECORD_ROUTES = [...ROUTES, RIPA_ROUTE] as const;
export type RecordRoute = (typeof RECORD_ROUTES)[number];

/** National Priority Grading Scheme grade; `routine` = ungraded (docs/law.md §3.1 `priorityGrade`). */
export const PRIORITY_GRADES = ['grade1', 'grade2', 'grade3', 'routine'] as const;
export type PriorityGrade = (typeof PRIORITY_GRADES)[number];

/** Statutory purposes for acquisition (docs/law.md §3.2 `statutoryPurpose`; DRAR-8). */
export const STATUTORY_PURPOSES = [
  'nationalSecurity', 'applicableCrime', 'economicWellBeingNS', 'publicSafety', 'preventDeathOrInjury',
  'miscarriageOfJustice', 'identifyDeceasedOrIncapacitated',
] as const;
export type StatutoryPurpose = (typeof STATUTORY_PURPOSES)[number];

/** How the serious-crime threshold is said to be met (docs/law.md §3.2 `seriousCrimeBasis`). */
export const SERIOUS_CRIME_BASES = [
  's263SeriousCrime', 'twelveMonthsPlus', 'nonIndividualOffender', 'communicationOrPrivacyOffence',
  'notApplicable',
] as const;
export type SeriousCrimeBasis = (typeof SERIOUS_CRIME_BASES)[number];

/** An offence under investigation: the evidence for the serious-crime test (docs/law.md §3.2, §2.2). */
export interface Offence {
  description: string;
  statute?: string;
  /** Maximum sentence for an adult, in months; null when there is no custodial maximum. */
  maxSentenceAdultMonths?: number | null;
  isS263SeriousCrime?: boolean;
  isByNonIndividual?: boolean;
  involvesSendingCommunication?: boolean;
  involvesPrivacyBreach?: boolean;
}

/** Subject categories (docs/law.md §3.3 `subjects[].role`). */
export const SUBJECT_ROLES = [
  'suspect', 'victim', 'complainant', 'witness', 'nextOfKin', 'vulnerablePerson', 'other',
] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export interface Subject {
  role: SubjectRole;
  name?: string;
  linkToEvent?: string;
}

/** Professions handling confidential information (docs/law.md §3.3 `sensitiveProfession`). */
export const SENSITIVE_PROFESSIONS = [
  'lawyer', 'journalist', 'memberOfParliament', 'ministerOfReligion', 'medicalDoctor', 'other',
] as const;
export type SensitiveProfession = (typeof SENSITIVE_PROFESSIONS)[number];

/** Identifier types (docs/law.md §3.3 `identifiers[].type`). */
export const IDENTIFIER_TYPES = [
  'msisdn', 'imei', 'imsi', 'ipv4', 'ipv6', 'ipPort', 'email', 'accountId', 'username', 'postalItem',
  'other',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** A communications address as given and as normalised (docs/law.md §3.3 `identifiers[]`). */
export interface Identifier {
  /** Stable reference within the application, used by data items. */
  ref: string;
  type: IdentifierType;
  value: string;
  normalisedValue: string;
  /** Where the identifier came from (victim, witness, intelligence report…): transposition is the top error cause. */
  source: string;
  subjectRef?: string | null;
}

export const DATA_CATEGORIES = ['entity', 'events'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Entity-data subtypes (docs/law.md §3.4; IPA s.261(3)). */
export const ENTITY_SUBTYPES = ['subscriber', 'deviceDetails', 'ipAddressResolution'] as const;
export type EntitySubtype = (typeof ENTITY_SUBTYPES)[number];

/** Events-data subtypes (docs/law.md §3.4; IPA s.261(4)). */
export const EVENTS_SUBTYPES = [
  'callDataRecords', 'cellSite', 'ipSessionLogs', 'emailConnectionLogs', 'internetConnectionRecord',
  'dataVolumes', 'postalTracking',
] as const;
export type EventsSubtype = (typeof EVENTS_SUBTYPES)[number];

/** The subtype that is an internet connection record (IPA s.62). */
export const ICR_SUBTYPE: EventsSubtype = 'internetConnectionRecord';

export const PERIOD_KINDS = ['historic', 'current', 'future', 'lastTransaction'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** IPA s.62 conditions under which an ICR may be authorised (docs/law.md §2.2 `icrConditions`). */
export const ICR_CONDITIONS = ['A', 'B', 'C'] as const;
export type IcrCondition = (typeof ICR_CONDITIONS)[number];

/** One item of data sought: the statistical unit (docs/law.md §3.4). */
export interface DataItem {
  ref: string;
  identifierRef: string;
  category: DataCategory;
  /** One of {@link ENTITY_SUBTYPES} or {@link EVENTS_SUBTYPES}, matching `category`. */
  subtype: string;
  periodKind: PeriodKind;
  /** ISO 8601 with an explicit offset, e.g. `2026-03-01T00:00:00+00:00` (wrong time zone is a recurrent error). */
  periodStart: string;
  periodEnd: string;
  /** IANA zone the applicant reasoned in, when it matters (IP data). */
  timeZone?: string | null;
  csp: string;
  icrCondition: IcrCondition | null;
}

/** Applicant's identity block (docs/law.md §3.1). */
export interface ApplicantDetails {
  name?: string | null;
  designation?: string | null;
  officeRankPosition?: string | null;
  team?: string | null;
  contact?: string | null;
}

/**
 * What the applicant writes (docs/law.md §3.1–3.5): everything except the SPOC section and the
 * decision. Every field is optional or nullable so that a draft can be saved half-written; the
 * form-complete guard says what is missing.
 */
export interface ApplicationForm {
  // §3.1 header
  applicantDetails?: ApplicantDetails | null;
  operationName?: string | null;
  investigationRef?: string | null;
  route?: Route | null;
  priorityGrade?: PriorityGrade | null;
  /** Id of the application this renews (a renewal is a linked new application, docs/architecture.md §7.1). */
  renewalOf?: string | null;
  // §3.2 purpose and offence
  statutoryPurpose?: StatutoryPurpose | null;
  offences?: Offence[] | null;
  seriousCrimeBasis?: SeriousCrimeBasis | null;
  investigationSummary?: string | null;
  // §3.3 subjects and identifiers
  subjects?: Subject[] | null;
  sensitiveProfession?: SensitiveProfession | null;
  /**
   * How the applicant has weighed the subject's profession in necessity, proportionality and collateral
   * intrusion; required when `sensitiveProfession` is set (docs/law.md §3.3 sensitive professions).
   */
  sensitiveProfessionConsiderations?: string | null;
  journalisticSourceSought?: boolean | null;
  imminentThreatToLife?: boolean | null;
  identifiers?: Identifier[] | null;
  // §3.4 data
  dataItems?: DataItem[] | null;
  // §3.5 justification
  necessity?: string | null;
  proportionality?: string | null;
  collateralIntrusion?: string | null;
  unintendedConsequences?: string | null;
  howDataWillBeUsed?: string | null;
  urgencyJustification?: string | null;
  /** Why no SPOC could be consulted (IPA s.76(2)); needed for SUBMIT_URGENT_WITHOUT_SPOC. */
  exceptionalCircumstances?: string | null;
}

export type ApplicationFormField = keyof ApplicationForm;

/**
 * Fields that must be present (non-empty string, non-empty array, or a boolean for yes/no questions)
 * before the form leaves the applicant (docs/law.md §2.4 SUBMIT_TO_SPOC "required fields present";
 * §3.1–3.5). Conditional requirements (offences for the crime purpose, urgency on `dso61A`) are
 * checked by the guards themselves.
 */
export const REQUIRED_FORM_FIELDS = [
  'applicantDetails',
  'investigationRef',
  'route',
  'priorityGrade',
  'statutoryPurpose',
  'investigationSummary',
  'subjects',
  'journalisticSourceSought',
  'imminentThreatToLife',
  'identifiers',
  'dataItems',
  'necessity',
  'proportionality',
  'collateralIntrusion',
  'unintendedConsequences',
  'howDataWillBeUsed',
] as const satisfies readonly ApplicationFormField[];

export const ACQUISITION_METHODS = ['cspSecureSystem', 'automaticAcquisition', 'notice'] as const;
export type AcquisitionMethod = (typeof ACQUISITION_METHODS)[number];

/** The SPOC's section (docs/law.md §3.6; IPA s.76(5)–(6)). */
export interface SpocSection {
  spocAdvice?: string | null;
  acquisitionMethod?: AcquisitionMethod | null;
  costEstimate?: string | null;
  practicalityAssessment?: string | null;
  accreditationId?: string | null;
  spocName?: string | null;
  /** ISO 8601 with offset. */
  consultedAt?: string | null;
  returnReasons?: string[] | null;
  /** The SPOC's advice on the subject's profession; required when the form names one (docs/law.md §3.3). */
  sensitiveProfessionAdvice?: string | null;
}

/** A finding the statute gives to a named person, recorded with that person's reasons (docs/law.md §3.7 findings). */
export interface Finding {
  reasons?: string | null;
}

/**
 * The findings the decider makes at GRANT, each with reasons, kept on the decision for inspection and the
 * statistics (docs/law.md §3.7 findings): the imminent threat to life that takes a journalistic-source
 * authorisation past the Judicial Commissioner (IPA s.77(1)(b), (1A)(b)), and a DSO's exceptional
 * circumstances for granting without consulting a SPOC (IPA s.76(1)–(3)). The DSO's s.63 exception is
 * `AuthorisationDecision.exceptionalCircumstancesOverride`.
 */
export interface AuthorisationFindings {
  imminentThreatToLife?: Finding | null;
  spocNotConsulted?: Finding | null;
}

/**
 * The authoriser's decision (docs/law.md §3.7). Sent with GRANT (and, when a SPOC records OCDA's
 * answer, with REFUSE and REQUEST_MORE_INFO). `deciderId` names the deciding person when it is not
 * the sender (a SPOC recording an oral DSO grant, docs/architecture.md §7.1 footnote ²).
 */
export interface AuthorisationDecision {
  deciderId?: string | null;
  deciderName?: string | null;
  officeRank?: string | null;
  rationale?: string | null;
  independenceDeclaration?: boolean | null;
  /** Why a non-independent decider had to act (IPA s.63 exceptions); recorded with the guard inputs. */
  exceptionalCircumstancesOverride?: string | null;
  /** The decider's own findings under IPA s.76(2) and s.77 (docs/law.md §3.7 findings). */
  findings?: AuthorisationFindings | null;
  /**
   * How the decider weighed the subject's profession; required on a grant when the form names one
   * (docs/law.md §3.3 sensitive professions).
   */
  sensitiveProfessionConsideration?: string | null;
  conductAuthorised?: string | null;
  conditions?: string | null;
  /** OCDA's own case reference, when a SPOC records OCDA's decision. */
  ocdaReference?: string | null;
  /** ISO 8601 with offset: when the decider decided (may precede the recording). */
  decidedAt?: string | null;
  /** An oral urgent grant (dso61A only); a written record then falls due. */
  oral?: boolean | null;
}

/** A Judicial Commissioner's answer under IPA s.77 (docs/law.md §3.7 `jcApproval`). */
export interface JudicialApprovalRecord {
  judgeName?: string | null;
  decidedAt?: string | null;
}

/**
 * Flat top-level states (docs/architecture.md §7.1). `ripaRecord` is the state of a record made under RIPA
 * 2000 and imported: no event leads to it or leaves it.
 */
export const APPLICATION_STATES = [
  'draft', 'spocReview', 'returnedToApplicant', 'awaitingAuthorisation', 'awaitingJudicialApproval',
  'authorised', 'productIssued', 'cancelled', 'expired', 'refused', 'declinedBySpoc', 'withdrawn', 'quashed',
  'closed', RIPA_RECORD_STATE,
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/**
 * Why a SPOC returned an application to its applicant or declined it: the categories the return counts
 * "with reason" (WILTS 5817(b); docs/statistics.md §2). The SPOC gives one with RETURN_TO_APPLICANT or
 * DECLINE beside the reason in words; an event sent without one is counted as not categorised.
 */
export const SPOC_REASON_CODES = [
  'necessityNotShown',
  'proportionalityNotShown',
  'collateralIntrusionNotAddressed',
  'purposeOrThresholdNotMet',
  'identifierOrDataUnclear',
  'notReasonablyPractical',
  'duplicateOfExistingRequest',
  'other',
] as const;
export type SpocReasonCode = (typeof SPOC_REASON_CODES)[number];

/** Events of docs/architecture.md §7.1. */
export const APPLICATION_EVENT_TYPES = [
  'SUBMIT_TO_SPOC', 'SUBMIT_URGENT_WITHOUT_SPOC', 'WITHDRAW', 'RETURN_TO_APPLICANT', 'RESUBMIT', 'DECLINE',
  'SUBMIT_FOR_AUTHORISATION', 'REQUEST_MORE_INFO', 'GRANT', 'REFUSE', 'JC_APPROVE', 'JC_REFUSE',
  'RECORD_WRITTEN', 'ISSUE_PRODUCT', 'CANCEL', 'REQUEST_CANCELLATION', 'EXPIRE', 'CLOSE', 'RECORD_OUTCOME',
] as const;
export type ApplicationEventType = (typeof APPLICATION_EVENT_TYPES)[number];

/**
 * An event as sent (`POST /applications/:id/events {type, ...payload}`). Which payload field an
 * event reads:
 * - `reason`: WITHDRAW, RETURN_TO_APPLICANT, DECLINE, REFUSE, JC_REFUSE, CANCEL, REQUEST_CANCELLATION, CLOSE
 * - `reasonCode`: RETURN_TO_APPLICANT, DECLINE (the reason's category, for the statistics)
 * - `granterUnavailable`: CANCEL by a DSO other than the one who granted (why the granting DSO is no
 *   longer available: IPA s.65(5))
 * - `question`: REQUEST_MORE_INFO
 * - `spoc`: SUBMIT_FOR_AUTHORISATION (the SPOC section, advice mandatory)
 * - `decision`: GRANT (mandatory), REFUSE and REQUEST_MORE_INFO (the decider's details)
 * - `judicialApproval`: JC_APPROVE, JC_REFUSE
 * - `writtenRecord`: RECORD_WRITTEN
 * - `outcome`: RECORD_OUTCOME (the use made of the data)
 */
export interface ApplicationEvent {
  type: ApplicationEventType;
  reason?: string | null;
  question?: string | null;
  spoc?: SpocSection | null;
  decision?: AuthorisationDecision | null;
  judicialApproval?: JudicialApprovalRecord | null;
  writtenRecord?: string | null;
  outcome?: string | null;
  granterUnavailable?: string | null;
  /** RETURN_TO_APPLICANT and DECLINE: the category of the reason, which the statistics count (docs/statistics.md §2). */
  reasonCode?: SpocReasonCode | null;
}
