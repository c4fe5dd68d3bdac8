/**
 * Vocabulary of the disclosure request (docs/architecture.md §7.2; docs/law.md §5, §8): one request to one
 * CSP under an authorised application, shaped like an ETSI TS 103 120 LD task. Its states, events, the
 * event payload, the two statuses kept side by side (ours and the CSP's) and the transition table. Pure
 * data: no clock, no I/O.
 */
import { transitionRows } from './core/machine';

/** States of a request, flat, so `status` is one string (docs/architecture.md §7). */
export const DISCLOSURE_REQUEST_STATES = [
  'pending', 'sent', 'acknowledged', 'partiallyDisclosed', 'disclosed', 'nilReturn', 'rejectedByCsp', 'checked', 'cancelled',
] as const;
export type DisclosureRequestState = (typeof DISCLOSURE_REQUEST_STATES)[number];

/** Events of a request. */
export const DISCLOSURE_REQUEST_EVENT_TYPES = [
  'SEND', 'CSP_ACKNOWLEDGED', 'RETURN_RECEIVED', 'NIL_RETURN', 'CSP_REJECTED', 'MARK_CHECKED', 'CANCEL',
] as const;
export type DisclosureRequestEventType = (typeof DISCLOSURE_REQUEST_EVENT_TYPES)[number];

/** Final states: nothing more is asked of the CSP, nor of the SPOC. */
export const DISCLOSURE_REQUEST_FINAL_STATES = ['checked', 'rejectedByCsp', 'cancelled'] as const satisfies readonly DisclosureRequestState[];

/**
 * What WE want of the CSP: the task's *desired* status, set by the sender (ETSI TS 103 120 LD task
 * `DesiredStatus`; docs/law.md §8). `awaitingDisclosure` from SEND until the request ends (TS 103 120's
 * AwaitingDisclosure); `cancelled` once cancelled (TS 103 120: cancelling a task is updating its desired
 * status); `closed` once nothing more is wanted — the returns checked, or the CSP's rejection recorded.
 * Null while pending: nothing has been asked of the CSP yet.
 */
export const DESIRED_STATUSES = ['awaitingDisclosure', 'cancelled', 'closed'] as const;
export type DesiredStatus = (typeof DESIRED_STATUSES)[number];

/**
 * What the CSP last REPORTED: the task's *actual* status, set by the receiver (ETSI TS 103 120 LD task
 * `Status`; docs/law.md §8). `acknowledged` (the CSP holds the task and gave its reference);
 * `partiallyDisclosed` (some parts delivered: TS 102 657's incomplete response); `disclosed` (the last
 * part of every item delivered: TS 103 120's Disclosed); `nilReturn` (the CSP states it holds no such
 * data: TS 102 657's unavailable response, TS 103 120's DisclosureNotAvailable *(inferred)*); `rejected`
 * (TS 103 120's Rejected *(inferred)*). Null until the CSP has said anything. Kept beside the desired
 * status so a mismatch — `awaitingDisclosure` against `disclosed` or `nilReturn` — shows the SPOC's work:
 * the return check (docs/law.md §5).
 */
export const CSP_STATUSES = ['acknowledged', 'partiallyDisclosed', 'disclosed', 'nilReturn', 'rejected'] as const;
export type CspStatus = (typeof CSP_STATUSES)[number];

/** The event payload (what a SPOC, or the system, sends with an event). */
export interface DisclosureRequestEvent {
  type: DisclosureRequestEventType;
  /** CSP_ACKNOWLEDGED: the CSP's reference for the task. */
  cspReference?: string;
  /** RETURN_RECEIVED: the last part of every data item has now arrived (decides disclosed or partiallyDisclosed). */
  allItemsComplete?: boolean;
  /** RETURN_RECEIVED: the return that arrived, so the history names it. */
  returnId?: string;
  /** NIL_RETURN: the CSP's statement that it holds no such data. */
  cspStatement?: string;
  /** CSP_REJECTED: the CSP's reason for refusing the request. */
  cspReason?: string;
  /** CANCEL: why the request is cancelled. */
  reason?: string;
}

/** The named predicate RETURN_RECEIVED branches on (disclosure-request.guards.ts `returnCompletesDisclosure`). */
export type DisclosureRequestBranch = 'returnCompletesDisclosure';

/**
 * The transition table (the contract; docs/architecture.md §7.2): for each state, each event's target.
 * RETURN_RECEIVED goes to `disclosed` when the payload says every item is complete, otherwise to (or stays
 * in) `partiallyDisclosed`. States with no entry are final. The machine is built from it.
 */
export const DISCLOSURE_REQUEST_TRANSITIONS = transitionRows<DisclosureRequestState, DisclosureRequestEventType, DisclosureRequestBranch>({
  pending: { SEND: 'sent', CANCEL: 'cancelled' },
  sent: {
    CSP_ACKNOWLEDGED: 'acknowledged',
    RETURN_RECEIVED: [['disclosed', 'returnCompletesDisclosure'], 'partiallyDisclosed'],
    NIL_RETURN: 'nilReturn',
    CSP_REJECTED: 'rejectedByCsp',
    CANCEL: 'cancelled',
  },
  acknowledged: {
    RETURN_RECEIVED: [['disclosed', 'returnCompletesDisclosure'], 'partiallyDisclosed'],
    NIL_RETURN: 'nilReturn',
    CSP_REJECTED: 'rejectedByCsp',
    CANCEL: 'cancelled',
  },
  partiallyDisclosed: {
    RETURN_RECEIVED: [['disclosed', 'returnCompletesDisclosure'], 'partiallyDisclosed'],
    MARK_CHECKED: 'checked',
    CANCEL: 'cancelled',
  },
  disclosed: { MARK_CHECKED: 'checked' },
  nilReturn: { MARK_CHECKED: 'checked' },
});

/** Events that may keep the state: a further part of a partial disclosure that is still not the last. */
export const DISCLOSURE_REQUEST_SELF_TRANSITION_EVENTS: readonly DisclosureRequestEventType[] = ['RETURN_RECEIVED'];

/** The CSP's last report, as it stands in each state before the request ends (null: it has said nothing yet). */
const CSP_STATUS_IN: Readonly<Record<DisclosureRequestState, CspStatus | null>> = {
  pending: null,
  sent: null,
  acknowledged: 'acknowledged',
  partiallyDisclosed: 'partiallyDisclosed',
  disclosed: 'disclosed',
  nilReturn: 'nilReturn',
  rejectedByCsp: 'rejected',
  // Ending the request changes nothing the CSP said: the status before it stands (see statusesAfter).
  checked: null,
  cancelled: null,
};

/** Our desired status in each state (ETSI TS 103 120 DesiredStatus; see {@link DESIRED_STATUSES}). */
const DESIRED_STATUS_IN: Readonly<Record<DisclosureRequestState, DesiredStatus | null>> = {
  pending: null,
  sent: 'awaitingDisclosure',
  acknowledged: 'awaitingDisclosure',
  partiallyDisclosed: 'awaitingDisclosure',
  disclosed: 'awaitingDisclosure',
  nilReturn: 'awaitingDisclosure',
  rejectedByCsp: 'closed',
  checked: 'closed',
  cancelled: 'cancelled',
};

/** Our desired status and the CSP's reported status, side by side (ETSI TS 103 120 DesiredStatus / Status). */
export interface DisclosureRequestStatuses {
  desiredStatus: DesiredStatus | null;
  cspStatus: CspStatus | null;
}

/**
 * The two statuses once a transition from `from` to `to` is made (ETSI TS 103 120 LD task DesiredStatus and
 * Status; docs/law.md §8). The desired status follows the state reached. The CSP's status follows what the
 * CSP reported — acknowledged, a part, the whole, a nil return, a rejection — and is otherwise left as it
 * was: MARK_CHECKED and CANCEL are our acts, so the CSP's last report stands beside `closed` or `cancelled`.
 * Every source state of an ending event carries exactly one CSP status, so `from` says what it was.
 */
export function statusesAfter(from: DisclosureRequestState, to: DisclosureRequestState): DisclosureRequestStatuses {
  const endedByUs = to === 'checked' || to === 'cancelled';
  return { desiredStatus: DESIRED_STATUS_IN[to], cspStatus: endedByUs ? CSP_STATUS_IN[from] : CSP_STATUS_IN[to] };
}

/** The two statuses of a request that has not been sent: nothing asked, nothing reported. */
export const INITIAL_DISCLOSURE_REQUEST_STATUSES: DisclosureRequestStatuses = Object.freeze({ desiredStatus: null, cspStatus: null });
