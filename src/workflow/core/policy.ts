/**
 * An aggregate's policy table: for each event, who may send it and which guards it must pass, in
 * order. Guards are named by stable ids (`FORM_COMPLETE`), never by a function's name, because the ids
 * are stored in history rows: renaming a function must not change a stored record (docs/architecture.md §11).
 */
import type { EventSender } from '../roles';
import type { ActorFacts } from './actor';
import type { Guard, RuleFailure } from './rules';

/** What every aggregate's guard input carries: who acts, and the event they send. */
export interface WorkflowGuardInput {
  actor: ActorFacts;
  event: { type: string };
}

export interface EventRule<G extends string> {
  /** Roles that may send the event at all (for `allowedEvents` and the role refusal). */
  roles: readonly EventSender[];
  /** Guard ids, run in order; the first failure is reported. */
  guards: readonly G[];
}

export type PolicyTable<E extends string, G extends string> = Readonly<Record<E, EventRule<G>>>;
export type GuardRegistry<G extends string, I, C extends string> = Readonly<Record<G, Guard<I, C>>>;

/**
 * What a guard's outcome can depend on. `facts`: only what the service knows before anything is sent —
 * the record, the caller, the policy and `now`. `payload`: also what the event carries (a reason, a
 * decision, a named decider). A guard is `payload` as soon as ANY payload field can change its outcome;
 * only a `facts` guard may be run without one, which is what lets a response say that an event is
 * blocked whatever is sent (docs/architecture.md §7).
 */
export type GuardReads = 'facts' | 'payload';

/** Every guard id with what it reads: a `Record`, so a new guard without a declaration fails `tsc`. */
export type GuardReadsTable<G extends string> = Readonly<Record<G, GuardReads>>;

/**
 * Every guard id with the rule codes it may refuse with: a `Record`, so a new guard without its codes fails
 * `tsc`. With the policy table it says which events a rule can refuse (the rules table, docs/rules.md).
 */
export type GuardCodesTable<G extends string, C extends string> = Readonly<Record<G, readonly C[]>>;

/** The events whose guards may refuse with `code`, in the policy table's order. */
export function eventsRefusingWith<E extends string, G extends string, C extends string>(
  policy: PolicyTable<E, G>,
  codes: GuardCodesTable<G, C>,
  code: C,
): E[] {
  return (Object.keys(policy) as E[]).filter((type) => policy[type].guards.some((id) => codes[id].includes(code)));
}

/** True when any of `roles` may send `type` (guards aside). */
export function rolesMaySend<E extends string>(
  policy: PolicyTable<E, string>,
  type: E,
  roles: readonly EventSender[],
): boolean {
  return policy[type].roles.some((role) => roles.includes(role));
}

/**
 * For each guard input the engine has judged in full (`rememberVerdict`): under which policy and guards, for which
 * event, and whether every guard passed. Guards are pure functions of their input, and the engine builds the input
 * it judges for that one event and never changes it, so the verdict on the same object is the same verdict: the
 * machine's own check of the event ({@link eventPermitted}) reads it here instead of running every guard again
 * (issue 23). Inputs are held weakly: a verdict goes with its input.
 */
interface Verdict {
  policy: object;
  guards: object;
  type: string;
  passed: boolean;
}
const verdicts = new WeakMap<object, Verdict[]>();

function verdictOn(policy: object, guards: object, type: string, input: object): boolean | undefined {
  return verdicts.get(input)?.find((v) => v.policy === policy && v.guards === guards && v.type === type)?.passed;
}

/** Records that every guard of `type` under `policy` and `guards` passed on `input`, or not (see {@link verdicts}). */
export function rememberVerdict(policy: object, guards: object, type: string, input: object, passed: boolean): void {
  const known = verdicts.get(input) ?? [];
  known.push({ policy, guards, type, passed });
  verdicts.set(input, known);
}

/**
 * Runs the event's guards in order (those `only` selects, when given); returns the first failure and the
 * ids of the guards run.
 */
export function runGuards<E extends string, G extends string, I, C extends string>(
  policy: PolicyTable<E, G>,
  guards: GuardRegistry<G, I, C>,
  type: E,
  input: I,
  only?: (id: G) => boolean,
): { failure: RuleFailure<C> | null; guardsRun: G[] } {
  const guardsRun: G[] = [];
  for (const id of policy[type].guards) {
    if (only !== undefined && !only(id)) continue;
    guardsRun.push(id);
    const failure = guards[id](input);
    if (failure !== null) return { failure, guardsRun };
  }
  return { failure: null, guardsRun };
}

/**
 * Role check plus guards for an event carried with its guard input: the predicate every machine applies
 * to every transition (defence in depth: the machine itself refuses what the engine would refuse).
 */
export function eventPermitted<E extends string, G extends string, I extends WorkflowGuardInput, C extends string>(
  policy: PolicyTable<E, G>,
  guards: GuardRegistry<G, I, C>,
  type: E,
  input: I,
): boolean {
  return (
    input.event.type === type &&
    rolesMaySend(policy, type, input.actor.roles) &&
    (verdictOn(policy, guards, type, input) ?? runGuards(policy, guards, type, input).failure === null)
  );
}
