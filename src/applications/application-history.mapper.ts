/**
 * The application's history as people read it (docs/architecture.md §8, §11): each stored row with the
 * person who acted (and the decider they recorded) by name and role, the statuses in words, and what the
 * row changed — form fields, the reason, question or advice given, the decision — instead of the whole
 * payload and guard inputs. A view computed from the stored rows, which stay as they are: the hashes and
 * `…/history/verify` are unchanged. Pure functions: the service loads the rows and the names.
 */
import { personRef, type DisplayNames, type PersonRef } from '../common/person-ref';
import type { HistoryKindWithImport, HistoryRow } from '../database/hash-chain';
import {
  fieldList,
  historyViewItem,
  isOneOf,
  note,
  objectOr,
  payloadOf,
  quote,
  textOf,
  type HistoryChanges,
  type HistoryNote,
  type HistoryViewItem,
  type Json,
} from '../database/history-view';
import { APPLICATION_EVENT_LABELS, APPLICATION_RECORD_CHANGE_LABELS, APPLICATION_STATE_LABELS } from '../workflow/application.labels';
import { APPLICATION_EVENT_RULES } from '../workflow/application.policy';
import { APPLICATION_EVENT_TYPES, APPLICATION_STATES, type ApplicationEventType } from '../workflow/application.types';
import { RIPA_PURPOSE_LABELS, RIPA_RECORD_KIND_LABELS } from '../workflow/ripa-record.labels';
import { RIPA_PURPOSES, RIPA_RECORD_KINDS } from '../workflow/ripa-record.types';
import type { EventSender } from '../workflow/roles';
import { SPOC_REASON_LABELS } from '../workflow/statistics.labels';
import type { SpocReasonCode } from '../workflow/application.types';

export type { HistoryChanges, HistoryNote } from '../database/history-view';

/** A stored row of an application's history: created, edited, a transition, or an imported RIPA record. */
export type ApplicationHistoryRow = HistoryRow<HistoryKindWithImport>;

/** A history row as `GET /applications/:id/history` answers it. */
export interface ApplicationHistoryItem extends HistoryViewItem<ApplicationEventType, HistoryKindWithImport> {
  /** Whose decision a GRANT, REFUSE or REQUEST_MORE_INFO is, when the sender recorded someone else's. */
  decider: PersonRef | null;
}

// ---------------------------------------------------------------------------------------------
// Reading a stored row
// ---------------------------------------------------------------------------------------------

const isEventType = (value: unknown): value is ApplicationEventType => isOneOf(APPLICATION_EVENT_TYPES, value);

/** A stored row with its JSON read: the payload (null once blanked under a retention decision) and the guard inputs. */
export interface ReadRow {
  row: ApplicationHistoryRow;
  eventType: ApplicationEventType | null;
  payload: Json | null;
  record: Json;
}

export function readRow(row: ApplicationHistoryRow): ReadRow {
  return {
    row,
    eventType: isEventType(row.eventType) ? row.eventType : null,
    payload: payloadOf(row),
    record: row.guardInputs === null ? {} : objectOr(JSON.parse(row.guardInputs)),
  };
}

const DECISIONS: readonly ApplicationEventType[] = ['GRANT', 'REFUSE', 'REQUEST_MORE_INFO'];

/** The route the row's guards saw (the decider's role depends on it). */
function routeOf(read: ReadRow): string | null {
  const application = objectOr(read.record.application);
  return textOf(application.route) ?? textOf(objectOr(application.form).route);
}

/**
 * The role the person acted in: a SPOC when they recorded someone else's decision; otherwise the first of
 * the roles the policy lets send the event that they hold (the applicant's for creation and edits, the
 * administrator's for an import).
 */
function actingRole(read: ReadRow): EventSender | null {
  const held = read.row.actorRoles as EventSender[];
  const { eventType } = read;
  if (read.row.kind === 'imported') return held.includes('admin') ? 'admin' : (held[0] ?? null);
  if (eventType === null) return held.includes('applicant') ? 'applicant' : (held[0] ?? null);
  if (DECISIONS.includes(eventType) && objectOr(read.record.resolvedDecider).recordedOnBehalf === true) return 'spoc';
  return APPLICATION_EVENT_RULES[eventType].roles.find((role) => held.includes(role)) ?? held[0] ?? null;
}

/**
 * The decider of a decision the sender recorded for someone else (docs/architecture.md §7.1 footnotes ¹ ²):
 * a user here by id, or an OCDA officer outside the system by the name the SPOC recorded.
 */
function recordedDecider(read: ReadRow, names: DisplayNames): PersonRef | null {
  if (read.eventType === null || !DECISIONS.includes(read.eventType)) return null;
  const resolved = objectOr(read.record.resolvedDecider);
  if (resolved.recordedOnBehalf !== true) return null;
  const id = textOf(resolved.id);
  const recordedName = textOf(objectOr(objectOr(read.payload).decision).deciderName);
  return personRef(id, routeOf(read) === 'ipc60A' ? 'ocda' : 'dso', names, recordedName);
}

/** The sender, and the decider they recorded for (docs/architecture.md §7.1). */
export function peopleOf(read: ReadRow, names: DisplayNames): { actor: PersonRef; decider: PersonRef | null } {
  return { actor: personRef(read.row.actorId, actingRole(read), names), decider: recordedDecider(read, names) };
}

/** Every person id a set of rows names (senders and deciders), for one lookup of their names. */
export function personIdsIn(rows: readonly HistoryRow<string>[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    ids.add(row.actorId);
    if (row.deciderId !== null) ids.add(row.deciderId);
  }
  return [...ids];
}

// ---------------------------------------------------------------------------------------------
// What a row changed
// ---------------------------------------------------------------------------------------------

/** The category a SPOC gave a return or a decline, in words (docs/statistics.md §2); none when not given. */
function reasonCategory(event: Json): HistoryNote[] {
  const code = event.reasonCode;
  return typeof code === 'string' && Object.hasOwn(SPOC_REASON_LABELS, code) ? note('Category of reason', SPOC_REASON_LABELS[code as SpocReasonCode]) : [];
}

/** What each event's payload carries that a person wrote, in the order a reader wants it. */
function notesOf(type: ApplicationEventType, event: Json, record: Json): HistoryNote[] {
  const decision = objectOr(event.decision);
  const spoc = objectOr(event.spoc);
  const returnReasons = Array.isArray(spoc.returnReasons) ? spoc.returnReasons.flatMap((r) => note('Return reason', r)) : [];
  switch (type) {
    case 'SUBMIT_URGENT_WITHOUT_SPOC':
      return note('Why no SPOC could be consulted', objectOr(objectOr(record.application).form).exceptionalCircumstances);
    case 'RETURN_TO_APPLICANT':
      return [...note('Reason', event.reason), ...reasonCategory(event), ...returnReasons];
    case 'DECLINE':
      return [...note('Reason', event.reason), ...reasonCategory(event)];
    case 'WITHDRAW':
    case 'JC_REFUSE':
    case 'REQUEST_CANCELLATION':
    case 'CLOSE':
      return note('Reason', event.reason);
    case 'CANCEL':
      return [...note('Reason', event.reason), ...note('Why the DSO who granted is not available', event.granterUnavailable)];
    case 'REFUSE':
      return [...note('Reason', event.reason), ...note('OCDA reference', decision.ocdaReference)];
    case 'SUBMIT_FOR_AUTHORISATION':
      return [
        ...note('SPOC advice', spoc.spocAdvice),
        ...note('SPOC advice on the sensitive profession', spoc.sensitiveProfessionAdvice),
        ...note('Practicality', spoc.practicalityAssessment),
        ...note('Cost estimate', spoc.costEstimate),
      ];
    case 'REQUEST_MORE_INFO':
      return [...note('Question', event.question), ...note('OCDA reference', decision.ocdaReference)];
    case 'GRANT': {
      // The decider's statutory findings, each in the words of its reasons (docs/law.md §3.7 findings).
      const findings = objectOr(decision.findings);
      return [
        ...note('Rationale', decision.rationale),
        ...note('Conduct authorised', decision.conductAuthorised),
        ...note('Conditions', decision.conditions),
        ...note('Finding: imminent threat to life (IPA s.77)', objectOr(findings.imminentThreatToLife).reasons),
        ...note('Finding: no SPOC consulted (IPA s.76(2))', objectOr(findings.spocNotConsulted).reasons),
        ...note('Exceptional circumstances override (IPA s.63)', decision.exceptionalCircumstancesOverride),
        ...note('How the sensitive profession was weighed', decision.sensitiveProfessionConsideration),
        ...note('OCDA reference', decision.ocdaReference),
      ];
    }
    case 'JC_APPROVE':
      return note('Judicial Commissioner', objectOr(event.judicialApproval).judgeName);
    case 'RECORD_WRITTEN':
      return note('Written record', event.writtenRecord);
    case 'RECORD_OUTCOME':
      return note('Outcome', event.outcome);
    case 'SUBMIT_TO_SPOC':
    case 'RESUBMIT':
    case 'ISSUE_PRODUCT':
    case 'EXPIRE':
      return [];
  }
}

/**
 * What an imported RIPA record says that a person wrote or decided: its original reference, what it was and
 * on which ground (RIPA s.22(2)–(4)), and the designated person with their considerations (s.22(1), (5); s.25(2)).
 */
function importNotes(payload: Json): HistoryNote[] {
  const ripa = objectOr(payload.ripa);
  const designated = [textOf(ripa.designatedPersonName), textOf(ripa.designatedPersonRank)].filter((part) => part !== null).join(', ');
  return [
    ...note('Original reference', ripa.originalReference),
    ...note('What was granted', isOneOf(RIPA_RECORD_KINDS, ripa.kind) ? RIPA_RECORD_KIND_LABELS[ripa.kind] : ripa.kind),
    ...note('Ground (RIPA s.22(2))', isOneOf(RIPA_PURPOSES, ripa.purpose) ? RIPA_PURPOSE_LABELS[ripa.purpose] : ripa.purpose),
    ...note('Designated person', designated),
    ...note('Necessity', ripa.necessity),
    ...note('Proportionality', ripa.proportionality),
  ];
}

/** Where in the uploaded file an imported record came from, in words. */
function importSource(payload: Json): string | null {
  const source = objectOr(payload.source);
  if (typeof source.line === 'number') return `line ${source.line} of a CSV file`;
  if (typeof source.index === 'number') return `item ${source.index} (counted from 0) of a JSON list`;
  return null;
}

/** Keys of an object whose value is given (not null, not blank). */
function givenKeys(value: unknown, prefix = ''): string[] {
  return Object.entries(objectOr(value))
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([key]) => `${prefix}${key}`)
    .sort();
}

/** The form fields an `edited` row changed (`teamMemberIds` when it changed the team). */
export function editedFields(read: ReadRow): string[] {
  if (read.row.kind !== 'edited' || read.payload === null) return [];
  const fields = Object.keys(objectOr(read.payload.changes)).sort();
  return Array.isArray(read.payload.teamMemberIds) ? [...fields, 'teamMemberIds'] : fields;
}

/** What the row changed. */
export function changesOf(read: ReadRow): HistoryChanges {
  const { row, payload, eventType } = read;
  if (payload === null) return { fields: [], notes: [] };
  if (row.kind === 'created') return { fields: givenKeys(payload.form), notes: [] };
  if (row.kind === 'edited') return { fields: editedFields(read), notes: [] };
  if (row.kind === 'imported') return { fields: givenKeys(payload.ripa, 'ripa.'), notes: importNotes(payload) };
  if (eventType === null) return { fields: [], notes: [] };
  const fields = eventType === 'SUBMIT_FOR_AUTHORISATION' ? givenKeys(payload.spoc, 'spoc.') : [];
  return { fields, notes: notesOf(eventType, payload, read.record) };
}

// ---------------------------------------------------------------------------------------------
// The view
// ---------------------------------------------------------------------------------------------

/** What happened, in words (an event this code does not know, from a later machine version, by its code). */
export function whatHappened(read: ReadRow): string {
  if (read.eventType !== null) return APPLICATION_EVENT_LABELS[read.eventType];
  if (read.row.kind === 'transition') return read.row.eventType ?? read.row.kind;
  return APPLICATION_RECORD_CHANGE_LABELS[read.row.kind];
}

/** One line: what happened, whose decision it was, and what it changed or said. */
export function summaryOf(read: ReadRow, decider: PersonRef | null, changes: HistoryChanges): string {
  const { row, payload } = read;
  const oral = read.eventType === 'GRANT' && objectOr(objectOr(payload).decision).oral === true ? ' orally' : '';
  const onBehalf = decider ? ` (the decision of ${decider.displayName ?? 'an officer not named'}, recorded by the sender)` : '';
  const parts = [`${whatHappened(read)}${oral}${onBehalf}.`];
  if (payload === null) parts.push('Its content has been removed under a retention decision.');
  else if (row.kind === 'created') parts.push(`Form started with ${fieldList(changes.fields)}.`);
  else if (row.kind === 'edited') parts.push(changes.fields.length ? `Changed ${fieldList(changes.fields)}.` : 'Nothing changed.');
  else if (row.kind === 'imported') {
    const source = importSource(payload);
    parts.push(`${source === null ? 'With' : `From ${source}, with`} ${fieldList(changes.fields)}.`);
  }
  const first = changes.notes[0];
  if (first) parts.push(`${first.label}: ${quote(first.text)}`);
  return parts.join(' ');
}

const stateLabel = (state: string): string => (isOneOf(APPLICATION_STATES, state) ? APPLICATION_STATE_LABELS[state] : state);

/** One stored row as the history endpoint answers it. */
export function toApplicationHistoryItem(row: ApplicationHistoryRow, names: DisplayNames): ApplicationHistoryItem {
  const read = readRow(row);
  const { actor, decider } = peopleOf(read, names);
  const changes = changesOf(read);
  const summary = summaryOf(read, decider, changes);
  return { ...historyViewItem(row, { eventType: read.eventType, what: whatHappened(read), actor, changes, summary, stateLabel }), decider };
}

/** `GET /applications/:id/history`: the rows in order, named and summarised. */
export function toApplicationHistory(rows: readonly ApplicationHistoryRow[], names: DisplayNames): { items: ApplicationHistoryItem[] } {
  return { items: rows.map((row) => toApplicationHistoryItem(row, names)) };
}
