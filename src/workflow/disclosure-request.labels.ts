/**
 * The disclosure request's codes in words, for what a person reads (its history and any later document).
 * The API keeps the codes; a document never prints one. Each table is a `Record` over its vocabulary in
 * disclosure-request.types.ts, so a new code fails to compile until it has words here. Pure data
 * (docs/architecture.md §3: src/workflow is pure).
 */
import type { CspStatus, DesiredStatus, DisclosureRequestEventType, DisclosureRequestState } from './disclosure-request.types';

/** States of a request (docs/architecture.md §7.2). */
export const DISCLOSURE_REQUEST_STATE_LABELS: Readonly<Record<DisclosureRequestState, string>> = Object.freeze({
  pending: 'Not yet sent to the operator',
  sent: 'Sent to the operator',
  acknowledged: 'Acknowledged by the operator',
  partiallyDisclosed: 'Partly disclosed',
  disclosed: 'Disclosed, awaiting the SPOC check',
  nilReturn: 'Nil return, awaiting the SPOC check',
  rejectedByCsp: 'Rejected by the operator',
  checked: 'Checked by the SPOC',
  cancelled: 'Cancelled',
});

/** Events of a request, as a history line says what happened (docs/architecture.md §7.2). */
export const DISCLOSURE_REQUEST_EVENT_LABELS: Readonly<Record<DisclosureRequestEventType, string>> = Object.freeze({
  SEND: 'Sent to the operator',
  CSP_ACKNOWLEDGED: "Operator's acknowledgement recorded",
  RETURN_RECEIVED: 'Return received from the operator',
  NIL_RETURN: 'Nil return recorded',
  CSP_REJECTED: "Operator's rejection recorded",
  MARK_CHECKED: 'Marked as checked',
  CANCEL: 'Request cancelled',
});

/** History rows that are not events of the machine: the request's creation. */
export type DisclosureRequestRecordChange = 'created';

export const DISCLOSURE_REQUEST_RECORD_CHANGE_LABELS: Readonly<Record<DisclosureRequestRecordChange, string>> = Object.freeze({
  created: 'Request created',
});

/** What we want of the operator (ETSI TS 103 120 DesiredStatus; docs/law.md §8). */
export const DESIRED_STATUS_LABELS: Readonly<Record<DesiredStatus, string>> = Object.freeze({
  awaitingDisclosure: 'Awaiting disclosure',
  cancelled: 'Cancelled by the authority',
  closed: 'Closed by the authority',
});

/** What the operator last reported (ETSI TS 103 120 Status; docs/law.md §8). */
export const CSP_STATUS_LABELS: Readonly<Record<CspStatus, string>> = Object.freeze({
  acknowledged: 'Acknowledged',
  partiallyDisclosed: 'Partly disclosed',
  disclosed: 'Disclosed in full',
  nilReturn: 'No such data held (nil return)',
  rejected: 'Rejected',
});
