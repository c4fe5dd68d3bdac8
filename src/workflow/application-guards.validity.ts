/**
 * Application guards about time and validity (docs/architecture.md §7.1 Validity; docs/law.md §2.3): the
 * grant instant and the validity a grant gives, the time of a decision recorded on someone else's behalf,
 * a grant still valid when recorded, renewal in time, data periods within the validity, and expiry. Import
 * through application.guards.ts. Every exported function carries TSDoc citing docs/law.md and has a
 * `describe('<name>')` block in application-guards.validity.spec.ts (application.guards.meta.spec.ts).
 */
import { parseIsoWithOffset } from './guard-support';
import { authorisationEnd } from './validity';
import { APPLICATION_RULE_CODES as C, type GuardFailure } from './application-guards.rule-codes';
import type { ApplicationFacts, GuardInput } from './application-guards.facts';
import { dataItemsOf, fail, routeOf } from './application-guards.support';
import { resolveDecider } from './application-guards.authoriser';

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
 * A decision recorded on someone else's behalf (OCDA's decision received from OCDA's own system, a DSO's
 * oral grant: docs/architecture.md §7.1 footnotes ¹ ²) carries the time it was taken, and that time lies
 * between the moment the application last entered `awaitingAuthorisation` and now (docs/law.md §2.3
 * "No backdated decisions"). The authoriser decides on the application put to them (IPA s.60A(1) "on an
 * application made by a relevant public authority"; s.61(1), s.61A(1); CoP15 3.34), so no decision can
 * predate the submission it answers, and none can be recorded before it is taken. The time is never
 * assumed, because it fixes the day the authorisation's period begins (IPA s.65(1), (3A)). A direct
 * decider decides when they send the event (`grantInstant`), so nothing here applies to them.
 */
export function recordedDecisionTimeInWindow(input: GuardInput): GuardFailure | null {
  if (!resolveDecider(input).recordedOnBehalf) return null;
  const fields = ['decision.decidedAt'];
  const decidedAt = parseIsoWithOffset(input.event.decision?.decidedAt);
  if (decidedAt === null) {
    return fail(
      C.DECISION_TIME_REQUIRED,
      "a decision recorded on someone else's behalf needs the date and time it was taken, with the offset from UTC",
      fields,
    );
  }
  const dated = new Date(decidedAt).toISOString();
  if (decidedAt > input.now.getTime()) {
    return fail(C.DECISION_IN_FUTURE, `the decision is dated ${dated}, which is later than now (${input.now.toISOString()})`, fields);
  }
  // A record kept before the last entry was stored carries only the first submission: a weaker bound, still a bound.
  const submitted = input.application.lastSubmittedForAuthorisationAt ?? input.application.submittedForAuthorisationAt ?? null;
  if (submitted !== null && decidedAt < submitted.getTime()) {
    return fail(
      C.DECISION_BEFORE_SUBMISSION,
      `the decision is dated ${dated}, before the application last went for authorisation at ${submitted.toISOString()}`,
      fields,
    );
  }
  return null;
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
