/**
 * Who may send each application event, and which guards it must pass, in order (docs/architecture.md §7.1
 * "sent by" and "guards and payload" columns). The order matters: the first failure is reported,
 * so for GRANT independence (IPA s.63) is checked before the route, role and rank checks that would
 * otherwise fire for the same person.
 */
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
  type GuardFailure,
  type GuardFn,
  type GuardInput,
} from './application.guards';
import type { ApplicationEventType } from './application.types';
import { SYSTEM_SENDER, type EventSender } from './roles';

export interface ApplicationEventRule {
  /** Roles that may send the event at all (for `allowedEvents` and 403). */
  roles: readonly EventSender[];
  /** Guards run in order; the first failure is returned. */
  guards: readonly GuardFn[];
}

/** The statutory checks a SPOC confirms and an authoriser re-checks (docs/architecture.md §7.1). */
const STATUTORY_GUARDS: readonly GuardFn[] = [
  formComplete,
  purposeIsStatutory,
  localAuthorityRestrictions,
  seriousCrimeThreshold,
  icrConditions,
  urgencyPolicy,
];

/** The SPOC-capacity checks for SPOC-only events. */
const SPOC_GUARDS: readonly GuardFn[] = [accreditedSpocNotApplicant, spocServesAuthority];

export const APPLICATION_EVENT_RULES: Readonly<Record<ApplicationEventType, ApplicationEventRule>> =
  {
    SUBMIT_TO_SPOC: { roles: ['applicant'], guards: [applicantOfRecord, formComplete] },
    SUBMIT_URGENT_WITHOUT_SPOC: {
      roles: ['applicant'],
      guards: [
        applicantOfRecord,
        // Without this a local authority could reach a DSO it does not have, bypassing NAFN (docs/law.md §1 nafn).
        localAuthorityRestrictions,
        urgentRouteOnly,
        exceptionalCircumstancesRecorded,
        urgencyPolicy,
        formComplete,
      ],
    },
    WITHDRAW: { roles: ['applicant'], guards: [applicantOfRecord, reasonGiven] },
    RETURN_TO_APPLICANT: { roles: ['spoc'], guards: [...SPOC_GUARDS, reasonGiven] },
    RESUBMIT: { roles: ['applicant'], guards: [applicantOfRecord, formComplete] },
    DECLINE: { roles: ['spoc'], guards: [...SPOC_GUARDS, reasonGiven] },
    SUBMIT_FOR_AUTHORISATION: {
      roles: ['spoc'],
      guards: [...SPOC_GUARDS, spocAdviceRecorded, ...STATUTORY_GUARDS],
    },
    // ¹ the route's authoriser; a SPOC only to record OCDA's decision (or, for GRANT, an oral DSO grant ²).
    REQUEST_MORE_INFO: { roles: ['ocda', 'dso', 'spoc'], guards: [authoriserMatchesRoute, reasonGiven] },
    GRANT: {
      roles: ['ocda', 'dso', 'spoc'],
      guards: [
        authoriserIndependent,
        oralOnlyOnUrgentRoute,
        authoriserMatchesRoute,
        dsoRankSufficient,
        rationaleGiven,
        ...STATUTORY_GUARDS,
        spocConsulted,
        renewalGrantedInTime,
        grantStillValid,
        dataWithinValidity,
      ],
    },
    REFUSE: { roles: ['ocda', 'dso', 'spoc'], guards: [authoriserMatchesRoute, reasonGiven] },
    JC_APPROVE: { roles: ['jc'], guards: [judicialCommissioner, notExpired] },
    JC_REFUSE: { roles: ['jc'], guards: [judicialCommissioner, reasonGiven] },
    RECORD_WRITTEN: { roles: ['dso'], guards: [writtenRecordByGrantingDso] },
    ISSUE_PRODUCT: { roles: ['spoc'], guards: [...SPOC_GUARDS, productPrerequisites] },
    CANCEL: {
      roles: ['applicant', 'spoc', 'dso', 'ocda'],
      guards: [cancellerEntitled, reasonGiven],
    },
    EXPIRE: { roles: [SYSTEM_SENDER], guards: [expiryReached] },
    CLOSE: {
      roles: ['spoc', 'sro'],
      guards: [closerEntitled, reasonGiven, noWrittenRecordOutstanding],
    },
    RECORD_OUTCOME: { roles: ['applicant'], guards: [applicantOfRecord, outcomeRecorded, noWrittenRecordOutstanding] },
  };

/** True when any of `roles` may send `type` (guards aside). */
export function rolesMaySend(type: ApplicationEventType, roles: readonly EventSender[]): boolean {
  return APPLICATION_EVENT_RULES[type].roles.some((role) => roles.includes(role));
}

/** Runs the event's guards in order; returns the first failure and the names of the guards run. */
export function runEventGuards(
  type: ApplicationEventType,
  input: GuardInput,
): { failure: GuardFailure | null; guardsRun: string[] } {
  const guardsRun: string[] = [];
  for (const guard of APPLICATION_EVENT_RULES[type].guards) {
    guardsRun.push(guard.name);
    const failure = guard(input);
    if (failure !== null) return { failure, guardsRun };
  }
  return { failure: null, guardsRun };
}

/** Role check plus guards: the predicate the machine itself applies (defence in depth). */
export function eventPermitted(type: ApplicationEventType, input: GuardInput): boolean {
  return (
    input.event.type === type &&
    rolesMaySend(type, input.actor.roles) &&
    runEventGuards(type, input).failure === null
  );
}
