/**
 * Guards of the application workflow (docs/architecture.md §7.1; docs/law.md §2.2). Each guard is a pure
 * function of {@link GuardInput} returning `null` (passes) or a {@link GuardFailure} with a stable
 * rule code. No clock, no I/O: time arrives as `input.now`.
 *
 * This file is the single import point; the code lives beside it, one file per concern:
 * - application-guards.rule-codes.ts: APPLICATION_RULE_CODES, ApplicationRuleCode, GuardFailure.
 * - application-guards.facts.ts: the inputs and policy (POLICE_RANKS, WorkflowPolicy,
 *   DEFAULT_WORKFLOW_POLICY, ActorFacts, DisclosureFacts, ApplicationFacts, GuardInput, GuardFn).
 * - application-guards.form.ts: what the form says (completeness and validity, serious crime, ICRs,
 *   urgency, SPOC advice), the serious-crime test and the journalistic-source predicate.
 * - application-guards.authoriser.ts: who may send or decide (applicant of record, SPOC accreditation
 *   and authority, decider resolution, authoriser route, independence, oral grants, rationale,
 *   what a grant must specify, Judicial Commissioner, written record by the granting DSO).
 * - application-guards.validity.ts: grant instant and validity, the time of a recorded decision, grant
 *   still valid, renewal in time, data within validity, expiry.
 * - application-guards.closure.ts: reasons, written record outstanding, product prerequisites, who may
 *   cancel or close, outcome.
 * - application-guards.schedule4.ts: IPA Schedule 4 as the table in schedule4.ts gives it (the route and
 *   purpose open to the authority, the DSO's rank for the data sought).
 * - application-guards.sensitive-profession.ts: a subject in a sensitive profession, addressed by the
 *   applicant, the SPOC's advice and the decision.
 * application-guards.support.ts holds the helpers those files share; it is not re-exported here, so the
 * exported surface is the guard list.
 *
 * Every exported function of a concern file must carry TSDoc citing docs/law.md and have a
 * `describe('<name>')` block in the spec of the same concern, application-guards.<concern>.spec.ts
 * (enforced by application.guards.meta.spec.ts).
 */
export * from './application-guards.rule-codes';
export * from './application-guards.facts';
export * from './application-guards.form';
export * from './application-guards.authoriser';
export * from './application-guards.validity';
export * from './application-guards.closure';
export * from './application-guards.schedule4';
export * from './application-guards.sensitive-profession';
