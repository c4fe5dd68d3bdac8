/**
 * Applies one event to an application (docs/architecture.md §4 step 3), purely: the caller loads the row,
 * supplies the facts and `now`, and persists what comes back.
 *
 * Order of checks, and what each maps to over HTTP:
 * 1. none of the caller's roles may send the event → `forbiddenRole` (403), whatever the state
 *    (docs/architecture.md §4 step 1 checks the role before step 3 looks at the state);
 * 2. event not defined in the current state → `invalidTransition` (409 WORKFLOW_INVALID_TRANSITION,
 *    listing the events this caller could send here);
 * 3. the event's guards in order → `ruleFailed` with the first failure: 403 when the rule is about
 *    who the caller (or the named decider) is ({@link isForbiddenRule}), otherwise 422 (the form or
 *    the law);
 * 4. the machine's own transition (it re-applies 2 and 3), asserting the state really moved, since
 *    XState silently ignores an event it does not accept (docs/architecture.md §10, XState).
 */
import { transition } from 'xstate';
import {
  APPLICATION_RULE_CODES,
  journalisticSourceNeedsJudicialApproval,
  resolveDecider,
  type ActorFacts,
  type ApplicationFacts,
  type ApplicationRuleCode,
  type DisclosureFacts,
  type GuardFailure,
  type GuardInput,
  type WorkflowPolicy,
} from './application.guards';
import {
  APPLICATION_MACHINE_VERSION,
  SELF_TRANSITION_EVENTS,
  applicationMachine,
  type ApplicationMachineEvent,
  type ApplicationSnapshot,
} from './application.machine';
import { APPLICATION_EVENT_RULES, rolesMaySend, runEventGuards } from './application.policy';
import {
  APPLICATION_EVENT_TYPES,
  isApplicationEventType,
  isApplicationState,
  type ApplicationEvent,
  type ApplicationEventType,
  type ApplicationForm,
  type ApplicationState,
  type SpocSection,
} from './application.types';
import type { EventSender } from './roles';

// ---------------------------------------------------------------------------------------------
// 403 vs 422
// ---------------------------------------------------------------------------------------------

/**
 * How each rule failure is answered: `forbidden` (403) when it is about who the sender or the named
 * decider is; `unprocessable` (422) when it is about the form, the payload or the law. Exhaustive:
 * a new rule code without an entry fails `tsc`.
 */
export const APPLICATION_RULE_HTTP_KIND: Readonly<
  Record<ApplicationRuleCode, 'forbidden' | 'unprocessable'>
> = {
  AUTHORISER_NOT_INDEPENDENT: 'forbidden',
  NOT_APPLICANT_OF_RECORD: 'forbidden',
  SPOC_IS_APPLICANT: 'forbidden',
  NOT_GRANTING_DSO: 'forbidden',
  NOT_JUDICIAL_COMMISSIONER: 'forbidden',
  AUTHORISER_WRONG_ROUTE: 'forbidden',
  SPOC_WRONG_AUTHORITY: 'forbidden',
  SPOC_NOT_ACCREDITED: 'forbidden',
  NOT_ENTITLED_TO_CANCEL: 'forbidden',
  SRO_WRONG_AUTHORITY: 'forbidden',
  FORM_INCOMPLETE: 'unprocessable',
  FORM_INVALID: 'unprocessable',
  PURPOSE_NOT_STATUTORY: 'unprocessable',
  SERIOUS_CRIME_THRESHOLD_NOT_MET: 'unprocessable',
  LOCAL_AUTHORITY_ROUTE: 'unprocessable',
  LOCAL_AUTHORITY_PURPOSE: 'unprocessable',
  LOCAL_AUTHORITY_NO_ICR: 'unprocessable',
  ICR_CONDITION_REQUIRED: 'unprocessable',
  ICR_CONDITION_NOT_MET: 'unprocessable',
  URGENCY_NOT_JUSTIFIED: 'unprocessable',
  ROUTE_NOT_URGENT: 'unprocessable',
  EXCEPTIONAL_CIRCUMSTANCES_REQUIRED: 'unprocessable',
  SPOC_ADVICE_REQUIRED: 'unprocessable',
  OCDA_DECISION_DETAILS_REQUIRED: 'unprocessable',
  DSO_RANK_INSUFFICIENT: 'unprocessable',
  ORAL_GRANT_NOT_URGENT_ROUTE: 'unprocessable',
  REASON_REQUIRED: 'unprocessable',
  RATIONALE_REQUIRED: 'unprocessable',
  NO_WRITTEN_RECORD_OUTSTANDING: 'unprocessable',
  WRITTEN_RECORD_OUTSTANDING: 'unprocessable',
  NOT_YET_EXPIRED: 'unprocessable',
  DISCLOSURES_OPEN: 'unprocessable',
  FINAL_PRODUCT_NOT_ISSUED: 'unprocessable',
  NO_DATA_RECEIVED_BEFORE_END: 'unprocessable',
  OUTCOME_REQUIRED: 'unprocessable',
  RENEWAL_TOO_LATE: 'unprocessable',
  DATA_PERIOD_BEYOND_VALIDITY: 'unprocessable',
  VALIDITY_ALREADY_ENDED: 'unprocessable',
  AUTHORISATION_EXPIRED: 'unprocessable',
};

/** True when the rule is about who the caller is (answer 403); false → 422. */
export function isForbiddenRule(code: ApplicationRuleCode): boolean {
  return APPLICATION_RULE_HTTP_KIND[code] === 'forbidden';
}

/** Re-exported so HTTP code can import the catalogue from one place. */
export { APPLICATION_RULE_CODES };

// ---------------------------------------------------------------------------------------------
// States and events
// ---------------------------------------------------------------------------------------------

/** A snapshot for a persisted status (the context holds only the machine version). */
export function snapshotForState(state: ApplicationState): ApplicationSnapshot {
  if (!isApplicationState(state)) throw new Error(`unknown application state: ${String(state)}`);
  return applicationMachine.resolveState({
    value: state,
    context: { machineVersion: APPLICATION_MACHINE_VERSION },
  });
}

function stateOf(snapshot: ApplicationSnapshot): ApplicationState {
  const value: unknown = snapshot.value;
  if (!isApplicationState(value)) {
    throw new Error(`application snapshot has an unexpected value: ${JSON.stringify(value)}`);
  }
  return value;
}

/** Events for which the state defines a transition (guards aside), in catalogue order. */
export function definedEvents(state: ApplicationState): ApplicationEventType[] {
  if (!isApplicationState(state)) throw new Error(`unknown application state: ${String(state)}`);
  const own = new Set<string>(applicationMachine.root.states[state].ownEvents);
  return APPLICATION_EVENT_TYPES.filter((type) => own.has(type));
}

/** `allowedEvents` for a caller: events defined in the state ∩ events their roles may send. */
export function allowedEventsFor(
  state: ApplicationState,
  roles: readonly EventSender[],
): ApplicationEventType[] {
  return definedEvents(state).filter((type) => rolesMaySend(type, roles));
}

// ---------------------------------------------------------------------------------------------
// Guard inputs, as recorded for replay
// ---------------------------------------------------------------------------------------------

/** {@link ApplicationFacts} with dates as ISO strings (JSON-safe). */
export interface ApplicationFactsRecord {
  id: string;
  authorityId: string;
  authorityType: ApplicationFacts['authorityType'];
  applicantId: string;
  teamMemberIds: string[];
  spocId: string | null;
  route: ApplicationFacts['route'];
  status: ApplicationState;
  form: ApplicationForm;
  spocSection: SpocSection | null;
  grantedById: string | null;
  oralGrant: boolean;
  writtenRecordDueAt: string | null;
  expiresAt: string | null;
  renewalOfExpiresAt: string | null;
  disclosureFacts: DisclosureFacts | null;
}

/**
 * What the history row keeps so that a replay gives the same answer (docs/architecture.md §4 step 5): the
 * complete guard input (JSON-safe), the guards that ran, the resolved decider, any independence
 * override relied on, and which GRANT branch was taken.
 */
export interface GuardInputsUsed {
  machineVersion: string;
  eventType: ApplicationEventType;
  guardsRun: string[];
  now: string;
  actor: ActorFacts;
  decider: ActorFacts | null;
  resolvedDecider: { id: string | null; recordedOnBehalf: boolean } | null;
  exceptionalCircumstancesOverride: string | null;
  journalisticSourceBranch: boolean | null;
  application: ApplicationFactsRecord;
  event: ApplicationEvent;
  policy: WorkflowPolicy;
}

const DECISION_EVENTS: readonly ApplicationEventType[] = ['GRANT', 'REFUSE', 'REQUEST_MORE_INFO'];

/**
 * The history is readable by everyone with need-to-know (OCDA, the JC): a SPOC's accreditation PIN, which
 * CSPs use to authenticate requests, is kept out of it. The guards read only whether there is one.
 */
function redacted(person: ActorFacts): ActorFacts {
  return { ...person, spocPin: person.spocPin ? 'accredited' : null };
}

function recordOf(
  input: GuardInput,
  guardsRun: string[],
  journalisticSourceBranch: boolean | null,
): GuardInputsUsed {
  const app = input.application;
  const decider = DECISION_EVENTS.includes(input.event.type) ? resolveDecider(input) : null;
  const override = input.event.decision?.exceptionalCircumstancesOverride;
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    machineVersion: APPLICATION_MACHINE_VERSION,
    eventType: input.event.type,
    guardsRun,
    now: input.now.toISOString(),
    actor: json(redacted(input.actor)),
    decider: input.decider ? json(redacted(input.decider)) : null,
    resolvedDecider: decider && { id: decider.id, recordedOnBehalf: decider.recordedOnBehalf },
    exceptionalCircumstancesOverride:
      input.event.type === 'GRANT' && typeof override === 'string' && override.trim() !== ''
        ? override
        : null,
    journalisticSourceBranch,
    application: json({
      ...app,
      teamMemberIds: [...app.teamMemberIds],
      writtenRecordDueAt: app.writtenRecordDueAt?.toISOString() ?? null,
      expiresAt: app.expiresAt?.toISOString() ?? null,
      renewalOfExpiresAt: app.renewalOfExpiresAt?.toISOString() ?? null,
      disclosureFacts: app.disclosureFacts ?? null,
    }),
    event: json(input.event),
    policy: json(input.policy),
  };
}

// ---------------------------------------------------------------------------------------------
// Apply
// ---------------------------------------------------------------------------------------------

export type ApplyResult =
  | {
      ok: true;
      previousState: ApplicationState;
      nextState: ApplicationState;
      snapshot: ApplicationSnapshot;
      guardInputsUsed: GuardInputsUsed;
    }
  | {
      ok: false;
      kind: 'invalidTransition';
      state: ApplicationState;
      eventType: string;
      allowedEvents: ApplicationEventType[];
    }
  | {
      ok: false;
      kind: 'forbiddenRole';
      eventType: ApplicationEventType;
      allowedRoles: readonly EventSender[];
    }
  | {
      ok: false;
      kind: 'ruleFailed';
      failure: GuardFailure;
      /** 403 when true, 422 otherwise ({@link isForbiddenRule}). */
      forbidden: boolean;
      guardsRun: string[];
    };

/** Thrown when the machine and the rule table disagree: a bug, never bad input. */
export class WorkflowInvariantError extends Error {
  override readonly name = 'WorkflowInvariantError';
}

/**
 * Applies `event` to the application in `from` (a snapshot, or the persisted status). `input.event`
 * is replaced by `event`, and `input.application.status` by the snapshot's state, so the guards see
 * exactly what is being applied.
 */
export function applyApplicationEvent(
  from: ApplicationSnapshot | ApplicationState,
  event: ApplicationEvent,
  input: GuardInput,
): ApplyResult {
  const snapshot = typeof from === 'string' ? snapshotForState(from) : from;
  const state = stateOf(snapshot);
  const roles = input.actor.roles;

  // docs/architecture.md §4: "role may send this event" is checked before "defined in this state", so a role that
  // can never send an event is 403 whatever the state, and 409 lists what the caller could send instead.
  if (isApplicationEventType(event.type) && !rolesMaySend(event.type, roles)) {
    return {
      ok: false,
      kind: 'forbiddenRole',
      eventType: event.type,
      allowedRoles: APPLICATION_EVENT_RULES[event.type].roles,
    };
  }
  if (!isApplicationEventType(event.type) || !definedEvents(state).includes(event.type)) {
    return {
      ok: false,
      kind: 'invalidTransition',
      state,
      eventType: String(event.type),
      allowedEvents: allowedEventsFor(state, roles),
    };
  }
  const type = event.type;

  const effective: GuardInput = {
    ...input,
    event,
    application: { ...input.application, status: state },
  };
  const { failure, guardsRun } = runEventGuards(type, effective);
  if (failure !== null) {
    return { ok: false, kind: 'ruleFailed', failure, forbidden: isForbiddenRule(failure.code), guardsRun };
  }

  const machineEvent: ApplicationMachineEvent = { type, guardInput: effective };
  if (!snapshot.can(machineEvent)) {
    throw new WorkflowInvariantError(`machine refused ${type} in ${state} although every rule passed`);
  }
  const [next] = transition(applicationMachine, snapshot, machineEvent);
  const nextState = stateOf(next);
  if (nextState === state && !SELF_TRANSITION_EVENTS.includes(type)) {
    throw new WorkflowInvariantError(`${type} left ${state} unchanged`);
  }
  const branch = type === 'GRANT' ? journalisticSourceNeedsJudicialApproval(effective) : null;
  return {
    ok: true,
    previousState: state,
    nextState,
    snapshot: next,
    guardInputsUsed: recordOf(effective, guardsRun, branch),
  };
}
