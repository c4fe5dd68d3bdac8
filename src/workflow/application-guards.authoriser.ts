/**
 * Application guards about who may send or decide (docs/architecture.md §7.1; docs/law.md §1; §2.2): the
 * applicant of record, the SPOC's accreditation and authority, the decider (resolved by person id, not
 * the recorder) and their route and independence, oral grants, the rationale, the Judicial Commissioner,
 * and the written record by the DSO who granted orally (the DSO's rank is Schedule 4's rule, in
 * application-guards.schedule4.ts). Import through application.guards.ts.
 * Every exported function carries TSDoc citing docs/law.md and has a `describe('<name>')` block in
 * application-guards.authoriser.spec.ts (application.guards.meta.spec.ts).
 */
import { hasText, parseIsoWithOffset } from './guard-support';
import type { EventSender } from './roles';
import type { Route } from './application.types';
import { APPLICATION_RULE_CODES as C, type GuardFailure } from './application-guards.rule-codes';
import type { ActorFacts, ApplicationFacts, GuardInput } from './application-guards.facts';
import { fail, hasRole, isOcdaUser, routeOf } from './application-guards.support';

function isDsoOf(person: ActorFacts, application: ApplicationFacts): boolean {
  return hasRole(person, 'dso') && person.authorityId === application.authorityId;
}

/** The role that decides directly on a route. */
function authoriserRoleFor(route: Route | null): EventSender | null {
  if (route === null) return null;
  return route === 'ipc60A' ? 'ocda' : 'dso';
}

/** The SPOC-capacity checks shared by SPOC events and by recorded decisions. */
function spocCapacityFailure(input: GuardInput): GuardFailure | null {
  return accreditedSpocNotApplicant(input) ?? spocServesAuthority(input);
}

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
 * through NAFN (docs/law.md §1 nafn "mandatory SPoC for all local-authority CD requests"; §2.1 local
 * authorities; IPA s.74; IOCCO-16 p13; IPCO-17 8.26).
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
 * The decision comes from the route's authoriser (docs/architecture.md §7.1 footnote ¹; docs/law.md §2.1):
 * `ipc60A` — an OCDA user, or an accredited SPOC of the authority recording OCDA's decision with
 * OCDA's reference, the decision time and the authorising officer's name; `dso61`/`dso61A` — a DSO
 * of the application's authority, who may have an oral `dso61A` grant recorded for them by a SPOC
 * (footnote ²). Whether a recorded decision time is plausible is `recordedDecisionTimeInWindow`'s rule
 * (docs/law.md §2.3), not this one's.
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
    if (parseIsoWithOffset(decision.decidedAt) === null) missing.push('decision.decidedAt');
    return missing.length === 0
      ? null
      : fail(
          C.OCDA_DECISION_DETAILS_REQUIRED,
          "recording OCDA's decision needs OCDA's reference, the decision time and the authorising officer's name",
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
 * A grant carries the decider's written rationale, tailored not generic (docs/law.md §3.7
 * decisionRationale; IOCCO-15 7.51).
 */
export function rationaleGiven(input: GuardInput): GuardFailure | null {
  return hasText(input.event.decision?.rationale)
    ? null
    : fail(C.RATIONALE_REQUIRED, 'the decision needs a rationale', ['decision.rationale']);
}

/**
 * A grant states what an authorisation must specify (docs/law.md §3.7; IPA s.64(1)): the office, rank
 * or position held by the person granting it (s.64(1)(a): `decision.officeRank`), and the conduct
 * authorised together with the data to be obtained (s.64(1)(c)–(d): `decision.conductAuthorised`, read
 * with the application's data items, which `formComplete` requires at GRANT). The reasons on necessity
 * and proportionality are the rationale (`rationaleGiven`; IPA s.60A(1), s.61(1), s.61A(1)). Every
 * missing field is named at once, so one answer says all that is left to write.
 */
export function authorisationParticularsGiven(input: GuardInput): GuardFailure | null {
  const decision = input.event.decision;
  const missing: string[] = [];
  const parts: string[] = [];
  if (!hasText(decision?.officeRank)) {
    missing.push('decision.officeRank');
    parts.push('state the office, rank or position of the person granting it');
  }
  if (!hasText(decision?.conductAuthorised)) {
    missing.push('decision.conductAuthorised');
    parts.push('describe the conduct authorised and the data to be obtained');
  }
  return missing.length === 0
    ? null
    : fail(C.AUTHORISATION_PARTICULARS_REQUIRED, `the grant must ${parts.join(', and ')}`, missing);
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
 * A DSO's grant carries the DSO's own declaration that they are independent of the investigation, or the
 * exceptional circumstances in which they need not be, recorded by them (docs/law.md §3.7 findings; §2.2
 * authoriserIndependent; IPA s.63). Whether the decider is in fact the applicant, the reviewing SPOC or on
 * the team is `authoriserIndependent`'s rule; this one asks the DSO to answer for it on the record. OCDA
 * is independent by construction and declares nothing here.
 */
export function dsoIndependenceDeclared(input: GuardInput): GuardFailure | null {
  const route = routeOf(input.application);
  if (route !== 'dso61' && route !== 'dso61A') return null;
  const decision = input.event.decision;
  if (decision?.independenceDeclaration === true || hasText(decision?.exceptionalCircumstancesOverride)) return null;
  return fail(
    C.INDEPENDENCE_NOT_DECLARED,
    'the DSO must declare their independence of the investigation or record the exceptional circumstances (IPA s.63)',
    ['decision.independenceDeclaration'],
  );
}

/**
 * Every finding sent with a grant gives its reasons, and is the decider's to make on this route (docs/law.md
 * §3.7 findings): a finding without reasons is refused rather than ignored, so the record never shows a bare
 * assertion (IPA s.77(1)(b), (1A)(b); s.76(2)). On `ipc60A` the finding that no SPOC need be consulted is
 * the applicant's at submission (IPA s.76(A1), (2)), so an authoriser's is refused.
 */
export function findingsGivenWithReasons(input: GuardInput): GuardFailure | null {
  const findings = input.event.decision?.findings;
  if (!findings) return null;
  const missing = (['imminentThreatToLife', 'spocNotConsulted'] as const)
    .filter((name) => findings[name] && !hasText(findings[name].reasons))
    .map((name) => `decision.findings.${name}.reasons`);
  if (missing.length > 0) {
    return fail(C.FINDING_REASONS_REQUIRED, 'a finding must give its reasons', missing);
  }
  if (findings.spocNotConsulted && routeOf(input.application) === 'ipc60A') {
    return fail(
      C.FINDING_NOT_FOR_ROUTE,
      "on ipc60A the finding that no SPOC need be consulted is the applicant's, at submission",
      ['decision.findings.spocNotConsulted'],
    );
  }
  return null;
}
