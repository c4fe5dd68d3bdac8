/**
 * The disclosure request as an instance of the workflow core (docs/architecture.md §7.2, §12): its machine,
 * policy table and guards, what each transition changes on the row (`changes`), and what the history row
 * keeps. The checks and their order are the core's (src/workflow/core/engine.ts).
 */
import type { ActorFacts } from './core/actor';
import { createWorkflowEngine } from './core/engine';
import { instantOf } from './core/replay';
import type { ApplicationState } from './application.types';
import {
  DISCLOSURE_REQUEST_RULE_KINDS,
  returnCompletesDisclosure,
  type DisclosureRequestGuardInput,
} from './disclosure-request.guards';
import { DISCLOSURE_REQUEST_MACHINE_VERSION, disclosureRequestMachine } from './disclosure-request.machine';
import {
  DISCLOSURE_REQUEST_EVENT_RULES,
  DISCLOSURE_REQUEST_GUARDS,
  DISCLOSURE_REQUEST_GUARD_READS,
  type DisclosureRequestGuardId,
} from './disclosure-request.policy';
import {
  DISCLOSURE_REQUEST_EVENT_TYPES,
  DISCLOSURE_REQUEST_SELF_TRANSITION_EVENTS,
  DISCLOSURE_REQUEST_STATES,
  DISCLOSURE_REQUEST_TRANSITIONS,
  statusesAfter,
  type DisclosureRequestEvent,
  type DisclosureRequestEventType,
  type DisclosureRequestState,
  type DisclosureRequestStatuses,
} from './disclosure-request.types';
import type { AuthorityType } from './roles';

// ---------------------------------------------------------------------------------------------
// Guard inputs, as recorded for replay
// ---------------------------------------------------------------------------------------------

/** {@link DisclosureRequestFacts} with dates as ISO strings (JSON-safe). */
export interface DisclosureRequestFactsRecord {
  id: string;
  authorityId: string;
  authorityType: AuthorityType;
  applicationId: string;
  status: DisclosureRequestState;
  cspId: string;
  sentAt: string | null;
  cspReference: string | null;
  allChecksReviewed: boolean;
}

/** {@link DisclosureApplicationFacts} with dates as ISO strings (JSON-safe). */
export interface DisclosureApplicationFactsRecord {
  applicantId: string;
  status: ApplicationState;
  validFrom: string | null;
  expiresAt: string | null;
}

/**
 * What the history row keeps so that a replay gives the same answer (docs/architecture.md §4 step 5): the
 * complete guard input (JSON-safe), the guards that ran, and which RETURN_RECEIVED branch was taken.
 */
export interface DisclosureRequestGuardInputsUsed {
  machineVersion: string;
  eventType: DisclosureRequestEventType;
  guardsRun: DisclosureRequestGuardId[];
  now: string;
  actor: ActorFacts;
  request: DisclosureRequestFactsRecord;
  application: DisclosureApplicationFactsRecord;
  event: DisclosureRequestEvent;
  /** RETURN_RECEIVED: whether the return completed every item (`disclosed`); null for every other event. */
  returnCompletesDisclosureBranch: boolean | null;
}

function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

function recordOf(input: DisclosureRequestGuardInput, guardsRun: readonly DisclosureRequestGuardId[]): DisclosureRequestGuardInputsUsed {
  const { request, application } = input;
  return {
    machineVersion: DISCLOSURE_REQUEST_MACHINE_VERSION,
    eventType: input.event.type,
    guardsRun: [...guardsRun],
    now: input.now.toISOString(),
    actor: json(input.actor),
    request: json({ ...request, sentAt: iso(request.sentAt) }),
    application: json({ ...application, validFrom: iso(application.validFrom), expiresAt: iso(application.expiresAt) }),
    event: json(input.event),
    returnCompletesDisclosureBranch: input.event.type === 'RETURN_RECEIVED' ? returnCompletesDisclosure(input) : null,
  };
}

/** {@link recordOf}'s inverse, for replay (core/replay.ts). */
function fromRecordOf(record: DisclosureRequestGuardInputsUsed): { event: DisclosureRequestEvent; input: DisclosureRequestGuardInput; options: object } {
  const { request, application } = record;
  const input: DisclosureRequestGuardInput = {
    request: { ...request, sentAt: instantOf(request.sentAt) },
    application: { ...application, validFrom: instantOf(application.validFrom), expiresAt: instantOf(application.expiresAt) },
    actor: record.actor,
    event: record.event,
    now: new Date(record.now),
  };
  return { event: record.event, input, options: {} };
}

// ---------------------------------------------------------------------------------------------
// Changes to the row
// ---------------------------------------------------------------------------------------------

/**
 * What the transition changes on the request's row besides `status` (absent key: unchanged). Every
 * transition sets both statuses, ours and the CSP's, side by side (ETSI TS 103 120 LD task DesiredStatus
 * and Status; `statusesAfter` in disclosure-request.types.ts has the mapping):
 *
 * | event | desiredStatus | cspStatus |
 * |---|---|---|
 * | SEND | awaitingDisclosure | null (unchanged: the CSP has said nothing) |
 * | CSP_ACKNOWLEDGED | awaitingDisclosure | acknowledged |
 * | RETURN_RECEIVED | awaitingDisclosure | partiallyDisclosed, or disclosed once every item is complete |
 * | NIL_RETURN | awaitingDisclosure | nilReturn |
 * | CSP_REJECTED | closed | rejected |
 * | MARK_CHECKED | closed | unchanged (what the CSP last reported) |
 * | CANCEL | cancelled | unchanged |
 */
export interface DisclosureRequestChanges extends DisclosureRequestStatuses {
  /** SEND: when it went to the CSP, and the SPOC who sent it. */
  sentAt?: Date;
  sentBy?: string;
  /** CSP_ACKNOWLEDGED: the CSP's reference for the task. */
  cspReference?: string;
  /** NIL_RETURN: the CSP's statement that it holds no such data. */
  cspStatement?: string;
  /** CSP_REJECTED: the CSP's reason. */
  cspReason?: string;
  /** MARK_CHECKED: when, and the SPOC who marked it. */
  checkedAt?: Date;
  checkedBy?: string;
  /** CANCEL: why, when, and who (a SPOC, or the system's actor). */
  cancellationReason?: string;
  cancelledAt?: Date;
  cancelledBy?: string;
  /**
   * CANCEL: the CSP must be told, from every state (docs/architecture.md §7.2): an operator still working on an
   * outstanding request is told of its cancellation (docs/law.md §3.8; CoP15 3.59–3.61), and a request still
   * `pending` here may already have been keyed into a portal-only CSP's portal from its copy pack, which the
   * service cannot see, so the SPOC confirms with the CSP rather than assume it never arrived.
   */
  cspToBeTold?: boolean;
}

function changesFor(input: DisclosureRequestGuardInput, from: DisclosureRequestState, to: DisclosureRequestState): DisclosureRequestChanges {
  const { event, now, actor } = input;
  const statuses = statusesAfter(from, to);
  const text = (value: string | undefined) => String(value).trim();
  switch (event.type) {
    case 'SEND':
      return { ...statuses, sentAt: now, sentBy: actor.id };
    case 'CSP_ACKNOWLEDGED':
      return { ...statuses, cspReference: text(event.cspReference) };
    case 'NIL_RETURN':
      return { ...statuses, cspStatement: text(event.cspStatement) };
    case 'CSP_REJECTED':
      return { ...statuses, cspReason: text(event.cspReason) };
    case 'MARK_CHECKED':
      return { ...statuses, checkedAt: now, checkedBy: actor.id };
    case 'CANCEL':
      return { ...statuses, cancellationReason: text(event.reason), cancelledAt: now, cancelledBy: actor.id, cspToBeTold: true };
    case 'RETURN_RECEIVED':
      return statuses;
  }
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

export const disclosureRequestEngine = createWorkflowEngine({
  noun: 'disclosure request',
  machine: disclosureRequestMachine,
  machineVersion: DISCLOSURE_REQUEST_MACHINE_VERSION,
  states: DISCLOSURE_REQUEST_STATES,
  eventTypes: DISCLOSURE_REQUEST_EVENT_TYPES,
  policy: DISCLOSURE_REQUEST_EVENT_RULES,
  guards: DISCLOSURE_REQUEST_GUARDS,
  guardReads: DISCLOSURE_REQUEST_GUARD_READS,
  ruleKinds: DISCLOSURE_REQUEST_RULE_KINDS,
  selfTransitions: DISCLOSURE_REQUEST_SELF_TRANSITION_EVENTS,
  transitions: DISCLOSURE_REQUEST_TRANSITIONS,
  defaultOptions: {},
  inState: (input: DisclosureRequestGuardInput, event: DisclosureRequestEvent, state: DisclosureRequestState) => ({
    ...input,
    event,
    request: { ...input.request, status: state },
  }),
  changes: (input: DisclosureRequestGuardInput, from: DisclosureRequestState, to: DisclosureRequestState) => changesFor(input, from, to),
  record: (input: DisclosureRequestGuardInput, guardsRun: readonly DisclosureRequestGuardId[]) => recordOf(input, guardsRun),
  fromRecord: fromRecordOf,
});
