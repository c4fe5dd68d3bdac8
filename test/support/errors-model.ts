/**
 * A model of a CD error register entry for model-based tests (docs/architecture.md §7.3), built ON the production
 * statechart: every step asks `cdErrorMachine` (its `can()` and `transition()`, with the production role
 * table and guards behind them) whether an event is accepted and where it goes. The model adds only what
 * the machine deliberately keeps outside itself — the facts on the `cd_error` row the guards read (kind,
 * report, due dates) — and updates them as the service does, so `xstate/graph` can traverse it.
 *
 * An entry is created in one of two ways: `suspected`, by the outbox intake (a `returnCheckFailed`
 * event), or `recorded`, by POST /errors from a SPOC or SRO. Ids are symbolic (a user's id is their
 * username, an authority's id its key); the HTTP driver maps them. Nothing here does I/O.
 */
import { fromTransition, transition, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap, TestModel, type SerializedEvent } from 'xstate/graph';
import { DEMO_AUTHORITIES, DEMO_USERS } from '../../src/auth/demo-seed';
import type { ActorFacts } from '../../src/workflow/application.guards';
import { DEFAULT_REPORT_WORKING_DAYS, reportDueAt, type CdErrorGuardInput } from '../../src/workflow/cd-error.guards';
import { CD_ERROR_MACHINE_VERSION, cdErrorMachine, type CdErrorMachineEvent } from '../../src/workflow/cd-error.machine';
import {
  CD_ERROR_EVENT_TYPES,
  CD_ERROR_KINDS,
  IPC_RESPONSES,
  type CdErrorEvent,
  type CdErrorEventType,
  type CdErrorIpcExchange,
  type CdErrorKind,
  type CdErrorReport,
  type CdErrorState,
  type IpcResponse,
} from '../../src/workflow/cd-error.types';
import { ipcReport, recordReport } from './errors-http';

/** The instant the model (and the test app's FixedClock) stands at: a Monday. */
export const MODEL_NOW = new Date('2026-03-02T10:00:00.000Z');

/** When the modelled error was established (the report's 10 working days run from here). */
const ESTABLISHED_AT = '2026-02-23T09:00:00+00:00';
const RECORD_REPORT = recordReport({ discoveredAt: ESTABLISHED_AT, establishedAt: ESTABLISHED_AT });
const IPC_REPORT = ipcReport();

/** The statutory due date of a relevant error established at ESTABLISHED_AT (production function). */
export const MODEL_REPORT_DUE_AT = reportDueAt(new Date(ESTABLISHED_AT), DEFAULT_REPORT_WORKING_DAYS);

/** Each agreed extension moves the due date on by a week. */
const EXTENSION_MS = 7 * 24 * 60 * 60 * 1000;
/** AGREE_EXTENSION is a self-transition: the model tries at most this many so the graph is finite. */
const MAX_EXTENSIONS = 2;

/** Everyone who might send an event; the production rules decide who may (other forces: the guard). */
export const ERROR_CAST = ['spoc', 'sro', 'other-spoc', 'other-sro', 'applicant', 'dso'] as const;

/** What the intake writes into a suspected entry's report (suspected-error-intake.ts). */
export const INTAKE_CHECK = 'msisdnMatchesRequest';

function facts(username: string): ActorFacts {
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
// Events of the model
// ---------------------------------------------------------------------------------------------

/** How the entry comes into being: the outbox intake, or POST /errors by a SPOC or SRO. */
export type ErrorOrigin = 'intake' | 'spoc' | 'sro';

export type ErrorModelEvent =
  | { type: 'CREATE'; origin: ErrorOrigin }
  | { type: CdErrorEventType; actor: string; kind?: CdErrorKind; ipcResponse?: IpcResponse };

export type ErrorTransitionEvent = Exclude<ErrorModelEvent, { type: 'CREATE' }>;

export interface ErrorModelContext {
  /** null before the entry exists. */
  status: CdErrorState | null;
  origin: ErrorOrigin | null;
  kind: CdErrorKind | null;
  /** The report carries the fields RECORD requires (created at `recorded`, or RECORDed). */
  recorded: boolean;
  /** The IPC fields were given (REPORT_TO_IPC). */
  reported: boolean;
  /** ISO instant agreed with the IPC, or null. */
  agreedDueAt: string | null;
  extensions: number;
  /** The initial notification was made (NOTIFY_IPC_INITIAL). */
  notified: boolean;
  /** The IPC asked for the authority's submissions (RECORD_SUBMISSIONS_REQUEST). */
  asked: boolean;
}

const INITIAL: ErrorModelContext = {
  status: null,
  origin: null,
  kind: null,
  recorded: false,
  reported: false,
  agreedDueAt: null,
  extensions: 0,
  notified: false,
  asked: false,
};

/** Every instant the register's exchange with the IPC records: the clock stands still in the model. */
const AT_MODEL_NOW = MODEL_NOW.toISOString();

/** The statutory due date the service sets at ASSESS (relevant errors only). */
export function modelReportDueAt(ctx: ErrorModelContext): Date | null {
  return ctx.kind === 'relevantError' ? MODEL_REPORT_DUE_AT : null;
}

/** The body POSTed to /errors/:id/events (and, with symbolic ids, the event the guards see). */
export function errorEventBody(ctx: ErrorModelContext, event: ErrorTransitionEvent): CdErrorEvent {
  const { type } = event;
  switch (type) {
    case 'RECORD':
      return { type, report: RECORD_REPORT };
    case 'DISMISS':
      return { type, reason: 'The CSP confirmed the data matched the request: no error occurred.' };
    case 'ASSESS':
      return { type, kind: event.kind };
    case 'SIGHT':
    case 'CLOSE':
      return { type };
    case 'AGREE_EXTENSION': {
      const current = ctx.agreedDueAt ? new Date(ctx.agreedDueAt) : (modelReportDueAt(ctx) ?? MODEL_NOW);
      return {
        type,
        agreedDueAt: new Date(current.getTime() + EXTENSION_MS).toISOString(),
        ipcAgreementReference: `IPC-EXT-2026-${String(ctx.extensions + 1).padStart(3, '0')}`,
        reason: 'The CSP needs more time to confirm how much excess data was disclosed.',
      };
    }
    case 'REPORT_TO_IPC':
      return { type, report: IPC_REPORT };
    case 'RECORD_IPC_RESPONSE':
      return { type, ipcResponse: event.ipcResponse, ipcReference: 'IPC-RESP-2026-0042' };
    case 'RECORD_DETERMINATION':
      return { type, serious: false, personInformed: false, determinationNotes: 'No significant prejudice or harm.' };
    case 'NOTIFY_IPC_INITIAL':
      return {
        type,
        initialNotification: {
          whatIsKnown: 'Subscriber data for the wrong number was disclosed.',
          whyFullReportNotReady: 'The CSP has not yet confirmed whether other data was disclosed.',
          fullReportExpectedBy: new Date(MODEL_NOW.getTime() + EXTENSION_MS).toISOString(),
        },
      };
    case 'RECORD_SUBMISSIONS_REQUEST':
      return { type, submissionsRequest: { requestedAt: AT_MODEL_NOW } };
    case 'RECORD_SUBMISSIONS':
      return { type, submissions: { text: 'No harm followed: the data was destroyed unread.', madeAt: AT_MODEL_NOW } };
    case 'RECORD_INVESTIGATION_OUTCOME':
      return { type, investigationOutcome: 'The CSP found and corrected a fault in its lookup.' };
  }
}

/** The exchange with the IPC on the row before the event, as the guards see it (the parts the guards read). */
function rowIpc(ctx: ErrorModelContext): CdErrorIpcExchange {
  const recorded = { recordedAt: AT_MODEL_NOW, recordedBy: 'sro' };
  return {
    ...(ctx.notified ? { initialNotification: { whatIsKnown: 'k', whyFullReportNotReady: 'w', fullReportExpectedBy: AT_MODEL_NOW, ...recorded } } : {}),
    ...(ctx.asked ? { submissionsRequest: { requestedAt: AT_MODEL_NOW, respondBy: null, ...recorded } } : {}),
  };
}

/** The report on the row before the event, as the guards see it. */
function rowReport(ctx: ErrorModelContext): Partial<CdErrorReport> {
  const intake = { errorDescription: `A check on a CSP return failed: ${INTAKE_CHECK}.` };
  return {
    ...(ctx.origin === 'intake' ? intake : {}),
    ...(ctx.recorded ? RECORD_REPORT : {}),
    ...(ctx.reported ? { ...IPC_REPORT, reportedAt: AT_MODEL_NOW } : {}),
  };
}

/** The production machine's event for a model event: the guard input the service would build. */
export function machineEventFor(ctx: ErrorModelContext, event: ErrorTransitionEvent): CdErrorMachineEvent {
  if (ctx.status === null) throw new Error('no entry yet');
  const guardInput: CdErrorGuardInput = {
    error: {
      id: 'entry',
      authorityId: 'tvp',
      status: ctx.status,
      kind: ctx.kind,
      report: rowReport(ctx),
      reportDueAt: modelReportDueAt(ctx),
      agreedDueAt: ctx.agreedDueAt ? new Date(ctx.agreedDueAt) : null,
      ipc: rowIpc(ctx),
    },
    actor: facts(event.actor),
    event: errorEventBody(ctx, event),
    now: MODEL_NOW,
  };
  return { type: event.type, guardInput };
}

function snapshotOf(status: CdErrorState): SnapshotFrom<typeof cdErrorMachine> {
  return cdErrorMachine.resolveState({ value: status, context: { machineVersion: CD_ERROR_MACHINE_VERSION } });
}

function accepted(ctx: ErrorModelContext, event: ErrorModelEvent): boolean {
  if (event.type === 'CREATE') return ctx.status === null;
  if (ctx.status === null) return false;
  return snapshotOf(ctx.status).can(machineEventFor(ctx, event));
}

/** One step: the production machine picks the target; the row facts follow the service. */
export function errorModelStep(ctx: ErrorModelContext, event: ErrorModelEvent): ErrorModelContext {
  if (event.type === 'CREATE') {
    if (ctx.status !== null) return ctx;
    return { ...INITIAL, origin: event.origin, status: event.origin === 'intake' ? 'suspected' : 'recorded', recorded: event.origin !== 'intake' };
  }
  if (ctx.status === null || !accepted(ctx, event)) return ctx;
  const machineEvent = machineEventFor(ctx, event);
  const [next] = transition(cdErrorMachine, snapshotOf(ctx.status), machineEvent);
  const out: ErrorModelContext = { ...ctx, status: next.value };
  if (event.type === 'RECORD') out.recorded = true;
  if (event.type === 'ASSESS') out.kind = event.kind ?? null;
  if (event.type === 'REPORT_TO_IPC') out.reported = true;
  if (event.type === 'NOTIFY_IPC_INITIAL') out.notified = true;
  if (event.type === 'RECORD_SUBMISSIONS_REQUEST') out.asked = true;
  if (event.type === 'AGREE_EXTENSION') {
    out.agreedDueAt = machineEvent.guardInput.event.agreedDueAt ?? null;
    out.extensions += 1;
  }
  return out;
}

/** Who may be tried for each event, with the variants that matter (the production rules decide). */
function candidatesFor(type: CdErrorEventType): ErrorTransitionEvent[] {
  const out: ErrorTransitionEvent[] = [];
  for (const actor of ERROR_CAST) {
    if (type === 'ASSESS') for (const kind of CD_ERROR_KINDS) out.push({ type, actor, kind });
    else if (type === 'RECORD_IPC_RESPONSE') for (const ipcResponse of IPC_RESPONSES) out.push({ type, actor, ipcResponse });
    else out.push({ type, actor });
  }
  return out;
}

const ORIGINS: readonly ErrorOrigin[] = ['intake', 'spoc', 'sro'];

/** The events the model tries in a state: those the production machine accepts there. */
function eventsIn(ctx: ErrorModelContext): ErrorModelEvent[] {
  if (ctx.status === null) return ORIGINS.map((origin) => ({ type: 'CREATE' as const, origin }));
  const own = new Set<string>(cdErrorMachine.root.states[ctx.status].ownEvents);
  return CD_ERROR_EVENT_TYPES.filter((type) => own.has(type))
    .filter((type) => type !== 'AGREE_EXTENSION' || ctx.extensions < MAX_EXTENSIONS)
    .flatMap(candidatesFor)
    .filter((event) => accepted(ctx, event));
}

export const errorModelLogic = fromTransition((ctx: ErrorModelContext, event: ErrorModelEvent) => errorModelStep(ctx, event), INITIAL);

function serializeContext(ctx: ErrorModelContext): string {
  return [ctx.status ?? '(none)', ctx.origin ?? '', ctx.kind ?? '', ctx.recorded, ctx.reported, ctx.agreedDueAt ?? '', ctx.extensions, ctx.notified, ctx.asked].join('|');
}

export function errorEventLabel(event: ErrorModelEvent): string {
  if (event.type === 'CREATE') return event.origin === 'intake' ? 'CREATE(intake)' : `CREATE(POST by ${event.origin})`;
  const variant = event.kind ?? event.ipcResponse;
  return `${event.type}${variant ? `[${variant}]` : ''}(${event.actor})`;
}

const TRAVERSAL = {
  events: (snapshot: { context: ErrorModelContext }) => eventsIn(snapshot.context),
  serializeState: (snapshot: { context: ErrorModelContext }) => serializeContext(snapshot.context),
  serializeEvent: (event: ErrorModelEvent) => errorEventLabel(event),
};

// ---------------------------------------------------------------------------------------------
// Transitions and paths
// ---------------------------------------------------------------------------------------------

export function transitionKey(from: string, type: string, to: string): string {
  return `${from} --${type}--> ${to}`;
}

/** Every transition the production statechart defines (RECORD_IPC_RESPONSE once per target). */
export function errorMachineTransitions(): string[] {
  const keys: string[] = [];
  for (const [name, node] of Object.entries(cdErrorMachine.root.states)) {
    for (const [type, definitions] of node.transitions) {
      for (const definition of definitions) {
        for (const target of definition.target ?? [node]) keys.push(transitionKey(name, type, target.key));
      }
    }
  }
  return [...new Set(keys)].sort();
}

export interface ErrorPathStep {
  event: ErrorModelEvent;
  from: CdErrorState | null;
  to: CdErrorState;
  /** The context before and after the step. */
  before: ErrorModelContext;
  after: ErrorModelContext;
}

export interface ErrorPath {
  origin: ErrorOrigin;
  steps: ErrorPathStep[];
  description: string;
}

function replay(events: ErrorModelEvent[]): ErrorPath {
  let ctx = INITIAL;
  const steps: ErrorPathStep[] = [];
  for (const event of events) {
    const next = errorModelStep(ctx, event);
    if (next.status === null || next === ctx) throw new Error(`model refused ${errorEventLabel(event)}`);
    steps.push({ event, from: ctx.status, to: next.status, before: ctx, after: next });
    ctx = next;
  }
  const first = events[0];
  if (first?.type !== 'CREATE') throw new Error('a path starts with CREATE');
  return { origin: first.origin, steps, description: steps.map((s) => errorEventLabel(s.event)).join(' → ') };
}

/** Coverage unit: a statechart transition, by a given sender, for a given kind of error. */
function edgeKey(s: ErrorPathStep): string {
  const who = s.event.type === 'CREATE' ? s.event.origin : s.event.actor;
  return `${transitionKey(s.from ?? '(new)', s.event.type, s.to)} [${s.after.kind ?? 'unassessed'}; ${who}]`;
}

export interface ErrorPlan {
  paths: ErrorPath[];
  /** Statechart transitions the model can take. */
  reachable: string[];
  /** (transition × kind × sender) edges; the paths cover each at least once. */
  edges: string[];
}

/**
 * Paths covering every edge of the model: a `TestModel` of the model logic (`createTestModel` takes only
 * a bare machine, which cannot carry the row facts) gives, with `getShortestPaths`, the shortest route
 * to every model state; each edge of `getAdjacencyMap` out of a state extends that route by one
 * step. Per edge the shortest such path is kept; then, longest first, a path is kept only if it covers
 * an edge no kept path covers.
 */
export function planErrorPaths(): ErrorPlan {
  const model = new TestModel(errorModelLogic, TRAVERSAL);
  const toVertex = new Map<string, ErrorModelEvent[]>();
  // Keep the paths that are prefixes of others: each is the route to its own state.
  for (const path of model.getShortestPaths({ allowDuplicatePaths: true })) {
    const events = path.steps.map((s) => s.event).filter((e) => (e.type as string) !== 'xstate.init');
    toVertex.set(serializeContext(path.state.context), events);
  }
  const adjacency = getAdjacencyMap(errorModelLogic, TRAVERSAL);
  const best = new Map<string, ErrorModelEvent[]>();
  const reachable = new Set<string>();
  for (const [vertex, { transitions }] of Object.entries(adjacency)) {
    const prefix = toVertex.get(vertex);
    if (!prefix) throw new Error(`no shortest path to ${vertex}`);
    for (const serialized of Object.keys(transitions) as SerializedEvent[]) {
      const events = [...prefix, transitions[serialized].event];
      const last = replay(events).steps.at(-1);
      if (!last) continue;
      if (last.from !== null) reachable.add(transitionKey(last.from, last.event.type, last.to));
      const key = edgeKey(last);
      const current = best.get(key);
      if (!current || events.length < current.length) best.set(key, events);
    }
  }
  const candidates = [...best.values()]
    .map(replay)
    .sort((a, b) => b.steps.length - a.steps.length || a.description.localeCompare(b.description));
  const covered = new Set<string>();
  const paths: ErrorPath[] = [];
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
  };
}
