/**
 * A register entry's history as people read it (docs/architecture.md §8, §11): each stored row with the
 * person who acted by name and role, the statuses in words, and what the row changed — report fields,
 * the kind assessed, a reason, the IPC's answer — instead of the whole payload and guard inputs. A view
 * computed from the stored rows, which stay as they are: the hashes and `…/history/verify` are unchanged.
 * Pure functions: the service loads the rows and the names.
 */
import { personRef, type DisplayNames } from '../common/person-ref';
import type { HistoryRow } from '../database/hash-chain';
import {
  fieldList,
  historyViewItem,
  isOneOf,
  note,
  objectOr,
  payloadOf,
  quote,
  type HistoryChanges,
  type HistoryNote,
  type HistoryViewItem,
  type Json,
} from '../database/history-view';
import {
  CD_ERROR_EVENT_LABELS,
  CD_ERROR_KIND_LABELS,
  CD_ERROR_RECORD_CHANGE_LABELS,
  CD_ERROR_STATE_LABELS,
  IPC_RESPONSE_LABELS,
} from '../workflow/cd-error.labels';
import { CD_ERROR_EVENT_RULES } from '../workflow/cd-error.policy';
import { CD_ERROR_EVENT_TYPES, CD_ERROR_KINDS, CD_ERROR_STATES, IPC_RESPONSES, type CdErrorEventType } from '../workflow/cd-error.types';
import { SYSTEM_SENDER, type EventSender } from '../workflow/roles';

/** A history row as `GET /errors/:id/history` answers it (`deciderId` is always null: no one decides for another on a register entry). */
export type CdErrorHistoryItem = HistoryViewItem<CdErrorEventType>;

const yesNo = (label: string, value: unknown): HistoryNote[] =>
  typeof value === 'boolean' ? [{ label, text: value ? 'Yes' : 'No' }] : [];

/** Report fields given a value (not null, not blank). */
function givenFields(report: unknown): string[] {
  return Object.entries(objectOr(report))
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([key]) => key)
    .sort();
}

/** What each event's payload carries that a person wrote or decided. */
function notesOf(type: CdErrorEventType, event: Json): HistoryNote[] {
  switch (type) {
    case 'DISMISS':
      return note('Reason', event.reason);
    case 'ASSESS':
      return isOneOf(CD_ERROR_KINDS, event.kind) ? [{ label: 'Kind', text: CD_ERROR_KIND_LABELS[event.kind] }] : [];
    case 'AGREE_EXTENSION':
      return [...note('Agreed due date', event.agreedDueAt), ...note("IPC's reference", event.ipcAgreementReference), ...note('Reason', event.reason)];
    case 'RECORD_IPC_RESPONSE':
      return [
        ...(isOneOf(IPC_RESPONSES, event.ipcResponse) ? [{ label: "IPC's response", text: IPC_RESPONSE_LABELS[event.ipcResponse] }] : []),
        ...note("IPC's reference", event.ipcReference),
      ];
    case 'RECORD_DETERMINATION':
      return [...yesNo('Serious error', event.serious), ...yesNo('Person informed', event.personInformed), ...note('Notes', event.determinationNotes)];
    case 'NOTIFY_IPC_INITIAL': {
      const notice = objectOr(event.initialNotification);
      return [
        ...note('What is known', notice.whatIsKnown),
        ...note('Why the full report is not ready', notice.whyFullReportNotReady),
        ...note('Full report expected by', notice.fullReportExpectedBy),
      ];
    }
    case 'RECORD_SUBMISSIONS_REQUEST': {
      const request = objectOr(event.submissionsRequest);
      return [...note('The IPC asked on', request.requestedAt), ...note('Submissions due by', request.respondBy)];
    }
    case 'RECORD_SUBMISSIONS': {
      const submissions = objectOr(event.submissions);
      return [...note('Submissions', submissions.text), ...note('Made on', submissions.madeAt)];
    }
    case 'RECORD_INVESTIGATION_OUTCOME':
      return note('Outcome', event.investigationOutcome);
    case 'RECORD':
    case 'SIGHT':
    case 'CLOSE':
    case 'REPORT_TO_IPC':
      return [];
  }
}

function changesOf(row: HistoryRow, eventType: CdErrorEventType | null, payload: Json | null): HistoryChanges {
  if (payload === null) return { fields: [], notes: [] };
  if (row.kind === 'created') return { fields: givenFields(payload.report), notes: [] };
  if (row.kind === 'edited') {
    const links = objectOr(payload.links);
    const linksChanged = links.applicationIds !== undefined || links.disclosureRequestIds !== undefined;
    return { fields: [...Object.keys(objectOr(payload.changes)).sort(), ...(linksChanged ? ['links'] : [])], notes: [] };
  }
  if (eventType === null) return { fields: [], notes: [] };
  return { fields: givenFields(payload.report), notes: notesOf(eventType, payload) };
}

/** The role the person acted in: the first the policy lets send the event that they hold (the system for its own entries). */
function actingRole(row: HistoryRow, eventType: CdErrorEventType | null): EventSender | null {
  const held = row.actorRoles as EventSender[];
  if (held.includes(SYSTEM_SENDER)) return SYSTEM_SENDER;
  const may: readonly EventSender[] = eventType === null ? ['spoc', 'sro'] : CD_ERROR_EVENT_RULES[eventType].roles;
  return may.find((role) => held.includes(role)) ?? held[0] ?? null;
}

const stateLabel = (state: string): string => (isOneOf(CD_ERROR_STATES, state) ? CD_ERROR_STATE_LABELS[state] : state);

function summaryOf(row: HistoryRow, what: string, payload: Json | null, changes: HistoryChanges): string {
  const parts = [`${what}.`];
  if (payload === null) parts.push('Its content has been removed under a retention decision.');
  else if (row.kind === 'edited') parts.push(changes.fields.length ? `Changed ${fieldList(changes.fields)}.` : 'Nothing changed.');
  else if (changes.fields.length) parts.push(`Report: ${fieldList(changes.fields)}.`);
  for (const { label, text } of changes.notes) parts.push(`${label}: ${quote(text)}`);
  return parts.join(' ');
}

/** What happened, in words (an event this code does not know, from a later machine version, by its code). */
function whatHappened(row: HistoryRow, eventType: CdErrorEventType | null): string {
  if (eventType !== null) return CD_ERROR_EVENT_LABELS[eventType];
  if (row.kind === 'transition') return row.eventType ?? row.kind;
  return CD_ERROR_RECORD_CHANGE_LABELS[row.kind];
}

/** One stored row as the history endpoint answers it. */
export function toCdErrorHistoryItem(row: HistoryRow, names: DisplayNames): CdErrorHistoryItem {
  const eventType = isOneOf(CD_ERROR_EVENT_TYPES, row.eventType) ? row.eventType : null;
  const payload = payloadOf(row);
  const what = whatHappened(row, eventType);
  const changes = changesOf(row, eventType, payload);
  const actor = personRef(row.actorId, actingRole(row, eventType), names);
  return historyViewItem(row, { eventType, what, actor, changes, summary: summaryOf(row, what, payload, changes), stateLabel });
}

/** `GET /errors/:id/history`: the rows in order, named and summarised. */
export function toCdErrorHistory(rows: readonly HistoryRow[], names: DisplayNames): { items: CdErrorHistoryItem[] } {
  return { items: rows.map((row) => toCdErrorHistoryItem(row, names)) };
}
