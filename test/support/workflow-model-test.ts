import type { AnyStateMachine } from 'xstate';
import { createTestModel, getAdjacencyMap, getShortestPaths } from 'xstate/graph';

/** A machine event as the workflow core builds them: the type, and the guard input the engine applies. */
interface ModelEvent<E extends string> {
  type: E;
  guardInput: { event: unknown };
}

/** What the model-based test needs of one aggregate (its machine, its engine, its table, one valid event per row). */
export interface ModelUnderTest<S extends string, E extends string> {
  /** Names the describe block. */
  name: string;
  machine: AnyStateMachine;
  engine: { apply(state: never, event: never, input: never): { ok: boolean } };
  initial: S;
  states: readonly S[];
  eventTypes: readonly E[];
  transitions: readonly (readonly [S, E, S, ...unknown[]])[];
  /** One valid event (every rule passes) per row of the table leaving `state`. */
  validEvents(state: S): ModelEvent<E>[];
}

const key = (from: unknown, type: string, to: unknown) => `${String(from)} --${type}--> ${String(to)}`;

/**
 * The model-based test every aggregate's machine gets (docs/architecture.md §7, §12 step 11), over the
 * production machine with xstate/graph: every state is reachable and every shortest path replays through the
 * engine; the machine's transitions are exactly the table, each replayed through the engine from the initial
 * state; and the spec drives every event type. The application's machine has its own (it has states entered
 * only by import, and its own path count).
 */
export function describeModelBasedTest<S extends string, E extends string>(spec: ModelUnderTest<S, E>): void {
  /** The engine's answer to one event, read as the model needs it: accepted, and the state it leads to. */
  const apply = (state: S, event: ModelEvent<E>): { ok: true; nextState: S } | { ok: false } => {
    const result = spec.engine.apply(state as never, event.guardInput.event as never, event.guardInput as never) as { ok: boolean; nextState?: S };
    return result.ok && result.nextState !== undefined ? { ok: true, nextState: result.nextState } : { ok: false };
  };

  describe(`model-based test over ${spec.name} (xstate/graph)`, () => {
    const events = (snapshot: { value: unknown }) => spec.validEvents(snapshot.value as S);
    const model = createTestModel(spec.machine, { events });

    it('every state is reachable and every shortest path replays through the engine', async () => {
      const paths = model.getShortestPaths({ allowDuplicatePaths: true });
      expect(paths.length).toBeGreaterThanOrEqual(spec.states.length);
      const reached = new Set(paths.map((path) => path.state.value as string));
      expect([...reached].sort()).toEqual([...spec.states].sort());
      for (const path of paths) {
        let status = spec.initial;
        await path.test({
          states: Object.fromEntries(spec.states.map((state) => [state, (snapshot: { value: unknown }) => expect(status).toBe(snapshot.value)])),
          events: Object.fromEntries(
            spec.eventTypes.map((type) => [
              type,
              (step: { event: unknown }) => {
                const result = apply(status, step.event as ModelEvent<E>);
                if (!result.ok) throw new Error(`${type} from ${status} failed: ${JSON.stringify(result)}`);
                status = result.nextState;
              },
            ]),
          ),
        });
      }
    });

    it('the machine’s transitions are exactly the table, each replayed through the engine from the initial state', () => {
      const adjacency = getAdjacencyMap(spec.machine, { events });
      const edges = new Set<string>();
      for (const vertex of Object.values(adjacency)) {
        // `transitions` is keyed by a branded string, which Object.values cannot see through.
        const transitions = Object.values<{ event: { type: string }; state: { value: unknown } }>(vertex.transitions);
        for (const { event, state } of transitions) edges.add(key(vertex.state.value, event.type, state.value));
      }
      expect([...edges].sort()).toEqual([...new Set(spec.transitions.map(([from, type, to]) => key(from, type, to)))].sort());

      const toState = new Map(getShortestPaths(spec.machine, { events }).map((path) => [path.state.value as string, path.steps]));
      for (const [from, type, to] of spec.transitions) {
        const steps = toState.get(from);
        if (!steps) throw new Error(`no path to ${from}`);
        let status = spec.initial;
        for (const step of steps.slice(1)) {
          const result = apply(status, step.event as ModelEvent<E>);
          if (!result.ok) throw new Error(`path to ${from} failed at ${step.event.type}`);
          status = result.nextState;
        }
        expect(status).toBe(from);
        const outcomes = spec
          .validEvents(from)
          .filter((event) => event.type === type)
          .map((event) => {
            const result = apply(status, event);
            return result.ok ? result.nextState : null;
          });
        expect([key(from, type, to), outcomes]).toEqual([key(from, type, to), expect.arrayContaining([to])]);
      }
    });

    it('the spec names each event type it drives (no event of the table left out of the model)', () => {
      const driven = new Set<E>(spec.states.flatMap((state) => spec.validEvents(state).map((event) => event.type)));
      expect([...driven].sort()).toEqual([...spec.eventTypes].sort());
    });
  });
}
