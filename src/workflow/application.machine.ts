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
import { createWorkflowMachine, transitionRows, type WorkflowMachineEvent } from './core/machine';
import { journalisticSourceNeedsJudicialApproval, type GuardInput } from './application.guards';
import { APPLICATION_EVENT_RULES, APPLICATION_GUARDS } from './application.policy';
import { APPLICATION_STATES, type ApplicationEventType, type ApplicationState } from './application.types';
import { RIPA_RECORD_STATE } from './ripa-record.types';

export {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEventType,
  type ApplicationState,
} from './application.types';

export const APPLICATION_MACHINE_VERSION = '5';

/** The machine's event: the event type plus everything its guards look at. */
export type ApplicationMachineEvent = WorkflowMachineEvent<ApplicationEventType, GuardInput>;

type Branch = 'journalisticSourceNeedsJudicialApproval';

/**
 * docs/architecture.md §7.1 as data: for each state, each event's target; GRANT goes to the Judicial
 * Commissioner first when a journalistic source is to be identified. RECORD_WRITTEN (an oral grant's
 * written record) keeps the state wherever it may still be made; REQUEST_CANCELLATION keeps it wherever
 * CANCEL is possible, since only the person s.65 names may end it (docs/law.md §2.5). `ripaRecord` has no
 * row and no row leads to it: a record made under RIPA 2000 enters it only by import ({@link IMPORTED_ONLY_STATES}).
 */
export const APPLICATION_TRANSITIONS = transitionRows<ApplicationState, ApplicationEventType, Branch>({
  draft: { SUBMIT_TO_SPOC: 'spocReview', SUBMIT_URGENT_WITHOUT_SPOC: 'awaitingAuthorisation', WITHDRAW: 'withdrawn' },
  spocReview: { RETURN_TO_APPLICANT: 'returnedToApplicant', DECLINE: 'declinedBySpoc', SUBMIT_FOR_AUTHORISATION: 'awaitingAuthorisation' },
  returnedToApplicant: { RESUBMIT: 'spocReview', WITHDRAW: 'withdrawn' },
  awaitingAuthorisation: {
    REQUEST_MORE_INFO: 'spocReview',
    GRANT: [['awaitingJudicialApproval', 'journalisticSourceNeedsJudicialApproval'], 'authorised'],
    REFUSE: 'refused',
  },
  awaitingJudicialApproval: {
    JC_APPROVE: 'authorised',
    JC_REFUSE: 'quashed',
    EXPIRE: 'expired',
    RECORD_WRITTEN: 'awaitingJudicialApproval',
  },
  authorised: {
    ISSUE_PRODUCT: 'productIssued',
    CANCEL: 'cancelled',
    REQUEST_CANCELLATION: 'authorised',
    EXPIRE: 'expired',
    RECORD_WRITTEN: 'authorised',
  },
  productIssued: { CLOSE: 'closed', RECORD_OUTCOME: 'closed', RECORD_WRITTEN: 'productIssued' },
  cancelled: { ISSUE_PRODUCT: 'productIssued', CLOSE: 'closed', RECORD_WRITTEN: 'cancelled' },
  expired: { ISSUE_PRODUCT: 'productIssued', CLOSE: 'closed', RECORD_WRITTEN: 'expired' },
  quashed: { RECORD_WRITTEN: 'quashed' },
});

/**
 * States a record enters only by import, never by an event: a record made under RIPA 2000 s.22 and kept
 * here is never driven through the IPA workflow, so the engine refuses every event sent to it.
 */
export const IMPORTED_ONLY_STATES: readonly ApplicationState[] = [RIPA_RECORD_STATE];

/** Events that may leave the state unchanged (docs/architecture.md §7.1 RECORD_WRITTEN and REQUEST_CANCELLATION "(same)"). */
export const SELF_TRANSITION_EVENTS: readonly ApplicationEventType[] = ['RECORD_WRITTEN', 'REQUEST_CANCELLATION'];

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
