/**
 * Guards of the disclosure request (docs/architecture.md §7.2; docs/law.md §1, §2.3, §2.5, §5, §8), and the
 * one import point for its rule codes. Each guard is a pure function of {@link DisclosureRequestGuardInput}
 * returning `null` (passes) or a {@link DisclosureRequestGuardFailure} with a stable rule code. No clock, no
 * I/O: time arrives as `input.now`.
 *
 * Every exported function here must carry TSDoc citing docs/law.md and a source tag, and have a
 * `describe('<name>')` block in disclosure-request.guards.spec.ts (enforced by
 * disclosure-request.guards.meta.spec.ts).
 */
import type { ActorFacts } from './core/actor';
import { failure, type Guard } from './core/rules';
import type { ApplicationState } from './application.types';
import {
  DISCLOSURE_REQUEST_RULE_CODES,
  type DisclosureRequestGuardFailure,
  type DisclosureRequestRuleCode,
} from './disclosure-request.rule-codes';
import type { DisclosureRequestEvent, DisclosureRequestState } from './disclosure-request.types';
import { hasText } from './guard-support';
import type { AuthorityType } from './roles';

export * from './disclosure-request.rule-codes';

const C = DISCLOSURE_REQUEST_RULE_CODES;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** The request as the guards see it (a projection of its row). */
export interface DisclosureRequestFacts {
  id: string;
  /** The authority the request is made for (the application's). */
  authorityId: string;
  /** Its kind: a local authority's requests go through NAFN (docs/law.md §1). */
  authorityType: AuthorityType;
  applicationId: string;
  status: DisclosureRequestState;
  /** The operator the request goes to (one request per CSP). */
  cspId: string;
  /** Set by SEND. */
  sentAt: Date | null;
  /** Set by CSP_ACKNOWLEDGED: the CSP's reference for the task. */
  cspReference: string | null;
  /**
   * Every check on every return of this request has been reviewed by a SPOC (docs/law.md §5). The returns
   * module supplies it; until it does, the service passes `false`, and MARK_CHECKED is refused.
   */
  allChecksReviewed: boolean;
}

/** What the request's guards need of its application (a projection of the application row). */
export interface DisclosureApplicationFacts {
  /** The applicant of record: a SPOC may not deal with the operator on their own application (docs/law.md §1). */
  applicantId: string;
  status: ApplicationState;
  /** When the authorisation takes effect: the grant, or for a renewal the instant after the original ends. */
  validFrom: Date | null;
  /** The authorisation's last moment (inclusive). */
  expiresAt: Date | null;
}

/** Everything a disclosure request guard may look at. */
export interface DisclosureRequestGuardInput {
  request: DisclosureRequestFacts;
  application: DisclosureApplicationFacts;
  actor: ActorFacts;
  event: DisclosureRequestEvent;
  now: Date;
}

export type DisclosureRequestGuardFn = Guard<DisclosureRequestGuardInput, DisclosureRequestRuleCode>;

// ---------------------------------------------------------------------------------------------
// Internal helpers
// ---------------------------------------------------------------------------------------------

function fail(code: DisclosureRequestRuleCode, detail?: string, fields?: readonly string[]): DisclosureRequestGuardFailure {
  return failure(code, detail, fields);
}

function isSystem(actor: ActorFacts): boolean {
  return actor.roles.includes('system');
}

// ---------------------------------------------------------------------------------------------
// Who acts
// ---------------------------------------------------------------------------------------------

/**
 * The sender is an accredited SPOC — the SPOC role and the authentication PIN operators know (CoP15 3.19) —
 * and not the applicant of the application the request serves: the SPOC is the gatekeeper who engages the
 * operator and checks what comes back, and may not act as SPOC on their own application (docs/law.md §1;
 * IPA s.76; CoP06 3.14).
 */
export function accreditedSpocNotApplicant(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  const { actor } = input;
  if (!actor.roles.includes('spoc') || !hasText(actor.spocPin)) return fail(C.SPOC_NOT_ACCREDITED, 'the sender is not an accredited SPOC');
  if (actor.id === input.application.applicantId) return fail(C.SPOC_IS_APPLICANT, 'a SPOC may not deal with the operator on an application they made');
  return null;
}

/**
 * The SPOC serves the request's authority: a SPOC of that authority, or a NAFN SPOC when the authority is a
 * local authority, whose requests go through NAFN (docs/law.md §1 "for local authorities the SPOC is the
 * National Anti-Fraud Network"; IPA s.74; IPCO-17 8.26). Simpler than the application's rule: the request
 * exists only once the application has passed its own SPOC checks, so this one asks only who may deal with
 * the operator for that authority.
 */
export function spocServesAuthority(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  const { actor, request } = input;
  if (actor.authorityId === request.authorityId) return null;
  if (actor.authorityType === 'nafn' && request.authorityType === 'localAuthority') return null;
  return fail(C.SPOC_WRONG_AUTHORITY, "the SPOC does not serve the request's authority");
}

/**
 * CANCEL: the system, acting on the application's own cancellation or expiry through the outbox (the
 * pseudo-role no user holds), or a SPOC who passes {@link accreditedSpocNotApplicant} and
 * {@link spocServesAuthority}. Once the authorisation is cancelled or has ended, no operator may go on
 * working on its requests (docs/law.md §2.5, §3.8; IPA s.65; CoP15 3.59–3.61).
 */
export function cancellerEntitled(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  if (isSystem(input.actor)) return null;
  return accreditedSpocNotApplicant(input) ?? spocServesAuthority(input);
}

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------

/**
 * SEND: the application is authorised (granted, and approved by a Judicial Commissioner where that was
 * needed): no request goes to an operator under an application that is still being decided, or that was
 * cancelled, expired or quashed (docs/law.md §2.3; IPA s.65; CoP06 3.14).
 */
export function applicationAuthorised(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  const { status } = input.application;
  return status === 'authorised' ? null : fail(C.APPLICATION_NOT_AUTHORISED, `the application is ${status}, not authorised`);
}

/**
 * SEND: `now` lies within the authorisation's validity, from `validFrom` to `expiresAt` inclusive. A
 * renewal is authorised before it takes effect — its period begins the instant after the original's last
 * moment — so its requests wait until then; and none goes out after the last moment (docs/law.md §2.3
 * "Renewal" and the one-month and three-day limits; IPA s.65(1), (3), (3A)).
 */
export function sentWithinValidity(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  const { validFrom, expiresAt } = input.application;
  const { now } = input;
  if (validFrom === null || expiresAt === null) return fail(C.REQUEST_OUTSIDE_VALIDITY, 'the application has no period of validity');
  if (now.getTime() < validFrom.getTime()) return fail(C.REQUEST_OUTSIDE_VALIDITY, `the authorisation takes effect at ${validFrom.toISOString()}`);
  if (now.getTime() > expiresAt.getTime()) return fail(C.REQUEST_OUTSIDE_VALIDITY, `the authorisation ended at ${expiresAt.toISOString()}`);
  return null;
}

// ---------------------------------------------------------------------------------------------
// The CSP's answers
// ---------------------------------------------------------------------------------------------

/**
 * CSP_ACKNOWLEDGED: the operator's reference for the task, so that its deliveries can be matched to the
 * request (docs/law.md §8: each delivery refers to its task; ETSI-HI1 LD task reference).
 */
export function cspReferenceGiven(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  return hasText(input.event.cspReference) ? null : fail(C.CSP_REFERENCE_REQUIRED, "give the operator's reference for the request", ['cspReference']);
}

/**
 * RETURN_RECEIVED: the return says, as a yes or no, whether the last part of every data item has now
 * arrived — results come in several parts, each with a last-part flag (docs/law.md §8; ETSI-RD complete or
 * incomplete responses; ETSI-HI1 DELIVER sequence and last-part flag).
 */
export function returnCompletenessStated(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  return typeof input.event.allItemsComplete === 'boolean'
    ? null
    : fail(C.RETURN_COMPLETENESS_REQUIRED, 'say whether every data item is now complete', ['allItemsComplete']);
}

/**
 * The branch RETURN_RECEIVED takes: `disclosed` once the last part of every data item has arrived,
 * otherwise `partiallyDisclosed` (docs/law.md §8: partial deliveries are accepted and each part
 * acknowledged; ETSI-RD).
 */
export function returnCompletesDisclosure(input: DisclosureRequestGuardInput): boolean {
  return input.event.allItemsComplete === true;
}

/**
 * NIL_RETURN: the operator's statement that it holds no such data. A nil return is a result like any
 * other: the SPOC checks it before the product is released, and a nil return when the data existed is
 * itself an error (docs/law.md §5, §8 "unavailable"; ETSI-RD; CoP06 3.14).
 */
export function nilReturnStatementGiven(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  return hasText(input.event.cspStatement) ? null : fail(C.CSP_STATEMENT_REQUIRED, "give the operator's statement that it holds no such data", ['cspStatement']);
}

/**
 * CSP_REJECTED: the operator's reason. An operator verifies that the SPOC and the request are authentic
 * and need not do what is not reasonably practicable, so a rejection says which (docs/law.md §1
 * "Telecommunications or postal operator"; CoP15 3.19).
 */
export function rejectionReasonGiven(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  return hasText(input.event.cspReason) ? null : fail(C.CSP_REASON_REQUIRED, "give the operator's reason for rejecting the request", ['cspReason']);
}

// ---------------------------------------------------------------------------------------------
// Checking and cancelling
// ---------------------------------------------------------------------------------------------

/**
 * MARK_CHECKED: every check on every return has been reviewed — the SPOC checks that each return matches
 * what was authorised (identifier, period, time zone, data type) before the product is released (docs/law.md
 * §5 "Checking"; CoP06 3.14; IPCO-17 8.24).
 */
export function returnChecksReviewed(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  return input.request.allChecksReviewed === true
    ? null
    : fail(C.CHECKS_NOT_REVIEWED, 'not every check on every return has been reviewed');
}

/**
 * CANCEL: a reason, recorded with the cancellation; an operator still working on the request is then told
 * (docs/law.md §2.5, §3.8 "A cancellation is recorded in writing with the URN, date, time and reason";
 * IPA s.65; CoP15 3.59–3.61).
 */
export function cancellationReasonGiven(input: DisclosureRequestGuardInput): DisclosureRequestGuardFailure | null {
  return hasText(input.event.reason) ? null : fail(C.REASON_REQUIRED, 'say why the request is cancelled', ['reason']);
}
