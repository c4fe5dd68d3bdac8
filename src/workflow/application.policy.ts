/**
 * Who may send each application event, and which guards it must pass, in order (docs/architecture.md §7.1
 * "sent by" and "guards and payload" columns). The order matters: the first failure is reported,
 * so for GRANT independence (IPA s.63) is checked before the route, role and rank checks that would
 * otherwise fire for the same person. Guards are named by stable ids: history rows keep the ids.
 */
import type { GuardCodesTable, GuardReadsTable, GuardRegistry, PolicyTable } from './core/policy';
import {
  dataWithinValidity,
  decisionConsidersSensitiveProfession,
  grantStillValid,
  notExpired,
  renewalGrantedInTime,
  accreditedSpocNotApplicant,
  applicantOfRecord,
  authorisationParticularsGiven,
  authoriserIndependent,
  authoriserMatchesRoute,
  cancellationRequester,
  cancellerEntitled,
  closerEntitled,
  dsoIndependenceDeclared,
  dsoRankSufficient,
  exceptionalCircumstancesRecorded,
  expiryReached,
  findingsGivenWithReasons,
  formComplete,
  granterUnavailabilityRecorded,
  icrConditions,
  judicialCommissioner,
  noWrittenRecordOutstanding,
  oralOnlyOnUrgentRoute,
  outcomeRecorded,
  productPrerequisites,
  rationaleGiven,
  reasonGiven,
  recordedDecisionTimeInWindow,
  schedule4RouteAndPurpose,
  sensitiveProfessionAddressed,
  seriousCrimeThreshold,
  spocAdviceRecorded,
  spocAdvisesOnSensitiveProfession,
  spocConsulted,
  spocServesAuthority,
  urgencyPolicy,
  urgentRouteOnly,
  writtenRecordByGrantingDso,
  type ApplicationRuleCode,
  type GuardInput,
} from './application.guards';
import type { ApplicationEventType } from './application.types';
import { SYSTEM_SENDER } from './roles';

/** Every application guard by its stable id. */
export const APPLICATION_GUARDS = {
  ACCREDITED_SPOC_NOT_APPLICANT: accreditedSpocNotApplicant,
  APPLICANT_OF_RECORD: applicantOfRecord,
  AUTHORISATION_PARTICULARS_GIVEN: authorisationParticularsGiven,
  AUTHORISER_INDEPENDENT: authoriserIndependent,
  AUTHORISER_MATCHES_ROUTE: authoriserMatchesRoute,
  // A new id since the s.65 rework: who may cancel now depends on the route (docs/law.md §2.5).
  CANCELLATION_REQUESTER: cancellationRequester,
  CANCELLER_NAMED_BY_S65: cancellerEntitled,
  CLOSER_ENTITLED: closerEntitled,
  DATA_WITHIN_VALIDITY: dataWithinValidity,
  DECISION_CONSIDERS_SENSITIVE_PROFESSION: decisionConsidersSensitiveProfession,
  DSO_INDEPENDENCE_DECLARED: dsoIndependenceDeclared,
  DSO_RANK_SUFFICIENT: dsoRankSufficient,
  EXCEPTIONAL_CIRCUMSTANCES_RECORDED: exceptionalCircumstancesRecorded,
  EXPIRY_REACHED: expiryReached,
  FINDINGS_GIVEN_WITH_REASONS: findingsGivenWithReasons,
  FORM_COMPLETE: formComplete,
  GRANT_STILL_VALID: grantStillValid,
  GRANTER_UNAVAILABILITY_RECORDED: granterUnavailabilityRecorded,
  ICR_CONDITIONS: icrConditions,
  JUDICIAL_COMMISSIONER: judicialCommissioner,
  NOT_EXPIRED: notExpired,
  NO_WRITTEN_RECORD_OUTSTANDING: noWrittenRecordOutstanding,
  ORAL_ONLY_ON_URGENT_ROUTE: oralOnlyOnUrgentRoute,
  OUTCOME_RECORDED: outcomeRecorded,
  PRODUCT_PREREQUISITES: productPrerequisites,
  RATIONALE_GIVEN: rationaleGiven,
  REASON_GIVEN: reasonGiven,
  RECORDED_DECISION_TIME_IN_WINDOW: recordedDecisionTimeInWindow,
  RENEWAL_GRANTED_IN_TIME: renewalGrantedInTime,
  SCHEDULE_4_ROUTE_AND_PURPOSE: schedule4RouteAndPurpose,
  SENSITIVE_PROFESSION_ADDRESSED: sensitiveProfessionAddressed,
  SERIOUS_CRIME_THRESHOLD: seriousCrimeThreshold,
  SPOC_ADVICE_RECORDED: spocAdviceRecorded,
  SPOC_ADVISES_ON_SENSITIVE_PROFESSION: spocAdvisesOnSensitiveProfession,
  SPOC_CONSULTED: spocConsulted,
  SPOC_SERVES_AUTHORITY: spocServesAuthority,
  URGENCY_POLICY: urgencyPolicy,
  URGENT_ROUTE_ONLY: urgentRouteOnly,
  WRITTEN_RECORD_BY_GRANTING_DSO: writtenRecordByGrantingDso,
} as const satisfies GuardRegistry<string, GuardInput, ApplicationRuleCode>;

type ApplicationGuardId = keyof typeof APPLICATION_GUARDS;

/**
 * What each guard reads (docs/architecture.md §7, blocked events). `payload` wherever any field the event
 * carries can change the outcome: a reason, a question, the SPOC section, the decision — and, through
 * `resolveDecider`, the named decider and the time a recorded decision was taken (`grantInstant`), so
 * every guard about the decider or the grant's validity reads the payload. `facts` guards read only the
 * record, the sender, the policy and `now`; application.guards.meta.spec.ts checks each `facts`
 * declaration against payloads that differ.
 */
export const APPLICATION_GUARD_READS = {
  ACCREDITED_SPOC_NOT_APPLICANT: 'facts',
  APPLICANT_OF_RECORD: 'facts',
  AUTHORISATION_PARTICULARS_GIVEN: 'payload',
  AUTHORISER_INDEPENDENT: 'payload',
  AUTHORISER_MATCHES_ROUTE: 'payload',
  CANCELLATION_REQUESTER: 'facts',
  CANCELLER_NAMED_BY_S65: 'facts',
  CLOSER_ENTITLED: 'facts',
  DATA_WITHIN_VALIDITY: 'payload',
  DECISION_CONSIDERS_SENSITIVE_PROFESSION: 'payload',
  DSO_INDEPENDENCE_DECLARED: 'payload',
  DSO_RANK_SUFFICIENT: 'payload',
  EXCEPTIONAL_CIRCUMSTANCES_RECORDED: 'facts',
  EXPIRY_REACHED: 'facts',
  FINDINGS_GIVEN_WITH_REASONS: 'payload',
  FORM_COMPLETE: 'facts',
  GRANT_STILL_VALID: 'payload',
  GRANTER_UNAVAILABILITY_RECORDED: 'payload',
  ICR_CONDITIONS: 'facts',
  JUDICIAL_COMMISSIONER: 'facts',
  NOT_EXPIRED: 'facts',
  NO_WRITTEN_RECORD_OUTSTANDING: 'facts',
  ORAL_ONLY_ON_URGENT_ROUTE: 'payload',
  OUTCOME_RECORDED: 'payload',
  PRODUCT_PREREQUISITES: 'facts',
  RATIONALE_GIVEN: 'payload',
  REASON_GIVEN: 'payload',
  RECORDED_DECISION_TIME_IN_WINDOW: 'payload',
  RENEWAL_GRANTED_IN_TIME: 'facts',
  SCHEDULE_4_ROUTE_AND_PURPOSE: 'facts',
  SENSITIVE_PROFESSION_ADDRESSED: 'facts',
  SERIOUS_CRIME_THRESHOLD: 'facts',
  SPOC_ADVICE_RECORDED: 'payload',
  SPOC_ADVISES_ON_SENSITIVE_PROFESSION: 'payload',
  // On a DSO route the s.76(2) finding is the DSO's, sent with the decision (docs/law.md §3.7 findings).
  SPOC_CONSULTED: 'payload',
  SPOC_SERVES_AUTHORITY: 'facts',
  URGENCY_POLICY: 'facts',
  URGENT_ROUTE_ONLY: 'facts',
  WRITTEN_RECORD_BY_GRANTING_DSO: 'facts',
} as const satisfies GuardReadsTable<ApplicationGuardId>;

/**
 * The rule codes each guard may refuse with: with the event table below, what the rules table for
 * inspectors (docs/rules.md) derives the events of each rule from. A `Record`, so a new guard without its
 * codes fails `tsc`; rule-catalogue.spec.ts checks with generated inputs that no guard refuses with a code
 * it does not declare.
 */
export const APPLICATION_GUARD_CODES = {
  ACCREDITED_SPOC_NOT_APPLICANT: ['SPOC_NOT_ACCREDITED', 'SPOC_IS_APPLICANT'],
  APPLICANT_OF_RECORD: ['NOT_APPLICANT_OF_RECORD'],
  AUTHORISATION_PARTICULARS_GIVEN: ['AUTHORISATION_PARTICULARS_REQUIRED'],
  AUTHORISER_INDEPENDENT: ['AUTHORISER_NOT_INDEPENDENT'],
  // A SPOC recording a decision must pass the SPOC-capacity checks too.
  AUTHORISER_MATCHES_ROUTE: [
    'AUTHORISER_WRONG_ROUTE',
    'OCDA_DECISION_DETAILS_REQUIRED',
    'SPOC_NOT_ACCREDITED',
    'SPOC_IS_APPLICANT',
    'SPOC_WRONG_AUTHORITY',
  ],
  CANCELLATION_REQUESTER: ['MAY_CANCEL_DIRECTLY', 'NOT_ENTITLED_TO_CANCEL'],
  CANCELLER_NAMED_BY_S65: ['NOT_ENTITLED_TO_CANCEL'],
  CLOSER_ENTITLED: ['SRO_WRONG_AUTHORITY', 'SPOC_NOT_ACCREDITED', 'SPOC_IS_APPLICANT', 'SPOC_WRONG_AUTHORITY'],
  DATA_WITHIN_VALIDITY: ['DATA_PERIOD_BEYOND_VALIDITY'],
  DECISION_CONSIDERS_SENSITIVE_PROFESSION: ['SENSITIVE_PROFESSION_NOT_CONSIDERED'],
  DSO_INDEPENDENCE_DECLARED: ['INDEPENDENCE_NOT_DECLARED'],
  DSO_RANK_SUFFICIENT: ['DSO_RANK_INSUFFICIENT', 'SCH4_AUTHORITY_NOT_LISTED', 'SCH4_ROUTE_NOT_AVAILABLE'],
  EXCEPTIONAL_CIRCUMSTANCES_RECORDED: ['EXCEPTIONAL_CIRCUMSTANCES_REQUIRED'],
  EXPIRY_REACHED: ['NOT_YET_EXPIRED'],
  FINDINGS_GIVEN_WITH_REASONS: ['FINDING_REASONS_REQUIRED', 'FINDING_NOT_FOR_ROUTE'],
  FORM_COMPLETE: ['FORM_INCOMPLETE', 'FORM_INVALID'],
  GRANT_STILL_VALID: ['VALIDITY_ALREADY_ENDED'],
  GRANTER_UNAVAILABILITY_RECORDED: ['GRANTER_UNAVAILABILITY_REQUIRED'],
  ICR_CONDITIONS: ['LOCAL_AUTHORITY_NO_ICR', 'ICR_CONDITION_REQUIRED', 'ICR_CONDITION_NOT_MET'],
  JUDICIAL_COMMISSIONER: ['NOT_JUDICIAL_COMMISSIONER'],
  NOT_EXPIRED: ['AUTHORISATION_EXPIRED'],
  NO_WRITTEN_RECORD_OUTSTANDING: ['WRITTEN_RECORD_OUTSTANDING'],
  ORAL_ONLY_ON_URGENT_ROUTE: ['ORAL_GRANT_NOT_URGENT_ROUTE'],
  OUTCOME_RECORDED: ['OUTCOME_REQUIRED'],
  PRODUCT_PREREQUISITES: ['DISCLOSURES_OPEN', 'FINAL_PRODUCT_NOT_ISSUED', 'NO_DATA_RECEIVED_BEFORE_END'],
  RATIONALE_GIVEN: ['RATIONALE_REQUIRED'],
  REASON_GIVEN: ['REASON_REQUIRED'],
  RECORDED_DECISION_TIME_IN_WINDOW: ['DECISION_TIME_REQUIRED', 'DECISION_IN_FUTURE', 'DECISION_BEFORE_SUBMISSION'],
  RENEWAL_GRANTED_IN_TIME: ['RENEWAL_TOO_LATE'],
  SCHEDULE_4_ROUTE_AND_PURPOSE: [
    'SCH4_AUTHORITY_NOT_LISTED',
    'SCH4_ROUTE_NOT_AVAILABLE',
    'PURPOSE_NOT_STATUTORY',
    'SCH4_PURPOSE_NOT_SPECIFIED',
  ],
  SENSITIVE_PROFESSION_ADDRESSED: ['SENSITIVE_PROFESSION_NOT_ADDRESSED'],
  SERIOUS_CRIME_THRESHOLD: ['SERIOUS_CRIME_THRESHOLD_NOT_MET'],
  SPOC_ADVICE_RECORDED: ['SPOC_ADVICE_REQUIRED'],
  SPOC_ADVISES_ON_SENSITIVE_PROFESSION: ['SENSITIVE_PROFESSION_NOT_ADVISED'],
  SPOC_CONSULTED: ['SPOC_ADVICE_REQUIRED', 'DSO_SPOC_EXCEPTION_REQUIRED'],
  SPOC_SERVES_AUTHORITY: ['SPOC_WRONG_AUTHORITY'],
  URGENCY_POLICY: ['URGENCY_NOT_JUSTIFIED'],
  URGENT_ROUTE_ONLY: ['ROUTE_NOT_URGENT'],
  WRITTEN_RECORD_BY_GRANTING_DSO: ['NO_WRITTEN_RECORD_OUTSTANDING', 'NOT_GRANTING_DSO'],
} as const satisfies GuardCodesTable<ApplicationGuardId, ApplicationRuleCode>;

/** The statutory checks a SPOC confirms and an authoriser re-checks (docs/architecture.md §7.1). */
const STATUTORY_GUARDS: readonly ApplicationGuardId[] = [
  'FORM_COMPLETE',
  'SENSITIVE_PROFESSION_ADDRESSED',
  'SCHEDULE_4_ROUTE_AND_PURPOSE',
  'SERIOUS_CRIME_THRESHOLD',
  'ICR_CONDITIONS',
  'URGENCY_POLICY',
];

/** The SPOC-capacity checks for SPOC-only events. */
const SPOC_GUARDS: readonly ApplicationGuardId[] = ['ACCREDITED_SPOC_NOT_APPLICANT', 'SPOC_SERVES_AUTHORITY'];

export const APPLICATION_EVENT_RULES: PolicyTable<ApplicationEventType, keyof typeof APPLICATION_GUARDS> = {
  SUBMIT_TO_SPOC: { roles: ['applicant'], guards: ['APPLICANT_OF_RECORD', 'FORM_COMPLETE', 'SENSITIVE_PROFESSION_ADDRESSED'] },
  SUBMIT_URGENT_WITHOUT_SPOC: {
    roles: ['applicant'],
    guards: [
      'APPLICANT_OF_RECORD',
      'URGENT_ROUTE_ONLY',
      // Without this an authority could reach a DSO route or purpose Schedule 4 does not give it — a local
      // authority a DSO it does not have, bypassing NAFN (docs/law.md §9; §1 nafn).
      'SCHEDULE_4_ROUTE_AND_PURPOSE',
      'EXCEPTIONAL_CIRCUMSTANCES_RECORDED',
      'URGENCY_POLICY',
      'FORM_COMPLETE',
      'SENSITIVE_PROFESSION_ADDRESSED',
    ],
  },
  WITHDRAW: { roles: ['applicant'], guards: ['APPLICANT_OF_RECORD', 'REASON_GIVEN'] },
  RETURN_TO_APPLICANT: { roles: ['spoc'], guards: [...SPOC_GUARDS, 'REASON_GIVEN'] },
  RESUBMIT: { roles: ['applicant'], guards: ['APPLICANT_OF_RECORD', 'FORM_COMPLETE', 'SENSITIVE_PROFESSION_ADDRESSED'] },
  DECLINE: { roles: ['spoc'], guards: [...SPOC_GUARDS, 'REASON_GIVEN'] },
  SUBMIT_FOR_AUTHORISATION: {
    roles: ['spoc'],
    guards: [...SPOC_GUARDS, 'SPOC_ADVICE_RECORDED', 'SPOC_ADVISES_ON_SENSITIVE_PROFESSION', ...STATUTORY_GUARDS],
  },
  // ¹ the route's authoriser; a SPOC only to record OCDA's decision (or, for GRANT, an oral DSO grant ²).
  REQUEST_MORE_INFO: {
    roles: ['ocda', 'dso', 'spoc'],
    guards: ['AUTHORISER_MATCHES_ROUTE', 'RECORDED_DECISION_TIME_IN_WINDOW', 'REASON_GIVEN'],
  },
  GRANT: {
    roles: ['ocda', 'dso', 'spoc'],
    guards: [
      'AUTHORISER_INDEPENDENT',
      'ORAL_ONLY_ON_URGENT_ROUTE',
      'AUTHORISER_MATCHES_ROUTE',
      'RECORDED_DECISION_TIME_IN_WINDOW',
      'DSO_RANK_SUFFICIENT',
      'RATIONALE_GIVEN',
      'AUTHORISATION_PARTICULARS_GIVEN',
      // The findings the statute gives the decider, each with reasons (docs/law.md §3.7 findings; IPA s.63, s.76, s.77).
      'DSO_INDEPENDENCE_DECLARED',
      'FINDINGS_GIVEN_WITH_REASONS',
      'DECISION_CONSIDERS_SENSITIVE_PROFESSION',
      ...STATUTORY_GUARDS,
      'SPOC_CONSULTED',
      'RENEWAL_GRANTED_IN_TIME',
      'GRANT_STILL_VALID',
      'DATA_WITHIN_VALIDITY',
    ],
  },
  REFUSE: {
    roles: ['ocda', 'dso', 'spoc'],
    guards: ['AUTHORISER_MATCHES_ROUTE', 'RECORDED_DECISION_TIME_IN_WINDOW', 'REASON_GIVEN'],
  },
  JC_APPROVE: { roles: ['jc'], guards: ['JUDICIAL_COMMISSIONER', 'NOT_EXPIRED'] },
  JC_REFUSE: { roles: ['jc'], guards: ['JUDICIAL_COMMISSIONER', 'REASON_GIVEN'] },
  RECORD_WRITTEN: { roles: ['dso'], guards: ['WRITTEN_RECORD_BY_GRANTING_DSO'] },
  ISSUE_PRODUCT: { roles: ['spoc'], guards: [...SPOC_GUARDS, 'PRODUCT_PREREQUISITES'] },
  // IPA s.65(3B), (4), (5): who may cancel depends on the route; an SRO is an officer of the authority.
  CANCEL: {
    roles: ['applicant', 'spoc', 'dso', 'sro', 'ocda'],
    guards: ['CANCELLER_NAMED_BY_S65', 'REASON_GIVEN', 'GRANTER_UNAVAILABILITY_RECORDED'],
  },
  // Those who may not cancel record why they think it should be (docs/law.md §2.5; CoP15 3.62).
  REQUEST_CANCELLATION: {
    roles: ['applicant', 'spoc', 'dso', 'sro'],
    guards: ['CANCELLATION_REQUESTER', 'REASON_GIVEN'],
  },
  EXPIRE: { roles: [SYSTEM_SENDER], guards: ['EXPIRY_REACHED'] },
  CLOSE: {
    roles: ['spoc', 'sro'],
    guards: ['CLOSER_ENTITLED', 'REASON_GIVEN', 'NO_WRITTEN_RECORD_OUTSTANDING'],
  },
  RECORD_OUTCOME: { roles: ['applicant'], guards: ['APPLICANT_OF_RECORD', 'OUTCOME_RECORDED', 'NO_WRITTEN_RECORD_OUTSTANDING'] },
};
