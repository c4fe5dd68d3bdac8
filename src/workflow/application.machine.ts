/**
 * The application statechart (docs/architecture.md §7.1): flat top-level states so `status` is one string; no
 * `invoke`, no `after`, no clock — deadlines are columns driven by a scheduler. Every transition is
 * guarded by the same rule table the engine applies (roles + guards), so the machine itself refuses
 * an invalid transition, and GRANT picks its target with the journalistic-source predicate.
 *
 * Bump {@link APPLICATION_MACHINE_VERSION} whenever a state, event, target or guard changes: the
 * version is stored with each history row so a replay uses the rules that applied.
 */
import { and, setup, type SnapshotFrom } from 'xstate';
import { journalisticSourceNeedsJudicialApproval, type GuardInput } from './application.guards';
import { eventPermitted } from './application.policy';
import type { ApplicationEventType, ApplicationState } from './application.types';

export {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATES,
  type ApplicationEventType,
  type ApplicationState,
} from './application.types';

export const APPLICATION_MACHINE_VERSION = '1';

/** The machine's event: the event type plus everything its guards look at. */
export interface ApplicationMachineEvent {
  type: ApplicationEventType;
  guardInput: GuardInput;
}

/**
 * Only the machine version: every fact lives on the application row and arrives in `guardInput`,
 * so a persisted status is enough to rebuild the snapshot.
 */
export interface ApplicationMachineContext {
  machineVersion: string;
}

/** Events that may leave the state unchanged (docs/architecture.md §7.1 RECORD_WRITTEN "(same)"). */
export const SELF_TRANSITION_EVENTS: readonly ApplicationEventType[] = ['RECORD_WRITTEN'];

const permitted = { type: 'eventPermitted' } as const;
/**
 * RECORD_WRITTEN keeps the state: an explicit self-target (not a targetless transition, which XState
 * treats as inert, so `can()` and `ownEvents` would not see it).
 */
function recordWrittenIn<const S extends ApplicationState>(state: S) {
  return { RECORD_WRITTEN: { target: state, guard: permitted } } as const;
}

export const applicationMachine = setup({
  types: {
    context: {} as ApplicationMachineContext,
    events: {} as ApplicationMachineEvent,
  },
  guards: {
    eventPermitted: ({ event }) => eventPermitted(event.type, event.guardInput),
    journalisticSourceNeedsJudicialApproval: ({ event }) =>
      journalisticSourceNeedsJudicialApproval(event.guardInput),
  },
}).createMachine({
  id: 'application',
  initial: 'draft',
  context: { machineVersion: APPLICATION_MACHINE_VERSION },
  states: {
    draft: {
      on: {
        SUBMIT_TO_SPOC: { target: 'spocReview', guard: permitted },
        SUBMIT_URGENT_WITHOUT_SPOC: { target: 'awaitingAuthorisation', guard: permitted },
        WITHDRAW: { target: 'withdrawn', guard: permitted },
      },
    },
    spocReview: {
      on: {
        RETURN_TO_APPLICANT: { target: 'returnedToApplicant', guard: permitted },
        DECLINE: { target: 'declinedBySpoc', guard: permitted },
        SUBMIT_FOR_AUTHORISATION: { target: 'awaitingAuthorisation', guard: permitted },
      },
    },
    returnedToApplicant: {
      on: {
        RESUBMIT: { target: 'spocReview', guard: permitted },
        WITHDRAW: { target: 'withdrawn', guard: permitted },
      },
    },
    awaitingAuthorisation: {
      on: {
        REQUEST_MORE_INFO: { target: 'spocReview', guard: permitted },
        GRANT: [
          {
            target: 'awaitingJudicialApproval',
            guard: and(['eventPermitted', 'journalisticSourceNeedsJudicialApproval']),
          },
          { target: 'authorised', guard: permitted },
        ],
        REFUSE: { target: 'refused', guard: permitted },
      },
    },
    awaitingJudicialApproval: {
      on: {
        JC_APPROVE: { target: 'authorised', guard: permitted },
        JC_REFUSE: { target: 'quashed', guard: permitted },
        EXPIRE: { target: 'expired', guard: permitted },
        ...recordWrittenIn('awaitingJudicialApproval'),
      },
    },
    authorised: {
      on: {
        ISSUE_PRODUCT: { target: 'productIssued', guard: permitted },
        CANCEL: { target: 'cancelled', guard: permitted },
        EXPIRE: { target: 'expired', guard: permitted },
        ...recordWrittenIn('authorised'),
      },
    },
    productIssued: {
      on: {
        CLOSE: { target: 'closed', guard: permitted },
        RECORD_OUTCOME: { target: 'closed', guard: permitted },
        ...recordWrittenIn('productIssued'),
      },
    },
    cancelled: {
      on: {
        ISSUE_PRODUCT: { target: 'productIssued', guard: permitted },
        CLOSE: { target: 'closed', guard: permitted },
        ...recordWrittenIn('cancelled'),
      },
    },
    expired: {
      on: {
        ISSUE_PRODUCT: { target: 'productIssued', guard: permitted },
        CLOSE: { target: 'closed', guard: permitted },
        ...recordWrittenIn('expired'),
      },
    },
    quashed: { on: { ...recordWrittenIn('quashed') } },
    refused: { type: 'final' },
    declinedBySpoc: { type: 'final' },
    withdrawn: { type: 'final' },
    closed: { type: 'final' },
  },
});

export type ApplicationSnapshot = SnapshotFrom<typeof applicationMachine>;
