/**
 * The one workflow engine every aggregate instantiates with its machine, policy table and guards
 * (docs/architecture.md §4 step 3, §12). It applies one event purely: the caller loads the row,
 * supplies the facts and `now`, and persists what comes back — the new status, the `changes` to the
 * row, and what the history row keeps so that a replay gives the same answer.
 *
 * Order of checks:
 * 1. none of the caller's roles may send the event → `forbiddenRole`, whatever the state (the role
 *    is checked before the state, so a role that can never send an event is refused the same way
 *    everywhere, and an event refused by state lists what the caller could send instead);
 * 2. event not defined in the current state → `invalidTransition`, listing the caller's events here,
 *    allowed and blocked, as {@link WorkflowEngine.eventsFor} does;
 * 3. the event's guards → `ruleFailed` with the first failure and its kind (about the actor, or about
 *    the content): first the guards that read only the facts, in order, then all of them in order. A
 *    rule that no payload can satisfy is reported before one the payload could, so the caller is never
 *    asked to fix the payload only to be refused for the facts; and so an event `eventsFor` reports
 *    blocked is refused with exactly the code it showed, whatever is sent;
 * 4. the machine's own transition (it re-applies 2, and 3 through the verdict reached on the same guard input:
 *    core/policy.ts), asserting that the machine took it, to one of the table's targets — XState silently
 *    ignores an event it does not accept (docs/architecture.md §10, XState).
 */
import { transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { EventSender } from '../roles';
import { WorkflowInvariantError } from './invariant';
import type { TransitionRow, WorkflowMachineEvent } from './machine';
import {
  eventPermitted,
  rememberVerdict,
  rolesMaySend,
  runGuards,
  type GuardReadsTable,
  type GuardRegistry,
  type PolicyTable,
  type WorkflowGuardInput,
} from './policy';
import type { RuleFailure, RuleKind } from './rules';

/**
 * The types one aggregate plugs into the core, bundled so that each signature below names one type
 * parameter instead of nine.
 */
export interface WorkflowTypes {
  state: string;
  eventType: string;
  /** The event as sent (its `type` is one of `eventType`). */
  event: { type: string };
  input: WorkflowGuardInput;
  /** Rule codes the guards refuse with. */
  code: string;
  /** Stable guard ids (docs/architecture.md §11). */
  guardId: string;
  options: object;
  changes: unknown;
  record: unknown;
}

/** Everything an aggregate brings to the engine. */
export interface WorkflowDefinition<T extends WorkflowTypes> {
  /** What people call one of these in messages ("application", "entry"). */
  noun: string;
  machine: AnyStateMachine;
  machineVersion: string;
  states: readonly T['state'][];
  eventTypes: readonly T['eventType'][];
  policy: PolicyTable<T['eventType'], T['guardId']>;
  guards: GuardRegistry<T['guardId'], T['input'], T['code']>;
  /** What each guard reads (docs/architecture.md §7): only `facts` guards decide what is blocked. */
  guardReads: GuardReadsTable<T['guardId']>;
  /** For every rule code: is it about who acts, or about what was sent? Exhaustive, so a new code needs one. */
  ruleKinds: Readonly<Record<T['code'], RuleKind>>;
  /** Events that may leave the state unchanged. */
  selfTransitions: readonly T['eventType'][];
  /** The contract's transition table (the machine is built from it); the engine asserts each move is a row of it. */
  transitions: readonly TransitionRow<T['state'], T['eventType'], string>[];
  /** Options used when the caller gives none. */
  defaultOptions: T['options'];
  /** The guard input as the guards must see it: this event, applied in this state. */
  inState(input: T['input'], event: T['event'], state: T['state']): T['input'];
  /** What the transition changes on the row besides its status. */
  changes(input: T['input'], from: T['state'], to: T['state'], options: T['options']): T['changes'];
  /** What the history row keeps (JSON-safe) so that a replay gives the same answer. */
  record(input: T['input'], guardsRun: readonly T['guardId'][], options: T['options']): T['record'];
  /** `record`'s inverse: the event, guard input and options a history row's record gives back, for replay (core/replay.ts). */
  fromRecord(record: T['record']): { event: T['event']; input: T['input']; options: T['options'] };
  /** Refuses options that could never be right (a bug in configuration, not bad input). */
  checkOptions?(options: T['options']): void;
}

/**
 * An event the state defines and one of the caller's roles may send, which a guard reading only the facts
 * refuses — so it would be refused whatever payload came with it (docs/architecture.md §7).
 */
export interface BlockedEvent<E extends string = string, C extends string = string> {
  event: E;
  /** The rule code the engine would refuse it with. */
  code: C;
  /** The rule's plain-English detail, for a screen to say why. */
  message: string;
}

/** What a caller can do now: the events they may send, and those a rule blocks whatever they send. */
export interface AvailableEvents<E extends string = string, C extends string = string> {
  allowedEvents: E[];
  blockedEvents: BlockedEvent<E, C>[];
}

/** The guard input without an event: the facts a service has before anything is sent. */
export type WorkflowFacts<T extends Pick<WorkflowTypes, 'input'>> = Omit<T['input'], 'event'> & Pick<WorkflowGuardInput, 'actor'>;

/** A refusal, with only what `src/http` needs to word it; the same shape for every aggregate. */
export type WorkflowRefusal<T extends Pick<WorkflowTypes, 'state' | 'eventType' | 'code' | 'guardId'> = WorkflowTypes> =
  | ({ ok: false; kind: 'invalidTransition'; noun: string; state: T['state']; eventType: string } & AvailableEvents<T['eventType'], T['code']>)
  | { ok: false; kind: 'forbiddenRole'; noun: string; eventType: T['eventType']; allowedRoles: readonly EventSender[] }
  | { ok: false; kind: 'ruleFailed'; noun: string; failure: RuleFailure<T['code']>; ruleKind: RuleKind; guardsRun: T['guardId'][] };

export interface WorkflowApplied<T extends WorkflowTypes> {
  ok: true;
  previousState: T['state'];
  nextState: T['state'];
  snapshot: AnyMachineSnapshot;
  changes: T['changes'];
  guardInputsUsed: T['record'];
}

export type WorkflowResult<T extends WorkflowTypes> = WorkflowApplied<T> | WorkflowRefusal<T>;

export interface WorkflowEngine<T extends WorkflowTypes> {
  readonly definition: WorkflowDefinition<T>;
  isState(value: unknown): value is T['state'];
  isEventType(value: unknown): value is T['eventType'];
  /** A snapshot for a persisted status. */
  snapshotFor(state: T['state']): AnyMachineSnapshot;
  /** Events for which the state defines a transition (guards aside), in catalogue order. */
  definedEvents(state: T['state']): T['eventType'][];
  /**
   * Events defined in the state ∩ events the caller's roles may send, guards aside. What a response
   * offers is {@link eventsFor}, which also runs the guards that read only the facts.
   */
  allowedEvents(state: T['state'], roles: readonly EventSender[]): T['eventType'][];
  /**
   * What the caller can send now (docs/architecture.md §7): of the events the state defines and their
   * roles may send, those whose `facts` guards all pass are allowed; the others are blocked, each with
   * the first failing rule's code and detail — `apply` refuses them with that code whatever the payload.
   */
  eventsFor(state: T['state'], facts: WorkflowFacts<T>): AvailableEvents<T['eventType'], T['code']>;
  rolesMaySend(type: T['eventType'], roles: readonly EventSender[]): boolean;
  runGuards(type: T['eventType'], input: T['input']): { failure: RuleFailure<T['code']> | null; guardsRun: T['guardId'][] };
  /** Role check plus guards: the predicate the machine applies to every transition. */
  permitted(type: T['eventType'], input: T['input']): boolean;
  ruleKind(code: T['code']): RuleKind;
  apply(from: AnyMachineSnapshot | T['state'], event: T['event'], input: T['input'], options?: T['options']): WorkflowResult<T>;
}

/** The types inferred from one definition, as one bundle. */
type Inferred<S extends string, E extends string, Ev extends { type: string }, I extends WorkflowGuardInput, C extends string, G extends string, O extends object, Ch, R> = { state: S; eventType: E; event: Ev; input: I; code: C; guardId: G; options: O; changes: Ch; record: R };

/**
 * Builds an aggregate's engine. The type parameters exist only so TypeScript infers the aggregate's
 * types from its definition; they are bundled into one {@link WorkflowTypes} at once.
 */
export function createWorkflowEngine<S extends string, E extends string, Ev extends { type: string }, I extends WorkflowGuardInput, C extends string, G extends string, O extends object, Ch, R>(
  definition: WorkflowDefinition<Inferred<S, E, Ev, I, C, G, O, Ch, R>>,
): WorkflowEngine<Inferred<S, E, Ev, I, C, G, O, Ch, R>> {
  type T = Inferred<S, E, Ev, I, C, G, O, Ch, R>;
  const { noun, policy, guards } = definition;
  const isState = (value: unknown): value is S => typeof value === 'string' && (definition.states as readonly string[]).includes(value);
  const isEventType = (value: unknown): value is E =>
    typeof value === 'string' && (definition.eventTypes as readonly string[]).includes(value);

  const stateOf = (snapshot: AnyMachineSnapshot): S => {
    const value: unknown = snapshot.value;
    if (!isState(value)) throw new WorkflowInvariantError(`${noun} snapshot has an unexpected value: ${JSON.stringify(value)}`);
    return value;
  };
  // One snapshot per state, made once: XState's pure `transition` and `can` never change the snapshot they are given.
  const snapshots = new Map<S, AnyMachineSnapshot>();
  const snapshotFor = (state: S): AnyMachineSnapshot => {
    if (!isState(state)) throw new WorkflowInvariantError(`unknown ${noun} state: ${String(state)}`);
    let snapshot = snapshots.get(state);
    if (snapshot === undefined) {
      snapshot = definition.machine.resolveState({ value: state, context: { machineVersion: definition.machineVersion } });
      snapshots.set(state, snapshot);
    }
    return snapshot;
  };
  const definedEvents = (state: S): E[] => {
    if (!isState(state)) throw new WorkflowInvariantError(`unknown ${noun} state: ${String(state)}`);
    const node = definition.machine.root.states[state];
    const own = new Set<string>(node ? node.ownEvents : []);
    return definition.eventTypes.filter((type) => own.has(type));
  };
  const maySend = (type: E, roles: readonly EventSender[]) => rolesMaySend(policy, type, roles);
  const allowedEvents = (state: S, roles: readonly EventSender[]) => definedEvents(state).filter((type) => maySend(type, roles));
  const permitted = (type: E, input: I) => eventPermitted(policy, guards, type, input);
  const readsFactsOnly = (id: G): boolean => definition.guardReads[id] === 'facts';

  const eventsFor = (state: S, facts: WorkflowFacts<T>): AvailableEvents<E, C> => {
    const available: AvailableEvents<E, C> = { allowedEvents: [], blockedEvents: [] };
    for (const type of allowedEvents(state, facts.actor.roles)) {
      // Only `facts` guards run here, and by their declaration none reads the payload, so the bare event
      // (every payload field absent) stands for every payload the caller could send.
      const event = { type } as unknown as Ev;
      const input = definition.inState({ ...facts, event } as unknown as I, event, state);
      const { failure } = runGuards(policy, guards, type, input, readsFactsOnly);
      if (failure === null) available.allowedEvents.push(type);
      else available.blockedEvents.push({ event: type, code: failure.code, message: failure.detail ?? failure.code });
    }
    return available;
  };

  const apply = (from: AnyMachineSnapshot | S, event: T['event'], input: I, given?: T['options']): WorkflowResult<T> => {
    const options = given ?? definition.defaultOptions;
    definition.checkOptions?.(options);
    const snapshot = typeof from === 'string' ? snapshotFor(from) : from;
    const state = stateOf(snapshot);
    const roles = input.actor.roles;

    if (isEventType(event.type) && !maySend(event.type, roles)) {
      return { ok: false, kind: 'forbiddenRole', noun, eventType: event.type, allowedRoles: policy[event.type].roles };
    }
    if (!isEventType(event.type) || !definedEvents(state).includes(event.type)) {
      return { ok: false, kind: 'invalidTransition', noun, state, eventType: String(event.type), ...eventsFor(state, input) };
    }
    const type = event.type;
    const effective = definition.inState(input, event, state);
    // Every guard in order first: when all pass (the usual case) that is the answer, and the `facts` guards, a
    // subset, pass too. Only a refusal needs the `facts` guards run on their own, to report theirs first.
    const all = runGuards(policy, guards, type, effective);
    rememberVerdict(policy, guards, type, effective, all.failure === null);
    const blocked = all.failure === null ? all : runGuards(policy, guards, type, effective, readsFactsOnly);
    const { failure, guardsRun } = blocked.failure !== null ? blocked : all;
    if (failure !== null) {
      return { ok: false, kind: 'ruleFailed', noun, failure, ruleKind: definition.ruleKinds[failure.code], guardsRun };
    }

    const machineEvent: WorkflowMachineEvent<E, I> = { type, guardInput: effective };
    const [next] = transition(definition.machine, snapshot, machineEvent);
    // XState hands back the very snapshot it was given when it takes no transition. A self-transition hands it back
    // too, so only for an event that may keep the state is the machine asked (`can`) whether it took one.
    const moved = next !== snapshot || (definition.selfTransitions.includes(type) && snapshot.can(machineEvent));
    if (!moved) throw new WorkflowInvariantError(`${noun} machine refused ${type} in ${state} although every rule passed`);
    const nextState = stateOf(next);
    const targets = definition.transitions.filter(([f, t]) => f === state && t === type).map(([, , to]) => to);
    if (!targets.includes(nextState)) throw new WorkflowInvariantError(`${type} took ${state} to ${nextState}, not a contract target`);
    if (nextState === state && !definition.selfTransitions.includes(type)) {
      throw new WorkflowInvariantError(`${type} left ${state} unchanged`);
    }
    return {
      ok: true,
      previousState: state,
      nextState,
      snapshot: next,
      changes: definition.changes(effective, state, nextState, options),
      guardInputsUsed: definition.record(effective, guardsRun, options),
    };
  };

  return {
    definition,
    isState,
    isEventType,
    snapshotFor,
    definedEvents,
    allowedEvents,
    eventsFor,
    rolesMaySend: maySend,
    runGuards: (type, input) => runGuards(policy, guards, type, input),
    permitted,
    ruleKind: (code) => definition.ruleKinds[code],
    apply,
  };
}
