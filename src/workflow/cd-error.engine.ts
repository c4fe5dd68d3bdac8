/**
 * The CD error register entry as an instance of the workflow core (docs/architecture.md §7.3, §12): its
 * machine, policy table and guards, what each transition changes on the row (`changes`), and what the
 * history row keeps. The checks and their order are the core's (src/workflow/core/engine.ts).
 */
import type { ActorFacts } from './core/actor';
import { createWorkflowEngine } from './core/engine';
import { instantOf } from './core/replay';
import {
  CD_ERROR_RULE_KINDS,
  DEFAULT_REPORT_WORKING_DAYS,
  effectiveReport,
  ipcResponseOpensInvestigation,
  ipcResponseOpensOperatorInvestigation,
  reportDueAt,
  type CdErrorGuardInput,
} from './cd-error.guards';
import { CD_ERROR_MACHINE_VERSION, cdErrorMachine } from './cd-error.machine';
import { CD_ERROR_EVENT_RULES, CD_ERROR_GUARDS, CD_ERROR_GUARD_READS } from './cd-error.policy';
import {
  CD_ERROR_EVENT_TYPES,
  CD_ERROR_SELF_TRANSITION_EVENTS,
  CD_ERROR_STATES,
  CD_ERROR_TRANSITIONS,
  type CdErrorEvent,
  type CdErrorEventType,
  type CdErrorIpcExchange,
  type CdErrorKind,
  type CdErrorReport,
  type CdErrorState,
} from './cd-error.types';

/** Guards are named by stable ids in history rows (docs/architecture.md §11). */
type CdErrorGuardId = keyof typeof CD_ERROR_GUARDS;

/** Engine options (configuration, not facts). */
export interface CdErrorEngineOptions {
  /** Working days allowed for a relevant error's report (IPCO-18 17.4); default 10. */
  reportWorkingDays?: number;
}

// ---------------------------------------------------------------------------------------------
// Guard inputs, as recorded for replay
// ---------------------------------------------------------------------------------------------

/** {@link CdErrorFacts} with dates as ISO strings (JSON-safe). */
export interface CdErrorFactsRecord {
  id: string;
  authorityId: string;
  status: CdErrorState;
  kind: CdErrorKind | null;
  report: Partial<CdErrorReport>;
  reportDueAt: string | null;
  agreedDueAt: string | null;
  ipc: CdErrorIpcExchange;
}

/**
 * What the history row keeps so that a replay gives the same answer (docs/architecture.md §4 step 5): the
 * complete guard input (JSON-safe), the guards that ran, the configured report length, and which
 * RECORD_IPC_RESPONSE branch was taken.
 */
export interface CdErrorGuardInputsUsed {
  machineVersion: string;
  eventType: CdErrorEventType;
  guardsRun: CdErrorGuardId[];
  now: string;
  actor: ActorFacts;
  error: CdErrorFactsRecord;
  event: CdErrorEvent;
  reportWorkingDays: number;
  seriousErrorInvestigationBranch: boolean | null;
  operatorErrorInvestigationBranch: boolean | null;
}

function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function recordOf(
  input: CdErrorGuardInput,
  guardsRun: readonly CdErrorGuardId[],
  reportWorkingDays: number,
): CdErrorGuardInputsUsed {
  const { error } = input;
  return {
    machineVersion: CD_ERROR_MACHINE_VERSION,
    eventType: input.event.type,
    guardsRun: [...guardsRun],
    now: input.now.toISOString(),
    actor: json(input.actor),
    error: json({
      ...error,
      reportDueAt: error.reportDueAt?.toISOString() ?? null,
      agreedDueAt: error.agreedDueAt?.toISOString() ?? null,
    }),
    event: json(input.event),
    reportWorkingDays,
    ...ipcResponseBranches(input),
  };
}

/** {@link recordOf}'s inverse, for replay (core/replay.ts). */
function fromRecordOf(record: CdErrorGuardInputsUsed): { event: CdErrorEvent; input: CdErrorGuardInput; options: CdErrorEngineOptions } {
  const error: CdErrorGuardInput['error'] = { ...record.error, reportDueAt: instantOf(record.error.reportDueAt), agreedDueAt: instantOf(record.error.agreedDueAt) };
  return { event: record.event, input: { error, actor: record.actor, event: record.event, now: new Date(record.now) }, options: { reportWorkingDays: record.reportWorkingDays } };
}

/** Which RECORD_IPC_RESPONSE branch was taken (null for every other event). */
function ipcResponseBranches(input: CdErrorGuardInput) {
  const responding = input.event.type === 'RECORD_IPC_RESPONSE';
  return {
    seriousErrorInvestigationBranch: responding ? ipcResponseOpensInvestigation(input) : null,
    operatorErrorInvestigationBranch: responding ? ipcResponseOpensOperatorInvestigation(input) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Changes to the row
// ---------------------------------------------------------------------------------------------

/** What the transition changes on the `cd_error` row besides `status` (absent key: unchanged). */
export interface CdErrorChanges {
  kind?: CdErrorKind;
  /** The whole report after the event. */
  report?: Partial<CdErrorReport>;
  /** ASSESS: the relevant error's due date; null for other kinds. */
  reportDueAt?: Date | null;
  /** AGREE_EXTENSION. */
  agreedDueAt?: Date;
  /** The exchange with the IPC after the event, when the event adds to it (docs/law.md §4.4). */
  ipc?: CdErrorIpcExchange;
}

function changesFor(input: CdErrorGuardInput, reportWorkingDays: number): CdErrorChanges {
  const { event, now } = input;
  const report = effectiveReport(input);
  const recorded = { recordedAt: now.toISOString(), recordedBy: input.actor.id };
  const ipc = (part: CdErrorIpcExchange): CdErrorChanges => ({ ipc: { ...input.error.ipc, ...part } });
  // The SRO may report or close without a separate SIGHT: the sighting is recorded with it (docs/law.md §4.4).
  const sighted = report.sroSightedAt ?? now.toISOString();
  switch (event.type) {
    case 'RECORD':
      return { report };
    case 'ASSESS': {
      const kind = event.kind as CdErrorKind;
      const due =
        kind === 'relevantError' && typeof report.establishedAt === 'string'
          ? reportDueAt(new Date(report.establishedAt), reportWorkingDays)
          : null;
      return { kind, report, reportDueAt: due };
    }
    case 'SIGHT':
      return { report: { ...input.error.report, sroSightedAt: now.toISOString() } };
    case 'AGREE_EXTENSION':
      return { agreedDueAt: new Date(event.agreedDueAt as string) };
    case 'NOTIFY_IPC_INITIAL': {
      const { whatIsKnown, whyFullReportNotReady, fullReportExpectedBy } = event.initialNotification ?? {};
      return ipc({ initialNotification: { whatIsKnown: String(whatIsKnown), whyFullReportNotReady: String(whyFullReportNotReady), fullReportExpectedBy: String(fullReportExpectedBy), ...recorded } });
    }
    case 'CLOSE':
      return { report: { ...input.error.report, sroSightedAt: sighted } };
    case 'REPORT_TO_IPC':
      return {
        report: {
          ...report,
          sroSightedAt: sighted,
          reportedAt: report.reportedAt ?? now.toISOString(),
          reportedBy: report.reportedBy ?? input.actor.id,
        },
      };
    case 'RECORD_IPC_RESPONSE':
      return ipc({ response: { ipcResponse: event.ipcResponse ?? 'noFurtherAction', ipcReference: event.ipcReference ?? null, ...recorded } });
    case 'RECORD_SUBMISSIONS_REQUEST': {
      const request = event.submissionsRequest ?? {};
      return ipc({ submissionsRequest: { requestedAt: String(request.requestedAt), respondBy: request.respondBy ?? null, ...recorded } });
    }
    case 'RECORD_SUBMISSIONS': {
      const submissions = event.submissions ?? {};
      return ipc({ submissions: { text: String(submissions.text), madeAt: String(submissions.madeAt), ...recorded } });
    }
    case 'RECORD_DETERMINATION':
      return ipc({
        determination: { serious: event.serious === true, personInformed: event.personInformed === true, notes: event.determinationNotes ?? null, ...recorded },
      });
    case 'RECORD_INVESTIGATION_OUTCOME':
      return ipc({ investigationOutcome: { outcome: String(event.investigationOutcome), ...recorded } });
    default:
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

export const cdErrorEngine = createWorkflowEngine({
  noun: 'entry',
  machine: cdErrorMachine,
  machineVersion: CD_ERROR_MACHINE_VERSION,
  states: CD_ERROR_STATES,
  eventTypes: CD_ERROR_EVENT_TYPES,
  policy: CD_ERROR_EVENT_RULES,
  guards: CD_ERROR_GUARDS,
  guardReads: CD_ERROR_GUARD_READS,
  ruleKinds: CD_ERROR_RULE_KINDS,
  selfTransitions: CD_ERROR_SELF_TRANSITION_EVENTS,
  transitions: CD_ERROR_TRANSITIONS,
  defaultOptions: {},
  inState: (input: CdErrorGuardInput, event: CdErrorEvent, state: CdErrorState) => ({ ...input, event, error: { ...input.error, status: state } }),
  changes: (input: CdErrorGuardInput, _from: CdErrorState, _to: CdErrorState, options: CdErrorEngineOptions) =>
    changesFor(input, reportWorkingDaysOf(options)),
  record: (input: CdErrorGuardInput, guardsRun: readonly CdErrorGuardId[], options: CdErrorEngineOptions) =>
    recordOf(input, guardsRun, reportWorkingDaysOf(options)),
  fromRecord: fromRecordOf,
  checkOptions: (options: CdErrorEngineOptions) => void reportWorkingDaysOf(options),
});

function reportWorkingDaysOf(options: CdErrorEngineOptions): number {
  const days = options.reportWorkingDays ?? DEFAULT_REPORT_WORKING_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`reportWorkingDays must be a positive integer, got ${days}`);
  return days;
}
