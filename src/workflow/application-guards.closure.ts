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
