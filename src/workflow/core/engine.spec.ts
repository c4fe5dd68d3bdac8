/**
 * The core engine's events view and guard order (docs/architecture.md §7, §12), on a toy aggregate so that
 * nothing here depends on an application's or an entry's rules: a door that a keyholder opens (a `facts`
 * guard: who holds the key) with a note (a `payload` guard: the note says why).
 */
import canonicalize from 'canonicalize';
import { createWorkflowEngine } from './engine';
import { replayFinding, type RecordedTransition } from './replay';
import { createWorkflowMachine, transitionRows } from './machine';
import type { GuardReadsTable, PolicyTable, WorkflowGuardInput } from './policy';
import { failure, type RuleFailure, type RuleKind } from './rules';
import type { ActorFacts } from './actor';

type State = 'shut' | 'open' | 'sealed';
type EventType = 'OPEN' | 'SHUT' | 'SEAL';
type Code = 'NOT_KEYHOLDER' | 'NOTE_REQUIRED' | 'DOOR_JAMMED' | 'NO_DETAIL';
type GuardId = 'KEYHOLDER' | 'NOTE_GIVEN' | 'NOT_JAMMED' | 'SILENT';

interface DoorEvent {
  type: EventType;
  note?: string;
}
interface DoorInput extends WorkflowGuardInput {
  door: { keyholderId: string; jammed: boolean; state: State };
  event: DoorEvent;
}

const STATES: readonly State[] = ['shut', 'open', 'sealed'];
const EVENTS: readonly EventType[] = ['OPEN', 'SHUT', 'SEAL'];
const TRANSITIONS = transitionRows<State, EventType>({ shut: { OPEN: 'open', SEAL: 'sealed' }, open: { SHUT: 'shut' } });

/** Counts calls, so a test can tell which guards ran. */
const calls: Record<GuardId, number> = { KEYHOLDER: 0, NOTE_GIVEN: 0, NOT_JAMMED: 0, SILENT: 0 };
function counted(id: GuardId, guard: (input: DoorInput) => RuleFailure<Code> | null) {
  return (input: DoorInput): RuleFailure<Code> | null => {
    calls[id] += 1;
    return guard(input);
  };
}
const GUARDS = {
  KEYHOLDER: counted('KEYHOLDER', (i) => (i.actor.id === i.door.keyholderId ? null : failure('NOT_KEYHOLDER', 'only the keyholder may do this'))),
  NOTE_GIVEN: counted('NOTE_GIVEN', (i) => (i.event.note ? null : failure('NOTE_REQUIRED', 'say why', ['note']))),
  NOT_JAMMED: counted('NOT_JAMMED', (i) => (i.door.jammed ? failure('DOOR_JAMMED', 'the door is jammed') : null)),
  SILENT: counted('SILENT', (i) => (i.door.jammed ? failure('NO_DETAIL') : null)),
};
const READS: GuardReadsTable<GuardId> = { KEYHOLDER: 'facts', NOTE_GIVEN: 'payload', NOT_JAMMED: 'facts', SILENT: 'facts' };
const KINDS: Record<Code, RuleKind> = { NOT_KEYHOLDER: 'actor', NOTE_REQUIRED: 'content', DOOR_JAMMED: 'content', NO_DETAIL: 'content' };
const POLICY: PolicyTable<EventType, GuardId> = {
  // The payload guard comes first: a jammed door must still be reported as jammed, not as a missing note.
  OPEN: { roles: ['applicant'], guards: ['NOTE_GIVEN', 'KEYHOLDER', 'NOT_JAMMED'] },
  SHUT: { roles: ['applicant'], guards: ['NOTE_GIVEN'] },
  SEAL: { roles: ['sro'], guards: ['SILENT'] },
};

const machine = createWorkflowMachine<State, EventType, DoorInput, GuardId>({
  id: 'door',
  version: '1',
  initial: 'shut',
  states: STATES,
  transitions: TRANSITIONS,
  policy: POLICY,
  guards: GUARDS,
  branches: {},
});

const engine = createWorkflowEngine({
  noun: 'door',
  machine,
  machineVersion: '1',
  states: STATES,
  eventTypes: EVENTS,
  policy: POLICY,
  guards: GUARDS,
  guardReads: READS,
  ruleKinds: KINDS,
  selfTransitions: [],
  transitions: TRANSITIONS,
  defaultOptions: {},
  inState: (input: DoorInput, event: DoorEvent, state: State) => ({ ...input, event, door: { ...input.door, state } }),
  changes: () => ({}),
  record: (i: DoorInput, guardsRun: readonly GuardId[]) => ({ guardsRun: [...guardsRun], actor: i.actor, door: i.door, event: i.event }),
  fromRecord: (r: { actor: ActorFacts; door: DoorInput['door']; event: DoorEvent }) => ({ event: r.event, input: { actor: r.actor, door: r.door, event: r.event }, options: {} }),
});

function person(id: string, roles: ActorFacts['roles']): ActorFacts {
  return { id, roles, authorityId: 'a', authorityType: 'police', rank: null, spocPin: null };
}
const keyholder = person('k', ['applicant']);
const stranger = person('s', ['applicant']);
const warden = person('w', ['sro']);
const door = (over: Partial<DoorInput['door']> = {}) => ({ keyholderId: keyholder.id, jammed: false, state: 'shut' as State, ...over });
const input = (actor: ActorFacts, event: DoorEvent, over: Partial<DoorInput['door']> = {}): DoorInput => ({ actor, event, door: door(over) });

beforeEach(() => {
  for (const id of Object.keys(calls) as GuardId[]) calls[id] = 0;
});

describe('eventsFor', () => {
  it('allows an event whose facts guards pass, without running its payload guards', () => {
    expect(engine.eventsFor('shut', { actor: keyholder, door: door() })).toEqual({ allowedEvents: ['OPEN'], blockedEvents: [] });
    expect(calls.NOTE_GIVEN).toBe(0);
    expect(calls.KEYHOLDER).toBe(1);
  });

  it('blocks an event a facts guard refuses, with the first such rule’s code and its plain-English detail', () => {
    expect(engine.eventsFor('shut', { actor: stranger, door: door({ jammed: true }) })).toEqual({
      allowedEvents: [],
      blockedEvents: [{ event: 'OPEN', code: 'NOT_KEYHOLDER', message: 'only the keyholder may do this' }],
    });
    expect(engine.eventsFor('shut', { actor: keyholder, door: door({ jammed: true }) }).blockedEvents).toEqual([
      { event: 'OPEN', code: 'DOOR_JAMMED', message: 'the door is jammed' },
    ]);
  });

  it('words a rule without a detail by its code', () => {
    expect(engine.eventsFor('shut', { actor: warden, door: door({ jammed: true }) })).toEqual({
      allowedEvents: [],
      blockedEvents: [{ event: 'SEAL', code: 'NO_DETAIL', message: 'NO_DETAIL' }],
    });
  });

  it('offers neither list an event the state does not define or the roles may not send', () => {
    expect(engine.eventsFor('open', { actor: warden, door: door() })).toEqual({ allowedEvents: [], blockedEvents: [] });
    expect(engine.eventsFor('sealed', { actor: keyholder, door: door() })).toEqual({ allowedEvents: [], blockedEvents: [] });
    // An event guarded by payload guards alone is never blocked: only sending it can tell.
    expect(engine.eventsFor('open', { actor: stranger, door: door({ jammed: true }) })).toEqual({ allowedEvents: ['SHUT'], blockedEvents: [] });
  });

  it('judges the facts in the state asked about, not the status the caller’s facts carry', () => {
    const seen: State[] = [];
    const spy = createWorkflowEngine({
      ...engine.definition,
      guards: {
        ...GUARDS,
        NOT_JAMMED: (i: DoorInput) => {
          seen.push(i.door.state);
          return null;
        },
      },
    });
    spy.eventsFor('shut', { actor: keyholder, door: door({ state: 'open' }) });
    expect(seen).toEqual(['shut']);
  });
});

describe('apply agrees with eventsFor', () => {
  it('refuses a blocked event with the blocking rule whatever the payload, before an earlier payload guard', () => {
    for (const note of [undefined, '', 'fire drill']) {
      const result = engine.apply('shut', { type: 'OPEN', note }, input(keyholder, { type: 'OPEN', note }, { jammed: true }));
      expect(result).toEqual({
        ok: false,
        kind: 'ruleFailed',
        noun: 'door',
        failure: { code: 'DOOR_JAMMED', detail: 'the door is jammed' },
        ruleKind: 'content',
        guardsRun: ['KEYHOLDER', 'NOT_JAMMED'],
      });
    }
  });

  it('then runs every guard in the policy’s order, reporting the first failure and recording all on success', () => {
    const missing = engine.apply('shut', { type: 'OPEN' }, input(keyholder, { type: 'OPEN' }));
    expect(missing).toMatchObject({ ok: false, kind: 'ruleFailed', failure: { code: 'NOTE_REQUIRED', fields: ['note'] }, guardsRun: ['NOTE_GIVEN'] });
    const opened = engine.apply('shut', { type: 'OPEN', note: 'delivery' }, input(keyholder, { type: 'OPEN', note: 'delivery' }));
    expect(opened).toMatchObject({ ok: true, nextState: 'open', guardInputsUsed: { guardsRun: ['NOTE_GIVEN', 'KEYHOLDER', 'NOT_JAMMED'] } });
  });

  it('lists allowed and blocked events in an invalid-transition refusal, as eventsFor does', () => {
    const result = engine.apply('shut', { type: 'SHUT', note: 'x' }, input(stranger, { type: 'SHUT', note: 'x' }));
    expect(result).toEqual({
      ok: false,
      kind: 'invalidTransition',
      noun: 'door',
      state: 'shut',
      eventType: 'SHUT',
      allowedEvents: [],
      blockedEvents: [{ event: 'OPEN', code: 'NOT_KEYHOLDER', message: 'only the keyholder may do this' }],
    });
  });
});

describe('replayFinding (issue 21, item 1)', () => {
  /** The history row an applied OPEN would be stored as. */
  function recordedOpen(): RecordedTransition {
    const opened = engine.apply('shut', { type: 'OPEN', note: 'delivery' }, input(keyholder, { type: 'OPEN', note: 'delivery' }));
    if (!opened.ok) throw new Error('OPEN refused');
    return { kind: 'transition', fromState: 'shut', toState: 'open', eventType: 'OPEN', machineVersion: '1', guardInputs: canonicalize(opened.guardInputsUsed) ?? null };
  }
  const withInputs = (row: RecordedTransition, change: (inputs: Record<string, unknown>) => void): RecordedTransition => {
    const inputs = JSON.parse(String(row.guardInputs)) as Record<string, unknown>;
    change(inputs);
    return { ...row, guardInputs: canonicalize(inputs) ?? null };
  };

  it('finds nothing when the recorded inputs replay to the recorded state and inputs', () => {
    expect(replayFinding(engine, recordedOpen())).toBeNull();
  });

  it('names a recorded state the machine does not reach from the inputs', () => {
    expect(replayFinding(engine, { ...recordedOpen(), toState: 'sealed' })).toBe('replaying OPEN from shut reaches open, but the row records sealed');
  });

  it('names a transition its inputs no longer allow: a rule, a role, a state without it', () => {
    const jammed = withInputs(recordedOpen(), (i) => ((i.door as { jammed: boolean }).jammed = true));
    expect(replayFinding(engine, jammed)).toBe('replaying OPEN from shut is refused (rule DOOR_JAMMED), so the recorded transition does not follow from its inputs');
    const warden = withInputs(recordedOpen(), (i) => ((i.actor as { roles: string[] }).roles = ['sro']));
    expect(replayFinding(engine, warden)).toMatch(/refused \(the sender’s role\)/);
    expect(replayFinding(engine, { ...recordedOpen(), fromState: 'open' })).toMatch(/refused \(the machine has no such transition\)/);
  });

  it('names recorded guard inputs the replay does not give again (guards run, the branch taken)', () => {
    const fewer = withInputs(recordedOpen(), (i) => (i.guardsRun = ['KEYHOLDER']));
    expect(replayFinding(engine, fewer)).toBe('replaying OPEN from shut gives other guard inputs than recorded: guardsRun');
  });

  it('refuses a row of another machine version, and rows it cannot read', () => {
    expect(replayFinding(engine, { ...recordedOpen(), machineVersion: '0' })).toBe(
      'it was recorded under door machine version 0, and this build (version 1) has no migration path from it, so it cannot be replayed',
    );
    expect(replayFinding(engine, { ...recordedOpen(), guardInputs: '{not json' })).toBe('its guard inputs cannot be read, so it cannot be replayed');
    expect(replayFinding(engine, { ...recordedOpen(), guardInputs: null })).toBe('a transition without the guard inputs or the state to replay it from');
    expect(replayFinding(engine, { ...recordedOpen(), eventType: 'SHUT' })).toBe('its guard inputs are for OPEN, but the row records SHUT');
  });
});

describe('apply and the machine', () => {
  it('runs each guard of an accepted event once: the machine’s own check reads the verdict on the same input', () => {
    expect(engine.apply('shut', { type: 'OPEN', note: 'delivery' }, input(keyholder, { type: 'OPEN', note: 'delivery' }))).toMatchObject({ ok: true });
    expect(calls).toEqual({ NOTE_GIVEN: 1, KEYHOLDER: 1, NOT_JAMMED: 1, SILENT: 0 });
  });

  it('judges a new input afresh, even one equal to an input judged before', () => {
    const event = { type: 'OPEN' as const, note: 'delivery' };
    expect(engine.apply('shut', event, input(keyholder, event))).toMatchObject({ ok: true });
    expect(engine.apply('shut', event, input(keyholder, event, { jammed: true }))).toMatchObject({ ok: false, failure: { code: 'DOOR_JAMMED' } });
    expect(engine.apply('shut', event, input(keyholder, event))).toMatchObject({ ok: true });
    // Once for each input, and once more when the jammed door's refusal runs the facts guards on their own.
    expect(calls.NOT_JAMMED).toBe(4);
  });

  /** The door's engine over a machine built from `machinePolicy` and `transitions`: a machine that may disagree with the engine's rules. */
  function engineOver(machinePolicy: PolicyTable<EventType, GuardId>, transitions = TRANSITIONS, selfTransitions: EventType[] = [], machineGuards = GUARDS) {
    const over = createWorkflowMachine<State, EventType, DoorInput, GuardId>({ id: 'door', version: '1', initial: 'shut', states: STATES, transitions, policy: machinePolicy, guards: machineGuards, branches: {} });
    return createWorkflowEngine({ ...engine.definition, machine: over, transitions, selfTransitions });
  }
  const wardenOnly: PolicyTable<EventType, GuardId> = { ...POLICY, OPEN: { ...POLICY.OPEN, roles: ['sro'] } };
  const reopening = transitionRows<State, EventType>({ shut: { OPEN: 'open' }, open: { OPEN: 'open', SHUT: 'shut' } });
  const open = { type: 'OPEN' as const, note: 'delivery' };

  it('refuses to report a move the machine did not take, even when every rule passed', () => {
    expect(() => engineOver(wardenOnly).apply('shut', open, input(keyholder, open))).toThrow('door machine refused OPEN in shut although every rule passed');
  });

  it('does not take a verdict reached under other guards: a machine whose guards refuse still refuses', () => {
    const stricter = { ...GUARDS, NOT_JAMMED: () => failure<Code>('DOOR_JAMMED') };
    expect(() => engineOver(POLICY, TRANSITIONS, [], stricter).apply('shut', open, input(keyholder, open))).toThrow('door machine refused OPEN in shut although every rule passed');
  });

  it('tells a self-transition the machine took from one it refused', () => {
    expect(engineOver(POLICY, reopening, ['OPEN']).apply('open', open, input(keyholder, open))).toMatchObject({ ok: true, previousState: 'open', nextState: 'open' });
    expect(() => engineOver(wardenOnly, reopening, ['OPEN']).apply('open', open, input(keyholder, open))).toThrow('door machine refused OPEN in open although every rule passed');
  });
});
