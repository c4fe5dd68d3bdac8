/**
 * The application as an instance of the workflow core (docs/architecture.md §7.1, §12): its machine,
 * policy table and guards, what each transition changes on the row (`changes`), and what the history
 * row keeps. The checks and their order are the core's (src/workflow/core/engine.ts).
 */
import type { ActorFacts } from './core/actor';
import { createWorkflowEngine } from './core/engine';
import { instantOf } from './core/replay';
import {
  APPLICATION_RULE_KINDS,
  grantInstant,
  grantValidity,
  journalisticSourceNeedsJudicialApproval,
  resolveDecider,
  type ApplicationFacts,
  type DisclosureFacts,
  type GuardInput,
  type WorkflowPolicy,
} from './application.guards';
import { APPLICATION_MACHINE_VERSION, APPLICATION_TRANSITIONS, SELF_TRANSITION_EVENTS, applicationMachine } from './application.machine';
import { APPLICATION_EVENT_RULES, APPLICATION_GUARDS, APPLICATION_GUARD_READS } from './application.policy';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEvent,
  type ApplicationEventType,
  type ApplicationForm,
  type ApplicationState,
  type AuthorisationDecision,
  type SpocSection,
} from './application.types';
import { addWorkingDays } from './working-days';

/** Guards are named by stable ids in history rows (docs/architecture.md §11). */
type ApplicationGuardId = keyof typeof APPLICATION_GUARDS;

/** Engine options (configuration, not facts). */
export interface ApplicationEngineOptions {
  /**
   * Working days after an oral urgent grant by the end of which its written record is due (default 1:
   * the RIPA analogue, CoP15 3.69 — inferred for the IPA, docs/law.md §7.2).
   */
  writtenRecordWorkingDays?: number;
}

function writtenRecordWorkingDaysOf(options: ApplicationEngineOptions): number {
  const days = options.writtenRecordWorkingDays ?? 1;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`writtenRecordWorkingDays must be a positive integer, got ${days}`);
  return days;
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
  submittedForAuthorisationAt: string | null;
  lastSubmittedForAuthorisationAt: string | null;
  submittedToOcdaAt: string | null;
  judicialApprovalRequestedAt: string | null;
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
  guardsRun: ApplicationGuardId[];
  /** Working days after an oral grant within which its written record is due (configuration). */
  writtenRecordWorkingDays: number;
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

function recordOf(input: GuardInput, guardsRun: readonly ApplicationGuardId[], options: ApplicationEngineOptions): GuardInputsUsed {
  const journalisticSourceBranch = input.event.type === 'GRANT' ? journalisticSourceNeedsJudicialApproval(input) : null;
  const app = input.application;
  const decider = DECISION_EVENTS.includes(input.event.type) ? resolveDecider(input) : null;
  const override = input.event.decision?.exceptionalCircumstancesOverride;
  // No deep copy: every part is JSON already (the form and sections as read from their JSON columns, the event as
  // parsed from the request) but the instants, made ISO strings here; the record is serialised once, when stored.
  return {
    machineVersion: APPLICATION_MACHINE_VERSION,
    eventType: input.event.type,
    guardsRun: [...guardsRun],
    writtenRecordWorkingDays: writtenRecordWorkingDaysOf(options),
    now: input.now.toISOString(),
    actor: redacted(input.actor),
    decider: input.decider ? redacted(input.decider) : null,
    resolvedDecider: decider && { id: decider.id, recordedOnBehalf: decider.recordedOnBehalf },
    exceptionalCircumstancesOverride:
      input.event.type === 'GRANT' && typeof override === 'string' && override.trim() !== ''
        ? override
        : null,
    journalisticSourceBranch,
    application: {
      ...app,
      teamMemberIds: [...app.teamMemberIds],
      writtenRecordDueAt: app.writtenRecordDueAt?.toISOString() ?? null,
      expiresAt: app.expiresAt?.toISOString() ?? null,
      renewalOfExpiresAt: app.renewalOfExpiresAt?.toISOString() ?? null,
      submittedForAuthorisationAt: app.submittedForAuthorisationAt?.toISOString() ?? null,
      lastSubmittedForAuthorisationAt: app.lastSubmittedForAuthorisationAt?.toISOString() ?? null,
      submittedToOcdaAt: app.submittedToOcdaAt?.toISOString() ?? null,
      judicialApprovalRequestedAt: app.judicialApprovalRequestedAt?.toISOString() ?? null,
      disclosureFacts: app.disclosureFacts ?? null,
    },
    event: input.event,
    policy: input.policy,
  };
}

/** {@link recordOf}'s inverse, for replay (core/replay.ts): the redacted PIN stays redacted, as the guards read only whether there is one. */
function fromRecordOf(record: GuardInputsUsed): { event: ApplicationEvent; input: GuardInput; options: ApplicationEngineOptions } {
  const app = record.application;
  const application: ApplicationFacts = {
    ...app,
    writtenRecordDueAt: instantOf(app.writtenRecordDueAt),
    expiresAt: instantOf(app.expiresAt),
    renewalOfExpiresAt: instantOf(app.renewalOfExpiresAt),
    submittedForAuthorisationAt: instantOf(app.submittedForAuthorisationAt),
    lastSubmittedForAuthorisationAt: instantOf(app.lastSubmittedForAuthorisationAt),
    submittedToOcdaAt: instantOf(app.submittedToOcdaAt),
    judicialApprovalRequestedAt: instantOf(app.judicialApprovalRequestedAt),
  };
  const input: GuardInput = { application, actor: record.actor, decider: record.decider, event: record.event, policy: record.policy, now: new Date(record.now) };
  return { event: record.event, input, options: { writtenRecordWorkingDays: record.writtenRecordWorkingDays } };
}

// ---------------------------------------------------------------------------------------------
// Changes to the row
// ---------------------------------------------------------------------------------------------

/** What a transition changes on the `application` row besides `status` (absent key: unchanged). */
export interface ApplicationChanges {
  /** The reviewing SPOC the decider must be independent of. */
  spocId?: string;
  submittedForAuthorisationAt?: Date;
  /** Every entry into awaitingAuthorisation: the earliest a recorded decision may be dated. */
  lastSubmittedForAuthorisationAt?: Date;
  /** The first entry into awaitingAuthorisation on route ipc60A: from then OCDA may see the application. */
  submittedToOcdaAt?: Date;
  spocSection?: SpocSection;
  /** GRANT: the decision as the guards established it. */
  decision?: AuthorisationDecision;
  grantedById?: string | null;
  oralGrant?: boolean;
  /** Set by an oral grant, cleared by RECORD_WRITTEN. */
  writtenRecordDueAt?: Date | null;
  validFrom?: Date;
  expiresAt?: Date;
  judicialApprovalRequestedAt?: Date;
}

/** The first of these by a SPOC makes them the reviewing SPOC. */
const SPOC_REVIEW_EVENTS: readonly ApplicationEventType[] = ['RETURN_TO_APPLICANT', 'DECLINE', 'SUBMIT_FOR_AUTHORISATION'];

function changesFor(input: GuardInput, next: ApplicationState, options: ApplicationEngineOptions): ApplicationChanges {
  const { event, now, actor, application: app } = input;
  const changes: ApplicationChanges = {};
  // The SPOC who submits for authorisation is the reviewing SPOC the decider must be independent of
  // (IPA s.63), even if another SPOC handled the application earlier.
  if (event.type === 'SUBMIT_FOR_AUTHORISATION' || (SPOC_REVIEW_EVENTS.includes(event.type) && app.spocId === null)) {
    changes.spocId = actor.id;
  }
  if (next === 'awaitingAuthorisation' && app.status !== next) {
    if (!app.submittedForAuthorisationAt) changes.submittedForAuthorisationAt = now;
    // A decision recorded for someone else may not predate the submission it answers (docs/law.md §2.3).
    changes.lastSubmittedForAuthorisationAt = now;
    // OCDA sees what was put to OCDA: the route at the moment of submission decides, never a later edit
    // of it (docs/law.md §1 need-to-know).
    if ((app.route ?? app.form.route) === 'ipc60A' && !app.submittedToOcdaAt) changes.submittedToOcdaAt = now;
  }
  if (event.type === 'SUBMIT_FOR_AUTHORISATION') {
    // The guards accept advice already on record (a second submission after more information), so what the
    // event leaves out is kept rather than dropped; the section is signed by the SPOC who submits now.
    changes.spocSection = { ...app.spocSection, ...event.spoc, accreditationId: actor.spocPin, spocName: actor.displayName ?? null };
  }
  if (event.type === 'GRANT') {
    const grantedAt = grantInstant(input);
    const validity = grantValidity(app, grantedAt);
    if (validity) {
      // The record shows when the grant was made, as the guards established it, not a time a direct decider typed.
      const decision = { ...event.decision, decidedAt: grantedAt.toISOString() } as AuthorisationDecision;
      const oral = decision.oral === true;
      Object.assign(changes, {
        decision,
        grantedById: resolveDecider(input).id,
        oralGrant: oral,
        writtenRecordDueAt: oral ? addWorkingDays(grantedAt, writtenRecordWorkingDaysOf(options)) : null,
        ...validity,
      });
    }
  }
  if (next === 'awaitingJudicialApproval' && !app.judicialApprovalRequestedAt) changes.judicialApprovalRequestedAt = now;
  if (event.type === 'RECORD_WRITTEN') changes.writtenRecordDueAt = null;
  return changes;
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

export const applicationEngine = createWorkflowEngine({
  noun: 'application',
  machine: applicationMachine,
  machineVersion: APPLICATION_MACHINE_VERSION,
  states: APPLICATION_STATES,
  eventTypes: APPLICATION_EVENT_TYPES,
  policy: APPLICATION_EVENT_RULES,
  guards: APPLICATION_GUARDS,
  guardReads: APPLICATION_GUARD_READS,
  ruleKinds: APPLICATION_RULE_KINDS,
  selfTransitions: SELF_TRANSITION_EVENTS,
  transitions: APPLICATION_TRANSITIONS,
  defaultOptions: {},
  inState: (input: GuardInput, event: ApplicationEvent, state: ApplicationState) => ({
    ...input,
    event,
    application: { ...input.application, status: state },
  }),
  changes: (input: GuardInput, _from: ApplicationState, to: ApplicationState, options: ApplicationEngineOptions) =>
    changesFor(input, to, options),
  record: (input: GuardInput, guardsRun: readonly ApplicationGuardId[], options: ApplicationEngineOptions) =>
    recordOf(input, guardsRun, options),
  fromRecord: fromRecordOf,
  checkOptions: (options: ApplicationEngineOptions) => void writtenRecordWorkingDaysOf(options),
});
