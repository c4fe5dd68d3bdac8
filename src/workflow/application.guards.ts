/**
 * Guards of the application workflow (docs/architecture.md §7.1; docs/law.md §2.2). Each guard is a pure
 * function of {@link GuardInput} returning `null` (passes) or a {@link GuardFailure} with a stable
 * rule code. No clock, no I/O: time arrives as `input.now`.
 *
 * Every exported function here must carry TSDoc citing docs/law.md and have a `describe('<name>')`
 * block in application.guards.spec.ts (enforced by application.guards.meta.spec.ts).
 */
import { failure, hasText, includes, isPresent, parseIsoWithOffset } from './guard-support';
import { authorisationEnd } from './validity';
import type { AuthorityType, EventSender } from './roles';
import {
  DATA_CATEGORIES,
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  ICR_SUBTYPE,
  IDENTIFIER_TYPES,
  PERIOD_KINDS,
  REQUIRED_FORM_FIELDS,
  STATUTORY_PURPOSES,
  SUBJECT_ROLES,
  type ApplicationEvent,
  type ApplicationForm,
  type ApplicationState,
  type DataCategory,
  type Offence,
  type PriorityGrade,
  type Route,
  type SpocSection,
} from './application.types';

// ---------------------------------------------------------------------------------------------
// Rule codes
// ---------------------------------------------------------------------------------------------

/** Stable rule codes returned by the application guards (one catalogue; docs/architecture.md §5). */
export const APPLICATION_RULE_CODES = {
  FORM_INCOMPLETE: 'FORM_INCOMPLETE',
  FORM_INVALID: 'FORM_INVALID',
  PURPOSE_NOT_STATUTORY: 'PURPOSE_NOT_STATUTORY',
  NOT_APPLICANT_OF_RECORD: 'NOT_APPLICANT_OF_RECORD',
  SPOC_NOT_ACCREDITED: 'SPOC_NOT_ACCREDITED',
  SPOC_IS_APPLICANT: 'SPOC_IS_APPLICANT',
  SPOC_WRONG_AUTHORITY: 'SPOC_WRONG_AUTHORITY',
  SERIOUS_CRIME_THRESHOLD_NOT_MET: 'SERIOUS_CRIME_THRESHOLD_NOT_MET',
  LOCAL_AUTHORITY_ROUTE: 'LOCAL_AUTHORITY_ROUTE',
  LOCAL_AUTHORITY_PURPOSE: 'LOCAL_AUTHORITY_PURPOSE',
  LOCAL_AUTHORITY_NO_ICR: 'LOCAL_AUTHORITY_NO_ICR',
  ICR_CONDITION_REQUIRED: 'ICR_CONDITION_REQUIRED',
  ICR_CONDITION_NOT_MET: 'ICR_CONDITION_NOT_MET',
  URGENCY_NOT_JUSTIFIED: 'URGENCY_NOT_JUSTIFIED',
  ROUTE_NOT_URGENT: 'ROUTE_NOT_URGENT',
  EXCEPTIONAL_CIRCUMSTANCES_REQUIRED: 'EXCEPTIONAL_CIRCUMSTANCES_REQUIRED',
  SPOC_ADVICE_REQUIRED: 'SPOC_ADVICE_REQUIRED',
  AUTHORISER_WRONG_ROUTE: 'AUTHORISER_WRONG_ROUTE',
  OCDA_DECISION_DETAILS_REQUIRED: 'OCDA_DECISION_DETAILS_REQUIRED',
  AUTHORISER_NOT_INDEPENDENT: 'AUTHORISER_NOT_INDEPENDENT',
  DSO_RANK_INSUFFICIENT: 'DSO_RANK_INSUFFICIENT',
  ORAL_GRANT_NOT_URGENT_ROUTE: 'ORAL_GRANT_NOT_URGENT_ROUTE',
  REASON_REQUIRED: 'REASON_REQUIRED',
  RATIONALE_REQUIRED: 'RATIONALE_REQUIRED',
  NOT_JUDICIAL_COMMISSIONER: 'NOT_JUDICIAL_COMMISSIONER',
  NOT_GRANTING_DSO: 'NOT_GRANTING_DSO',
  NO_WRITTEN_RECORD_OUTSTANDING: 'NO_WRITTEN_RECORD_OUTSTANDING',
  WRITTEN_RECORD_OUTSTANDING: 'WRITTEN_RECORD_OUTSTANDING',
  NOT_YET_EXPIRED: 'NOT_YET_EXPIRED',
  DISCLOSURES_OPEN: 'DISCLOSURES_OPEN',
  FINAL_PRODUCT_NOT_ISSUED: 'FINAL_PRODUCT_NOT_ISSUED',
  NO_DATA_RECEIVED_BEFORE_END: 'NO_DATA_RECEIVED_BEFORE_END',
  NOT_ENTITLED_TO_CANCEL: 'NOT_ENTITLED_TO_CANCEL',
  SRO_WRONG_AUTHORITY: 'SRO_WRONG_AUTHORITY',
  OUTCOME_REQUIRED: 'OUTCOME_REQUIRED',
  RENEWAL_TOO_LATE: 'RENEWAL_TOO_LATE',
  DATA_PERIOD_BEYOND_VALIDITY: 'DATA_PERIOD_BEYOND_VALIDITY',
  VALIDITY_ALREADY_ENDED: 'VALIDITY_ALREADY_ENDED',
  AUTHORISATION_EXPIRED: 'AUTHORISATION_EXPIRED',
} as const;
export type ApplicationRuleCode = keyof typeof APPLICATION_RULE_CODES;

const C = APPLICATION_RULE_CODES;

/** Why a guard refused: the rule code, a human detail, and the form/payload fields concerned. */
export interface GuardFailure {
  code: ApplicationRuleCode;
  detail?: string;
  fields?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Inputs and policy
// ---------------------------------------------------------------------------------------------

/** Police ranks, lowest first (docs/law.md §1 DSO row; IPA Sch 4 — recalled, verify). */
export const POLICE_RANKS = [
  'constable',
  'sergeant',
  'inspector',
  'chiefInspector',
  'superintendent',
  'chiefSuperintendent',
  'assistantChiefConstable',
  'deputyChiefConstable',
  'chiefConstable',
] as const;
export type PoliceRank = (typeof POLICE_RANKS)[number];

/**
 * Configurable workflow policy. The DSO ranks are configuration, not constants, because docs/law.md
 * marks the IPA Sch 4 ranks "recalled — verify".
 */
export interface WorkflowPolicy {
  /** Priority grades that may justify the `dso61A` urgent route (docs/law.md §2.2 urgencyJustified). */
  urgentGrades: readonly PriorityGrade[];
  /** Minimum police rank of a DSO per data category sought (docs/law.md §2.2 dsoRankSufficient). */
  dsoMinimumRank: Readonly<Record<DataCategory, PoliceRank>>;
  /** Local authorities must use NAFN as their SPOC (docs/law.md §1 nafn; §2.2 localAuthorityRestrictions). */
  localAuthorityRequiresNafnSpoc: boolean;
}

export const DEFAULT_WORKFLOW_POLICY: WorkflowPolicy = Object.freeze({
  urgentGrades: Object.freeze(['grade1', 'grade2'] as PriorityGrade[]),
  dsoMinimumRank: Object.freeze({ entity: 'inspector', events: 'superintendent' } as const),
  localAuthorityRequiresNafnSpoc: true,
});

/** Who is acting (or deciding): what the guards may know about a person. */
export interface ActorFacts {
  id: string;
  roles: readonly EventSender[];
  authorityId: string;
  authorityType: AuthorityType;
  /** A police rank from {@link POLICE_RANKS}, or another office name, or null. */
  rank: string | null;
  /** SPOC accreditation PIN; null when not accredited. */
  spocPin: string | null;
}

/** Facts owned by later modules (disclosures, products), supplied through a read interface. */
export interface DisclosureFacts {
  /** Every disclosure request is terminal and checked. */
  disclosuresTerminalAndChecked: boolean;
  /** A final product has been issued for the application. */
  finalProductIssued: boolean;
  /** Some data was received before the authorisation ended (cancelled / expired). */
  dataReceivedBeforeEnd: boolean;
}

/** The application as the guards see it (a projection of the row; docs/architecture.md §6). */
export interface ApplicationFacts {
  id: string;
  authorityId: string;
  authorityType: AuthorityType;
  applicantId: string;
  /** Members of the investigation team (they may not authorise it: IPA s.63). */
  teamMemberIds: readonly string[];
  /** Reviewing SPOC, set at SUBMIT_FOR_AUTHORISATION or the first SPOC action. */
  spocId: string | null;
  route: Route | null;
  status: ApplicationState;
  form: ApplicationForm;
  spocSection: SpocSection | null;
  /** Person id of the decider who granted (not the recorder). */
  grantedById: string | null;
  oralGrant: boolean;
  /** Non-null exactly while an oral grant's written record is outstanding. */
  writtenRecordDueAt: Date | null;
  expiresAt: Date | null;
  /** For a renewal (a linked new application): when the original ceases to have effect. */
  renewalOfExpiresAt?: Date | null;
  /** For a renewal: the original is still authorised (not cancelled, expired or quashed). */
  renewalOfLive?: boolean;
  disclosureFacts?: DisclosureFacts | null;
}

/** Everything a guard may look at. */
export interface GuardInput {
  application: ApplicationFacts;
  /** The sender (for a recorded decision: the recorder). */
  actor: ActorFacts;
  /** The named decider when someone else's decision is recorded (docs/architecture.md §7.1 footnotes ¹ ²). */
  decider?: ActorFacts | null;
  event: ApplicationEvent;
  policy: WorkflowPolicy;
  now: Date;
}

export type GuardFn = (input: GuardInput) => GuardFailure | null;

// ---------------------------------------------------------------------------------------------
// Internal helpers (not exported: the exported surface is the guard list)
// ---------------------------------------------------------------------------------------------

function fail(code: ApplicationRuleCode, detail?: string, fields?: readonly string[]): GuardFailure {
  return failure(code, detail, fields);
}

function routeOf(application: ApplicationFacts): Route | null {
  return application.route ?? application.form.route ?? null;
}

function dataItemsOf(form: ApplicationForm) {
  return form.dataItems ?? [];
}

function eventsDataSought(form: ApplicationForm): boolean {
  return dataItemsOf(form).some((item) => item.category === 'events');
}

function hasRole(actor: ActorFacts, role: EventSender): boolean {
  return actor.roles.includes(role);
}

function isOcdaUser(person: ActorFacts): boolean {
  return hasRole(person, 'ocda') && person.authorityType === 'ocda';
}

function isDsoOf(person: ActorFacts, application: ApplicationFacts): boolean {
  return hasRole(person, 'dso') && person.authorityId === application.authorityId;
}

/** The role that decides directly on a route. */
function authoriserRoleFor(route: Route | null): EventSender | null {
  if (route === null) return null;
  return route === 'ipc60A' ? 'ocda' : 'dso';
}

function rankIndex(rank: string | null): number {
  return rank === null ? -1 : (POLICE_RANKS as readonly string[]).indexOf(rank);
}

/** The SPOC-capacity checks shared by SPOC events and by recorded decisions. */
function spocCapacityFailure(input: GuardInput): GuardFailure | null {
  return accreditedSpocNotApplicant(input) ?? spocServesAuthority(input);
}

// ---------------------------------------------------------------------------------------------
// Helpers exported for the engine and the application service
// ---------------------------------------------------------------------------------------------

/** Who decided, as resolved from the sender and the decision payload. */
export interface ResolvedDecider {
  /** Person id of the decider; null for an OCDA officer who is not a user of this system. */
  id: string | null;
  /** Facts about the decider, when they are a user here. */
  facts: ActorFacts | null;
  /** True when the sender records someone else's decision (docs/architecture.md §7.1 footnotes ¹ ²). */
  recordedOnBehalf: boolean;
}

/**
 * Resolves the decider of GRANT / REFUSE / REQUEST_MORE_INFO: independence and rank are checked on
 * the named decider, by person id, not on the recorder (docs/law.md §2.2 authoriserIndependent;
 * docs/architecture.md §7.1 footnote ¹). The sender decides directly unless `decision.deciderId` names someone
 * else, or the sender is a SPOC without the route's authoriser role (recording OCDA's decision).
 */
export function resolveDecider(input: GuardInput): ResolvedDecider {
  const { actor } = input;
  const named = input.event.decision?.deciderId;
  const namedId = hasText(named) ? named.trim() : null;
  if (namedId === null || namedId === actor.id) {
    const directRole = authoriserRoleFor(routeOf(input.application));
    const canDecide = directRole !== null && hasRole(actor, directRole);
    const recordsOnBehalf = namedId === null && hasRole(actor, 'spoc') && !canDecide;
    if (!recordsOnBehalf) return { id: actor.id, facts: actor, recordedOnBehalf: false };
    const facts = input.decider ?? null;
    return { id: facts?.id ?? null, facts, recordedOnBehalf: true };
  }
  const facts = input.decider && input.decider.id === namedId ? input.decider : null;
  return { id: namedId, facts, recordedOnBehalf: true };
}

/**
 * The serious-crime test for one offence: s.263(1) serious crime, or an adult may be sentenced to
 * 12 months or more, or committed by a person who is not an individual, or involving as an integral
 * part the sending of a communication or a breach of privacy (docs/law.md §2.2 seriousCrimeDefinition;
 * IPA-86(2A); DRAR-8 s.87(10B)).
 */
export function offenceMeetsSeriousCrimeTest(offence: Offence): boolean {
  return (
    offence.isS263SeriousCrime === true ||
    (typeof offence.maxSentenceAdultMonths === 'number' && offence.maxSentenceAdultMonths >= 12) ||
    offence.isByNonIndividual === true ||
    offence.involvesSendingCommunication === true ||
    offence.involvesPrivacyBreach === true
  );
}

/**
 * Branch predicate for GRANT, not a failure: an authorisation that seeks to identify or confirm a
 * journalist's source, with no imminent threat to life, has no effect until a Judicial Commissioner
 * approves it — on every route (docs/law.md §2.1 judicialApproval overlay; IPA s.77(1) DSO grants,
 * s.77(1A) OCDA grants; §2.2 journalisticSourceApproval).
 */
export function journalisticSourceNeedsJudicialApproval(input: GuardInput): boolean {
  const { form } = input.application;
  return form.journalisticSourceSought === true && form.imminentThreatToLife !== true;
}

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

/**
 * The form carries every required field, and its identifiers and data items are well formed
 * (docs/law.md §2.4 SUBMIT_TO_SPOC "required fields present"; §3.1–3.5; §3.4 explicit time zone).
 * Missing fields → FORM_INCOMPLETE; malformed ones → FORM_INVALID; both list `fields`.
 */
export function formComplete(input: GuardInput): GuardFailure | null {
  const { form } = input.application;
  const missing: string[] = [];
  for (const field of REQUIRED_FORM_FIELDS) {
    const value = field === 'route' ? routeOf(input.application) : form[field];
    if (!isPresent(value)) missing.push(field);
  }
  if (form.applicantDetails) {
    if (!hasText(form.applicantDetails.name)) missing.push('applicantDetails.name');
    if (!hasText(form.applicantDetails.officeRankPosition)) {
      missing.push('applicantDetails.officeRankPosition');
    }
  }
  if (form.statutoryPurpose === 'applicableCrime' && !isPresent(form.offences)) {
    missing.push('offences');
  }
  if (missing.length > 0) {
    return fail(C.FORM_INCOMPLETE, `missing: ${missing.join(', ')}`, missing);
  }

  const invalid: string[] = [];
  (form.offences ?? []).forEach((offence, i) => {
    if (!hasText(offence.description)) invalid.push(`offences[${i}].description`);
  });
  (form.subjects ?? []).forEach((subject, i) => {
    if (!includes(SUBJECT_ROLES, subject.role)) invalid.push(`subjects[${i}].role`);
  });
  const refs = new Set<string>();
  (form.identifiers ?? []).forEach((identifier, i) => {
    if (!hasText(identifier.ref) || refs.has(identifier.ref)) invalid.push(`identifiers[${i}].ref`);
    refs.add(identifier.ref);
    if (!includes(IDENTIFIER_TYPES, identifier.type)) invalid.push(`identifiers[${i}].type`);
    if (!hasText(identifier.value)) invalid.push(`identifiers[${i}].value`);
    if (!hasText(identifier.normalisedValue)) invalid.push(`identifiers[${i}].normalisedValue`);
    if (!hasText(identifier.source)) invalid.push(`identifiers[${i}].source`);
  });
  dataItemsOf(form).forEach((item, i) => {
    const at = `dataItems[${i}]`;
    if (!refs.has(item.identifierRef)) invalid.push(`${at}.identifierRef`);
    if (!includes(DATA_CATEGORIES, item.category)) {
      invalid.push(`${at}.category`);
    } else {
      const subtypes: readonly string[] =
        item.category === 'entity' ? ENTITY_SUBTYPES : EVENTS_SUBTYPES;
      if (!subtypes.includes(item.subtype)) invalid.push(`${at}.subtype`);
    }
    if (!includes(PERIOD_KINDS, item.periodKind)) invalid.push(`${at}.periodKind`);
    const start = parseIsoWithOffset(item.periodStart);
    const end = parseIsoWithOffset(item.periodEnd);
    if (start === null) invalid.push(`${at}.periodStart`);
    if (end === null) invalid.push(`${at}.periodEnd`);
    if (start !== null && end !== null && start > end) invalid.push(`${at}.periodEnd`);
    if (!hasText(item.csp)) invalid.push(`${at}.csp`);
  });
  if (invalid.length > 0) {
    return fail(C.FORM_INVALID, `invalid: ${invalid.join(', ')}`, invalid);
  }
  return null;
}

/**
 * The purpose is one listed for acquisition (docs/law.md §2.2 purposeIsStatutory; DRAR-8; §3.2).
 */
export function purposeIsStatutory(input: GuardInput): GuardFailure | null {
  const purpose = input.application.form.statutoryPurpose;
  return includes(STATUTORY_PURPOSES, purpose)
    ? null
    : fail(C.PURPOSE_NOT_STATUTORY, 'the statutory purpose is missing or not recognised', [
        'statutoryPurpose',
      ]);
}

/**
 * Only the applicant of record (by person id) may send the applicant's events (docs/law.md §1
 * applicant; §2.4 SUBMIT_TO_SPOC / RESUBMIT; docs/architecture.md §7.1 "applicant of record").
 */
export function applicantOfRecord(input: GuardInput): GuardFailure | null {
  return input.actor.id === input.application.applicantId
    ? null
    : fail(C.NOT_APPLICANT_OF_RECORD, 'only the applicant of record may do this');
}

/**
 * The sender acts as an accredited SPOC (role spoc and a SPOC PIN) and is not the applicant
 * (docs/law.md §1 spoc: accredited, holds a SPoC authentication identifier; guardian and gatekeeper;
 * CoP15 3.19; IPA-76).
 */
export function accreditedSpocNotApplicant(input: GuardInput): GuardFailure | null {
  const { actor } = input;
  if (!hasRole(actor, 'spoc') || !hasText(actor.spocPin)) {
    return fail(C.SPOC_NOT_ACCREDITED, 'the sender is not an accredited SPOC');
  }
  if (actor.id === input.application.applicantId) {
    return fail(C.SPOC_IS_APPLICANT, 'a SPOC may not act on an application they made');
  }
  return null;
}

/**
 * The SPOC belongs to the application's authority, or is a NAFN SPOC and the authority is a local
 * authority; with `policy.localAuthorityRequiresNafnSpoc`, a local authority's application must go
 * through NAFN (docs/law.md §1 nafn "mandatory SPoC for all local-authority CD requests"; §2.2
 * localAuthorityRestrictions; IOCCO-16 p13; IPCO-17 8.26).
 */
export function spocServesAuthority(input: GuardInput): GuardFailure | null {
  const { actor, application, policy } = input;
  const nafnForLocalAuthority =
    actor.authorityType === 'nafn' && application.authorityType === 'localAuthority';
  if (application.authorityType === 'localAuthority' && policy.localAuthorityRequiresNafnSpoc) {
    return nafnForLocalAuthority
      ? null
      : fail(C.SPOC_WRONG_AUTHORITY, "a local authority's applications go through a NAFN SPOC");
  }
  if (actor.authorityId === application.authorityId || nafnForLocalAuthority) return null;
  return fail(C.SPOC_WRONG_AUTHORITY, "the SPOC does not serve the application's authority");
}

/**
 * Events data sought for the applicable crime purpose needs the serious-crime threshold: some
 * offence must meet the serious-crime test (docs/law.md §2.2 applicableCrimeThreshold and
 * seriousCrimeDefinition; DRAR-8 s.87(10A); IPA s.60A(8)(b); IPCO-19 6.2).
 */
export function seriousCrimeThreshold(input: GuardInput): GuardFailure | null {
  const { form } = input.application;
  if (form.statutoryPurpose !== 'applicableCrime' || !eventsDataSought(form)) return null;
  if ((form.offences ?? []).some(offenceMeetsSeriousCrimeTest)) return null;
  return fail(
    C.SERIOUS_CRIME_THRESHOLD_NOT_MET,
    'events data for the crime purpose needs an offence meeting the serious-crime test',
    ['offences'],
  );
}

/**
 * Local authorities: the `ipc60A` route only, the applicable crime purpose only, and no internet
 * connection records (docs/law.md §2.2 localAuthorityRestrictions; §2.1 "incl. local authorities (via
 * NAFN)"; IPA-62(A1); WILTS 5815).
 */
export function localAuthorityRestrictions(input: GuardInput): GuardFailure | null {
  const { application } = input;
  if (application.authorityType !== 'localAuthority') return null;
  const route = routeOf(application);
  if (route !== null && route !== 'ipc60A') {
    return fail(C.LOCAL_AUTHORITY_ROUTE, 'local authorities apply to OCDA (s.60A) only', ['route']);
  }
  const purpose = application.form.statutoryPurpose;
  if (purpose !== null && purpose !== undefined && purpose !== 'applicableCrime') {
    return fail(C.LOCAL_AUTHORITY_PURPOSE, 'local authorities may use the crime purpose only', [
      'statutoryPurpose',
    ]);
  }
  const icrs = icrItemFields(application.form);
  if (icrs.length > 0) {
    return fail(C.LOCAL_AUTHORITY_NO_ICR, 'local authorities may not acquire ICRs', icrs);
  }
  return null;
}

function icrItemFields(form: ApplicationForm): string[] {
  const fields: string[] = [];
  dataItemsOf(form).forEach((item, i) => {
    if (item.subtype === ICR_SUBTYPE) fields.push(`dataItems[${i}].subtype`);
  });
  return fields;
}

/**
 * An internet connection record needs condition A, B or C: B only for a purpose other than the
 * crime purpose; C only for the crime purpose with the serious-crime threshold met; never for a
 * local authority (docs/law.md §2.2 icrConditions; IPA-62(A1),(A2),(2)–(6)).
 */
export function icrConditions(input: GuardInput): GuardFailure | null {
  const { application } = input;
  const { form } = application;
  const items = dataItemsOf(form);
  const crimePurpose = form.statutoryPurpose === 'applicableCrime';
  const seriousCrime = (form.offences ?? []).some(offenceMeetsSeriousCrimeTest);
  for (const [i, item] of items.entries()) {
    if (item.subtype !== ICR_SUBTYPE) continue;
    const field = `dataItems[${i}].icrCondition`;
    if (application.authorityType === 'localAuthority') {
      return fail(C.LOCAL_AUTHORITY_NO_ICR, 'local authorities may not acquire ICRs', [
        `dataItems[${i}].subtype`,
      ]);
    }
    if (item.icrCondition === null || item.icrCondition === undefined) {
      return fail(C.ICR_CONDITION_REQUIRED, 'an ICR needs condition A, B or C (IPA s.62)', [field]);
    }
    if (item.icrCondition === 'B' && crimePurpose) {
      return fail(C.ICR_CONDITION_NOT_MET, 'condition B is for purposes other than crime', [field]);
    }
    if (item.icrCondition === 'C' && !(crimePurpose && seriousCrime)) {
      return fail(
        C.ICR_CONDITION_NOT_MET,
        'condition C needs the crime purpose and an offence meeting the serious-crime test',
        [field],
      );
    }
  }
  return null;
}

/**
 * On the urgent `dso61A` route the priority grade must be one of `policy.urgentGrades` and the
 * urgency justified for this application (docs/law.md §2.2 urgencyJustified; IPA-61A(1)(c); CoP15
 * 3.66; §3.1 priorityGrade).
 */
export function urgencyPolicy(input: GuardInput): GuardFailure | null {
  const { application, policy } = input;
  if (routeOf(application) !== 'dso61A') return null;
  const fields: string[] = [];
  const grade = application.form.priorityGrade;
  if (!includes(policy.urgentGrades, grade)) fields.push('priorityGrade');
  if (!hasText(application.form.urgencyJustification)) fields.push('urgencyJustification');
  return fields.length === 0
    ? null
    : fail(
        C.URGENCY_NOT_JUSTIFIED,
        `the urgent route needs a grade in [${policy.urgentGrades.join(', ')}] and a justification`,
        fields,
      );
}

/**
 * Going to the authoriser without a SPOC is only for the urgent DSO route (docs/law.md §2.4
 * REQUEST_URGENT; §2.2 spocConsulted; IPA-76(2)–(3); docs/architecture.md §7.4 names).
 */
export function urgentRouteOnly(input: GuardInput): GuardFailure | null {
  return routeOf(input.application) === 'dso61A'
    ? null
    : fail(C.ROUTE_NOT_URGENT, 'only the dso61A route may skip the SPOC', ['route']);
}

/**
 * Skipping the SPOC needs the exceptional circumstances recorded (docs/law.md §2.2 spocConsulted;
 * §3.6 exceptionalCircumstancesNoSpoc; IPA-76(2)).
 */
export function exceptionalCircumstancesRecorded(input: GuardInput): GuardFailure | null {
  return hasText(input.application.form.exceptionalCircumstances)
    ? null
    : fail(
        C.EXCEPTIONAL_CIRCUMSTANCES_REQUIRED,
        'record why no SPOC could be consulted (IPA s.76(2))',
        ['exceptionalCircumstances'],
      );
}

/**
 * The SPOC's advice is recorded before the application goes to the authoriser, in the event's SPOC
 * section or already on the record (docs/law.md §2.2 spocConsulted; §3.6 spocAdvice; IPA-76(5)–(6)).
 */
export function spocAdviceRecorded(input: GuardInput): GuardFailure | null {
  const advice = input.event.spoc?.spocAdvice ?? input.application.spocSection?.spocAdvice;
  return hasText(advice)
    ? null
    : fail(C.SPOC_ADVICE_REQUIRED, 'the SPOC advice must be recorded (IPA s.76)', ['spoc.spocAdvice']);
}

/**
 * Before a grant, a SPOC was consulted — unless the urgent route was taken without a SPOC and the
 * exceptional circumstances are recorded (docs/law.md §2.2 spocConsulted; IPA-76(A1),(1)–(3)).
 */
export function spocConsulted(input: GuardInput): GuardFailure | null {
  const { application } = input;
  if (hasText(application.spocSection?.spocAdvice)) return null;
  if (routeOf(application) === 'dso61A' && hasText(application.form.exceptionalCircumstances)) {
    return null;
  }
  return fail(C.SPOC_ADVICE_REQUIRED, 'no SPOC advice on record and no s.76(2) exception', [
    'spoc.spocAdvice',
  ]);
}

/**
 * The decision comes from the route's authoriser (docs/architecture.md §7.1 footnote ¹; docs/law.md §2.1):
 * `ipc60A` — an OCDA user, or an accredited SPOC of the authority recording OCDA's decision with
 * OCDA's reference, the decision time and the authorising officer's name; `dso61`/`dso61A` — a DSO
 * of the application's authority, who may have an oral `dso61A` grant recorded for them by a SPOC
 * (footnote ²).
 */
export function authoriserMatchesRoute(input: GuardInput): GuardFailure | null {
  const { application, actor, event } = input;
  const route = routeOf(application);
  if (route === null) return fail(C.AUTHORISER_WRONG_ROUTE, 'the application has no route', ['route']);
  const decider = resolveDecider(input);
  const wrong = (detail: string) => fail(C.AUTHORISER_WRONG_ROUTE, detail);

  if (!decider.recordedOnBehalf) {
    if (route === 'ipc60A') {
      return isOcdaUser(actor) ? null : wrong('an ipc60A application is decided by OCDA');
    }
    return isDsoOf(actor, application)
      ? null
      : wrong(`a ${route} application is decided by a DSO of the applicant's authority`);
  }

  if (!hasRole(actor, 'spoc')) return wrong("only a SPOC may record another person's decision");
  const spocFailure = spocCapacityFailure(input);
  if (spocFailure) return spocFailure;

  if (route === 'ipc60A') {
    // A named decider must be an OCDA user here; an unknown id gets the same answer as a non-OCDA one, so
    // the response never tells which user ids exist.
    if (decider.id !== null && (decider.facts === null || !isOcdaUser(decider.facts))) {
      return wrong('the named decider is not an OCDA authorising officer');
    }
    const decision = event.decision ?? {};
    const missing: string[] = [];
    if (!hasText(decision.ocdaReference)) missing.push('decision.ocdaReference');
    if (!hasText(decision.deciderName)) missing.push('decision.deciderName');
    const decidedAt = parseIsoWithOffset(decision.decidedAt);
    if (decidedAt === null || decidedAt > input.now.getTime()) missing.push('decision.decidedAt');
    return missing.length === 0
      ? null
      : fail(
          C.OCDA_DECISION_DETAILS_REQUIRED,
          "recording OCDA's decision needs OCDA's reference, the decision time (not in the future) and the authorising officer's name",
          missing,
        );
  }

  if (!(event.type === 'GRANT' && route === 'dso61A' && event.decision?.oral === true)) {
    return wrong("a SPOC may record only an oral dso61A grant on a DSO's behalf");
  }
  if (decider.facts === null || !isDsoOf(decider.facts, application)) {
    return wrong("the named decider is not a DSO of the applicant's authority");
  }
  return null;
}

/**
 * The decider (by person id, not the recorder) is independent: not the applicant, not the reviewing
 * SPOC, not a member of the investigation team. A recorded exceptional-circumstances override lifts
 * the SPOC and team-member bars, never self-authorisation. OCDA officers outside this system are
 * independent by construction (docs/law.md §2.2 authoriserIndependent; §1 applicant "may not
 * self-authorise"; IPA s.63 — recalled, verify; IOCCO-16 p12; AQT rec 58).
 */
export function authoriserIndependent(input: GuardInput): GuardFailure | null {
  const { application } = input;
  const decider = resolveDecider(input);
  if (decider.id === null) return null;
  if (decider.id === application.applicantId) {
    return fail(C.AUTHORISER_NOT_INDEPENDENT, 'the decider is the applicant');
  }
  const conflict =
    decider.id === application.spocId
      ? 'the decider is the reviewing SPOC'
      : application.teamMemberIds.includes(decider.id)
        ? 'the decider works on the investigation'
        : null;
  if (conflict === null) return null;
  if (hasText(input.event.decision?.exceptionalCircumstancesOverride)) return null;
  return fail(C.AUTHORISER_NOT_INDEPENDENT, conflict, ['decision.exceptionalCircumstancesOverride']);
}

/**
 * A police DSO holds at least the rank `policy.dsoMinimumRank` sets for each data category sought
 * (the highest applies). DSO routes only; other authorities' Sch 4 offices are not modelled
 * (docs/law.md §2.2 dsoRankSufficient; §1 dso ranks — recalled, verify; IPCO-18 Table 5).
 */
export function dsoRankSufficient(input: GuardInput): GuardFailure | null {
  const { application, policy } = input;
  const route = routeOf(application);
  if (route !== 'dso61' && route !== 'dso61A') return null;
  if (application.authorityType !== 'police') return null;
  const categories = new Set(dataItemsOf(application.form).map((item) => item.category));
  let required: PoliceRank | null = null;
  for (const category of categories) {
    const rank = policy.dsoMinimumRank[category];
    if (required === null || rankIndex(rank) > rankIndex(required)) required = rank;
  }
  if (required === null) return null;
  const decider = resolveDecider(input).facts;
  if (decider !== null && rankIndex(decider.rank) >= rankIndex(required)) return null;
  return fail(
    C.DSO_RANK_INSUFFICIENT,
    `the DSO must hold at least the rank of ${required} (holds ${decider?.rank ?? 'unknown'})`,
  );
}

/**
 * An oral grant is possible only on the urgent `dso61A` route (docs/architecture.md §7.1 footnote ²; docs/law.md
 * §2.4 RECORD_WRITTEN; IPA-61A).
 */
export function oralOnlyOnUrgentRoute(input: GuardInput): GuardFailure | null {
  if (input.event.decision?.oral !== true) return null;
  return routeOf(input.application) === 'dso61A'
    ? null
    : fail(C.ORAL_GRANT_NOT_URGENT_ROUTE, 'oral grants are only for dso61A', ['decision.oral']);
}

/**
 * A reason is recorded: `reason` for WITHDRAW, RETURN_TO_APPLICANT, DECLINE, REFUSE, JC_REFUSE,
 * CANCEL, CLOSE; `question` for REQUEST_MORE_INFO (docs/law.md §2.4 reason mandatory; WILTS 5817(b);
 * IPA-65(3B),(4); CoP15 3.60).
 */
export function reasonGiven(input: GuardInput): GuardFailure | null {
  const { event } = input;
  const field = event.type === 'REQUEST_MORE_INFO' ? 'question' : 'reason';
  return hasText(event[field])
    ? null
    : fail(C.REASON_REQUIRED, `a ${field} is required for ${event.type}`, [field]);
}

/**
 * A grant carries the decider's written rationale, tailored not generic (docs/law.md §3.7
 * decisionRationale; IOCCO-15 7.51).
 */
export function rationaleGiven(input: GuardInput): GuardFailure | null {
  return hasText(input.event.decision?.rationale)
    ? null
    : fail(C.RATIONALE_REQUIRED, 'the decision needs a rationale', ['decision.rationale']);
}

/**
 * Judicial approval is given or refused by a Judicial Commissioner (docs/law.md §1
 * judicialCommissioner; §2.4 JC_APPROVE / JC_REFUSE; IPA-77).
 */
export function judicialCommissioner(input: GuardInput): GuardFailure | null {
  const { actor } = input;
  return hasRole(actor, 'jc') && actor.authorityType === 'judicialOffice'
    ? null
    : fail(C.NOT_JUDICIAL_COMMISSIONER, 'only a Judicial Commissioner may do this');
}

/**
 * The written record of an oral urgent grant is made by the DSO who granted, while it is
 * outstanding (docs/law.md §2.4 RECORD_WRITTEN; docs/architecture.md §7.1 footnote ²; CoP15 3.69–3.70).
 */
export function writtenRecordByGrantingDso(input: GuardInput): GuardFailure | null {
  const { application, actor } = input;
  if (application.writtenRecordDueAt === null) {
    return fail(C.NO_WRITTEN_RECORD_OUTSTANDING, 'no oral grant awaits its written record');
  }
  return actor.id === application.grantedById
    ? null
    : fail(C.NOT_GRANTING_DSO, 'only the DSO who granted orally may record it in writing');
}

/**
 * An application cannot close while an oral grant's written record is outstanding (docs/law.md §2.4
 * RECORD_WRITTEN; §4.2 lateWrittenNotice; docs/architecture.md §7.1 CLOSE).
 */
export function noWrittenRecordOutstanding(input: GuardInput): GuardFailure | null {
  return input.application.writtenRecordDueAt === null
    ? null
    : fail(C.WRITTEN_RECORD_OUTSTANDING, 'the written record of the oral grant is outstanding');
}

/**
 * A Judicial Commissioner's approval cannot revive an authorisation whose validity has already run out:
 * it would take effect after it ended (docs/law.md §2.1 judicialApproval overlay; IPA-77(2); IPA-65(1)).
 */
export function notExpired(input: GuardInput): GuardFailure | null {
  const { expiresAt } = input.application;
  return expiresAt === null || input.now.getTime() < expiresAt.getTime()
    ? null
    : fail(C.AUTHORISATION_EXPIRED, `the authorisation ended at ${expiresAt.toISOString()}`);
}

/**
 * EXPIRE only once `now ≥ expiresAt` (docs/law.md §2.3 time limits; IPA-65(1),(3A); docs/architecture.md §7.1
 * EXPIRE).
 */
export function expiryReached(input: GuardInput): GuardFailure | null {
  const { expiresAt } = input.application;
  if (expiresAt !== null && input.now.getTime() >= expiresAt.getTime()) return null;
  return fail(
    C.NOT_YET_EXPIRED,
    expiresAt === null ? 'the application has no expiry' : `expires at ${expiresAt.toISOString()}`,
  );
}

/**
 * ISSUE_PRODUCT: every disclosure request terminal and checked and a final product issued; after
 * cancellation or expiry, also some data received before the end (docs/law.md §5 product; §2.4 SPoC
 * closes; CoP06 3.14; IPCO-17 p100; docs/architecture.md §7.1 ISSUE_PRODUCT).
 */
export function productPrerequisites(input: GuardInput): GuardFailure | null {
  const { application } = input;
  const facts: DisclosureFacts = application.disclosureFacts ?? {
    disclosuresTerminalAndChecked: false,
    finalProductIssued: false,
    dataReceivedBeforeEnd: false,
  };
  if (
    (application.status === 'cancelled' || application.status === 'expired') &&
    !facts.dataReceivedBeforeEnd
  ) {
    return fail(C.NO_DATA_RECEIVED_BEFORE_END, 'no data was received before the authorisation ended');
  }
  if (!facts.disclosuresTerminalAndChecked) {
    return fail(C.DISCLOSURES_OPEN, 'every disclosure request must be terminal and checked');
  }
  if (!facts.finalProductIssued) {
    return fail(C.FINAL_PRODUCT_NOT_ISSUED, 'issue a final product first');
  }
  return null;
}

/**
 * When the grant was made: the decision time a SPOC records on the decider's behalf (OCDA's decision, an
 * oral DSO grant — checked not to be in the future), otherwise the moment the decider sends GRANT. A
 * direct decider's own `decidedAt` is ignored: the month is counted from the day of grant, never from a
 * later recording nor a date the decider chose (docs/law.md §2.3; IPA-65(1),(3A); docs/architecture.md §7.1 Validity).
 */
export function grantInstant(input: GuardInput): Date {
  const decidedAt = parseIsoWithOffset(input.event.decision?.decidedAt);
  if (resolveDecider(input).recordedOnBehalf && decidedAt !== null && decidedAt <= input.now.getTime()) {
    return new Date(decidedAt);
  }
  return input.now;
}

/**
 * The validity a GRANT gives: from the grant instant, or for a renewal from the moment the original
 * ceases (the renewed month runs from the end of the current one, and begins on the day after its last
 * day), to the statutory end for the route (docs/law.md §2.3; IPA-65(1)–(3A); docs/architecture.md §7.1 Validity).
 */
export function grantValidity(application: ApplicationFacts, grantedAt: Date): { validFrom: Date; expiresAt: Date } | null {
  const route = routeOf(application);
  if (route === null) return null;
  const original = application.renewalOfExpiresAt ?? null;
  const validFrom = original === null ? grantedAt : new Date(original.getTime() + 1);
  return { validFrom, expiresAt: authorisationEnd(route, validFrom) };
}

/**
 * A decision recorded so late that its validity has already ended authorises nothing: refuse it rather
 * than record an authorisation that is expired on arrival (docs/law.md §2.3; IPA-65(1),(3A)).
 */
export function grantStillValid(input: GuardInput): GuardFailure | null {
  const validity = grantValidity(input.application, grantInstant(input));
  if (validity === null || validity.expiresAt.getTime() > input.now.getTime()) return null;
  return fail(
    C.VALIDITY_ALREADY_ENDED,
    `a grant made at ${grantInstant(input).toISOString()} ended at ${validity.expiresAt.toISOString()}`,
    ['decision.decidedAt'],
  );
}

/**
 * A renewal must be granted before the original expires, or there is nothing to renew (docs/law.md §2.3
 * Renewal "any time before expiry"; IPA-65(2)–(3); docs/architecture.md §7.1).
 */
export function renewalGrantedInTime(input: GuardInput): GuardFailure | null {
  const original = input.application.renewalOfExpiresAt;
  if (original === undefined || original === null) return null;
  if (input.application.renewalOfLive === false) {
    return fail(C.RENEWAL_TOO_LATE, 'the original authorisation is no longer in force (cancelled or ended); make a new application');
  }
  return input.now.getTime() < original.getTime()
    ? null
    : fail(C.RENEWAL_TOO_LATE, `the original authorisation ended at ${original.toISOString()}; make a new application`);
}

/**
 * No data item's period may end after the authorisation would: conduct outside the validity is
 * unauthorised (docs/law.md §2.3; IPA-65(1); CoP15 3.51–3.53 future data within the month). Names each item.
 */
export function dataWithinValidity(input: GuardInput): GuardFailure | null {
  const validity = grantValidity(input.application, grantInstant(input));
  if (validity === null) return null;
  const beyond = dataItemsOf(input.application.form)
    .map((item, i) => ({ item, i, end: parseIsoWithOffset(item.periodEnd) }))
    .filter(({ end }) => end !== null && end > validity.expiresAt.getTime());
  if (beyond.length === 0) return null;
  return fail(
    C.DATA_PERIOD_BEYOND_VALIDITY,
    `the authorisation would end at ${validity.expiresAt.toISOString()}; ${beyond.map(({ item }) => item.ref).join(', ')} end(s) later`,
    beyond.map(({ i }) => `dataItems[${i}].periodEnd`),
  );
}

/**
 * CANCEL by the applicant of record, an accredited SPOC serving the authority, the person who
 * granted, or (for `ipc60A`) an OCDA user (docs/architecture.md §7.1 CANCEL; docs/law.md §2.4 CANCEL and
 * WITHDRAW_CONDUCT; IPA-65(3B),(4); CoP15 3.59–3.62).
 */
export function cancellerEntitled(input: GuardInput): GuardFailure | null {
  const { actor, application } = input;
  if (actor.id === application.applicantId) return null;
  if (hasRole(actor, 'spoc') && spocCapacityFailure(input) === null) return null;
  if (application.grantedById !== null && actor.id === application.grantedById) return null;
  if (routeOf(application) === 'ipc60A' && isOcdaUser(actor)) return null;
  return fail(
    C.NOT_ENTITLED_TO_CANCEL,
    'only the applicant of record, a SPOC of the authority, or the authoriser may cancel',
  );
}

/**
 * CLOSE by an accredited SPOC serving the authority, or an SRO of the authority (docs/architecture.md §7.1
 * CLOSE; docs/law.md §1 sro; §2.4 "SPoC closes"; WILTS 5817).
 */
export function closerEntitled(input: GuardInput): GuardFailure | null {
  const { actor, application } = input;
  if (hasRole(actor, 'sro') && actor.authorityId === application.authorityId) return null;
  if (hasRole(actor, 'spoc')) return spocCapacityFailure(input);
  return fail(C.SRO_WRONG_AUTHORITY, "the SRO does not belong to the application's authority");
}

/**
 * RECORD_OUTCOME records the use made of the data (docs/law.md §4.3 actionTakenOnData; §3.5
 * howDataWillBeUsed; docs/architecture.md §7.1 RECORD_OUTCOME).
 */
export function outcomeRecorded(input: GuardInput): GuardFailure | null {
  return hasText(input.event.outcome)
    ? null
    : fail(C.OUTCOME_REQUIRED, 'record the use made of the data', ['outcome']);
}
