/**
 * The two properties every aggregate of the workflow core must have (docs/architecture.md §7, blocked
 * events), written once and run per aggregate by its specs:
 * - each guard's declaration of what it reads is honest both ways: a `facts` guard answers the same
 *   whatever the payload, so it may decide that an event is blocked; a `payload` guard's answer does
 *   change with the payload for some facts;
 * - `eventsFor` and `apply` agree: a blocked event is refused with its rule and words for every payload
 *   tried, and an allowed one only ever by a guard that reads the payload.
 */
import fc from 'fast-check';
import type { ActorFacts } from '../../src/workflow/core/actor';
import type { WorkflowEngine, WorkflowTypes } from '../../src/workflow/core/engine';
import type { GuardReadsTable, GuardRegistry, PolicyTable, WorkflowGuardInput } from '../../src/workflow/core/policy';

/** One aggregate as the properties see it: its engine and tables, and generators for its facts and payloads. */
export interface AggregateUnderTest<T extends WorkflowTypes, F extends { status: T['state'] }, P> {
  engine: WorkflowEngine<T>;
  guards: GuardRegistry<T['guardId'], T['input'], T['code']>;
  reads: GuardReadsTable<T['guardId']>;
  policy: PolicyTable<T['eventType'], T['guardId']>;
  eventTypes: readonly T['eventType'][];
  factsArb: fc.Arbitrary<F>;
  actorArb: fc.Arbitrary<ActorFacts>;
  payloadArb: fc.Arbitrary<P>;
  /** The facts a GET loads, for `eventsFor`. */
  facts(facts: F, actor: ActorFacts): Parameters<WorkflowEngine<T>['eventsFor']>[1];
  /** The guard input of `type` sent with `payload`. */
  input(facts: F, actor: ActorFacts, type: T['eventType'], payload: P): T['input'] & WorkflowGuardInput;
}

/** Each guard's `facts`/`payload` declaration is honest both ways. */
export function describeGuardReads<T extends WorkflowTypes, F extends { status: T['state'] }, P>(
  name: string,
  a: AggregateUnderTest<T, F, P>,
): void {
  describe(name, () => {
    const ids = Object.keys(a.guards) as T['guardId'][];
    /** The events whose policy runs the guard: the inputs it is ever given. */
    const eventsRunning = (id: T['guardId']) => a.eventTypes.filter((type) => a.policy[type].guards.includes(id));

    it('declares every guard of the registry, each run by some event', () => {
      expect(Object.keys(a.reads).sort()).toEqual([...ids].sort());
      expect(ids.filter((id) => eventsRunning(id).length === 0)).toEqual([]);
    });

    it.each(ids.filter((id) => a.reads[id] === 'facts'))('%s (facts) answers the same whatever the payload', (id) => {
      const guard = a.guards[id];
      fc.assert(
        fc.property(a.factsArb, a.actorArb, fc.constantFrom(...eventsRunning(id)), a.payloadArb, a.payloadArb, (facts, actor, type, one, other) => {
          expect(guard(a.input(facts, actor, type, one))).toEqual(guard(a.input(facts, actor, type, other)));
        }),
        { numRuns: 300 },
      );
    });

    it.each(ids.filter((id) => a.reads[id] === 'payload'))('%s (payload) answers differently for some payloads', (id) => {
      const guard = a.guards[id];
      const samples = fc.sample(fc.tuple(a.factsArb, a.actorArb, fc.constantFrom(...eventsRunning(id)), a.payloadArb, a.payloadArb), {
        numRuns: 3000,
        seed: 11,
      });
      const differs = samples.some(([facts, actor, type, one, other]) => {
        const [x, y] = [guard(a.input(facts, actor, type, one)), guard(a.input(facts, actor, type, other))];
        return JSON.stringify(x) !== JSON.stringify(y);
      });
      expect(differs).toBe(true);
    });
  });
}

/** `eventsFor` and `apply` agree, for any facts, sender and payloads. */
export function describeBlockedEventsAgree<T extends WorkflowTypes, F extends { status: T['state'] }, P>(a: AggregateUnderTest<T, F, P>): void {
  describe('property: blockedEvents and apply() agree', () => {
    it('a blocked event is refused with its rule and words for every payload tried; an allowed one only ever by a payload rule', () => {
      const seen = { blocked: 0, allowedRefused: 0, allowedApplied: 0 };
      fc.assert(
        fc.property(a.factsArb, a.actorArb, fc.array(a.payloadArb, { minLength: 1, maxLength: 4 }), (facts, actor, payloads) => {
          const state = facts.status;
          const { allowedEvents, blockedEvents } = a.engine.eventsFor(state, a.facts(facts, actor));
          const offered = [...allowedEvents, ...blockedEvents.map((b) => b.event)];
          expect(offered.sort()).toEqual(a.engine.allowedEvents(state, actor.roles).sort());
          for (const blocked of blockedEvents) {
            for (const payload of payloads) {
              const input = a.input(facts, actor, blocked.event, payload);
              const result = a.engine.apply(state, input.event, input);
              expect(result).toMatchObject({ ok: false, kind: 'ruleFailed', failure: { code: blocked.code } });
              expect(!result.ok && result.kind === 'ruleFailed' && (result.failure.detail ?? result.failure.code)).toBe(blocked.message);
              seen.blocked += 1;
            }
          }
          for (const type of allowedEvents) {
            for (const payload of payloads) {
              const input = a.input(facts, actor, type, payload);
              const result = a.engine.apply(state, input.event, input);
              if (result.ok) {
                seen.allowedApplied += 1;
                continue;
              }
              expect(result.kind).toBe('ruleFailed');
              const last = result.kind === 'ruleFailed' ? result.guardsRun.at(-1) : undefined;
              expect(last === undefined ? undefined : a.reads[last]).toBe('payload');
              seen.allowedRefused += 1;
            }
          }
        }),
        { numRuns: 600 },
      );
      // Not vacuous: each kind of outcome occurred.
      expect(Math.min(seen.blocked, seen.allowedRefused, seen.allowedApplied)).toBeGreaterThan(0);
    });
  });
}
