/**
 * The application form's codes in words (docs/law.md §3.1–§3.6), for documents a person reads: the record
 * PDF prints the whole form, and a document shows no code (docs/architecture.md §14). The API keeps the
 * codes. Each table is a `Record` over its vocabulary in application.types.ts (the field names too), so a
 * new code or field fails to compile until it has words here. Pure data (docs/architecture.md §3).
 */
import type {
  AcquisitionMethod,
  ApplicantDetails,
  ApplicationFormField,
  DataCategory,
  EntitySubtype,
  EventsSubtype,
  IcrCondition,
  IdentifierType,
  PeriodKind,
  PriorityGrade,
  RecordRoute,
  SensitiveProfession,
  SeriousCrimeBasis,
  SpocSection,
  SubjectRole,
} from './application.types';

/** Who authorises, and under which section (docs/law.md §2.1, §10). */
export const ROUTE_LABELS: Readonly<Record<RecordRoute, string>> = Object.freeze({
  ipc60A: 'OCDA, on behalf of the Investigatory Powers Commissioner (IPA s.60A)',
  dso61: 'A designated senior officer (IPA s.61)',
  dso61A: 'A designated senior officer, urgently (IPA s.61A)',
  ripa22: 'A designated person under RIPA 2000 s.22',
});

/** National Priority Grading Scheme (docs/law.md §3.1). */
export const PRIORITY_GRADE_LABELS: Readonly<Record<PriorityGrade, string>> = Object.freeze({
  grade1: 'Grade 1 (immediate threat to life)',
  grade2: 'Grade 2 (exceptionally urgent)',
  grade3: 'Grade 3 (not urgent but time-critical)',
  routine: 'Routine (ungraded)',
});

/** Which limb of the serious-crime test is relied on (docs/law.md §3.2; IPA s.86(2A)). */
export const SERIOUS_CRIME_BASIS_LABELS: Readonly<Record<SeriousCrimeBasis, string>> = Object.freeze({
  s263SeriousCrime: 'Serious crime as defined in IPA s.263',
  twelveMonthsPlus: 'An offence for which an adult may be imprisoned for 12 months or more',
  nonIndividualOffender: 'An offence by a person who is not an individual',
  communicationOrPrivacyOffence: 'An offence involving sending a communication or a breach of privacy',
  notApplicable: 'Not applicable to the purpose',
});

/** Subject categories (docs/law.md §3.3). */
export const SUBJECT_ROLE_LABELS: Readonly<Record<SubjectRole, string>> = Object.freeze({
  suspect: 'Suspect',
  victim: 'Victim',
  complainant: 'Complainant',
  witness: 'Witness',
  nextOfKin: 'Next of kin',
  vulnerablePerson: 'Vulnerable person',
  other: 'Other subject',
});

/** Professions handling confidential information (docs/law.md §3.3). */
export const SENSITIVE_PROFESSION_LABELS: Readonly<Record<SensitiveProfession, string>> = Object.freeze({
  lawyer: 'Lawyer',
  journalist: 'Journalist',
  memberOfParliament: 'Member of Parliament',
  ministerOfReligion: 'Minister of religion',
  medicalDoctor: 'Medical doctor',
  other: 'Another sensitive profession',
});

/** Identifier types (docs/law.md §3.3). */
export const IDENTIFIER_TYPE_LABELS: Readonly<Record<IdentifierType, string>> = Object.freeze({
  msisdn: 'Telephone number',
  imei: 'Handset identity number (IMEI)',
  imsi: 'SIM subscriber identity (IMSI)',
  ipv4: 'IP address (version 4)',
  ipv6: 'IP address (version 6)',
  ipPort: 'IP address and port',
  email: 'Email address',
  accountId: 'Account identifier',
  username: 'Username',
  postalItem: 'Postal item reference',
  other: 'Other identifier',
});

/** Entity or events data (docs/law.md §3.4; IPA s.261(3)–(4)). */
export const DATA_CATEGORY_LABELS: Readonly<Record<DataCategory, string>> = Object.freeze({
  entity: 'Entity data',
  events: 'Events data',
});

/** Data subtypes, entity and events alike (docs/law.md §3.4). */
export const DATA_SUBTYPE_LABELS: Readonly<Record<EntitySubtype | EventsSubtype, string>> = Object.freeze({
  subscriber: 'Subscriber details',
  deviceDetails: 'Device details',
  ipAddressResolution: 'IP address resolution',
  callDataRecords: 'Call records',
  cellSite: 'Cell site (location) records',
  ipSessionLogs: 'IP session logs',
  emailConnectionLogs: 'Email connection logs',
  internetConnectionRecord: 'Internet connection records',
  dataVolumes: 'Data volumes',
  postalTracking: 'Postal tracking records',
});

/** The kind of period an item covers (docs/law.md §3.4). */
export const PERIOD_KIND_LABELS: Readonly<Record<PeriodKind, string>> = Object.freeze({
  historic: 'Historic',
  current: 'Current',
  future: 'Future',
  lastTransaction: 'Last transaction',
});

/** IPA s.62 conditions for an internet connection record (docs/law.md §2.2). */
export const ICR_CONDITION_LABELS: Readonly<Record<IcrCondition, string>> = Object.freeze({
  A: 'Condition A (IPA s.62(3))',
  B: 'Condition B (IPA s.62(4))',
  C: 'Condition C (IPA s.62(5))',
});

/** How the SPOC will obtain the data (docs/law.md §3.6). */
export const ACQUISITION_METHOD_LABELS: Readonly<Record<AcquisitionMethod, string>> = Object.freeze({
  cspSecureSystem: "Through the operator's secure system",
  automaticAcquisition: 'Automatic acquisition',
  notice: 'By notice to the operator',
});

/** Every field of the form, as the record prints it (docs/law.md §3.1–§3.5). */
export const APPLICATION_FORM_FIELD_LABELS: Readonly<Record<ApplicationFormField, string>> = Object.freeze({
  applicantDetails: "Applicant's details",
  operationName: 'Operation name',
  investigationRef: 'Investigation reference',
  route: 'Route',
  priorityGrade: 'Priority grade',
  renewalOf: 'Renewal of',
  statutoryPurpose: 'Statutory purpose',
  offences: 'Offences',
  seriousCrimeBasis: 'Serious crime basis',
  investigationSummary: 'Summary of the investigation',
  subjects: 'Subjects',
  sensitiveProfession: 'Sensitive profession',
  sensitiveProfessionConsiderations: "Applicant's consideration of the sensitive profession",
  journalisticSourceSought: "Seeks to identify a journalist's source",
  imminentThreatToLife: 'Imminent threat to life (as the applicant asserts)',
  identifiers: 'Identifiers',
  dataItems: 'Data items',
  necessity: 'Necessity',
  proportionality: 'Proportionality',
  collateralIntrusion: 'Collateral intrusion',
  unintendedConsequences: 'Unintended consequences',
  howDataWillBeUsed: 'How the data will be used',
  urgencyJustification: 'Why it is urgent',
  exceptionalCircumstances: 'Why no SPOC could be consulted',
});

/** The applicant's identity block (docs/law.md §3.1). */
export const APPLICANT_DETAILS_LABELS: Readonly<Record<keyof ApplicantDetails, string>> = Object.freeze({
  name: 'Name',
  designation: 'Designation',
  officeRankPosition: 'Office, rank or position',
  team: 'Team',
  contact: 'Contact',
});

/** The SPOC's section (docs/law.md §3.6). */
export const SPOC_SECTION_FIELD_LABELS: Readonly<Record<keyof SpocSection, string>> = Object.freeze({
  spocAdvice: "The SPOC's advice",
  acquisitionMethod: 'Acquisition method',
  costEstimate: 'Cost estimate',
  practicalityAssessment: 'Practicality',
  accreditationId: 'SPOC accreditation',
  spocName: 'SPOC',
  consultedAt: 'SPOC consulted at',
  returnReasons: 'Return reasons',
  sensitiveProfessionAdvice: "The SPOC's advice on the sensitive profession",
});
