/**
 * Applies one event to a CD error register entry (docs/architecture.md §4 step 3, §7.3), purely: the caller
 * loads the row, supplies the facts and `now`, and persists what comes back (the new status and the
 * `changes` to the row).
 *
 * Order of checks, and what each maps to over HTTP (same as the application engine):
 * 1. none of the caller's roles may send the event → `forbiddenRole` (403);
 * 2. event not defined in the current state → `invalidTransition` (409, listing the events this
 *    caller could send here);
 * 3. the event's guards in order → `ruleFailed` with the first failure: 403 when the rule is about
 *    who the caller is ({@link isCdErrorRuleForbidden}), otherwise 422;
 * 4. the machine's own transition (it re-applies 2 and 3), asserting the state really moved as §7.3
 *    says, since XState silently ignores an event it does not accept (docs/architecture.md §10, XState).
 */
import { transition } from 'xstate';
import type { ActorFacts } from './application.guards';
import { WorkflowInvariantError } from './application.engine';
import {
  CD_ERROR_RULE_CODES,
  CD_ERROR_RULE_HTTP_KIND,
  DEFAULT_REPORT_WORKING_DAYS,
  effectiveReport,
  ipcResponseOpensInvestigation,
  isCdErrorRuleForbidden,
  reportDueAt,
  type CdErrorFacts,
  type CdErrorGuardFailure,
  type CdErrorGuardInput,
  type CdErrorRuleCode,
} from './cd-error.guards';
import {
  CD_ERROR_MACHINE_VERSION,
  cdErrorMachine,
  type CdErrorMachineEvent,
  type CdErrorSnapshot,
} from './cd-error.machine';
import {
  CD_ERROR_EVENT_RULES,
  cdErrorAllowedEvents,
  cdErrorDefinedEvents,
  cdErrorRolesMaySend,
  runCdErrorEventGuards,
} from './cd-error.policy';
import {
  CD_ERROR_SELF_TRANSITION_EVENTS,
  CD_ERROR_TRANSITIONS,
  isCdErrorEventType,
  isCdErrorState,
  type CdErrorEvent,
  type CdErrorEventType,
  type CdErrorKind,
  type CdErrorReport,
  type CdErrorState,
} from './cd-error.types';
import type { EventSender } from './roles';

export {
  CD_ERROR_RULE_CODES,
  CD_ERROR_RULE_HTTP_KIND,
  isCdErrorRuleForbidden,
  WorkflowInvariantError,
  type CdErrorFacts,
  type CdErrorGuardFailure,
  type CdErrorGuardInput,
  type CdErrorRuleCode,
};

/** Engine options (configuration, not facts). */
export interface CdErrorEngineOptions {
  /** Working days allowed for a relevant error's report (IPCO-18 17.4); default 10. */
  reportWorkingDays?: number;
}

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

/** A snapshot for a persisted status (the context holds only the machine version). */
export function cdErrorSnapshotForState(state: CdErrorState): CdErrorSnapshot {
  if (!isCdErrorState(state)) throw new Error(`unknown CD error state: ${String(state)}`);
  return cdErrorMachine.resolveState({
    value: state,
    context: { machineVersion: CD_ERROR_MACHINE_VERSION },
  });
}

function stateOf(snapshot: CdErrorSnapshot): CdErrorState {
  const value: unknown = snapshot.value;
  if (!isCdErrorState(value)) {
    throw new Error(`CD error snapshot has an unexpected value: ${JSON.stringify(value)}`);
  }
  return value;
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
}

/**
 * What the history row keeps so that a replay gives the same answer (docs/architecture.md §4 step 5): the
 * complete guard input (JSON-safe), the guards that ran, the configured report length, and which
 * RECORD_IPC_RESPONSE branch was taken.
 */
export interface CdErrorGuardInputsUsed {
  machineVersion: string;
  eventType: CdErrorEventType;
  guardsRun: string[];
  now: string;
  actor: ActorFacts;
  error: CdErrorFactsRecord;
  event: CdErrorEvent;
  reportWorkingDays: number;
  seriousErrorInvestigationBranch: boolean | null;
}

function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function recordOf(
  input: CdErrorGuardInput,
  guardsRun: string[],
  reportWorkingDays: number,
  branch: boolean | null,
): CdErrorGuardInputsUsed {
  const { error } = input;
  return {
    machineVersion: CD_ERROR_MACHINE_VERSION,
    eventType: input.event.type,
    guardsRun,
    now: input.now.toISOString(),
    actor: json(input.actor),
    error: json({
      ...error,
      reportDueAt: error.reportDueAt?.toISOString() ?? null,
      agreedDueAt: error.agreedDueAt?.toISOString() ?? null,
    }),
    event: json(input.event),
    reportWorkingDays,
    seriousErrorInvestigationBranch: branch,
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
}

function changesFor(input: CdErrorGuardInput, reportWorkingDays: number): CdErrorChanges {
  const { event, now } = input;
  const report = effectiveReport(input);
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
    case 'REPORT_TO_IPC':
      return {
        report: {
          ...report,
          reportedAt: report.reportedAt ?? now.toISOString(),
          reportedBy: report.reportedBy ?? input.actor.id,
        },
      };
    default:
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Apply
// ---------------------------------------------------------------------------------------------

export type CdErrorApplyResult =
  | {
      ok: true;
      previousState: CdErrorState;
      nextState: CdErrorState;
      snapshot: CdErrorSnapshot;
      changes: CdErrorChanges;
      guardInputsUsed: CdErrorGuardInputsUsed;
    }
  | {
      ok: false;
      kind: 'invalidTransition';
      state: CdErrorState;
      eventType: string;
      allowedEvents: CdErrorEventType[];
    }
  | {
      ok: false;
      kind: 'forbiddenRole';
      eventType: CdErrorEventType;
      allowedRoles: readonly EventSender[];
    }
  | {
      ok: false;
      kind: 'ruleFailed';
      failure: CdErrorGuardFailure;
      /** 403 when true, 422 otherwise ({@link isCdErrorRuleForbidden}). */
      forbidden: boolean;
      guardsRun: string[];
    };

/**
 * Applies `event` to the register entry in `from` (a snapshot, or the persisted status).
 * `input.event` is replaced by `event`, and `input.error.status` by the snapshot's state, so the
 * guards see exactly what is being applied.
 */
export function applyCdErrorEvent(
  from: CdErrorSnapshot | CdErrorState,
  event: CdErrorEvent,
  input: CdErrorGuardInput,
  options: CdErrorEngineOptions = {},
): CdErrorApplyResult {
  const reportWorkingDays = options.reportWorkingDays ?? DEFAULT_REPORT_WORKING_DAYS;
  if (!Number.isInteger(reportWorkingDays) || reportWorkingDays < 1) {
    throw new RangeError(`reportWorkingDays must be a positive integer, got ${reportWorkingDays}`);
  }
  const snapshot = typeof from === 'string' ? cdErrorSnapshotForState(from) : from;
  const state = stateOf(snapshot);
  const roles = input.actor.roles;

  // As for applications (docs/architecture.md §4): the role is checked before the state.
  if (isCdErrorEventType(event.type) && !cdErrorRolesMaySend(event.type, roles)) {
    return { ok: false, kind: 'forbiddenRole', eventType: event.type, allowedRoles: CD_ERROR_EVENT_RULES[event.type].roles };
  }
  if (!isCdErrorEventType(event.type) || !cdErrorDefinedEvents(state).includes(event.type)) {
    return {
      ok: false,
      kind: 'invalidTransition',
      state,
      eventType: String(event.type),
      allowedEvents: cdErrorAllowedEvents(state, roles),
    };
  }
  const type = event.type;

  const effective: CdErrorGuardInput = { ...input, event, error: { ...input.error, status: state } };
  const { failure, guardsRun } = runCdErrorEventGuards(type, effective);
  if (failure !== null) {
    return { ok: false, kind: 'ruleFailed', failure, forbidden: isCdErrorRuleForbidden(failure.code), guardsRun };
  }

  const machineEvent: CdErrorMachineEvent = { type, guardInput: effective };
  if (!snapshot.can(machineEvent)) {
    throw new WorkflowInvariantError(`CD error machine refused ${type} in ${state} although every rule passed`);
  }
  const [next] = transition(cdErrorMachine, snapshot, machineEvent);
  const nextState = stateOf(next);
  const contractTargets = CD_ERROR_TRANSITIONS.filter(([f, t]) => f === state && t === type).map(([, , to]) => to);
  if (!contractTargets.includes(nextState)) {
    throw new WorkflowInvariantError(`${type} took ${state} to ${nextState}, not a §7.3 target`);
  }
  if (nextState === state && !CD_ERROR_SELF_TRANSITION_EVENTS.includes(type)) {
    throw new WorkflowInvariantError(`${type} left ${state} unchanged`);
  }
  const branch = type === 'RECORD_IPC_RESPONSE' ? ipcResponseOpensInvestigation(effective) : null;
  return {
    ok: true,
    previousState: state,
    nextState,
    snapshot: next,
    changes: changesFor(effective, reportWorkingDays),
    guardInputsUsed: recordOf(effective, guardsRun, reportWorkingDays, branch),
  };
}
