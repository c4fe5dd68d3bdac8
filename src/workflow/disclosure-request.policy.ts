/**
 * Who may send each disclosure request event, and which guards it must pass, in order (docs/architecture.md
 * §7.2 "sent by" and "notes"). The first failure is reported: who acts first, then the application and the
 * facts, then the payload (the engine runs the guards reading only the facts first in any case). Guards are
 * named by stable ids: history rows keep the ids.
 */
import type { GuardCodesTable, GuardReadsTable, GuardRegistry, PolicyTable } from './core/policy';
import {
  accreditedSpocNotApplicant,
  applicationAuthorised,
  cancellationReasonGiven,
  cancellerEntitled,
  cspReferenceGiven,
  nilReturnStatementGiven,
  rejectionReasonGiven,
  returnChecksReviewed,
  returnCompletenessStated,
  sentWithinValidity,
  spocServesAuthority,
  type DisclosureRequestGuardInput,
  type DisclosureRequestRuleCode,
} from './disclosure-request.guards';
import type { DisclosureRequestEventType } from './disclosure-request.types';
import type { EventSender } from './roles';

/** Every disclosure request guard by its stable id. */
export const DISCLOSURE_REQUEST_GUARDS = {
  ACCREDITED_SPOC_NOT_APPLICANT: accreditedSpocNotApplicant,
  SPOC_SERVES_AUTHORITY: spocServesAuthority,
  CANCELLER_ENTITLED: cancellerEntitled,
  APPLICATION_AUTHORISED: applicationAuthorised,
  SENT_WITHIN_VALIDITY: sentWithinValidity,
  CSP_REFERENCE_GIVEN: cspReferenceGiven,
  RETURN_COMPLETENESS_STATED: returnCompletenessStated,
  NIL_RETURN_STATEMENT_GIVEN: nilReturnStatementGiven,
  REJECTION_REASON_GIVEN: rejectionReasonGiven,
  RETURN_CHECKS_REVIEWED: returnChecksReviewed,
  CANCELLATION_REASON_GIVEN: cancellationReasonGiven,
} as const satisfies GuardRegistry<string, DisclosureRequestGuardInput, DisclosureRequestRuleCode>;

export type DisclosureRequestGuardId = keyof typeof DISCLOSURE_REQUEST_GUARDS;

/**
 * What each guard reads (docs/architecture.md §7, blocked events): `payload` where a field the event carries
 * decides — the CSP's reference, statement or reason, whether the return completes the items, the reason
 * for cancelling; `facts` guards read only the request, its application, the sender and `now`, so they
 * decide what is blocked. disclosure-request.guards.meta.spec.ts checks both ways with generated payloads.
 */
export const DISCLOSURE_REQUEST_GUARD_READS = {
  ACCREDITED_SPOC_NOT_APPLICANT: 'facts',
  SPOC_SERVES_AUTHORITY: 'facts',
  CANCELLER_ENTITLED: 'facts',
  APPLICATION_AUTHORISED: 'facts',
  SENT_WITHIN_VALIDITY: 'facts',
  CSP_REFERENCE_GIVEN: 'payload',
  RETURN_COMPLETENESS_STATED: 'payload',
  NIL_RETURN_STATEMENT_GIVEN: 'payload',
  REJECTION_REASON_GIVEN: 'payload',
  RETURN_CHECKS_REVIEWED: 'facts',
  CANCELLATION_REASON_GIVEN: 'payload',
} as const satisfies GuardReadsTable<DisclosureRequestGuardId>;

/**
 * The rule codes each guard may refuse with: with the event table below, what the rules table derives the
 * events of each rule from. rule-catalogue.spec.ts checks with generated inputs that no guard refuses with
 * a code it does not declare.
 */
export const DISCLOSURE_REQUEST_GUARD_CODES = {
  ACCREDITED_SPOC_NOT_APPLICANT: ['SPOC_NOT_ACCREDITED', 'SPOC_IS_APPLICANT'],
  SPOC_SERVES_AUTHORITY: ['SPOC_WRONG_AUTHORITY'],
  CANCELLER_ENTITLED: ['SPOC_NOT_ACCREDITED', 'SPOC_IS_APPLICANT', 'SPOC_WRONG_AUTHORITY'],
  APPLICATION_AUTHORISED: ['APPLICATION_NOT_AUTHORISED'],
  SENT_WITHIN_VALIDITY: ['REQUEST_OUTSIDE_VALIDITY'],
  CSP_REFERENCE_GIVEN: ['CSP_REFERENCE_REQUIRED'],
  RETURN_COMPLETENESS_STATED: ['RETURN_COMPLETENESS_REQUIRED'],
  NIL_RETURN_STATEMENT_GIVEN: ['CSP_STATEMENT_REQUIRED'],
  REJECTION_REASON_GIVEN: ['CSP_REASON_REQUIRED'],
  RETURN_CHECKS_REVIEWED: ['CHECKS_NOT_REVIEWED'],
  CANCELLATION_REASON_GIVEN: ['REASON_REQUIRED'],
} as const satisfies GuardCodesTable<DisclosureRequestGuardId, DisclosureRequestRuleCode>;

const SPOC: readonly EventSender[] = ['spoc'];
const SYSTEM: readonly EventSender[] = ['system'];
const SPOC_GUARDS = ['ACCREDITED_SPOC_NOT_APPLICANT', 'SPOC_SERVES_AUTHORITY'] as const;

export const DISCLOSURE_REQUEST_EVENT_RULES: PolicyTable<DisclosureRequestEventType, DisclosureRequestGuardId> = {
  SEND: { roles: SPOC, guards: [...SPOC_GUARDS, 'APPLICATION_AUTHORISED', 'SENT_WITHIN_VALIDITY'] },
  // The SPOC records the CSP's answers, which reach the authority outside this service.
  CSP_ACKNOWLEDGED: { roles: SPOC, guards: [...SPOC_GUARDS, 'CSP_REFERENCE_GIVEN'] },
  // The returns endpoint, once every delivery's checksum, sequence and reference are checked (docs/law.md §8).
  RETURN_RECEIVED: { roles: SYSTEM, guards: ['RETURN_COMPLETENESS_STATED'] },
  NIL_RETURN: { roles: SPOC, guards: [...SPOC_GUARDS, 'NIL_RETURN_STATEMENT_GIVEN'] },
  CSP_REJECTED: { roles: SPOC, guards: [...SPOC_GUARDS, 'REJECTION_REASON_GIVEN'] },
  MARK_CHECKED: { roles: SPOC, guards: [...SPOC_GUARDS, 'RETURN_CHECKS_REVIEWED'] },
  // The system cancels when the application is cancelled or expires (its outbox event).
  CANCEL: { roles: ['spoc', 'system'], guards: ['CANCELLER_ENTITLED', 'CANCELLATION_REASON_GIVEN'] },
};
