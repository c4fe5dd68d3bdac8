/**
 * The conversation on an application (docs/architecture.md §8): the exchange between the applicant, the
 * SPOC, the authoriser and a Judicial Commissioner, as `GET /applications/:id` carries it — each
 * submission, each return with its reasons, each request for more information and the answer to it, each
 * decision with its reasons — with people by name and role, and times. Computed from the stored history
 * rows (the event payloads and the guard inputs), which stay as they are. Pure functions.
 */
import type { DisplayNames, PersonRef } from '../common/person-ref';
import { objectOr, textOf } from '../database/history-view';
import type { ApplicationEventType, ApplicationState } from '../workflow/application.types';
import {
  changesOf,
  editedFields,
  peopleOf,
  readRow,
  whatHappened,
  type ApplicationHistoryRow,
  type HistoryNote,
  type ReadRow,
} from './application-history.mapper';

/** One message of the conversation. */
export interface ConversationEntry {
  /** The history row it comes from. */
  position: number;
  at: string;
  eventType: ApplicationEventType;
  /** What happened, in words. */
  what: string;
  /** Who sent it, by name and the role they acted in. */
  from: PersonRef;
  /** Whose decision it was, when the sender recorded someone else's (docs/architecture.md §7.1 footnotes ¹ ²). */
  decider: PersonRef | null;
  /** What they wrote: the reason, question, advice or rationale. Empty when the content was blanked under a retention decision. */
  notes: HistoryNote[];
  /** The return or request for more information this answers (its position). */
  inReplyTo: number | null;
  /** For a return or a request: the entry that answered it (its position); null while it is unanswered. */
  answeredBy: number | null;
  /** For an answer: the form fields the applicant changed since the return or request it answers. */
  changedFields: string[];
}

/**
 * Which events are part of the exchange between people about whether to authorise: a `Record`, so a new
 * event must be placed. Issuing the product, expiry (the scheduler), closing and recording the outcome
 * come after it and are in the history only.
 */
const IN_CONVERSATION: Readonly<Record<ApplicationEventType, boolean>> = {
  SUBMIT_TO_SPOC: true,
  SUBMIT_URGENT_WITHOUT_SPOC: true,
  WITHDRAW: true,
  RETURN_TO_APPLICANT: true,
  RESUBMIT: true,
  DECLINE: true,
  SUBMIT_FOR_AUTHORISATION: true,
  REQUEST_MORE_INFO: true,
  GRANT: true,
  REFUSE: true,
  JC_APPROVE: true,
  JC_REFUSE: true,
  RECORD_WRITTEN: true,
  CANCEL: true,
  REQUEST_CANCELLATION: true,
  ISSUE_PRODUCT: false,
  EXPIRE: false,
  CLOSE: false,
  RECORD_OUTCOME: false,
};

/** The events that ask for something, and the event that answers each: a return is answered by the resubmission, a request for more information by the next submission for authorisation. */
const ANSWERED_BY: Partial<Record<ApplicationEventType, ApplicationEventType>> = {
  RETURN_TO_APPLICANT: 'RESUBMIT',
  REQUEST_MORE_INFO: 'SUBMIT_FOR_AUTHORISATION',
};

/** The conversation, oldest first, from the application's history rows in order. */
export function toConversation(rows: readonly ApplicationHistoryRow[], names: DisplayNames): ConversationEntry[] {
  const entries: ConversationEntry[] = [];
  /** Open requests by the event that answers them, each with the form fields edited since. */
  const open = new Map<ApplicationEventType, { entry: ConversationEntry; fields: Set<string> }>();
  for (const read of rows.map(readRow)) {
    for (const fields of [...open.values()].map((o) => o.fields)) for (const field of editedFields(read)) fields.add(field);
    const type = read.eventType;
    if (type === null || !IN_CONVERSATION[type]) continue;
    const entry = toEntry(read, type, names);
    const asked = open.get(type);
    if (asked) {
      entry.inReplyTo = asked.entry.position;
      entry.changedFields = [...asked.fields].sort();
      asked.entry.answeredBy = entry.position;
      open.delete(type);
    }
    const answer = ANSWERED_BY[type];
    if (answer) open.set(answer, { entry, fields: new Set() });
    entries.push(entry);
  }
  return entries;
}

function toEntry(read: ReadRow, eventType: ApplicationEventType, names: DisplayNames): ConversationEntry {
  const { actor, decider } = peopleOf(read, names);
  return {
    position: read.row.position,
    at: read.row.at.toISOString(),
    eventType,
    what: whatHappened(read),
    from: actor,
    decider,
    notes: changesOf(read).notes,
    inReplyTo: null,
    answeredBy: null,
    changedFields: [],
  };
}

/** A request to cancel that the person s.65 names has not yet acted on (docs/law.md §2.5). */
export interface CancellationRequest {
  /** The history row it comes from. */
  position: number;
  /** Who asked, by name and the role they acted in. */
  by: PersonRef;
  at: string;
  /** Why they find the authorisation no longer necessary or proportionate; null once blanked under a retention decision. */
  reason: string | null;
}

/**
 * The open cancellation requests (docs/law.md §2.5; docs/architecture.md §8): the REQUEST_CANCELLATION
 * rows since the last CANCEL, while the authorisation is still in force. Cancelling acts on them; expiry
 * and closing end the authorisation they were about, so none is open once the record has left
 * `authorised`. Derived from the history rows, oldest first.
 */
export function openCancellationRequests(
  rows: readonly ApplicationHistoryRow[],
  names: DisplayNames,
  status: ApplicationState,
): CancellationRequest[] {
  if (status !== 'authorised') return [];
  let open: CancellationRequest[] = [];
  for (const read of rows.map(readRow)) {
    if (read.eventType === 'CANCEL') open = [];
    if (read.eventType !== 'REQUEST_CANCELLATION') continue;
    open.push({
      position: read.row.position,
      by: peopleOf(read, names).actor,
      at: read.row.at.toISOString(),
      reason: textOf(objectOr(read.payload).reason),
    });
  }
  return open;
}
