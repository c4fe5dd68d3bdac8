/**
 * The application statechart (docs/architecture.md §7.1), built by the workflow core from this table.
 * Every transition is guarded by the same rule table the engine applies (roles + guards), so the
 * machine itself refuses an invalid transition, and GRANT picks its target with the
 * journalistic-source predicate (IPA s.77: a Judicial Commissioner approves first).
 *
 * Bump {@link APPLICATION_MACHINE_VERSION} whenever a state, event, target or guard changes: the
 * version is stored with each history row so a replay uses the rules that applied.
 */
import type { SnapshotFrom } from 'xstate';
import { createWorkflowMachine, type TransitionRow, type WorkflowMachineEvent } from './core/machine';
import { journalisticSourceNeedsJudicialApproval, type GuardInput } from './application.guards';
import { APPLICATION_EVENT_RULES, APPLICATION_GUARDS } from './application.policy';
import { APPLICATION_STATES, type ApplicationEventType, type ApplicationState } from './application.types';

export {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEventType,
  type ApplicationState,
} from './application.types';

export const APPLICATION_MACHINE_VERSION = '1';

/** The machine's event: the event type plus everything its guards look at. */
export type ApplicationMachineEvent = WorkflowMachineEvent<ApplicationEventType, GuardInput>;

type Branch = 'journalisticSourceNeedsJudicialApproval';

/** States in which an oral grant's written record may still be made (RECORD_WRITTEN keeps the state). */
const WRITTEN_RECORD_STATES = ['awaitingJudicialApproval', 'authorised', 'productIssued', 'cancelled', 'expired', 'quashed'] as const;

/** docs/architecture.md §7.1 as data: `[from, event, to]`, a branch row before the row it falls back to. */
export const APPLICATION_TRANSITIONS: readonly TransitionRow<ApplicationState, ApplicationEventType, Branch>[] = [
  ['draft', 'SUBMIT_TO_SPOC', 'spocReview'],
  ['draft', 'SUBMIT_URGENT_WITHOUT_SPOC', 'awaitingAuthorisation'],
  ['draft', 'WITHDRAW', 'withdrawn'],
  ['spocReview', 'RETURN_TO_APPLICANT', 'returnedToApplicant'],
  ['spocReview', 'DECLINE', 'declinedBySpoc'],
  ['spocReview', 'SUBMIT_FOR_AUTHORISATION', 'awaitingAuthorisation'],
  ['returnedToApplicant', 'RESUBMIT', 'spocReview'],
  ['returnedToApplicant', 'WITHDRAW', 'withdrawn'],
  ['awaitingAuthorisation', 'REQUEST_MORE_INFO', 'spocReview'],
  ['awaitingAuthorisation', 'GRANT', 'awaitingJudicialApproval', 'journalisticSourceNeedsJudicialApproval'],
  ['awaitingAuthorisation', 'GRANT', 'authorised'],
  ['awaitingAuthorisation', 'REFUSE', 'refused'],
  ['awaitingJudicialApproval', 'JC_APPROVE', 'authorised'],
  ['awaitingJudicialApproval', 'JC_REFUSE', 'quashed'],
  ['awaitingJudicialApproval', 'EXPIRE', 'expired'],
  ['authorised', 'ISSUE_PRODUCT', 'productIssued'],
  ['authorised', 'CANCEL', 'cancelled'],
  ['authorised', 'EXPIRE', 'expired'],
  ['productIssued', 'CLOSE', 'closed'],
  ['productIssued', 'RECORD_OUTCOME', 'closed'],
  ['cancelled', 'ISSUE_PRODUCT', 'productIssued'],
  ['cancelled', 'CLOSE', 'closed'],
  ['expired', 'ISSUE_PRODUCT', 'productIssued'],
  ['expired', 'CLOSE', 'closed'],
  ...WRITTEN_RECORD_STATES.map((state) => [state, 'RECORD_WRITTEN', state] as const),
];

/** Events that may leave the state unchanged (docs/architecture.md §7.1 RECORD_WRITTEN "(same)"). */
export const SELF_TRANSITION_EVENTS: readonly ApplicationEventType[] = ['RECORD_WRITTEN'];

export const applicationMachine = createWorkflowMachine({
  id: 'application',
  version: APPLICATION_MACHINE_VERSION,
  initial: 'draft',
  states: APPLICATION_STATES,
  transitions: APPLICATION_TRANSITIONS,
  policy: APPLICATION_EVENT_RULES,
  guards: APPLICATION_GUARDS,
  branches: { journalisticSourceNeedsJudicialApproval },
});

export type ApplicationSnapshot = SnapshotFrom<typeof applicationMachine>;
