/**
 * A model of the application lifecycle for model-based tests (docs/architecture.md §7.1), built ON the production
 * statechart: every step of the model asks `applicationMachine` (its `can()` and `transition()`, with the
 * production guards and role table behind them) whether an event is accepted and where it goes. The model
 * only adds what the machine deliberately leaves out — the facts on the application row that the guards
 * read (form, reviewing SPOC, SPOC advice, who granted, an outstanding written record, when the grant
 * expires, what time it is) — and updates them as the service does, so `xstate/graph` can traverse it.
 * The deadline scheduler is one more sender: it sends at the instant its deadline falls (EXPIRE at
 * `expiresAt`), which is how the HTTP driver plays it (test clock moved there, then a poll).
 * One step is not an event of the application at all: ACQUIRE, the scenario's SPOC obtaining the data under
 * the authorisation and giving the investigator a final product (a request to a CSP, its return, every check
 * reviewed, MARK_CHECKED, and a final product issued), after which the facts ISSUE_PRODUCT reads hold. It
 * moves no state and writes no history row of the application; the HTTP driver plays it through the
 * disclosure and product APIs.
 *
 * Ids in the model are symbolic (a user's id is their username, an authority's id its key); the HTTP
 * driver maps them to the real ids. Nothing here does I/O.
 */
import { fromTransition, transition, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap, getShortestPaths, type SerializedEvent } from 'xstate/graph';
import { SCHEDULER } from '../../src/auth/actor';
import { DEMO_AUTHORITIES, DEMO_USERS } from '../../src/auth/demo-seed';
import {
  DEFAULT_WORKFLOW_POLICY,
  grantValidity,
  resolveDecider,
  type ActorFacts,
  type GuardInput,
} from '../../src/workflow/application.guards';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_MACHINE_VERSION,
  applicationMachine,
  type ApplicationEventType,
  type ApplicationMachineEvent,
  type ApplicationState,
} from '../../src/workflow/application.machine';
import type { ApplicationEvent, ApplicationForm, SpocSection } from '../../src/workflow/application.types';
import { completeForm, GRANT_DECISION, JOURNALISTIC_SOURCE, NATIONAL_SECURITY, SPOC_SECTION } from './applications';

/** The instant the model (and the test app's FixedClock) stands at. */
export const MODEL_NOW = new Date('2026-03-02T10:00:00.000Z');

// ---------------------------------------------------------------------------------------------
// Scenarios: what is fixed when the application is created (its authority, applicant and form)
// ---------------------------------------------------------------------------------------------

const JOURNALIST = { ...JOURNALISTIC_SOURCE, subjects: [{ role: 'other', name: 'J1 (journalist)' }] };
const URGENT = {
  route: 'dso61A',
  priorityGrade: 'grade1',
  urgencyJustification: 'A kidnap victim is held now; every hour matters.',
  exceptionalCircumstances: 'No SPOC could be reached at 03:00: the on-call SPOC was in hospital (IPA s.76(2)).',
};

export interface Scenario {
  /** The applicant of record. */
  applicant: string;
  /** The SPOC who serves the authority (and reads the history in the tests). */
  spoc: string;
  /** Authority key (DEMO_AUTHORITIES). */
  authority: string;
  /** The form as POSTed. */
  form: Record<string, unknown>;
}

export const SCENARIOS = {
  ipc60A: { applicant: 'applicant', spoc: 'spoc', authority: 'tvp', form: completeForm() },
  ipc60AJournalisticSource: { applicant: 'applicant', spoc: 'spoc', authority: 'tvp', form: completeForm(JOURNALIST) },
  dso61: { applicant: 'applicant', spoc: 'spoc', authority: 'tvp', form: completeForm({ route: 'dso61', ...NATIONAL_SECURITY }) },
  dso61A: { applicant: 'applicant', spoc: 'spoc', authority: 'tvp', form: completeForm(URGENT) },
  dso61AJournalisticSource: {
    applicant: 'applicant',
    spoc: 'spoc',
    authority: 'tvp',
    form: completeForm({ ...URGENT, ...JOURNALIST }),
  },
  localAuthority: {
    applicant: 'la-applicant',
    spoc: 'nafn-spoc',
    authority: 'wlt',
    form: completeForm({
      applicantDetails: { name: 'Lee Trading Standards', officeRankPosition: 'Trading Standards Officer' },
      investigationRef: 'WLT-TS-2026-007',
      offences: [{ description: 'Fraud by false representation', statute: 'Fraud Act 2006 s.2', maxSentenceAdultMonths: 120 }],
      investigationSummary: 'Doorstep fraud on elderly residents; the trader gave this number.',
    }),
  },
} as const satisfies Record<string, Scenario>;
export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** The form as the server stores it: identifiers carry their normalised value. */
function storedForm(form: Record<string, unknown>): ApplicationForm {
  const identifiers = (form.identifiers as { value: string }[]).map((i) => ({ ...i, normalisedValue: `norm:${i.value}` }));
  return { ...form, identifiers } as unknown as ApplicationForm;
}

// ---------------------------------------------------------------------------------------------
// The cast: demo users as the guards see them (symbolic ids)
// ---------------------------------------------------------------------------------------------

/**
 * The deadline scheduler (`ApplicationDeadlines`) as a sender of the model: the production scheduler's
 * roles, a symbolic id. It acts only by polling, so the driver can play only its EXPIRE.
 */
export const SCHEDULER_SENDER = 'scheduler';

/** Everyone who might send an event over HTTP; the production rules decide who may. */
export const CAST = [
  'applicant',
  'applicant2',
  'spoc',
  'other-spoc',
  'dso',
  'other-dso',
  'sro',
  'ocda',
  'jc',
  'la-applicant',
  'nafn-spoc',
] as const;

/** Every sender the model tries: the people, and the scheduler. */
const SENDERS: readonly string[] = [...CAST, SCHEDULER_SENDER];

function facts(username: string): ActorFacts {
  if (username === SCHEDULER_SENDER) {
    return {
      id: SCHEDULER_SENDER,
      roles: [...SCHEDULER.roles],
      authorityId: SCHEDULER.authorityId,
      authorityType: SCHEDULER.authorityType,
      rank: SCHEDULER.rank,
      spocPin: SCHEDULER.spocPin,
    };
  }
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  const authority = DEMO_AUTHORITIES.find((a) => a.key === user.authority);
  if (!authority) throw new Error(`no demo authority ${user.authority}`);
  return {
    id: user.username,
    roles: [...user.roles],
    authorityId: authority.key,
    authorityType: authority.type,
    rank: user.rank ?? null,
    spocPin: user.spocPin ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Events of the model: an application event, who sends it, and how a decision is recorded
// ---------------------------------------------------------------------------------------------

/**
 * How a decision (GRANT / REFUSE / REQUEST_MORE_INFO) arrives: from the decider themselves, recorded by
 * a SPOC from OCDA's own system (footnote ¹), or an oral dso61A grant recorded by a SPOC naming the DSO
 * (footnote ²).
 */
export type DecisionVariant = 'direct' | 'recordsOcda' | 'oralForDso';

export type LifecycleEvent =
  | { type: 'CREATE'; scenario: ScenarioName }
  | { type: typeof ACQUIRE; actor: string; variant: null }
  | { type: ApplicationEventType; actor: string; variant: DecisionVariant | null };

/** The model's step in which the data is obtained and a final product issued (see the file's comment). */
export const ACQUIRE = 'ACQUIRE';

/** A model event that is an event of the application's machine. */
export type MachineLifecycleEvent = Extract<LifecycleEvent, { type: ApplicationEventType }>;

const DECISION_EVENTS: readonly ApplicationEventType[] = ['GRANT', 'REFUSE', 'REQUEST_MORE_INFO'];

/** The DSO named by a SPOC recording an oral grant. */
export const ORAL_GRANT_DSO = 'dso';

const MODEL_SPOC_SECTION: SpocSection = { ...SPOC_SECTION, acquisitionMethod: 'cspSecureSystem' };

/** People act at MODEL_NOW, so a decision recorded for someone else is taken then: never before the submission it answers (docs/law.md §2.3). */
const DECIDED_AT = '2026-03-02T10:00:00+00:00';

/**
 * A DSO's own s.76(2) finding, sent with every DSO grant of the model: the urgent dso61A path reaches the
 * DSO without a SPOC, and there the exception is the DSO's to record (docs/law.md §3.7 findings). Beside a
 * SPOC's advice it changes nothing.
 */
const DSO_FINDINGS = { spocNotConsulted: { reasons: 'Kidnap in progress; no SPOC reachable in time.' } };

const OCDA_RECORD = {
  ocdaReference: 'OCDA-2026-004711',
  deciderName: 'Olivia OCDA Authorising Officer',
  decidedAt: DECIDED_AT,
};

/** A human label for a model event (actor and, for decisions, how it was recorded). */
export function eventLabel(event: LifecycleEvent): string {
  if (event.type === 'CREATE') return event.scenario;
  if (event.type === ACQUIRE) return `${event.actor} obtaining the data and issuing a final product`;
  if (event.variant === 'recordsOcda') return `${event.actor} recording OCDA's decision`;
  if (event.variant === 'oralForDso') return `${event.actor} recording ${ORAL_GRANT_DSO}'s oral grant`;
  return event.actor;
}

/**
 * The body POSTed to /applications/:id/events (and, with symbolic ids, the event the guards see).
 * `idOf` maps a username to a person id.
 */
export function eventBody(
  event: MachineLifecycleEvent,
  idOf: (username: string) => string,
): ApplicationEvent {
  const { type, variant } = event;
  const recorded = variant === 'recordsOcda' ? OCDA_RECORD : {};
  switch (type) {
    case 'SUBMIT_TO_SPOC':
    case 'SUBMIT_URGENT_WITHOUT_SPOC':
    case 'RESUBMIT':
    case 'EXPIRE':
    case 'ISSUE_PRODUCT':
      return { type };
    case 'WITHDRAW':
      return { type, reason: 'The suspect has been charged; the data is no longer needed.' };
    case 'RETURN_TO_APPLICANT':
      return { type, reason: 'Explain why a shorter period would not do.' };
    case 'DECLINE':
      return { type, reason: 'The CSP does not hold this data; the application cannot succeed.' };
    case 'SUBMIT_FOR_AUTHORISATION':
      return { type, spoc: MODEL_SPOC_SECTION };
    case 'REQUEST_MORE_INFO':
      return { type, question: 'What links the number to the suspect?', ...(variant === 'recordsOcda' ? { decision: recorded } : {}) };
    case 'REFUSE':
      return { type, reason: 'Not proportionate to the offence.', ...(variant === 'recordsOcda' ? { decision: recorded } : {}) };
    case 'GRANT':
      if (variant === 'oralForDso') {
        return {
          type,
          decision: {
            ...GRANT_DECISION,
            oral: true,
            deciderId: idOf(ORAL_GRANT_DSO),
            deciderName: 'Supt Dana Dso',
            officeRank: 'superintendent',
            decidedAt: DECIDED_AT,
            findings: DSO_FINDINGS,
          },
        };
      }
      if (variant === 'direct' && facts(event.actor).roles.includes('dso')) {
        return { type, decision: { ...GRANT_DECISION, findings: DSO_FINDINGS } };
      }
      return { type, decision: { ...GRANT_DECISION, ...recorded } };
    case 'JC_APPROVE':
      return { type, judicialApproval: { judgeName: 'Sir Julian Commissioner', decidedAt: '2026-03-02T09:50:00+00:00' } };
    case 'JC_REFUSE':
      return {
        type,
        reason: 'The public interest does not override the protection of the source.',
        judicialApproval: { judgeName: 'Sir Julian Commissioner', decidedAt: '2026-03-02T09:50:00+00:00' },
      };
    case 'RECORD_WRITTEN':
      return { type, writtenRecord: 'Written record of the oral authorisation given at 10:00, made by the DSO.' };
    case 'CANCEL':
      return { type, reason: 'The victim has been found; the conduct is no longer necessary (s.65(3B)).' };
    case 'REQUEST_CANCELLATION':
      return { type, reason: 'The suspect has been charged; the data is no longer necessary (s.65(4)).' };
    case 'CLOSE':
      return { type, reason: 'Nothing further to do.' };
    case 'RECORD_OUTCOME':
      return { type, outcome: 'The subscriber was identified and arrested.' };
  }
}

/** Who may be tried for each event, and how (the production rules then decide). */
function candidatesFor(type: ApplicationEventType): LifecycleEvent[] {
  if (!DECISION_EVENTS.includes(type)) return SENDERS.map((actor) => ({ type, actor, variant: null }));
  const out: LifecycleEvent[] = SENDERS.map((actor) => ({ type, actor, variant: 'direct' as const }));
  // Only a SPOC records someone else's decision (docs/architecture.md §7.1 footnotes ¹ ²).
  for (const actor of CAST.filter((a) => facts(a).roles.includes('spoc'))) {
    out.push({ type, actor, variant: 'recordsOcda' });
    if (type === 'GRANT') out.push({ type, actor, variant: 'oralForDso' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The model's state: the machine's status plus the row facts the guards read
// ---------------------------------------------------------------------------------------------

export interface LifecycleContext {
  /** null before the application exists. */
  status: ApplicationState | null;
  scenario: ScenarioName | null;
  spocId: string | null;
  spocAdvice: boolean;
  grantedById: string | null;
  oralGrant: boolean;
  writtenRecordDue: boolean;
  /** ISO instant the authorisation ends, set at GRANT as the service sets it (null before). */
  expiresAt: string | null;
  /** ISO instant it last entered awaitingAuthorisation, as the service records it (null before). */
  lastSubmittedForAuthorisationAt: string | null;
  /** ISO instant of the model's clock (the test clock): MODEL_NOW, moved on when the scheduler acts. */
  now: string;
  /** ACQUIRE has happened: every request checked, data received before the end, a final product issued. */
  acquired: boolean;
}

const INITIAL: LifecycleContext = {
  status: null,
  scenario: null,
  spocId: null,
  spocAdvice: false,
  grantedById: null,
  oralGrant: false,
  writtenRecordDue: false,
  expiresAt: null,
  lastSubmittedForAuthorisationAt: null,
  now: MODEL_NOW.toISOString(),
  acquired: false,
};

/** What the ISSUE_PRODUCT guard reads once ACQUIRE has happened (before it, the service's facts are all false). */
const ACQUIRED_FACTS = { disclosuresTerminalAndChecked: true, finalProductIssued: true, dataReceivedBeforeEnd: true };

/**
 * When `event` is sent: people act at the model's clock; the scheduler acts when its deadline falls
 * (the expiry, once there is one), never earlier than the clock.
 */
function instantOf(ctx: LifecycleContext, event: MachineLifecycleEvent): Date {
  const now = new Date(ctx.now);
  if (event.actor !== SCHEDULER_SENDER || ctx.expiresAt === null) return now;
  const deadline = new Date(ctx.expiresAt);
  return deadline > now ? deadline : now;
}

/** Events that make the sending SPOC the reviewing SPOC (as the service does). */
const SPOC_REVIEW_EVENTS: readonly ApplicationEventType[] = ['RETURN_TO_APPLICANT', 'DECLINE', 'SUBMIT_FOR_AUTHORISATION'];

/** The production machine's event for a model event in a model state: the guard input the service would build. */
export function machineEventFor(
  ctx: LifecycleContext,
  event: MachineLifecycleEvent,
): ApplicationMachineEvent {
  if (ctx.status === null || ctx.scenario === null) throw new Error('no application yet');
  const scenario: Scenario = SCENARIOS[ctx.scenario];
  const authority = DEMO_AUTHORITIES.find((a) => a.key === scenario.authority);
  if (!authority) throw new Error(`no authority ${scenario.authority}`);
  const form = storedForm(scenario.form);
  const body = eventBody(event, (username) => username);
  const deciderId = body.decision?.deciderId;
  const guardInput: GuardInput = {
    application: {
      id: 'application',
      authorityId: authority.key,
      authorityType: authority.type,
      applicantId: scenario.applicant,
      teamMemberIds: [],
      spocId: ctx.spocId,
      route: form.route ?? null,
      status: ctx.status,
      form,
      spocSection: ctx.spocAdvice ? MODEL_SPOC_SECTION : null,
      grantedById: ctx.grantedById,
      oralGrant: ctx.oralGrant,
      writtenRecordDueAt: ctx.writtenRecordDue ? new Date('2026-03-03T23:59:59.999Z') : null,
      expiresAt: ctx.expiresAt === null ? null : new Date(ctx.expiresAt),
      lastSubmittedForAuthorisationAt: ctx.lastSubmittedForAuthorisationAt === null ? null : new Date(ctx.lastSubmittedForAuthorisationAt),
      disclosureFacts: ctx.acquired ? ACQUIRED_FACTS : null,
    },
    actor: facts(event.actor),
    decider: DECISION_EVENTS.includes(event.type) && deciderId ? facts(deciderId) : null,
    event: body,
    policy: DEFAULT_WORKFLOW_POLICY,
    now: instantOf(ctx, event),
  };
  return { type: event.type, guardInput };
}

function snapshotOf(status: ApplicationState): SnapshotFrom<typeof applicationMachine> {
  return applicationMachine.resolveState({ value: status, context: { machineVersion: APPLICATION_MACHINE_VERSION } });
}

/** The production machine accepts `event` in `ctx` (role, guards, and a transition defined there). */
function accepted(ctx: LifecycleContext, event: LifecycleEvent): boolean {
  if (event.type === 'CREATE') return ctx.status === null;
  if (ctx.status === null) return false;
  // Requests go to CSPs only under an authorisation in force, once, by the SPOC serving the authority.
  if (event.type === ACQUIRE) return ctx.status === 'authorised' && !ctx.acquired && ctx.scenario !== null && event.actor === SCENARIOS[ctx.scenario].spoc;
  return snapshotOf(ctx.status).can(machineEventFor(ctx, event));
}

/** One step of the model: the production machine picks the target; the row facts follow the service. */
export function step(ctx: LifecycleContext, event: LifecycleEvent): LifecycleContext {
  if (event.type === 'CREATE') return { ...INITIAL, status: 'draft', scenario: event.scenario };
  if (!accepted(ctx, event) || ctx.status === null) return ctx;
  if (event.type === ACQUIRE) return { ...ctx, acquired: true };
  const machineEvent = machineEventFor(ctx, event);
  const [next] = transition(applicationMachine, snapshotOf(ctx.status), machineEvent);
  const status = next.value;
  const out: LifecycleContext = { ...ctx, status, now: machineEvent.guardInput.now.toISOString() };
  if (SPOC_REVIEW_EVENTS.includes(event.type) && ctx.spocId === null) out.spocId = event.actor;
  if (event.type === 'SUBMIT_FOR_AUTHORISATION') out.spocAdvice = true;
  if (status === 'awaitingAuthorisation' && ctx.status !== status) out.lastSubmittedForAuthorisationAt = out.now;
  if (event.type === 'GRANT') {
    const oral = machineEvent.guardInput.event.decision?.oral === true;
    out.grantedById = resolveDecider(machineEvent.guardInput).id;
    out.oralGrant = oral;
    out.writtenRecordDue = oral;
    const validity = grantValidity(machineEvent.guardInput.application, machineEvent.guardInput.now);
    out.expiresAt = validity ? validity.expiresAt.toISOString() : null;
  }
  if (event.type === 'RECORD_WRITTEN') out.writtenRecordDue = false;
  return out;
}

/** The model as actor logic `xstate/graph` can traverse. */
export const lifecycleLogic = fromTransition(
  (ctx: LifecycleContext, event: LifecycleEvent) => step(ctx, event),
  INITIAL,
);

export function serializeContext(ctx: LifecycleContext): string {
  return [
    ctx.status ?? '(none)',
    ctx.scenario ?? '',
    ctx.spocId ?? '',
    ctx.spocAdvice ? 'advice' : '',
    ctx.grantedById ?? '',
    ctx.oralGrant ? 'oral' : '',
    ctx.writtenRecordDue ? 'writtenDue' : '',
    ctx.expiresAt ?? '',
    ctx.lastSubmittedForAuthorisationAt ?? '',
    ctx.now,
    ctx.acquired ? 'acquired' : '',
  ].join('|');
}

export function serializeEvent(event: LifecycleEvent): string {
  return event.type === 'CREATE' ? `CREATE:${event.scenario}` : `${event.type}:${event.actor}:${event.variant ?? ''}`;
}

/** The events the model tries in a state: those the production machine accepts there. */
function eventsIn(ctx: LifecycleContext): LifecycleEvent[] {
  if (ctx.status === null) return SCENARIO_NAMES.map((scenario) => ({ type: 'CREATE' as const, scenario }));
  const own = new Set<string>(applicationMachine.root.states[ctx.status].ownEvents);
  const acquire: LifecycleEvent[] = ctx.scenario === null ? [] : [{ type: ACQUIRE, actor: SCENARIOS[ctx.scenario].spoc, variant: null }];
  return [...APPLICATION_EVENT_TYPES.filter((type) => own.has(type)).flatMap(candidatesFor), ...acquire].filter((event) => accepted(ctx, event));
}

const TRAVERSAL = {
  events: (snapshot: { context: LifecycleContext }) => eventsIn(snapshot.context),
  serializeState: (snapshot: { context: LifecycleContext }) => serializeContext(snapshot.context),
  serializeEvent: (event: LifecycleEvent) => serializeEvent(event),
};

// ---------------------------------------------------------------------------------------------
// Transitions and paths
// ---------------------------------------------------------------------------------------------

/** `from --EVENT--> to`, the identity of a statechart transition. */
export function transitionKey(from: string, type: string, to: string): string {
  return `${from} --${type}--> ${to}`;
}

/** Every transition the production statechart defines (GRANT counts once per target). */
export function machineTransitions(): string[] {
  const keys: string[] = [];
  for (const [name, node] of Object.entries(applicationMachine.root.states)) {
    for (const [type, definitions] of node.transitions) {
      for (const definition of definitions) {
        for (const target of definition.target ?? [node]) keys.push(transitionKey(name, type, target.key));
      }
    }
  }
  return [...new Set(keys)].sort();
}

export interface PathStep {
  event: LifecycleEvent;
  from: ApplicationState | null;
  to: ApplicationState;
  /** The context after the step. */
  after: LifecycleContext;
}

export interface LifecyclePath {
  scenario: ScenarioName;
  steps: PathStep[];
  /** Human summary, e.g. `dso61A: SUBMIT_URGENT_WITHOUT_SPOC(applicant) → GRANT(spoc …) → …`. */
  description: string;
}

function replay(events: LifecycleEvent[]): LifecyclePath {
  let ctx = INITIAL;
  const steps: PathStep[] = [];
  for (const event of events) {
    const next = step(ctx, event);
    if (next.status === null) throw new Error('model step lost the application');
    steps.push({ event, from: ctx.status, to: next.status, after: next });
    ctx = next;
  }
  const first = events[0];
  if (first?.type !== 'CREATE') throw new Error('a path starts with CREATE');
  return {
    scenario: first.scenario,
    steps,
    description: `${first.scenario}: ${
      steps
        .slice(1)
        .map((s) => `${s.event.type}(${eventLabel(s.event)})`)
        .join(' → ') || '(created only)'
    }`,
  };
}

/** Coverage unit: a statechart transition on a route, as sent by a given actor / recording variant. */
function edgeKey(s: PathStep): string {
  const scenario = s.after.scenario;
  const route = scenario === null ? '' : String(SCENARIOS[scenario].form.route);
  return `${transitionKey(s.from ?? '(new)', s.event.type, s.to)} [${route}: ${eventLabel(s.event)}]`;
}

export interface LifecyclePlan {
  paths: LifecyclePath[];
  /** Every statechart transition the model can take (over HTTP, with today's facts). */
  reachable: string[];
  /** Every (transition × sender) edge the model can take; the paths cover each at least once. */
  edges: string[];
  vertices: number;
}

/**
 * Paths covering every edge of the model: `getShortestPaths` gives the shortest route to every model
 * state; each edge of `getAdjacencyMap` out of a state extends that state's shortest path by one step.
 * Per edge the shortest such path is kept; then, longest first, a path is kept only if it covers an
 * edge no kept path covers (paths contained in longer ones disappear).
 */
export function planLifecycle(): LifecyclePlan {
  const shortest = getShortestPaths(lifecycleLogic, TRAVERSAL);
  const adjacency = getAdjacencyMap(lifecycleLogic, TRAVERSAL);
  const toVertex = new Map<string, LifecycleEvent[]>();
  for (const path of shortest) {
    // xstate/graph starts every path with the logic's `xstate.init` step: not an event of ours.
    const events = path.steps.map((s) => s.event).filter((e) => (e.type as string) !== 'xstate.init');
    toVertex.set(serializeContext(path.state.context), events);
  }

  const best = new Map<string, LifecycleEvent[]>();
  const reachable = new Set<string>();
  for (const [vertex, { transitions }] of Object.entries(adjacency)) {
    const prefix = toVertex.get(vertex);
    if (!prefix) throw new Error(`no shortest path to ${vertex}`);
    for (const serialized of Object.keys(transitions) as SerializedEvent[]) {
      const { event } = transitions[serialized];
      const events = [...prefix, event];
      const last = replay(events).steps.at(-1);
      if (!last) continue;
      const key = edgeKey(last);
      if (last.from !== null && last.event.type !== ACQUIRE) reachable.add(transitionKey(last.from, last.event.type, last.to));
      const current = best.get(key);
      if (!current || events.length < current.length) best.set(key, events);
    }
  }

  const candidates = [...best.values()]
    .map(replay)
    .sort((a, b) => b.steps.length - a.steps.length || a.description.localeCompare(b.description));
  const covered = new Set<string>();
  const paths: LifecyclePath[] = [];
  for (const path of candidates) {
    const keys = path.steps.map(edgeKey);
    if (keys.every((k) => covered.has(k))) continue;
    keys.forEach((k) => covered.add(k));
    paths.push(path);
  }
  return {
    paths: paths.sort((a, b) => a.description.localeCompare(b.description)),
    reachable: [...reachable].sort(),
    edges: [...best.keys()].sort(),
    vertices: Object.keys(adjacency).length,
  };
}

export { edgeKey as lifecycleEdgeKey };
