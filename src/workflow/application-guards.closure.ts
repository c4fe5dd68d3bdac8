/**
 * Application guards for ending and closing (docs/architecture.md §7.1 CANCEL, CLOSE, ISSUE_PRODUCT,
 * RECORD_OUTCOME; docs/law.md §2.4): the reason for withdrawing, returning, declining, refusing,
 * cancelling or closing, no written record outstanding, the product's prerequisites, who may cancel or
 * close, and the outcome. Import through application.guards.ts. Every exported function carries TSDoc
 * citing docs/law.md and has a `describe('<name>')` block in application-guards.closure.spec.ts
 * (application.guards.meta.spec.ts).
 */
import { hasText } from './guard-support';
import { APPLICATION_RULE_CODES as C, type GuardFailure } from './application-guards.rule-codes';
import type { DisclosureFacts, GuardInput } from './application-guards.facts';
import { fail, hasRole, isOcdaUser, routeOf } from './application-guards.support';
import { accreditedSpocNotApplicant, spocServesAuthority } from './application-guards.authoriser';

/**
 * The SPOC-capacity checks of SPOC events (an accredited SPOC, not the applicant, serving the authority),
 * as authoriserMatchesRoute applies them to a recorder: a SPOC may cancel or close in that capacity.
 */
function spocCapacityFailure(input: GuardInput): GuardFailure | null {
  return accreditedSpocNotApplicant(input) ?? spocServesAuthority(input);
}

/**
 * A reason is recorded: `reason` for WITHDRAW, RETURN_TO_APPLICANT, DECLINE, REFUSE, JC_REFUSE,
 * CANCEL, REQUEST_CANCELLATION, CLOSE; `question` for REQUEST_MORE_INFO (docs/law.md §2.4 reason mandatory; WILTS 5817(b);
 * IPA-65(3B),(4); CoP15 3.60, 3.62).
 */
export function reasonGiven(input: GuardInput): GuardFailure | null {
  const { event } = input;
  const field = event.type === 'REQUEST_MORE_INFO' ? 'question' : 'reason';
  return hasText(event[field])
    ? null
    : fail(C.REASON_REQUIRED, `a ${field} is required for ${event.type}`, [field]);
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
 * An officer of the application's authority: a person holding an office, rank or position with it (IPA
 * s.86(1) "officer"), which the code reads as a user of that authority. A NAFN SPOC serves a local
 * authority but is an officer of NAFN's host, not of the local authority (docs/law.md §2.5).
 */
function officerOfAuthority(input: GuardInput): boolean {
  return input.actor.authorityId === input.application.authorityId;
}

/**
 * The sender has sight of the record under need-to-know (docs/law.md §1): the applicant of record or a
 * team member; a SPOC serving the authority (NAFN for a local authority); a DSO or SRO of the authority;
 * OCDA on `ipc60A`. The query already hides the record from anyone else; the guards say it too, so the
 * rule stands on its own.
 */
function hasSight(input: GuardInput): boolean {
  const { actor, application } = input;
  if (routeOf(application) === 'ipc60A' && isOcdaUser(actor)) return true;
  if (hasRole(actor, 'applicant') && (actor.id === application.applicantId || application.teamMemberIds.includes(actor.id))) return true;
  if ((hasRole(actor, 'dso') || hasRole(actor, 'sro')) && officerOfAuthority(input)) return true;
  return hasRole(actor, 'spoc') && spocServesAuthority(input) === null;
}

/**
 * Whom s.65 names first for the route: on `ipc60A` the Investigatory Powers Commissioner (an OCDA user,
 * by delegation) or any officer of the authority (IPA s.65(3B)); on `dso61` and `dso61A` the DSO who
 * granted (IPA s.65(4)).
 */
function namedCanceller(input: GuardInput): boolean {
  const { actor, application } = input;
  if (routeOf(application) === 'ipc60A') return isOcdaUser(actor) || (officerOfAuthority(input) && hasSight(input));
  return application.grantedById !== null && actor.id === application.grantedById;
}

/**
 * CANCEL by a person s.65 names for the route (docs/law.md §2.5; docs/architecture.md §7.1 CANCEL): on
 * `ipc60A`, the Investigatory Powers Commissioner (an OCDA user) or an officer of the authority (IPA
 * s.65(3B); "officer" as IPA s.86(1)); on `dso61` and `dso61A`, the DSO who granted (IPA s.65(4)), or
 * another DSO of the same authority standing in for a DSO no longer available (IPA s.65(5); CoP15 3.61),
 * who must also record why (granterUnavailabilityRecorded). Anyone else may only request cancellation
 * (REQUEST_CANCELLATION).
 */
export function cancellerEntitled(input: GuardInput): GuardFailure | null {
  const { actor, application } = input;
  if (namedCanceller(input)) return null;
  const route = routeOf(application);
  const dsoRoute = route === 'dso61' || route === 'dso61A';
  if (dsoRoute && hasRole(actor, 'dso') && officerOfAuthority(input)) return null;
  if (!hasSight(input)) return fail(C.NOT_ENTITLED_TO_CANCEL, 'only a person with sight of the record may cancel it');
  return fail(
    C.NOT_ENTITLED_TO_CANCEL,
    dsoRoute
      ? 'only the DSO who granted, or another DSO of the authority when that DSO is no longer available, may cancel; request cancellation instead'
      : 'only the Investigatory Powers Commissioner or an officer of the authority may cancel; request cancellation instead',
  );
}

/**
 * CANCEL on `dso61` or `dso61A` by a DSO other than the one who granted records why the granting DSO is
 * no longer available (`granterUnavailable`): s.65(4) gives the power to the DSO who granted, and only
 * their unavailability passes it on (docs/law.md §2.5; IPA s.65(4), (5); CoP15 3.61).
 */
export function granterUnavailabilityRecorded(input: GuardInput): GuardFailure | null {
  const { actor, application, event } = input;
  const route = routeOf(application);
  if (route !== 'dso61' && route !== 'dso61A') return null;
  if (application.grantedById !== null && actor.id === application.grantedById) return null;
  return hasText(event.granterUnavailable)
    ? null
    : fail(
        C.GRANTER_UNAVAILABILITY_REQUIRED,
        'record why the DSO who granted the authorisation is no longer available to cancel it',
        ['granterUnavailable'],
      );
}

/**
 * REQUEST_CANCELLATION is for those who find the authorisation no longer necessary or proportionate but
 * are not the person s.65 names to cancel it, and have sight of the record: a person so named cancels
 * instead (docs/law.md §1 need-to-know, §2.5; IPA s.65(3B), (4); CoP15 3.62).
 */
export function cancellationRequester(input: GuardInput): GuardFailure | null {
  if (namedCanceller(input)) return fail(C.MAY_CANCEL_DIRECTLY, 'you may cancel this authorisation yourself: send CANCEL');
  return hasSight(input)
    ? null
    : fail(C.NOT_ENTITLED_TO_CANCEL, 'only a person with sight of the record may ask for it to be cancelled');
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
