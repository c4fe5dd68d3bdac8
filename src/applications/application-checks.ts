/**
 * The checks a SPOC's review shows (issue 19: "every rule shown on a page comes from the same guard code as the
 * API"): the guards of SUBMIT_FOR_AUTHORISATION, in the policy table's order, each looked up in the one guard
 * registry the engine and the machine run (APPLICATION_GUARDS) and run on the guard input the engine would build
 * for the event (its own `inState`), with the rule's words and citation from the rule catalogue. Nothing here
 * decides a rule: it only runs every guard rather than stopping at the first failure, so a reviewer sees them all.
 * Pure: the caller (ApplicationsService.checksFor) loads the facts.
 */
import type { ActorFacts, GuardInput } from '../workflow/application.guards';
import { APPLICATION_RULE_CATALOGUE, type ApplicationRuleCode, type GuardFailure } from '../workflow/application-guards.rule-codes';
import { routeOf } from '../workflow/application-guards.support';
import { applicationEngine } from '../workflow/application.engine';
import { APPLICATION_EVENT_RULES, APPLICATION_GUARD_CODES, APPLICATION_GUARD_READS, APPLICATION_GUARDS } from '../workflow/application.policy';
import type { ApplicationEvent } from '../workflow/application.types';

export type ApplicationGuardId = keyof typeof APPLICATION_GUARDS;

/** What the checks are run on: the guard input without an event (the service's facts, as for `allowedEvents`). */
export type CheckFacts = Omit<GuardInput, 'event' | 'decider'>;

/** A rule as the catalogue words it (src/workflow/application-guards.rule-codes.ts). */
export interface RuleReference {
  code: ApplicationRuleCode;
  message: string;
  citation: string;
}

/** Why a check failed: the guard's own detail and fields, with the failed rule's words and citation. */
export interface CheckFailure extends RuleReference {
  detail: string;
  fields: string[];
}

/** One guard's outcome, for a person to read. */
export interface ApplicationCheck {
  /** The guard's stable id (the policy table's). */
  guard: ApplicationGuardId;
  /** What it checks, in words. */
  name: string;
  /** `facts`: decided by the record as it stands; `payload`: also by what is sent with the event (the SPOC's advice). */
  reads: 'facts' | 'payload';
  passed: boolean;
  failure: CheckFailure | null;
  /** Every rule the guard may refuse with, in words, with its citation. */
  rules: RuleReference[];
}

/** A decider a DSO route may name, with whether the independence rule (IPA s.63) would let them decide. */
export interface DeciderCheck {
  id: string;
  displayName: string;
  rank: string | null;
  independence: ApplicationCheck;
}

export interface ApplicationChecks {
  /** SUBMIT_FOR_AUTHORISATION's guards, in order. */
  checks: ApplicationCheck[];
  /**
   * On a DSO route (dso61, dso61A), each DSO of the authority with the independence guard's outcome for them as
   * the record stands; null on ipc60A, where OCDA decides and is independent by construction.
   */
  independence: DeciderCheck[] | null;
}

/** The checks' names in words; a guard without one shows its id (application-checks.spec.ts requires one for each shown). */
export const CHECK_NAMES: Readonly<Partial<Record<ApplicationGuardId, string>>> = {
  ACCREDITED_SPOC_NOT_APPLICANT: 'You are an accredited SPOC and did not make this application',
  SPOC_SERVES_AUTHORITY: "You serve the applicant's authority",
  SPOC_ADVICE_RECORDED: "The SPOC's advice is recorded",
  SPOC_ADVISES_ON_SENSITIVE_PROFESSION: "The SPOC's advice addresses the sensitive profession",
  FORM_COMPLETE: 'The form is complete and well formed',
  SENSITIVE_PROFESSION_ADDRESSED: 'The applicant has addressed the sensitive profession',
  SCHEDULE_4_ROUTE_AND_PURPOSE: 'Schedule 4: the route and the purpose are open to the authority',
  SERIOUS_CRIME_THRESHOLD: 'Serious-crime threshold for events data',
  ICR_CONDITIONS: 'Internet connection records: a condition of IPA s.62 is met',
  URGENCY_POLICY: 'Urgent route: an urgent priority grade and a justification',
  AUTHORISER_INDEPENDENT: 'The decider is independent of the application',
};

const ruleOf = (code: ApplicationRuleCode): RuleReference => ({ code, ...APPLICATION_RULE_CATALOGUE[code] });

/** Runs one guard, looked up in the registry at call time (so it is exactly the function the engine would run). */
function evaluate(guard: ApplicationGuardId, input: GuardInput): ApplicationCheck {
  const failure: GuardFailure | null = APPLICATION_GUARDS[guard](input);
  return {
    guard,
    name: CHECK_NAMES[guard] ?? guard,
    reads: APPLICATION_GUARD_READS[guard],
    passed: failure === null,
    failure: failure && { ...ruleOf(failure.code), detail: failure.detail ?? APPLICATION_RULE_CATALOGUE[failure.code].message, fields: [...(failure.fields ?? [])] },
    rules: [...new Set<ApplicationRuleCode>(APPLICATION_GUARD_CODES[guard])].map(ruleOf),
  };
}

/** The guard input the engine gives `event`'s guards in the record's state (application.engine.ts `inState`). */
function inputFor(facts: CheckFacts, event: ApplicationEvent, decider: ActorFacts | null): GuardInput {
  return applicationEngine.definition.inState({ ...facts, decider, event }, event, facts.application.status);
}

/**
 * Every guard of SUBMIT_FOR_AUTHORISATION on the record as it stands, sent by the reader with nothing yet: the
 * `facts` guards decide now whatever is sent (they are what `blockedEvents` reports); the `payload` guards (the
 * SPOC's advice) pass only when advice is already on the record, and otherwise wait on what the SPOC sends.
 */
export function submissionChecks(facts: CheckFacts): ApplicationCheck[] {
  const input = inputFor(facts, { type: 'SUBMIT_FOR_AUTHORISATION' }, null);
  return APPLICATION_EVENT_RULES.SUBMIT_FOR_AUTHORISATION.guards.map((guard) => evaluate(guard, input));
}

/**
 * On a DSO route, whether each of `deciders` is independent of the application (IPA s.63; the GRANT guard
 * AUTHORISER_INDEPENDENT, run with a decision naming them and no exception recorded); null on other routes.
 */
export function independenceChecks(facts: CheckFacts, deciders: readonly ActorFacts[]): DeciderCheck[] | null {
  const route = routeOf(facts.application);
  if (route !== 'dso61' && route !== 'dso61A') return null;
  return deciders.map((decider) => ({
    id: decider.id,
    displayName: decider.displayName ?? decider.id,
    rank: decider.rank,
    independence: evaluate('AUTHORISER_INDEPENDENT', inputFor(facts, { type: 'GRANT', decision: { deciderId: decider.id } }, decider)),
  }));
}

/** Both, for the review page. */
export function applicationChecks(facts: CheckFacts, deciders: readonly ActorFacts[]): ApplicationChecks {
  return { checks: submissionChecks(facts), independence: independenceChecks(facts, deciders) };
}
