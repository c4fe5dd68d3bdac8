/**
 * Who may send each application event, and which guards it must pass, in order (docs/architecture.md §7.1
 * "sent by" and "guards and payload" columns). The order matters: the first failure is reported,
 * so for GRANT independence (IPA s.63) is checked before the route, role and rank checks that would
 * otherwise fire for the same person. Guards are named by stable ids: history rows keep the ids.
 */
import type { GuardReadsTable, GuardRegistry, PolicyTable } from './core/policy';
import {
  dataWithinValidity,
  grantStillValid,
  notExpired,
  renewalGrantedInTime,
  accreditedSpocNotApplicant,
  applicantOfRecord,
  authoriserIndependent,
  authoriserMatchesRoute,
  cancellerEntitled,
  closerEntitled,
  dsoRankSufficient,
  exceptionalCircumstancesRecorded,
  expiryReached,
  formComplete,
  icrConditions,
  judicialCommissioner,
  localAuthorityRestrictions,
  noWrittenRecordOutstanding,
  oralOnlyOnUrgentRoute,
  outcomeRecorded,
  productPrerequisites,
  purposeIsStatutory,
  rationaleGiven,
  reasonGiven,
  seriousCrimeThreshold,
  spocAdviceRecorded,
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
  AUTHORISER_INDEPENDENT: authoriserIndependent,
  AUTHORISER_MATCHES_ROUTE: authoriserMatchesRoute,
  CANCELLER_ENTITLED: cancellerEntitled,
  CLOSER_ENTITLED: closerEntitled,
  DATA_WITHIN_VALIDITY: dataWithinValidity,
  DSO_RANK_SUFFICIENT: dsoRankSufficient,
  EXCEPTIONAL_CIRCUMSTANCES_RECORDED: exceptionalCircumstancesRecorded,
  EXPIRY_REACHED: expiryReached,
  FORM_COMPLETE: formComplete,
  GRANT_STILL_VALID: grantStillValid,
  ICR_CONDITIONS: icrConditions,
  JUDICIAL_COMMISSIONER: judicialCommissioner,
  LOCAL_AUTHORITY_RESTRICTIONS: localAuthorityRestrictions,
  NOT_EXPIRED: notExpired,
  NO_WRITTEN_RECORD_OUTSTANDING: noWrittenRecordOutstanding,
  ORAL_ONLY_ON_URGENT_ROUTE: oralOnlyOnUrgentRoute,
  OUTCOME_RECORDED: outcomeRecorded,
  PRODUCT_PREREQUISITES: productPrerequisites,
  PURPOSE_IS_STATUTORY: purposeIsStatutory,
  RATIONALE_GIVEN: rationaleGiven,
  REASON_GIVEN: reasonGiven,
  RENEWAL_GRANTED_IN_TIME: renewalGrantedInTime,
  SERIOUS_CRIME_THRESHOLD: seriousCrimeThreshold,
  SPOC_ADVICE_RECORDED: spocAdviceRecorded,
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
  AUTHORISER_INDEPENDENT: 'payload',
  AUTHORISER_MATCHES_ROUTE: 'payload',
  CANCELLER_ENTITLED: 'facts',
  CLOSER_ENTITLED: 'facts',
  DATA_WITHIN_VALIDITY: 'payload',
  DSO_RANK_SUFFICIENT: 'payload',
  EXCEPTIONAL_CIRCUMSTANCES_RECORDED: 'facts',
  EXPIRY_REACHED: 'facts',
  FORM_COMPLETE: 'facts',
  GRANT_STILL_VALID: 'payload',
  ICR_CONDITIONS: 'facts',
  JUDICIAL_COMMISSIONER: 'facts',
  LOCAL_AUTHORITY_RESTRICTIONS: 'facts',
  NOT_EXPIRED: 'facts',
  NO_WRITTEN_RECORD_OUTSTANDING: 'facts',
  ORAL_ONLY_ON_URGENT_ROUTE: 'payload',
  OUTCOME_RECORDED: 'payload',
  PRODUCT_PREREQUISITES: 'facts',
  PURPOSE_IS_STATUTORY: 'facts',
  RATIONALE_GIVEN: 'payload',
  REASON_GIVEN: 'payload',
  RENEWAL_GRANTED_IN_TIME: 'facts',
  SERIOUS_CRIME_THRESHOLD: 'facts',
  SPOC_ADVICE_RECORDED: 'payload',
  SPOC_CONSULTED: 'facts',
  SPOC_SERVES_AUTHORITY: 'facts',
  URGENCY_POLICY: 'facts',
  URGENT_ROUTE_ONLY: 'facts',
  WRITTEN_RECORD_BY_GRANTING_DSO: 'facts',
} as const satisfies GuardReadsTable<ApplicationGuardId>;

/** The statutory checks a SPOC confirms and an authoriser re-checks (docs/architecture.md §7.1). */
const STATUTORY_GUARDS: readonly ApplicationGuardId[] = [
  'FORM_COMPLETE',
  'PURPOSE_IS_STATUTORY',
  'LOCAL_AUTHORITY_RESTRICTIONS',
  'SERIOUS_CRIME_THRESHOLD',
  'ICR_CONDITIONS',
  'URGENCY_POLICY',
];

/** The SPOC-capacity checks for SPOC-only events. */
const SPOC_GUARDS: readonly ApplicationGuardId[] = ['ACCREDITED_SPOC_NOT_APPLICANT', 'SPOC_SERVES_AUTHORITY'];

export const APPLICATION_EVENT_RULES: PolicyTable<ApplicationEventType, keyof typeof APPLICATION_GUARDS> = {
  SUBMIT_TO_SPOC: { roles: ['applicant'], guards: ['APPLICANT_OF_RECORD', 'FORM_COMPLETE'] },
  SUBMIT_URGENT_WITHOUT_SPOC: {
    roles: ['applicant'],
    guards: [
      'APPLICANT_OF_RECORD',
      // Without this a local authority could reach a DSO it does not have, bypassing NAFN (docs/law.md §1 nafn).
      'LOCAL_AUTHORITY_RESTRICTIONS',
      'URGENT_ROUTE_ONLY',
      'EXCEPTIONAL_CIRCUMSTANCES_RECORDED',
      'URGENCY_POLICY',
      'FORM_COMPLETE',
    ],
  },
  WITHDRAW: { roles: ['applicant'], guards: ['APPLICANT_OF_RECORD', 'REASON_GIVEN'] },
  RETURN_TO_APPLICANT: { roles: ['spoc'], guards: [...SPOC_GUARDS, 'REASON_GIVEN'] },
  RESUBMIT: { roles: ['applicant'], guards: ['APPLICANT_OF_RECORD', 'FORM_COMPLETE'] },
  DECLINE: { roles: ['spoc'], guards: [...SPOC_GUARDS, 'REASON_GIVEN'] },
  SUBMIT_FOR_AUTHORISATION: {
    roles: ['spoc'],
    guards: [...SPOC_GUARDS, 'SPOC_ADVICE_RECORDED', ...STATUTORY_GUARDS],
  },
  // ¹ the route's authoriser; a SPOC only to record OCDA's decision (or, for GRANT, an oral DSO grant ²).
  REQUEST_MORE_INFO: { roles: ['ocda', 'dso', 'spoc'], guards: ['AUTHORISER_MATCHES_ROUTE', 'REASON_GIVEN'] },
  GRANT: {
    roles: ['ocda', 'dso', 'spoc'],
    guards: [
      'AUTHORISER_INDEPENDENT',
      'ORAL_ONLY_ON_URGENT_ROUTE',
      'AUTHORISER_MATCHES_ROUTE',
      'DSO_RANK_SUFFICIENT',
      'RATIONALE_GIVEN',
      ...STATUTORY_GUARDS,
      'SPOC_CONSULTED',
      'RENEWAL_GRANTED_IN_TIME',
      'GRANT_STILL_VALID',
      'DATA_WITHIN_VALIDITY',
    ],
  },
  REFUSE: { roles: ['ocda', 'dso', 'spoc'], guards: ['AUTHORISER_MATCHES_ROUTE', 'REASON_GIVEN'] },
  JC_APPROVE: { roles: ['jc'], guards: ['JUDICIAL_COMMISSIONER', 'NOT_EXPIRED'] },
  JC_REFUSE: { roles: ['jc'], guards: ['JUDICIAL_COMMISSIONER', 'REASON_GIVEN'] },
  RECORD_WRITTEN: { roles: ['dso'], guards: ['WRITTEN_RECORD_BY_GRANTING_DSO'] },
  ISSUE_PRODUCT: { roles: ['spoc'], guards: [...SPOC_GUARDS, 'PRODUCT_PREREQUISITES'] },
  CANCEL: {
    roles: ['applicant', 'spoc', 'dso', 'ocda'],
    guards: ['CANCELLER_ENTITLED', 'REASON_GIVEN'],
  },
  EXPIRE: { roles: [SYSTEM_SENDER], guards: ['EXPIRY_REACHED'] },
  CLOSE: {
    roles: ['spoc', 'sro'],
    guards: ['CLOSER_ENTITLED', 'REASON_GIVEN', 'NO_WRITTEN_RECORD_OUTSTANDING'],
  },
  RECORD_OUTCOME: { roles: ['applicant'], guards: ['APPLICANT_OF_RECORD', 'OUTCOME_RECORDED', 'NO_WRITTEN_RECORD_OUTSTANDING'] },
};
