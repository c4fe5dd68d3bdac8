/**
 * Every workflow statechart is built here from its aggregate's transition table, so the table is the
 * contract (docs/architecture.md §7) and no machine is written twice. What they share: flat top-level
 * states (so `status` is one string), a context holding only the machine version (every fact lives on
 * the row and arrives with the event), no `invoke`, no `after`, no clock (deadlines are columns driven
 * by a poller: docs/architecture.md §10, XState), and one guard on every transition — the aggregate's
 * policy — combined, where a transition branches, with a named predicate.
 */
import { and, setup, type AnyStateMachine } from 'xstate';
import { eventPermitted, type GuardRegistry, type PolicyTable, type WorkflowGuardInput } from './policy';

/** Only the machine version: a persisted status is enough to rebuild the snapshot. */
export interface WorkflowMachineContext {
  machineVersion: string;
}

/** The machine's event: the event type plus everything its guards look at. */
export interface WorkflowMachineEvent<E extends string, I> {
  type: E;
  guardInput: I;
}

/**
 * One row of a transition table: `[from, event, to]`, or `[from, event, to, branch]` when the target
 * depends on a named predicate. Rows of one (from, event) are tried in order, so a branch row comes
 * before the plain row it falls back to. A row whose target is its source keeps the state.
 */
export type TransitionRow<S extends string, E extends string, B extends string = never> =
  | readonly [S, E, S]
  | readonly [S, E, S, B];

/**
 * A transition table as an aggregate writes it, keyed by source state: each event's target, or its
 * targets in the order they are tried, a `[to, branch]` pair before the plain target it falls back to.
 * A state with no entry is final.
 */
export type TransitionTable<S extends string, E extends string, B extends string = never> = Partial<
  Record<S, Partial<Record<E, S | readonly (S | readonly [S, B])[]>>>
>;

/** The table as rows, in the order written. */
export function transitionRows<S extends string, E extends string, B extends string = never>(
  table: TransitionTable<S, E, B>,
): readonly TransitionRow<S, E, B>[] {
  const rows: TransitionRow<S, E, B>[] = [];
  for (const [from, events] of Object.entries(table) as [S, Partial<Record<E, S | readonly (S | readonly [S, B])[]>>][]) {
    for (const [event, targets] of Object.entries(events) as [E, S | readonly (S | readonly [S, B])[]][]) {
      for (const target of typeof targets === 'string' ? [targets] : targets) {
        rows.push(typeof target === 'string' ? [from, event, target] : [from, event, target[0], target[1]]);
      }
    }
  }
  return rows;
}

/** The states no row leaves: a record in one of them is closed for good (the retention clock runs from reaching one). */
export function finalStates<S extends string>(states: readonly S[], rows: readonly TransitionRow<S, string, string>[]): S[] {
  const left = new Set(rows.map((row) => row[0]));
  return states.filter((state) => !left.has(state));
}

export interface WorkflowMachineSpec<S extends string, E extends string, I extends WorkflowGuardInput, G extends string, B extends string> {
  id: string;
  version: string;
  initial: S;
  states: readonly S[];
  transitions: readonly TransitionRow<S, E, B>[];
  /** The aggregate's policy (who may send each event, and its guards): every transition applies it. */
  policy: PolicyTable<E, G>;
  guards: GuardRegistry<G, I, string>;
  branches: Readonly<Record<B, (input: I) => boolean>>;
}

type TransitionConfig = { target: string; guard: unknown };

export function createWorkflowMachine<S extends string, E extends string, I extends WorkflowGuardInput, G extends string, B extends string = never>(
  spec: WorkflowMachineSpec<S, E, I, G, B>,
): AnyStateMachine {
  type Args = { event: WorkflowMachineEvent<E, I> };
  const guards: Record<string, (args: Args) => boolean> = {
    eventPermitted: ({ event }) => eventPermitted(spec.policy, spec.guards, event.type, event.guardInput),
  };
  for (const name of Object.keys(spec.branches) as B[]) {
    const predicate = spec.branches[name];
    guards[name] = ({ event }) => predicate(event.guardInput);
  }
  const states: Record<string, { type?: 'final'; on?: Record<string, TransitionConfig[]> }> = {};
  for (const state of spec.states) {
    const on: Record<string, TransitionConfig[]> = {};
    for (const [from, event, to, branch] of spec.transitions) {
      if (from !== state) continue;
      // An explicit target even for a self-transition: a targetless one is inert to XState, so `can()`
      // and `ownEvents` would not see it.
      const guard = branch === undefined ? { type: 'eventPermitted' } : and(['eventPermitted', branch as never]);
      (on[event] ??= []).push({ target: to, guard });
    }
    states[state] = Object.keys(on).length > 0 ? { on } : { type: 'final' };
  }
  const machine = setup({
    types: { context: {} as WorkflowMachineContext, events: {} as WorkflowMachineEvent<E, I> },
    guards,
  }).createMachine({
    id: spec.id,
    initial: spec.initial,
    context: { machineVersion: spec.version },
    states,
  } as never);
  return machine as unknown as AnyStateMachine;
}
