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
 * 2. event not defined in the current state → `invalidTransition`, listing the caller's events here;
 * 3. the event's guards in order → `ruleFailed` with the first failure and its kind (about the actor,
 *    or about the content);
 * 4. the machine's own transition (it re-applies 2 and 3), asserting that the state really moved, to
 *    one of the table's targets — XState silently ignores an event it does not accept
 *    (docs/architecture.md §10, XState).
 */
import { transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { EventSender } from '../roles';
import { WorkflowInvariantError } from './invariant';
import type { TransitionRow, WorkflowMachineEvent } from './machine';
import { eventPermitted, rolesMaySend, runGuards, type GuardRegistry, type PolicyTable, type WorkflowGuardInput } from './policy';
import type { RuleFailure, RuleKind } from './rules';

/** Everything an aggregate brings to the engine. */
export interface WorkflowDefinition<
  S extends string,
  E extends string,
  Ev extends { type: string },
  I extends WorkflowGuardInput,
  C extends string,
  G extends string,
  O extends object,
  Ch,
  R,
> {
  /** What people call one of these in messages ("application", "entry"). */
  noun: string;
  machine: AnyStateMachine;
  machineVersion: string;
  states: readonly S[];
  eventTypes: readonly E[];
  policy: PolicyTable<E, G>;
  guards: GuardRegistry<G, I, C>;
  /** For every rule code: is it about who acts, or about what was sent? Exhaustive, so a new code needs one. */
  ruleKinds: Readonly<Record<C, RuleKind>>;
  /** Events that may leave the state unchanged. */
  selfTransitions: readonly E[];
  /** The contract's transition table (the machine is built from it); the engine asserts each move is a row of it. */
  transitions: readonly TransitionRow<S, E, string>[];
  /** Options used when the caller gives none. */
  defaultOptions: O;
  /** The guard input as the guards must see it: this event, applied in this state. */
  inState(input: I, event: Ev, state: S): I;
  /** What the transition changes on the row besides its status. */
  changes(input: I, from: S, to: S, options: O): Ch;
  /** What the history row keeps (JSON-safe) so that a replay gives the same answer. */
  record(input: I, guardsRun: readonly G[], options: O): R;
  /** Refuses options that could never be right (a bug in configuration, not bad input). */
  checkOptions?(options: O): void;
}

export type WorkflowRefusal<S extends string, E extends string, C extends string, G extends string> =
  | { ok: false; kind: 'invalidTransition'; noun: string; state: S; eventType: string; allowedEvents: E[] }
  | { ok: false; kind: 'forbiddenRole'; noun: string; eventType: E; allowedRoles: readonly EventSender[] }
  | { ok: false; kind: 'ruleFailed'; noun: string; failure: RuleFailure<C>; ruleKind: RuleKind; guardsRun: G[] };

export interface WorkflowApplied<S extends string, Ch, R> {
  ok: true;
  previousState: S;
  nextState: S;
  snapshot: AnyMachineSnapshot;
  changes: Ch;
  guardInputsUsed: R;
}

export type WorkflowResult<S extends string, E extends string, C extends string, G extends string, Ch, R> =
  | WorkflowApplied<S, Ch, R>
  | WorkflowRefusal<S, E, C, G>;

export interface WorkflowEngine<
  S extends string,
  E extends string,
  Ev extends { type: string },
  I extends WorkflowGuardInput,
  C extends string,
  G extends string,
  O extends object,
  Ch,
  R,
> {
  readonly definition: WorkflowDefinition<S, E, Ev, I, C, G, O, Ch, R>;
  isState(value: unknown): value is S;
  isEventType(value: unknown): value is E;
  /** A snapshot for a persisted status. */
  snapshotFor(state: S): AnyMachineSnapshot;
  /** Events for which the state defines a transition (guards aside), in catalogue order. */
  definedEvents(state: S): E[];
  /** Events defined in the state ∩ events the caller's roles may send. */
  allowedEvents(state: S, roles: readonly EventSender[]): E[];
  rolesMaySend(type: E, roles: readonly EventSender[]): boolean;
  runGuards(type: E, input: I): { failure: RuleFailure<C> | null; guardsRun: G[] };
  /** Role check plus guards: the predicate the machine applies to every transition. */
  permitted(type: E, input: I): boolean;
  ruleKind(code: C): RuleKind;
  apply(from: AnyMachineSnapshot | S, event: Ev, input: I, options?: O): WorkflowResult<S, E, C, G, Ch, R>;
}

export function createWorkflowEngine<
  S extends string,
  E extends string,
  Ev extends { type: string },
  I extends WorkflowGuardInput,
  C extends string,
  G extends string,
  O extends object,
  Ch,
  R,
>(definition: WorkflowDefinition<S, E, Ev, I, C, G, O, Ch, R>): WorkflowEngine<S, E, Ev, I, C, G, O, Ch, R> {
  const { noun, policy, guards } = definition;
  const isState = (value: unknown): value is S => typeof value === 'string' && (definition.states as readonly string[]).includes(value);
  const isEventType = (value: unknown): value is E =>
    typeof value === 'string' && (definition.eventTypes as readonly string[]).includes(value);

  const stateOf = (snapshot: AnyMachineSnapshot): S => {
    const value: unknown = snapshot.value;
    if (!isState(value)) throw new WorkflowInvariantError(`${noun} snapshot has an unexpected value: ${JSON.stringify(value)}`);
    return value;
  };
  const snapshotFor = (state: S): AnyMachineSnapshot => {
    if (!isState(state)) throw new WorkflowInvariantError(`unknown ${noun} state: ${String(state)}`);
    return definition.machine.resolveState({ value: state, context: { machineVersion: definition.machineVersion } });
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

  const apply = (from: AnyMachineSnapshot | S, event: Ev, input: I, given?: O): WorkflowResult<S, E, C, G, Ch, R> => {
    const options = given ?? definition.defaultOptions;
    definition.checkOptions?.(options);
    const snapshot = typeof from === 'string' ? snapshotFor(from) : from;
    const state = stateOf(snapshot);
    const roles = input.actor.roles;

    if (isEventType(event.type) && !maySend(event.type, roles)) {
      return { ok: false, kind: 'forbiddenRole', noun, eventType: event.type, allowedRoles: policy[event.type].roles };
    }
    if (!isEventType(event.type) || !definedEvents(state).includes(event.type)) {
      return { ok: false, kind: 'invalidTransition', noun, state, eventType: String(event.type), allowedEvents: allowedEvents(state, roles) };
    }
    const type = event.type;
    const effective = definition.inState(input, event, state);
    const { failure, guardsRun } = runGuards(policy, guards, type, effective);
    if (failure !== null) {
      return { ok: false, kind: 'ruleFailed', noun, failure, ruleKind: definition.ruleKinds[failure.code], guardsRun };
    }

    const machineEvent: WorkflowMachineEvent<E, I> = { type, guardInput: effective };
    if (!snapshot.can(machineEvent)) {
      throw new WorkflowInvariantError(`${noun} machine refused ${type} in ${state} although every rule passed`);
    }
    const [next] = transition(definition.machine, snapshot, machineEvent);
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
    rolesMaySend: maySend,
    runGuards: (type, input) => runGuards(policy, guards, type, input),
    permitted,
    ruleKind: (code) => definition.ruleKinds[code],
    apply,
  };
}
